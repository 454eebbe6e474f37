import { describe, expect, it } from 'vitest';
import {
  actionsFor,
  CASE_WORKFLOW,
  ERRAND_WORKFLOW,
  IllegalWorkflowTransitionError,
  mayAct,
  missingNeeds,
  stateAfter,
  type Workflow,
} from '../src/index.ts';

// A new workflow is a table: an appeal against an assessment item, as issue 13 describes it.
type S = 'submitted' | 'upheld' | 'overturned' | 'withdrawn';
type A = 'uphold' | 'overturn' | 'withdraw' | 'comment';
type R = 'worker' | 'leader';
const APPEAL: Workflow<S, A, R, 'reason' | 'note'> = {
  name: 'appeal',
  actions: ['uphold', 'overturn', 'withdraw', 'comment'],
  transitions: {
    uphold: { from: ['submitted'], to: 'upheld', by: ['leader'], needs: ['reason'] },
    overturn: { from: ['submitted'], to: 'overturned', by: ['leader'], needs: ['reason'] },
    withdraw: { from: ['submitted'], to: 'withdrawn', by: ['worker'] },
    comment: { from: ['submitted'], to: null, by: ['worker', 'leader'], needs: ['note'] },
  },
};

describe('the one workflow mechanism', () => {
  it('acts on a new workflow from its table alone', () => {
    expect(actionsFor(APPEAL, 'submitted', ['leader'])).toEqual(['uphold', 'overturn', 'comment']);
    expect(actionsFor(APPEAL, 'submitted', new Set<R>(['worker']))).toEqual(['withdraw', 'comment']);
    expect(actionsFor(APPEAL, 'upheld', ['leader', 'worker'])).toEqual([]);
    expect(mayAct(APPEAL, 'uphold', 'submitted', ['worker'])).toBe(false);
    expect(stateAfter(APPEAL, 'overturn', 'submitted')).toBe('overturned');
    expect(stateAfter(APPEAL, 'comment', 'submitted')).toBe('submitted');
    expect(() => stateAfter(APPEAL, 'withdraw', 'upheld')).toThrow(IllegalWorkflowTransitionError);
    expect(missingNeeds(APPEAL, 'uphold', { reason: '  ' })).toEqual(['reason']);
    expect(missingNeeds(APPEAL, 'uphold', { reason: '证据充分' })).toEqual([]);
  });

  it('carries the case loop and errands, branches included', () => {
    expect(stateAfter(ERRAND_WORKFLOW, 'departmentApprove', 'department_review', { delivery: 'home' })).toBe(
      'awaiting_delivery',
    );
    expect(
      stateAfter(ERRAND_WORKFLOW, 'departmentApprove', 'department_review', { delivery: 'pickup' }),
    ).toBe('completed');
    expect(stateAfter(CASE_WORKFLOW, 'accept', 'reported')).toBe('accepted');
    expect(CASE_WORKFLOW.actions.length).toBe(Object.keys(CASE_WORKFLOW.transitions).length);
    expect(ERRAND_WORKFLOW.actions.length).toBe(Object.keys(ERRAND_WORKFLOW.transitions).length);
  });
});
