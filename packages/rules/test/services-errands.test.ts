import { describe, expect, it } from 'vitest';
import {
  allowedErrandActions,
  canPerformErrand,
  ERRAND_ACTION_LABELS,
  ERRAND_ACTIONS,
  ERRAND_RELATIONS,
  ERRAND_STATE_LABELS,
  ERRAND_STATES,
  ERRAND_TRANSITIONS,
  type ErrandAction,
  type ErrandRelation,
  type ErrandState,
  elapsedDays,
  IllegalErrandTransitionError,
  isErrandAction,
  isErrandState,
  missingDocuments,
  missingErrandInputs,
  nextErrandState,
  OPEN_ERRAND_STATES,
} from '../src/index.ts';

// The errand flow written out by hand, independently of ERRAND_TRANSITIONS: action, from states,
// relations, resulting state ('=' unchanged), needs.
const RULES: [ErrandAction, string, string, string, string][] = [
  ['attachDocument', 'draft returned', 'worker', '=', ''],
  ['submit', 'draft returned', 'worker', 'leader_review', ''],
  ['leaderApprove', 'leader_review', 'leader', 'department_review', ''],
  ['leaderReturn', 'leader_review', 'leader', 'returned', 'reason'],
  ['departmentApprove', 'department_review', 'department', 'completed', ''],
  ['departmentReturn', 'department_review', 'department', 'returned', 'reason'],
  ['deliver', 'awaiting_delivery', 'worker', 'completed', 'note'],
  ['cancel', 'draft returned', 'worker', 'cancelled', 'reason'],
];

const words = (s: string) => s.split(' ').filter(Boolean);

describe('errand state machine', () => {
  it('the hand-written rules cover every action exactly once', () => {
    expect(RULES.map((r) => r[0]).sort()).toEqual([...ERRAND_ACTIONS].sort());
  });

  for (const [action, from, by, to, needs] of RULES) {
    describe(action, () => {
      for (const state of ERRAND_STATES) {
        for (const relation of ERRAND_RELATIONS) {
          const allowed = words(from).includes(state) && words(by).includes(relation);
          it(`${state} × ${relation}: ${allowed ? 'allowed' : 'refused'}`, () => {
            expect(canPerformErrand(action, state, [relation])).toBe(allowed);
            expect(canPerformErrand(action, state, new Set([relation]))).toBe(allowed);
          });
        }
        it(`next state from ${state}`, () => {
          if (words(from).includes(state)) {
            expect(nextErrandState(action, state)).toBe(to === '=' ? state : to);
          } else {
            expect(() => nextErrandState(action, state)).toThrow(IllegalErrandTransitionError);
          }
        });
      }
      it(`needs ${needs || 'nothing'}`, () => {
        expect([...(ERRAND_TRANSITIONS[action].needs ?? [])]).toEqual(words(needs));
        expect(missingErrandInputs(action, {})).toEqual(words(needs));
        expect(missingErrandInputs(action, { reason: '  ', note: ' ' })).toEqual(words(needs));
        expect(missingErrandInputs(action, { reason: '照片不清晰', note: '本人签收' })).toEqual([]);
      });
    });
  }

  it('nobody acts on finished errands', () => {
    for (const state of ['completed', 'cancelled'] as ErrandState[]) {
      expect(allowedErrandActions(state, ERRAND_RELATIONS)).toEqual([]);
    }
  });

  it('no relations, no actions', () => {
    for (const state of ERRAND_STATES) expect(allowedErrandActions(state, [])).toEqual([]);
  });

  it('lists actions in a stable order', () => {
    expect(allowedErrandActions('draft', ['worker'])).toEqual(['attachDocument', 'submit', 'cancel']);
    expect(allowedErrandActions('leader_review', ['leader', 'worker'])).toEqual([
      'leaderApprove',
      'leaderReturn',
    ]);
    expect(allowedErrandActions('department_review', new Set<ErrandRelation>(['department']))).toEqual([
      'departmentApprove',
      'departmentReturn',
    ]);
  });

  it('every completed errand went through both reviews: completed is reachable only from department_review', () => {
    const into = ERRAND_ACTIONS.filter((a) => ERRAND_TRANSITIONS[a].to === 'completed');
    expect(into).toEqual(['departmentApprove', 'deliver']);
    expect(ERRAND_TRANSITIONS.deliver.from).toEqual(['awaiting_delivery']);
    const intoDelivery = ERRAND_ACTIONS.filter((a) =>
      ERRAND_TRANSITIONS[a].branches?.some((b) => b.to === 'awaiting_delivery'),
    );
    expect(intoDelivery).toEqual(['departmentApprove']);
    const intoDepartment = ERRAND_ACTIONS.filter((a) => ERRAND_TRANSITIONS[a].to === 'department_review');
    expect(intoDepartment).toEqual(['leaderApprove']);
    // A return always goes back to the worker, whose resubmission goes to the leader again.
    expect(ERRAND_TRANSITIONS.submit.to).toBe('leader_review');
  });

  it('a card to be brought home waits for the worker delivering it; one picked up is done at approval', () => {
    expect(nextErrandState('departmentApprove', 'department_review', { delivery: 'home' })).toBe(
      'awaiting_delivery',
    );
    expect(nextErrandState('departmentApprove', 'department_review', { delivery: 'pickup' })).toBe(
      'completed',
    );
    expect(nextErrandState('departmentApprove', 'department_review', {})).toBe('completed');
    expect(nextErrandState('deliver', 'awaiting_delivery', { delivery: 'home' })).toBe('completed');
    expect(allowedErrandActions('awaiting_delivery', ERRAND_RELATIONS)).toEqual(['deliver']);
    expect(OPEN_ERRAND_STATES).toContain('awaiting_delivery');
  });

  it('labels every state and action in both languages', () => {
    for (const s of ERRAND_STATES)
      expect(ERRAND_STATE_LABELS[s].zh && ERRAND_STATE_LABELS[s].en).toBeTruthy();
    for (const a of ERRAND_ACTIONS)
      expect(ERRAND_ACTION_LABELS[a].zh && ERRAND_ACTION_LABELS[a].en).toBeTruthy();
  });

  it('guards', () => {
    expect(isErrandState('draft')).toBe(true);
    expect(isErrandState('filed')).toBe(false);
    expect(isErrandAction('submit')).toBe(true);
    expect(isErrandAction('close')).toBe(false);
    expect(OPEN_ERRAND_STATES).not.toContain('completed');
    expect(OPEN_ERRAND_STATES).not.toContain('cancelled');
  });
});

describe('missingDocuments', () => {
  const required = [
    { key: 'id_copy', labelZh: '身份证复印件', labelEn: 'ID card copy' },
    { key: 'photo', labelZh: '近期免冠照片', labelEn: 'Recent photo' },
  ];
  it('lists the missing ones in spec order', () => {
    expect(missingDocuments(required, []).map((d) => d.key)).toEqual(['id_copy', 'photo']);
    expect(missingDocuments(required, ['photo']).map((d) => d.key)).toEqual(['id_copy']);
    expect(missingDocuments(required, ['photo', 'id_copy', 'extra'])).toEqual([]);
  });
});

describe('elapsedDays', () => {
  it('counts days to one decimal', () => {
    const start = new Date('2026-03-02T09:00:00+08:00');
    expect(elapsedDays(start, new Date('2026-03-07T09:00:00+08:00'))).toBe(5);
    expect(elapsedDays(start, new Date('2026-03-02T21:00:00+08:00'))).toBe(0.5);
    expect(elapsedDays(start, start)).toBe(0);
  });
});
