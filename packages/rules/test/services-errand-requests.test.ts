import { describe, expect, it } from 'vitest';
import {
  actionsFor,
  ERRAND_REQUEST_ACTIONS,
  ERRAND_REQUEST_STATES,
  ERRAND_REQUEST_WORKFLOW,
  type ErrandRequestAction,
  type ErrandRequestRelation,
  type ErrandRequestState,
  label,
  mayAct,
  missingNeeds,
  stateAfter,
} from '../src/index.ts';

// The request flow written out by hand: who may do what from which state, and where it leads.
const EXPECTED: Record<
  ErrandRequestAction,
  { from: ErrandRequestState; by: ErrandRequestRelation; to: ErrandRequestState; needs: string[] }
> = {
  take: { from: 'requested', by: 'grid_team', to: 'taken', needs: ['personId'] },
  decline: { from: 'requested', by: 'grid_team', to: 'declined', needs: ['reason'] },
  withdraw: { from: 'requested', by: 'requester', to: 'withdrawn', needs: [] },
};
const RELATIONS: ErrandRequestRelation[] = ['requester', 'grid_team'];

describe('errand requests', () => {
  it('allow each action only from its state and to its relation', () => {
    for (const action of ERRAND_REQUEST_ACTIONS) {
      for (const state of ERRAND_REQUEST_STATES) {
        for (const relation of RELATIONS) {
          const expected = EXPECTED[action].from === state && EXPECTED[action].by === relation;
          expect(
            mayAct(ERRAND_REQUEST_WORKFLOW, action, state, [relation]),
            `${action} ${state} ${relation}`,
          ).toBe(expected);
        }
      }
    }
  });

  it('lead where the table says and need its inputs', () => {
    for (const action of ERRAND_REQUEST_ACTIONS) {
      expect(stateAfter(ERRAND_REQUEST_WORKFLOW, action, 'requested')).toBe(EXPECTED[action].to);
      expect(missingNeeds(ERRAND_REQUEST_WORKFLOW, action, {})).toEqual(EXPECTED[action].needs);
    }
    expect(() => stateAfter(ERRAND_REQUEST_WORKFLOW, 'take', 'declined')).toThrow(/not allowed/);
  });

  it('end: nothing more is offered once taken, declined or withdrawn', () => {
    for (const state of ['taken', 'declined', 'withdrawn'] as const) {
      expect(actionsFor(ERRAND_REQUEST_WORKFLOW, state, RELATIONS)).toEqual([]);
    }
    expect(actionsFor(ERRAND_REQUEST_WORKFLOW, 'requested', ['grid_team'])).toEqual(['take', 'decline']);
  });

  it('have labels in both languages', () => {
    for (const state of ERRAND_REQUEST_STATES) {
      expect(label('errandRequestState', state, 'zh')).not.toBe(state);
      expect(label('errandRequestState', state, 'en')).not.toBe(state);
    }
    for (const action of ERRAND_REQUEST_ACTIONS)
      expect(label('errandRequestAction', action, 'zh')).not.toBe(action);
  });
});
