import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  CASE_ACTION_LABELS,
  CASE_ACTIONS,
  CASE_RELATIONS,
  CASE_STATE_LABELS,
  CASE_STATES,
  CASE_TRANSITIONS,
  type CaseAction,
  type CaseState,
  canPerform,
  IllegalTransitionError,
  INITIAL_STATE,
  isCaseAction,
  isCaseState,
  isOpenState,
  isRating,
  missingInputs,
  nextState,
  OPEN_STATES,
  RELATION_LABELS,
  REOPEN_DAYS_DEFAULT,
  type Relation,
  reopenWindowOpen,
} from '../src/index.ts';

// The rules written out by hand, independently of CASE_TRANSITIONS: action, the states it may be
// taken in, the relations that may take it, the resulting state ('=' for unchanged), the inputs it
// needs. A typo in either this list or the table fails the matrix below.
const RULES: [CaseAction, string, string, string, string][] = [
  ['accept', 'reported', 'dispatcher', 'accepted', ''],
  ['requestConfirm', 'reported accepted', 'dispatcher', 'confirming', ''],
  ['confirm', 'confirming', 'verifier', 'accepted', 'note'],
  ['file', 'accepted', 'dispatcher', 'filed', ''],
  ['requestVoid', 'reported accepted confirming', 'dispatcher', 'void_pending', 'reason'],
  ['approveVoid', 'void_pending', 'approver', 'voided', ''],
  ['rejectVoid', 'void_pending', 'approver', 'accepted', 'reason'],
  ['dispatch', 'filed', 'dispatcher', 'dispatched', 'target'],
  ['whistle', 'filed', 'dispatcher', 'dispatched', 'targets'],
  ['acknowledge', 'dispatched in_progress', 'receiver', '=', ''],
  ['acceptTask', 'dispatched rework', 'receiver', 'in_progress', ''],
  ['handle', 'in_progress', 'receiver', 'handled', 'note'],
  ['verifyPass', 'handled', 'verifier', 'verified', 'note'],
  ['verifyFail', 'handled', 'verifier', 'rework', 'reason'],
  ['close', 'verified', 'dispatcher', 'closed', ''],
  ['evaluate', 'closed', 'dispatcher supervisor', 'evaluated', 'rating'],
  ['archive', 'evaluated', 'dispatcher', 'archived', ''],
  ['returnToDispatcher', 'dispatched in_progress', 'receiver', 'filed', 'reason'],
  ['requestExtension', 'in_progress', 'receiver', '=', 'reason extension'],
  ['approveExtension', 'in_progress', 'approver dispatcher', '=', ''],
  ['rejectExtension', 'in_progress', 'approver dispatcher', '=', ''],
  ['suspend', 'in_progress', 'dispatcher receiver', 'suspended', 'reason'],
  ['resume', 'suspended', 'dispatcher receiver', 'in_progress', ''],
  ['escalate', 'filed dispatched in_progress rework', 'dispatcher receiver', 'filed', 'reason'],
  ['assignDown', 'filed', 'dispatcher', 'filed', 'target'],
  ['auditSelfHandled', 'self_handled', 'auditor', 'closed', ''],
  ['rejectSelfHandled', 'self_handled', 'auditor', 'filed', 'reason'],
  [
    'supervise',
    'confirming accepted void_pending filed dispatched in_progress suspended handled rework verified self_handled',
    'supervisor',
    '=',
    'note',
  ],
  [
    'instruct',
    'reported confirming accepted void_pending filed dispatched in_progress suspended handled rework verified self_handled',
    'supervisor',
    '=',
    'note',
  ],
  ['returnVisit', 'closed evaluated archived', 'dispatcher', '=', 'note'],
  ['reopen', 'closed evaluated archived', 'reporter', 'filed', 'reason photos'],
];

const words = (text: string) => (text === '' ? [] : text.split(' '));
const ALLOWED = new Set<string>();
for (const [action, states, relations] of RULES) {
  for (const state of words(states))
    for (const relation of words(relations)) ALLOWED.add(`${action} ${state} ${relation}`);
}
const RULE_OF = new Map(RULES.map((rule) => [rule[0], rule]));

