// A resident asks for an errand (代办申请: an elderly card, a disability certificate …) from the
// resident app. The request lands with the grid team of the resident's home grid; a worker takes
// it — starting the errand itself for the person in the registers — or declines it with a reason
// the resident reads; the resident may withdraw it while nobody has answered. A workflow as data,
// acted on like every other.
import type { Workflow } from '../workflow.ts';

export const ERRAND_REQUEST_STATES = ['requested', 'taken', 'declined', 'withdrawn'] as const;
export type ErrandRequestState = (typeof ERRAND_REQUEST_STATES)[number];

export const ERRAND_REQUEST_ACTIONS = ['take', 'decline', 'withdraw'] as const;
export type ErrandRequestAction = (typeof ERRAND_REQUEST_ACTIONS)[number];

/** The requester, or a member of the grid's team who may start errands. */
export type ErrandRequestRelation = 'requester' | 'grid_team';
export type ErrandRequestInput = 'personId' | 'reason';

export const ERRAND_REQUEST_WORKFLOW: Workflow<
  ErrandRequestState,
  ErrandRequestAction,
  ErrandRequestRelation,
  ErrandRequestInput
> = {
  name: 'errand_request',
  actions: ERRAND_REQUEST_ACTIONS,
  transitions: {
    take: { from: ['requested'], to: 'taken', by: ['grid_team'], needs: ['personId'] },
    decline: { from: ['requested'], to: 'declined', by: ['grid_team'], needs: ['reason'] },
    withdraw: { from: ['requested'], to: 'withdrawn', by: ['requester'] },
  },
};

export const ERRAND_REQUEST_STATE_LABELS: Readonly<Record<ErrandRequestState, { zh: string; en: string }>> = {
  requested: { zh: '已提交，待网格员联系', en: 'Sent: your grid worker will call' },
  taken: { zh: '网格员已受理代办', en: 'Taken up by your grid worker' },
  declined: { zh: '未受理', en: 'Declined' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const ERRAND_REQUEST_ACTION_LABELS: Readonly<Record<ErrandRequestAction, { zh: string; en: string }>> =
  {
    take: { zh: '受理并发起代办', en: 'Take it and start the errand' },
    decline: { zh: '不予受理', en: 'Decline' },
    withdraw: { zh: '撤回申请', en: 'Withdraw' },
  };
