import {
  actionsFor,
  mayAct,
  missingNeeds,
  stateAfter,
  type Workflow,
  type WorkflowTransition,
} from '../workflow.ts';
// The case closed loop as data: which action moves a case from which states to which state, who
// (by their relation to the case) may take it, and which inputs it needs. The server computes the
// caller's relations from permission × scope and asks this table; the web shows the buttons the
// server lists and never re-implements these rules. docs/case-loop.md shows the same table.

import { type CaseState, OPEN_STATES } from './states.ts';

export const CASE_ACTIONS = [
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
] as const;

export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * What the caller is to one case, computed by the server from permission × scope:
 * - dispatcher: may dispatch for the unit that currently owns the case;
 * - receiver: belongs to the unit or department the case is dispatched to;
 * - verifier: grid worker of the case's grid;
 * - approver: may approve voids and extensions at the owner's level;
 * - reporter: reported the case;
 * - auditor: may audit self-handled cases of the case's grid;
 * - supervisor: leader or command centre above the owner.
 */
export type Relation =
  | 'dispatcher'
  | 'receiver'
  | 'verifier'
  | 'approver'
  | 'reporter'
  | 'auditor'
  | 'supervisor';

export const CASE_RELATIONS: readonly Relation[] = [
  'dispatcher',
  'receiver',
  'verifier',
  'approver',
  'reporter',
  'auditor',
  'supervisor',
];

export const RELATION_LABELS: Readonly<Record<Relation, { zh: string; en: string }>> = {
  dispatcher: { zh: '调度员', en: 'Dispatcher' },
  receiver: { zh: '承办方', en: 'Receiver' },
  verifier: { zh: '核查人', en: 'Verifier' },
  approver: { zh: '审批人', en: 'Approver' },
  reporter: { zh: '上报人', en: 'Reporter' },
  auditor: { zh: '审核人', en: 'Auditor' },
  supervisor: { zh: '督办人', en: 'Supervisor' },
};

/** Inputs an action may require; see missingInputs() for what counts as present. */
export type CaseActionNeed = 'reason' | 'note' | 'photos' | 'target' | 'targets' | 'rating' | 'extension';

export type CaseTransition = WorkflowTransition<CaseState, Relation, CaseActionNeed>;

const SUPERVISABLE: readonly CaseState[] = OPEN_STATES.filter((state) => state !== 'reported');

