// The states of a case (事件) in the closed loop (事件闭环). See docs/case-loop.md for the
// state machine and DOMAIN.md §4 for where it comes from.

export const CASE_STATES = [
  'reported',
  'confirming',
  'accepted',
  'void_pending',
  'voided',
  'filed',
  'dispatched',
  'in_progress',
  'suspended',
  'handled',
  'rework',
  'verified',
  'closed',
  'evaluated',
  'archived',
  'self_handled',
] as const;

export type CaseState = (typeof CASE_STATES)[number];

/** States in which the case still waits for someone: everything except voided, closed, evaluated, archived. */
export const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter(
  (state) => state !== 'voided' && state !== 'closed' && state !== 'evaluated' && state !== 'archived',
);

export const CASE_STATE_LABELS: Readonly<Record<CaseState, { zh: string; en: string }>> = {
  reported: { zh: '已上报', en: 'Reported' },
  confirming: { zh: '待核实', en: 'Awaiting on-site confirmation' },
  accepted: { zh: '已受理', en: 'Accepted' },
  void_pending: { zh: '作废待审批', en: 'Void awaiting approval' },
  voided: { zh: '已作废', en: 'Voided' },
  filed: { zh: '已立案', en: 'Filed' },
  dispatched: { zh: '已派遣', en: 'Dispatched' },
  in_progress: { zh: '处置中', en: 'In progress' },
  suspended: { zh: '已挂账', en: 'Suspended' },
  handled: { zh: '已处置待核查', en: 'Handled, awaiting verification' },
  rework: { zh: '返工', en: 'Rework' },
  verified: { zh: '已核查', en: 'Verified' },
  closed: { zh: '已结案', en: 'Closed' },
  evaluated: { zh: '已评价', en: 'Evaluated' },
  archived: { zh: '已归档', en: 'Archived' },
  self_handled: { zh: '自处理待审核', en: 'Self-handled, awaiting audit' },
};

export function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'string' && (CASE_STATES as readonly string[]).includes(value);
}

export function isOpenState(state: CaseState): boolean {
  return OPEN_STATES.includes(state);
}