describe('states', () => {
  it('lists the sixteen states with labels', () => {
    expect(CASE_STATES).toHaveLength(16);
    expect(new Set(CASE_STATES).size).toBe(16);
    expect(Object.keys(CASE_STATE_LABELS).sort()).toEqual([...CASE_STATES].sort());
    expect(CASE_STATE_LABELS.reported).toEqual({ zh: '已上报', en: 'Reported' });
    const zh = Object.fromEntries(CASE_STATES.map((state) => [state, CASE_STATE_LABELS[state].zh]));
    expect(zh).toEqual({
      reported: '已上报',
      confirming: '待核实',
      accepted: '已受理',
      void_pending: '作废待审批',
      voided: '已作废',
      filed: '已立案',
      dispatched: '已派遣',
      in_progress: '处置中',
      suspended: '已挂账',
      handled: '已处置待核查',
      rework: '返工',
      verified: '已核查',
      closed: '已结案',
      evaluated: '已评价',
      archived: '已归档',
      self_handled: '自处理待审核',
    });
    for (const state of CASE_STATES) expect(CASE_STATE_LABELS[state].en).not.toBe('');
  });

  it('open states are all but voided, closed, evaluated and archived', () => {
    expect([...OPEN_STATES].sort()).toEqual(
      [
        'reported',
        'confirming',
        'accepted',
        'void_pending',
        'filed',
        'dispatched',
        'in_progress',
        'suspended',
        'handled',
        'rework',
        'verified',
        'self_handled',
      ].sort(),
    );
    for (const state of CASE_STATES) expect(isOpenState(state)).toBe(OPEN_STATES.includes(state));
    expect(isOpenState('closed')).toBe(false);
  });

  it('guards state and action names', () => {
    expect(isCaseState('filed')).toBe(true);
    expect(isCaseState('draft')).toBe(false);
    expect(isCaseState(3)).toBe(false);
    expect(isCaseAction('whistle')).toBe(true);
    expect(isCaseAction('Whistle')).toBe(false);
    expect(isCaseAction(null)).toBe(false);
  });

  it('a new case starts reported, a self-handled one waits for audit', () => {
    expect(INITIAL_STATE(false)).toBe('reported');
    expect(INITIAL_STATE(true)).toBe('self_handled');
  });
});