export const CASE_TRANSITIONS: Readonly<Record<CaseAction, CaseTransition>> = {
  // Intake: accept, optionally have the grid worker confirm on site (核实), file (立案) or void (作废).
  accept: { from: ['reported'], to: 'accepted', by: ['dispatcher'] },
  requestConfirm: { from: ['reported', 'accepted'], to: 'confirming', by: ['dispatcher'] },
  confirm: { from: ['confirming'], to: 'accepted', by: ['verifier'], needs: ['note'] },
  file: { from: ['accepted'], to: 'filed', by: ['dispatcher'] },
  requestVoid: {
    from: ['reported', 'accepted', 'confirming'],
    to: 'void_pending',
    by: ['dispatcher'],
    needs: ['reason'],
  },
  approveVoid: { from: ['void_pending'], to: 'voided', by: ['approver'] },
  rejectVoid: { from: ['void_pending'], to: 'accepted', by: ['approver'], needs: ['reason'] },

  // Dispatch (派遣) to one unit or department, or whistle (吹哨) to departments that report for duty (报到).
  dispatch: { from: ['filed'], to: 'dispatched', by: ['dispatcher'], needs: ['target'] },
  whistle: { from: ['filed'], to: 'dispatched', by: ['dispatcher'], needs: ['targets'] },
  acknowledge: { from: ['dispatched', 'in_progress'], to: null, by: ['receiver'] },

  // Handling.
  acceptTask: { from: ['dispatched', 'rework'], to: 'in_progress', by: ['receiver'] },
  handle: { from: ['in_progress'], to: 'handled', by: ['receiver'], needs: ['note'] },
  returnToDispatcher: {
    from: ['dispatched', 'in_progress'],
    to: 'filed',
    by: ['receiver'],
    needs: ['reason'],
  },
  requestExtension: { from: ['in_progress'], to: null, by: ['receiver'], needs: ['reason', 'extension'] },
  approveExtension: { from: ['in_progress'], to: null, by: ['approver', 'dispatcher'] },
  rejectExtension: { from: ['in_progress'], to: null, by: ['approver', 'dispatcher'] },
  suspend: { from: ['in_progress'], to: 'suspended', by: ['dispatcher', 'receiver'], needs: ['reason'] },
  resume: { from: ['suspended'], to: 'in_progress', by: ['dispatcher', 'receiver'] },

  // Verification (核查) by the grid worker; a failure goes back to the same handler (返工).
  verifyPass: { from: ['handled'], to: 'verified', by: ['verifier'], needs: ['note'] },
  verifyFail: { from: ['handled'], to: 'rework', by: ['verifier'], needs: ['reason'] },

  // Closing, evaluation, archive, return visit (回访).
  close: { from: ['verified'], to: 'closed', by: ['dispatcher'] },
  evaluate: { from: ['closed'], to: 'evaluated', by: ['dispatcher', 'supervisor'], needs: ['rating'] },
  archive: { from: ['evaluated'], to: 'archived', by: ['dispatcher'] },
  returnVisit: { from: ['closed', 'evaluated', 'archived'], to: null, by: ['dispatcher'], needs: ['note'] },
  // The reporter finds it not fixed and reopens it, with a reason and a photo, within
  // REOPEN_DAYS_DEFAULT (WANGGE_REOPEN_DAYS) of closing (reopenWindowOpen): back to the dispatcher.
  reopen: {
    from: ['closed', 'evaluated', 'archived'],
    to: 'filed',
    by: ['reporter'],
    needs: ['reason', 'photos'],
  },

  // Moving between levels: escalate (上报) one level up, assign down (交办/下派). The server moves the owner.
  escalate: {
    from: ['filed', 'dispatched', 'in_progress', 'rework'],
    to: 'filed',
    by: ['dispatcher', 'receiver'],
    needs: ['reason'],
  },
  assignDown: { from: ['filed'], to: 'filed', by: ['dispatcher'], needs: ['target'] },

  // Self-handled (自处理) cases are audited, then closed or sent into the normal loop.
  auditSelfHandled: { from: ['self_handled'], to: 'closed', by: ['auditor'] },
  rejectSelfHandled: { from: ['self_handled'], to: 'filed', by: ['auditor'], needs: ['reason'] },

  // Supervision (督办) of any open case past intake.
  supervise: { from: SUPERVISABLE, to: null, by: ['supervisor'], needs: ['note'] },
  // A leader's instruction (领导批示), e.g. on an emerging hotspot: from the report on, the case
  // becomes supervised and the instruction goes to whoever holds it.
  instruct: { from: OPEN_STATES, to: null, by: ['supervisor'], needs: ['note'] },
};

/** The case loop as a workflow of the one mechanism (workflow.ts). */
export const CASE_WORKFLOW: Workflow<CaseState, CaseAction, Relation, CaseActionNeed> = {
  name: 'case',
  actions: CASE_ACTIONS,
  transitions: CASE_TRANSITIONS,
};

export const CASE_ACTION_LABELS: Readonly<Record<CaseAction, { zh: string; en: string }>> = {
  accept: { zh: '受理', en: 'Accept' },
  requestConfirm: { zh: '要求核实', en: 'Request on-site confirmation' },
  confirm: { zh: '核实确认', en: 'Confirm on site' },
  file: { zh: '立案', en: 'File' },
  requestVoid: { zh: '申请作废', en: 'Request void' },
  approveVoid: { zh: '批准作废', en: 'Approve void' },
  rejectVoid: { zh: '驳回作废', en: 'Reject void' },
  dispatch: { zh: '派遣', en: 'Dispatch' },
  whistle: { zh: '吹哨', en: 'Blow the whistle' },
  acknowledge: { zh: '报到', en: 'Report for duty' },
  acceptTask: { zh: '签收', en: 'Accept task' },
  handle: { zh: '处置反馈', en: 'Report handling' },
  verifyPass: { zh: '核查通过', en: 'Verification passed' },
  verifyFail: { zh: '核查不通过', en: 'Verification failed' },
  close: { zh: '结案', en: 'Close' },
  evaluate: { zh: '评价', en: 'Evaluate' },
  archive: { zh: '归档', en: 'Archive' },
  returnToDispatcher: { zh: '回退', en: 'Return to dispatcher' },
  requestExtension: { zh: '申请延期', en: 'Request extension' },
  approveExtension: { zh: '批准延期', en: 'Approve extension' },
  rejectExtension: { zh: '驳回延期', en: 'Reject extension' },
  suspend: { zh: '挂账', en: 'Suspend' },
  resume: { zh: '恢复', en: 'Resume' },
  escalate: { zh: '上报', en: 'Escalate' },
  assignDown: { zh: '交办', en: 'Assign down' },
  auditSelfHandled: { zh: '审核通过', en: 'Approve self-handling' },
  rejectSelfHandled: { zh: '审核退回', en: 'Reject self-handling' },
  supervise: { zh: '督办', en: 'Supervise' },
  instruct: { zh: '领导批示', en: "Leader's instruction" },
  returnVisit: { zh: '回访', en: 'Return visit' },
  reopen: { zh: '重新打开', en: 'Reopen' },
};

