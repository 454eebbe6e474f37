import { describe, expect, it } from 'vitest';
import {
  actionsFor,
  DISPUTE_ACTIONS,
  DISPUTE_STATES,
  DISPUTE_WORKFLOW,
  type DisputeRelation,
  followUpSchedule,
  followUpsComplete,
  IllegalWorkflowTransitionError,
  isDisputeCategory,
  missingNeeds,
  stateAfter,
} from '../src/index.ts';

describe('dispute mediation workflow', () => {
  it('walks registered → mediating → agreed → closed, with sessions and follow-ups as traces', () => {
    let state = stateAfter(DISPUTE_WORKFLOW, 'startMediation', 'registered');
    expect(state).toBe('mediating');
    expect(stateAfter(DISPUTE_WORKFLOW, 'recordSession', state)).toBe('mediating');
    state = stateAfter(DISPUTE_WORKFLOW, 'recordAgreement', state);
    expect(state).toBe('agreed');
    expect(stateAfter(DISPUTE_WORKFLOW, 'followUp', state)).toBe('agreed');
    expect(stateAfter(DISPUTE_WORKFLOW, 'close', state)).toBe('closed');
    expect(stateAfter(DISPUTE_WORKFLOW, 'recordFailure', 'mediating')).toBe('failed');
  });

  it('allows nothing after the end, and escalation only while the dispute is live', () => {
    for (const end of ['closed', 'failed'] as const) {
      expect(actionsFor(DISPUTE_WORKFLOW, end, ['mediator', 'supervisor'])).toEqual([]);
      expect(() => stateAfter(DISPUTE_WORKFLOW, 'flagEscalation', end)).toThrow(
        IllegalWorkflowTransitionError,
      );
    }
    for (const live of ['registered', 'mediating', 'agreed'] as const) {
      expect(actionsFor(DISPUTE_WORKFLOW, live, ['supervisor'])).toContain('flagEscalation');
    }
  });

  it('leaves sessions, agreements and follow-ups to the mediators', () => {
    const table: Record<DisputeRelation, string[]> = {
      mediator: ['recordSession', 'recordAgreement', 'recordFailure', 'flagEscalation'],
      supervisor: ['recordFailure', 'flagEscalation'],
    };
    for (const [relation, expected] of Object.entries(table)) {
      expect(actionsFor(DISPUTE_WORKFLOW, 'mediating', [relation as DisputeRelation])).toEqual(expected);
    }
    expect(actionsFor(DISPUTE_WORKFLOW, 'agreed', ['supervisor'])).toEqual(['close', 'flagEscalation']);
    expect(actionsFor(DISPUTE_WORKFLOW, 'mediating', [])).toEqual([]);
  });

  it('needs a note for what was said and agreed, a reason for a failure or an escalation', () => {
    expect(missingNeeds(DISPUTE_WORKFLOW, 'recordAgreement', {})).toEqual(['note']);
    expect(missingNeeds(DISPUTE_WORKFLOW, 'recordSession', { note: '  ' })).toEqual(['note']);
    expect(missingNeeds(DISPUTE_WORKFLOW, 'recordFailure', { note: 'x' })).toEqual(['reason']);
    expect(missingNeeds(DISPUTE_WORKFLOW, 'flagEscalation', { reason: '扬言动手' })).toEqual([]);
    expect(missingNeeds(DISPUTE_WORKFLOW, 'startMediation', {})).toEqual([]);
  });

  it('every action leads from some state, every state but the ends has an action', () => {
    for (const action of DISPUTE_ACTIONS)
      expect(DISPUTE_WORKFLOW.transitions[action].from.length).toBeGreaterThan(0);
    const live = DISPUTE_STATES.filter(
      (s) => actionsFor(DISPUTE_WORKFLOW, s, ['mediator', 'supervisor']).length,
    );
    expect(live).toEqual(['registered', 'mediating', 'agreed']);
  });
});

describe('follow-up visits', () => {
  it('falls a week, a month and a quarter after the agreement, across month and year ends', () => {
    expect(followUpSchedule('2026-12-28', 1)).toEqual([
      { dueDate: '2027-01-04', done: true },
      { dueDate: '2027-01-27', done: false },
      { dueDate: '2027-03-28', done: false },
    ]);
    expect(followUpSchedule('2028-02-22', 0, [7])).toEqual([{ dueDate: '2028-02-29', done: false }]);
  });

  it('completes when every planned visit is done', () => {
    expect(followUpsComplete(2)).toBe(false);
    expect(followUpsComplete(3)).toBe(true);
    expect(followUpsComplete(0, [])).toBe(true);
  });
});

describe('dispute categories', () => {
  it('are the 矛盾纠纷 leaves', () => {
    expect(isDisputeCategory('SG01-02')).toBe(true);
    expect(isDisputeCategory('SG01')).toBe(false);
    expect(isDisputeCategory('SG02-01')).toBe(false);
  });
});