describe('the transition table', () => {
  it('has exactly the actions of the hand-written rules, in the documented order', () => {
    expect([...CASE_ACTIONS]).toEqual([
      'accept',
      'requestConfirm',
      'confirm',
      'file',
      'requestVoid',
      'approveVoid',
      'rejectVoid',
      'dispatch',
      'whistle',
      'acknowledge',
      'acceptTask',
      'handle',
      'verifyPass',
      'verifyFail',
      'close',
      'evaluate',
      'archive',
      'returnToDispatcher',
      'requestExtension',
      'approveExtension',
      'rejectExtension',
      'suspend',
      'resume',
      'escalate',
      'assignDown',
      'auditSelfHandled',
      'rejectSelfHandled',
      'supervise',
      'instruct',
      'returnVisit',
      'reopen',
    ]);
    expect(Object.keys(CASE_TRANSITIONS).sort()).toEqual([...CASE_ACTIONS].sort());
    expect([...RULE_OF.keys()].sort()).toEqual([...CASE_ACTIONS].sort());
  });

  it('canPerform matches the hand-written rules for every action × state × relation', () => {
    let allowed = 0;
    for (const action of CASE_ACTIONS) {
      for (const state of CASE_STATES) {
        for (const relation of CASE_RELATIONS) {
          const expected = ALLOWED.has(`${action} ${state} ${relation}`);
          if (canPerform(action, state, [relation]) !== expected) {
            throw new Error(`canPerform(${action}, ${state}, [${relation}]) should be ${expected}`);
          }
          expect(canPerform(action, state, new Set([relation]))).toBe(expected);
          if (expected) allowed++;
        }
      }
    }
    expect(allowed).toBe(ALLOWED.size);
    expect(CASE_ACTIONS.length * CASE_STATES.length * CASE_RELATIONS.length).toBe(31 * 16 * 7);
  });

  it('needs only one of several relations, and nothing is allowed without a relation', () => {
    for (const action of CASE_ACTIONS) {
      for (const state of CASE_STATES) {
        const any = CASE_RELATIONS.some((relation) => ALLOWED.has(`${action} ${state} ${relation}`));
        expect(canPerform(action, state, CASE_RELATIONS)).toBe(any);
        expect(canPerform(action, state, new Set(CASE_RELATIONS))).toBe(any);
        expect(canPerform(action, state, [])).toBe(false);
        expect(canPerform(action, state, new Set())).toBe(false);
      }
    }
  });

  it('a reporter as such may only reopen a finished case', () => {
    for (const state of CASE_STATES) {
      const finished = state === 'closed' || state === 'evaluated' || state === 'archived';
      expect(allowedActions(state, ['reporter'])).toEqual(finished ? ['reopen'] : []);
    }
  });

  it('allowedActions lists exactly the allowed actions in CASE_ACTIONS order', () => {
    const combos: Relation[][] = [
      [],
      ...CASE_RELATIONS.map((relation) => [relation]),
      ['dispatcher', 'receiver'],
      ['approver', 'dispatcher'],
      ['verifier', 'supervisor'],
      [...CASE_RELATIONS],
    ];
    for (const state of CASE_STATES) {
      for (const relations of combos) {
        const expected = CASE_ACTIONS.filter((action) =>
          relations.some((relation) => ALLOWED.has(`${action} ${state} ${relation}`)),
        );
        expect(allowedActions(state, relations)).toEqual(expected);
        expect(allowedActions(state, new Set(relations))).toEqual(expected);
      }
    }
    expect(allowedActions('in_progress', ['receiver'])).toEqual([
      'acknowledge',
      'handle',
      'returnToDispatcher',
      'requestExtension',
      'suspend',
      'escalate',
    ]);
    expect(allowedActions('filed', ['dispatcher'])).toEqual([
      'dispatch',
      'whistle',
      'escalate',
      'assignDown',
    ]);
  });

  it('nextState follows the rules and throws on every illegal transition', () => {
    for (const action of CASE_ACTIONS) {
      const [, states, , to] = RULE_OF.get(action)!;
      const from = words(states);
      for (const state of CASE_STATES) {
        if (from.includes(state)) {
          expect(nextState(action, state)).toBe(to === '=' ? state : to);
        } else {
          let error: unknown;
          try {
            nextState(action, state);
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(IllegalTransitionError);
          expect(error).toBeInstanceOf(Error);
          expect(error).toMatchObject({
            action,
            state,
            code: 'illegal_transition',
            name: 'IllegalTransitionError',
          });
        }
      }
    }
  });

  it('records unchanged-state actions as to: null', () => {
    for (const [action, , , to] of RULES) {
      expect(CASE_TRANSITIONS[action].to).toBe(to === '=' ? null : to);
    }
  });

  it("the terminal states offer only the return visit and the reporter's reopen, and voided nothing at all", () => {
    for (const relation of CASE_RELATIONS) {
      expect(allowedActions('voided', [relation])).toEqual([]);
    }
    expect(allowedActions('archived', CASE_RELATIONS)).toEqual(['returnVisit', 'reopen']);
    expect(allowedActions('archived', ['dispatcher'])).toEqual(['returnVisit']);
    expect(allowedActions('evaluated', CASE_RELATIONS)).toEqual(['archive', 'returnVisit', 'reopen']);
  });

  it('reopenWindowOpen: up to the last millisecond of the window after closing, never without a close', () => {
    const closed = new Date('2026-12-01T10:00:00Z');
    const day = 86_400_000;
    expect(reopenWindowOpen(closed, new Date(closed.getTime() + 7 * day), 7)).toBe(true);
    expect(reopenWindowOpen(closed, new Date(closed.getTime() + 7 * day + 1), 7)).toBe(false);
    expect(reopenWindowOpen(closed, closed, 0)).toBe(true);
    expect(reopenWindowOpen(null, closed, 7)).toBe(false);
    expect(REOPEN_DAYS_DEFAULT).toBe(7);
  });

  it("every state except voided leads somewhere else (archived by the reporter's reopen); every state is reachable", () => {
    const reachable = new Set<CaseState>([INITIAL_STATE(false), INITIAL_STATE(true)]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const action of CASE_ACTIONS) {
        for (const state of [...reachable]) {
          if (!CASE_TRANSITIONS[action].from.includes(state)) continue;
          const next = nextState(action, state);
          if (!reachable.has(next)) {
            reachable.add(next);
            grew = true;
          }
        }
      }
    }
    expect([...reachable].sort()).toEqual([...CASE_STATES].sort());
    for (const state of CASE_STATES) {
      const leaves = CASE_ACTIONS.some(
        (action) => CASE_TRANSITIONS[action].from.includes(state) && nextState(action, state) !== state,
      );
      expect(leaves).toBe(state !== 'voided');
    }
  });
});