/** Days after closing during which the reporter may reopen a case (WANGGE_REOPEN_DAYS). */
export const REOPEN_DAYS_DEFAULT = 7;

/** Whether a case closed at `closedAt` may still be reopened at `now`: up to `days` days later. */
export function reopenWindowOpen(closedAt: Date | null, now: Date, days: number): boolean {
  if (!closedAt) return false;
  return now.getTime() - closedAt.getTime() <= days * 86_400_000;
}

/** Rating (evaluate) and satisfaction (returnVisit) are whole numbers from 1 to 5. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;

export function isRating(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= RATING_MIN && value <= RATING_MAX;
}

export function isCaseAction(value: unknown): value is CaseAction {
  return typeof value === 'string' && (CASE_ACTIONS as readonly string[]).includes(value);
}

/** The state a new case starts in: a worker's self-handled report waits for audit, anything else is reported. */
export function INITIAL_STATE(selfHandled: boolean): CaseState {
  return selfHandled ? 'self_handled' : 'reported';
}

export class IllegalTransitionError extends Error {
  readonly code = 'illegal_transition';
  readonly action: CaseAction;
  readonly state: CaseState;

  constructor(action: CaseAction, state: CaseState) {
    super(`Action ${action} is not allowed in state ${state}`);
    this.name = 'IllegalTransitionError';
    this.action = action;
    this.state = state;
  }
}

/** May a caller with these relations take this action on a case in this state? */
export function canPerform(
  action: CaseAction,
  state: CaseState,
  relations: ReadonlySet<Relation> | readonly Relation[],
): boolean {
  return mayAct(CASE_WORKFLOW, action, state, relations);
}

/** Every action the caller may take on a case in this state, in the order of CASE_ACTIONS. */
export function allowedActions(
  state: CaseState,
  relations: ReadonlySet<Relation> | readonly Relation[],
): CaseAction[] {
  return actionsFor(CASE_WORKFLOW, state, relations);
}

/** The state after the action; unchanged for trace-only actions. Throws IllegalTransitionError. */
export function nextState(action: CaseAction, state: CaseState): CaseState {
  if (!CASE_TRANSITIONS[action].from.includes(state)) throw new IllegalTransitionError(action, state);
  return stateAfter(CASE_WORKFLOW, action, state);
}

export interface CaseActionInput {
  reason?: string | null;
  note?: string | null;
  photos?: readonly unknown[] | null;
  target?: unknown;
  targets?: readonly unknown[] | null;
  rating?: number | null;
  extension?: unknown;
  /** Return visit: the resident's satisfaction, 1–5; optional. */
  satisfaction?: number | null;
}

function present(need: CaseActionNeed, value: unknown): boolean {
  switch (need) {
    case 'reason':
    case 'note':
      return typeof value === 'string' && value.trim() !== '';
    case 'photos':
    case 'targets':
      return Array.isArray(value) && value.length > 0;
    case 'rating':
      return typeof value === 'number' && Number.isFinite(value);
    case 'target':
    case 'extension':
      if (value === null || value === undefined) return false;
      if (typeof value === 'string') return value.trim() !== '';
      if (typeof value === 'number') return Number.isFinite(value) && value > 0;
      return true;
  }
}

/**
 * Names of the inputs the action needs that are absent or empty, in the order of its `needs`.
 * Present means: reason/note a string with a non-blank character; photos/targets a non-empty array;
 * rating a finite number (the range is isRating's business); target/extension anything but
 * null/undefined, a blank string, or a number that is not finite and positive.
 */
export function missingInputs(action: CaseAction, input: CaseActionInput): CaseActionNeed[] {
  return missingNeeds(CASE_WORKFLOW, action, input, present);
}
