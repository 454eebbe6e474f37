import { describe, expect, it } from 'vitest';
import {
  APPEAL_ACTIONS,
  APPEAL_STATES,
  APPEAL_WORKFLOW,
  type AppealRelation,
  allowedAppealActions,
  appealExcludesEvent,
  canActOnAppeal,
  IllegalWorkflowTransitionError,
  isAppealAction,
  label,
  missingAppealInputs,
  nextAppealState,
} from '../src/index.ts';

describe('appeal workflow', () => {
  it('the leader upholds or overturns a submitted appeal', () => {
    expect(nextAppealState('uphold', 'submitted')).toBe('upheld');
    expect(nextAppealState('overturn', 'submitted')).toBe('overturned');
    expect(allowedAppealActions('submitted', ['leader'])).toEqual(['uphold', 'overturn']);
  });

  it('the appellant cannot decide their own appeal', () => {
    expect(allowedAppealActions('submitted', ['appellant'])).toEqual([]);
    expect(canActOnAppeal('uphold', 'submitted', new Set<AppealRelation>(['appellant']))).toBe(false);
    expect(allowedAppealActions('submitted', [])).toEqual([]);
  });

  it.each(['upheld', 'overturned'] as const)(
    'a decided appeal (%s) takes no action and is never reopened',
    (state) => {
      expect(allowedAppealActions(state, ['leader', 'appellant'])).toEqual([]);
      for (const action of APPEAL_ACTIONS) {
        expect(() => nextAppealState(action, state)).toThrow(IllegalWorkflowTransitionError);
      }
    },
  );

  it('every action from every state by every relation agrees with its transition table', () => {
    for (const state of APPEAL_STATES) {
      for (const action of APPEAL_ACTIONS) {
        const t = APPEAL_WORKFLOW.transitions[action];
        for (const relation of ['appellant', 'leader'] as const) {
          expect(canActOnAppeal(action, state, [relation])).toBe(
            t.from.includes(state) && t.by.includes(relation),
          );
        }
      }
    }
    expect(APPEAL_WORKFLOW.actions.length).toBe(Object.keys(APPEAL_WORKFLOW.transitions).length);
  });

  it('overturning needs a reason the worker reads; upholding does not', () => {
    expect(missingAppealInputs('overturn', {})).toEqual(['reason']);
    expect(missingAppealInputs('overturn', { reason: '   ' })).toEqual(['reason']);
    expect(missingAppealInputs('overturn', { reason: '照片显示当日已上报' })).toEqual([]);
    expect(missingAppealInputs('uphold', {})).toEqual([]);
  });

  it('only an upheld appeal leaves its event out of the counts', () => {
    expect(APPEAL_STATES.filter(appealExcludesEvent)).toEqual(['upheld']);
  });

  it('recognises its actions and names its codes', () => {
    expect(isAppealAction('uphold')).toBe(true);
    expect(isAppealAction('reopen')).toBe(false);
    expect(isAppealAction(3)).toBe(false);
    expect(label('appealState', 'upheld', 'zh')).toBe('申诉成立');
    expect(label('appealAction', 'overturn', 'en')).toBe('Overturn');
  });
});