describe('missingInputs', () => {
  const FULL = {
    reason: '占道经营',
    note: '已清理',
    photos: ['a.jpg'],
    target: { unitId: 'u1' },
    targets: [{ departmentId: 'd1', lead: true }],
    rating: 5,
    extension: { amount: 2, unit: 'days' },
  };

  it('needs what the rules say, in order, and nothing when all is given', () => {
    for (const [action, , , , needs] of RULES) {
      expect(CASE_TRANSITIONS[action].needs ?? []).toEqual(words(needs));
      expect(missingInputs(action, {})).toEqual(words(needs));
      expect(missingInputs(action, FULL)).toEqual([]);
    }
  });

  it("photos are required only by the reporter's reopen", () => {
    for (const action of CASE_ACTIONS) {
      expect(missingInputs(action, {}).includes('photos')).toBe(action === 'reopen');
    }
  });

  it('treats empty values as missing', () => {
    expect(missingInputs('requestVoid', { reason: '' })).toEqual(['reason']);
    expect(missingInputs('requestVoid', { reason: '   \n' })).toEqual(['reason']);
    expect(missingInputs('requestVoid', { reason: null })).toEqual(['reason']);
    expect(missingInputs('requestVoid', { reason: ' 重复 ' })).toEqual([]);
    expect(missingInputs('handle', { note: '' })).toEqual(['note']);
    expect(missingInputs('handle', { note: '已处理', photos: [] })).toEqual([]);
    expect(missingInputs('whistle', { targets: [] })).toEqual(['targets']);
    expect(missingInputs('whistle', { targets: null })).toEqual(['targets']);
    expect(missingInputs('whistle', { targets: ['d1', 'd2'] })).toEqual([]);
    expect(missingInputs('dispatch', { target: '' })).toEqual(['target']);
    expect(missingInputs('dispatch', { target: null })).toEqual(['target']);
    expect(missingInputs('dispatch', { target: 'u1' })).toEqual([]);
    expect(missingInputs('dispatch', { target: 17 })).toEqual([]);
    expect(missingInputs('evaluate', { rating: Number.NaN })).toEqual(['rating']);
    expect(missingInputs('evaluate', { rating: null })).toEqual(['rating']);
    expect(missingInputs('evaluate', { rating: 3 })).toEqual([]);
    expect(missingInputs('requestExtension', { reason: '材料未到' })).toEqual(['extension']);
    expect(missingInputs('requestExtension', { extension: 0 })).toEqual(['reason', 'extension']);
    expect(missingInputs('requestExtension', { extension: -3_600_000, reason: 'x' })).toEqual(['extension']);
    expect(missingInputs('requestExtension', { extension: 3_600_000, reason: 'x' })).toEqual([]);
    expect(
      missingInputs('requestExtension', { extension: { amount: 1, unit: 'days' }, reason: 'x' }),
    ).toEqual([]);
    // Wrongly typed values count as absent.
    expect(missingInputs('confirm', { note: 5 as unknown as string })).toEqual(['note']);
    expect(missingInputs('whistle', { targets: 'd1' as unknown as string[] })).toEqual(['targets']);
  });

  it('isRating accepts whole numbers 1–5', () => {
    for (const value of [1, 2, 3, 4, 5]) expect(isRating(value)).toBe(true);
    for (const value of [0, 6, 2.5, -1, Number.NaN, '3', null]) expect(isRating(value)).toBe(false);
  });
});

describe('labels', () => {
  it('has a Chinese and an English label for every action and relation', () => {
    const zh = CASE_ACTIONS.map((action) => CASE_ACTION_LABELS[action].zh);
    expect(zh).toEqual(
      '受理 要求核实 核实确认 立案 申请作废 批准作废 驳回作废 派遣 吹哨 报到 签收 处置反馈 核查通过 核查不通过 结案 评价 归档 回退 申请延期 批准延期 驳回延期 挂账 恢复 上报 交办 审核通过 审核退回 督办 领导批示 回访 重新打开'.split(
        ' ',
      ),
    );
    for (const action of CASE_ACTIONS) expect(CASE_ACTION_LABELS[action].en).toMatch(/^[A-Z]/);
    for (const relation of CASE_RELATIONS) expect(RELATION_LABELS[relation].zh).not.toBe('');
    expect(Object.keys(CASE_ACTION_LABELS)).toHaveLength(CASE_ACTIONS.length);
  });
});
