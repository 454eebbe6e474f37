import { describe, expect, it } from 'vitest';
import {
  ADJUSTMENT_ACTIONS,
  ADJUSTMENT_STATES,
  ADJUSTMENT_WORKFLOW,
  type AdjustmentRelation,
  adjustedComposite,
  adjustmentRelations,
  allowedAdjustmentActions,
  canActOnAdjustment,
  IllegalWorkflowTransitionError,
  isAdjustmentAction,
  isValidAdjustmentDelta,
  missingAdjustmentInputs,
  nextAdjustmentState,
} from '../src/index.ts';

describe('adjustment workflow', () => {
  it('a manager approves or rejects a proposed adjustment', () => {
    expect(nextAdjustmentState('approve', 'proposed')).toBe('approved');
    expect(nextAdjustmentState('reject', 'proposed')).toBe('rejected');
    expect(allowedAdjustmentActions('proposed', ['manager'])).toEqual(['approve', 'reject']);
  });

  it('the proposer alone cannot decide their own adjustment', () => {
    expect(allowedAdjustmentActions('proposed', ['proposer'])).toEqual([]);
    expect(canActOnAdjustment('approve', 'proposed', ['proposer'])).toBe(false);
    expect(allowedAdjustmentActions('proposed', [])).toEqual([]);
  });

  it.each(['approved', 'rejected'] as const)('a decided adjustment (%s) is never reopened', (state) => {
    expect(allowedAdjustmentActions(state, ['manager', 'proposer'])).toEqual([]);
    for (const action of ADJUSTMENT_ACTIONS) {
      expect(() => nextAdjustmentState(action, state)).toThrow(IllegalWorkflowTransitionError);
    }
  });

  it('every action from every state by every relation agrees with its transition table', () => {
    const relationSets: AdjustmentRelation[][] = [[], ['manager'], ['proposer'], ['manager', 'proposer']];
    for (const state of ADJUSTMENT_STATES) {
      for (const action of ADJUSTMENT_ACTIONS) {
        for (const rel of relationSets) {
          const t = ADJUSTMENT_WORKFLOW.transitions[action];
          const expected = t.from.includes(state) && rel.some((r) => t.by.includes(r));
          expect(canActOnAdjustment(action, state, rel)).toBe(expected);
        }
      }
    }
  });

  it('rejecting needs a reason, approving does not', () => {
    expect(missingAdjustmentInputs('reject', {})).toEqual(['reason']);
    expect(missingAdjustmentInputs('reject', { reason: '  ' })).toEqual(['reason']);
    expect(missingAdjustmentInputs('reject', { reason: '证据不足' })).toEqual([]);
    expect(missingAdjustmentInputs('approve', {})).toEqual([]);
  });

  it('knows its actions', () => {
    expect(isAdjustmentAction('approve')).toBe(true);
    expect(isAdjustmentAction('reject')).toBe(true);
    expect(isAdjustmentAction('uphold')).toBe(false);
    expect(isAdjustmentAction(1)).toBe(false);
  });
});

describe('adjustmentRelations (four eyes)', () => {
  it('a manager who did not propose it decides', () => {
    expect(adjustmentRelations({ mayManage: true, isProposer: false })).toEqual(['manager']);
  });
  it('the proposer is only the proposer even with the manage permission', () => {
    expect(adjustmentRelations({ mayManage: true, isProposer: true })).toEqual(['proposer']);
  });
  it('without the permission, no relation', () => {
    expect(adjustmentRelations({ mayManage: false, isProposer: false })).toEqual([]);
  });
});

describe('isValidAdjustmentDelta', () => {
  it.each([
    [1, true],
    [-2.5, true],
    [100, true],
    [-100, true],
    [0.01, true],
    [0, false],
    [100.5, false],
    [-101, false],
    [0.001, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])('%s → %s', (delta, ok) => {
    expect(isValidAdjustmentDelta(delta)).toBe(ok);
  });
});

describe('adjustedComposite', () => {
  it('adds only approved deltas', () => {
    expect(
      adjustedComposite(80, [
        { state: 'approved', delta: 5 },
        { state: 'proposed', delta: 10 },
        { state: 'rejected', delta: -30 },
        { state: 'approved', delta: -1.25 },
      ]),
    ).toBe(83.75);
  });
  it('stays within 0..100', () => {
    expect(adjustedComposite(98, [{ state: 'approved', delta: 5 }])).toBe(100);
    expect(adjustedComposite(3, [{ state: 'approved', delta: -5 }])).toBe(0);
  });
  it('no composite stays null; no adjustments keep it', () => {
    expect(adjustedComposite(null, [{ state: 'approved', delta: 5 }])).toBeNull();
    expect(adjustedComposite(71.2, [])).toBe(71.2);
  });
});
