import { describe, expect, it } from 'vitest';
import {
  allowedPromotionActions,
  hasLabel,
  isPromotionAction,
  ladderProblem,
  PROMOTION_ACTIONS,
  PROMOTION_STATES,
  PROMOTION_WORKFLOW,
  payOfGrade,
  ratingNeedsReason,
  stateAfter,
  TRAINING_KINDS,
} from '../src/index.ts';

describe('promotion workflow', () => {
  it('a manager approves or rejects a proposal once; nobody else acts', () => {
    expect(allowedPromotionActions('proposed', ['manager'])).toEqual(['approve', 'reject']);
    expect(allowedPromotionActions('proposed', [])).toEqual([]);
    expect(allowedPromotionActions('approved', ['manager'])).toEqual([]);
    expect(allowedPromotionActions('rejected', ['manager'])).toEqual([]);
    expect(stateAfter(PROMOTION_WORKFLOW, 'approve', 'proposed')).toBe('approved');
    expect(stateAfter(PROMOTION_WORKFLOW, 'reject', 'proposed')).toBe('rejected');
    expect(() => stateAfter(PROMOTION_WORKFLOW, 'approve', 'rejected')).toThrow();
    expect(PROMOTION_WORKFLOW.transitions.reject.needs).toEqual(['reason']);
    expect(isPromotionAction('approve')).toBe(true);
    expect(isPromotionAction('promote')).toBe(false);
  });

  it('labels every state, action and training kind', () => {
    for (const s of PROMOTION_STATES) expect(hasLabel('promotionState', s)).toBe(true);
    for (const a of PROMOTION_ACTIONS) expect(hasLabel('promotionAction', a)).toBe(true);
    for (const k of TRAINING_KINDS) expect(hasLabel('trainingKind', k)).toBe(true);
    expect(
      hasLabel('promotionBasis', 'three_excellent') && hasLabel('promotionBasis', 'three_qualified'),
    ).toBe(true);
  });
});

describe('pay ladder', () => {
  const pay = Array.from({ length: 12 }, (_, i) => 320_000 + i * 18_000);
  it('reads a grade’s pay and refuses ladders of the wrong length or falling pay', () => {
    expect(payOfGrade(pay, 1)).toBe(320_000);
    expect(payOfGrade(pay, 12)).toBe(320_000 + 11 * 18_000);
    expect(payOfGrade(pay, 0)).toBeNull();
    expect(payOfGrade(pay, 13)).toBeNull();
    expect(payOfGrade(null, 3)).toBeNull();
    expect(ladderProblem(pay)).toBeNull();
    expect(ladderProblem(pay.slice(1))).toMatch(/12/);
    const falling = [...pay];
    falling[6] = 0;
    expect(ladderProblem(falling)).toMatch(/grade 7/);
    expect(ladderProblem(Array(12).fill(300_000))).toBeNull();
  });

  it('asks for a reason only when the rating differs from a proposal', () => {
    expect(ratingNeedsReason('excellent', 'qualified')).toBe(true);
    expect(ratingNeedsReason('qualified', 'qualified')).toBe(false);
    expect(ratingNeedsReason(null, 'unqualified')).toBe(false);
  });
});
