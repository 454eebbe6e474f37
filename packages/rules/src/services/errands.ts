// Service errands (代办, DOMAIN.md §6) as data: the grid worker collects a resident's identity
// data and document photos for an elderly card, a disability certificate, unemployment insurance
// or the minimum living allowance; the grid leader reviews; the department of the item's kind
// covering the grid approves. Either reviewer may return the errand to the worker with a reason;
// a resubmission goes through the leader again. A card the resident asked to have brought home
// (领取方式 网格员送证上门) is not done when the department approves: the worker delivers it and
// notes the handover (photo, signature) before it is 已办结. The server computes the caller's relations from
// permission × scope and asks this table, as for cases (cases/actions.ts).

import type { ExtraFieldSpec } from '../registers/groups.ts';
import {
  actionsFor,
  mayAct,
  missingNeeds,
  stateAfter,
  type Workflow,
  type WorkflowBranch,
  type WorkflowTransition,
} from '../workflow.ts';

export const ERRAND_STATES = [
  'draft',
  'leader_review',
  'department_review',
  'awaiting_delivery',
  'returned',
  'completed',
  'cancelled',
] as const;
export type ErrandState = (typeof ERRAND_STATES)[number];

export const ERRAND_STATE_LABELS: Readonly<Record<ErrandState, { zh: string; en: string }>> = {
  draft: { zh: '材料收集中', en: 'Collecting documents' },
  leader_review: { zh: '网格长审核中', en: 'Under review by the grid leader' },
  department_review: { zh: '部门审批中', en: 'Under approval by the department' },
  awaiting_delivery: { zh: '待送证上门', en: 'Awaiting home delivery' },
  returned: { zh: '已退回', en: 'Returned to the worker' },
  completed: { zh: '已办结', en: 'Completed' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

export const OPEN_ERRAND_STATES: readonly ErrandState[] = [
  'draft',
  'leader_review',
  'department_review',
  'awaiting_delivery',
  'returned',
];

export function isErrandState(value: unknown): value is ErrandState {
  return typeof value === 'string' && (ERRAND_STATES as readonly string[]).includes(value);
}

/**
 * What the caller is to one errand:
 * - worker: may run errands (errands.start) in the errand's grid — the worker who started it or a
 *   colleague of the same grid;
 * - leader: reviews errands (errands.review) of the errand's grid;
 * - department: staff of the department the errand was forwarded to (errands.approve).
 */
export type ErrandRelation = 'worker' | 'leader' | 'department';
export const ERRAND_RELATIONS: readonly ErrandRelation[] = ['worker', 'leader', 'department'];

export const ERRAND_ACTIONS = [
  'attachDocument',
  'submit',
  'leaderApprove',
  'leaderReturn',
  'departmentApprove',
  'departmentReturn',
  'deliver',
  'cancel',
] as const;
export type ErrandAction = (typeof ERRAND_ACTIONS)[number];

export type ErrandActionNeed = 'reason' | 'note';

export type ErrandBranch = WorkflowBranch<ErrandState>;
export type ErrandTransition = WorkflowTransition<ErrandState, ErrandRelation, ErrandActionNeed>;

export const ERRAND_TRANSITIONS: Readonly<Record<ErrandAction, ErrandTransition>> = {
  attachDocument: { from: ['draft', 'returned'], to: null, by: ['worker'] },
  submit: { from: ['draft', 'returned'], to: 'leader_review', by: ['worker'] },
  leaderApprove: { from: ['leader_review'], to: 'department_review', by: ['leader'] },
  leaderReturn: { from: ['leader_review'], to: 'returned', by: ['leader'], needs: ['reason'] },
  departmentApprove: {
    from: ['department_review'],
    to: 'completed',
    by: ['department'],
    branches: [{ field: 'delivery', value: 'home', to: 'awaiting_delivery' }],
  },
  departmentReturn: { from: ['department_review'], to: 'returned', by: ['department'], needs: ['reason'] },
  // The note says how the handover went (signed by whom); a photo of it may go with it.
  deliver: { from: ['awaiting_delivery'], to: 'completed', by: ['worker'], needs: ['note'] },
  cancel: { from: ['draft', 'returned'], to: 'cancelled', by: ['worker'], needs: ['reason'] },
};

/** Errands as a workflow of the one mechanism (workflow.ts). */
export const ERRAND_WORKFLOW: Workflow<ErrandState, ErrandAction, ErrandRelation, ErrandActionNeed> = {
  name: 'errand',
  actions: ERRAND_ACTIONS,
  transitions: ERRAND_TRANSITIONS,
};

export const ERRAND_ACTION_LABELS: Readonly<Record<ErrandAction, { zh: string; en: string }>> = {
  attachDocument: { zh: '上传材料', en: 'Attach a document' },
  submit: { zh: '提交审核', en: 'Submit for review' },
  leaderApprove: { zh: '审核通过，转部门', en: 'Approve and forward to the department' },
  leaderReturn: { zh: '审核退回', en: 'Return to the worker' },
  departmentApprove: { zh: '审批通过', en: 'Approve' },
  departmentReturn: { zh: '审批退回', en: 'Return to the worker' },
  deliver: { zh: '送证上门，办结', en: 'Delivered home (completed)' },
  cancel: { zh: '撤销', en: 'Cancel' },
};

export function isErrandAction(value: unknown): value is ErrandAction {
  return typeof value === 'string' && (ERRAND_ACTIONS as readonly string[]).includes(value);
}

export function canPerformErrand(
  action: ErrandAction,
  state: ErrandState,
  relations: ReadonlySet<ErrandRelation> | readonly ErrandRelation[],
): boolean {
  return mayAct(ERRAND_WORKFLOW, action, state, relations);
}

/** Every action the caller may take on an errand in this state, in the order of ERRAND_ACTIONS. */
export function allowedErrandActions(
  state: ErrandState,
  relations: ReadonlySet<ErrandRelation> | readonly ErrandRelation[],
): ErrandAction[] {
  return actionsFor(ERRAND_WORKFLOW, state, relations);
}

export class IllegalErrandTransitionError extends Error {
  readonly code = 'illegal_transition';
  constructor(
    readonly action: ErrandAction,
    readonly state: ErrandState,
  ) {
    super(`Errand action ${action} is not allowed in state ${state}`);
    this.name = 'IllegalErrandTransitionError';
  }
}

/**
 * The state after the action on an errand with these fields (a branch of the action may lead
 * elsewhere); unchanged for trace-only actions. Throws IllegalErrandTransitionError.
 */
export function nextErrandState(
  action: ErrandAction,
  state: ErrandState,
  fields: Readonly<Record<string, unknown>> = {},
): ErrandState {
  if (!ERRAND_TRANSITIONS[action].from.includes(state)) throw new IllegalErrandTransitionError(action, state);
  return stateAfter(ERRAND_WORKFLOW, action, state, fields);
}

/** Inputs the action needs that are absent or blank. */
export function missingErrandInputs(
  action: ErrandAction,
  input: { reason?: string | null; note?: string | null },
): ErrandActionNeed[] {
  return missingNeeds(ERRAND_WORKFLOW, action, input);
}

/** One document an errand type requires (a photo of it), e.g. the ID card copy. */
export interface ErrandDocumentSpec {
  readonly key: string;
  readonly labelZh: string;
  readonly labelEn: string;
}

/** An item residents may have a worker run for them (errand_types row). */
export interface ErrandTypeSpec {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly requiredFields: readonly ExtraFieldSpec[];
  readonly requiredDocuments: readonly ErrandDocumentSpec[];
  readonly departmentKind: string;
  readonly timeLimitDays: number;
}

/** The required documents (in spec order) of which no photo is present yet. */
export function missingDocuments(
  required: readonly ErrandDocumentSpec[],
  presentKeys: Iterable<string>,
): ErrandDocumentSpec[] {
  const present = new Set(presentKeys);
  return required.filter((doc) => !present.has(doc.key));
}

/** Whole and fractional days between two instants, to one decimal (Dongli: 5 days door to card). */
export function elapsedDays(from: Date, to: Date): number {
  return Math.round(((to.getTime() - from.getTime()) / 86_400_000) * 10) / 10;
}
