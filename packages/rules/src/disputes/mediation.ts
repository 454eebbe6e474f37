// Dispute mediation (矛盾纠纷调解, DOMAIN.md §4; Hohhot's seed: a quarrel in a community WeChat group
// with a threat of violence, mediated at home by the grid worker with the judicial office's
// mediator and a lawyer). A dispute is a case of the dispute categories with a mediation record:
// parties, risk level, mediators, sessions, the agreement and follow-up visits. The record is a
// workflow of its own, acted on like every other.
import type { Workflow } from '../workflow.ts';

/** The case categories that are disputes (大类 矛盾纠纷). */
export const DISPUTE_CATEGORY_PREFIX = 'SG01-';

export function isDisputeCategory(code: string): boolean {
  return code.startsWith(DISPUTE_CATEGORY_PREFIX);
}

export const DISPUTE_RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type DisputeRiskLevel = (typeof DISPUTE_RISK_LEVELS)[number];
export const DISPUTE_RISK_LABELS: Readonly<Record<DisputeRiskLevel, { zh: string; en: string }>> = {
  low: { zh: '低风险', en: 'Low risk' },
  medium: { zh: '中风险', en: 'Medium risk' },
  high: { zh: '高风险', en: 'High risk' },
};

/** Who mediates: staff with an account, or people from outside added by name. */
export const MEDIATOR_KINDS = [
  'grid_worker',
  'judicial_mediator',
  'lawyer',
  'volunteer_police',
  'other',
] as const;
export type MediatorKind = (typeof MEDIATOR_KINDS)[number];
export const MEDIATOR_KIND_LABELS: Readonly<Record<MediatorKind, { zh: string; en: string }>> = {
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  judicial_mediator: { zh: '司法所调解员', en: "Judicial office's mediator" },
  lawyer: { zh: '律师', en: 'Lawyer' },
  volunteer_police: { zh: '义警', en: 'Volunteer police' },
  other: { zh: '其他调解人', en: 'Other mediator' },
};

export const PARTY_ROLES = ['applicant', 'respondent', 'other'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const PARTY_ROLE_LABELS: Readonly<Record<PartyRole, { zh: string; en: string }>> = {
  applicant: { zh: '申请人', en: 'Applicant' },
  respondent: { zh: '被申请人', en: 'Respondent' },
  other: { zh: '其他当事人', en: 'Other party' },
};

export const DISPUTE_STATES = ['registered', 'mediating', 'agreed', 'failed', 'closed'] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];
export const DISPUTE_STATE_LABELS: Readonly<Record<DisputeState, { zh: string; en: string }>> = {
  registered: { zh: '已登记', en: 'Registered' },
  mediating: { zh: '调解中', en: 'Mediating' },
  agreed: { zh: '已达成协议', en: 'Agreement reached' },
  failed: { zh: '调解未成', en: 'Mediation failed' },
  closed: { zh: '已化解', en: 'Resolved' },
};

export const DISPUTE_ACTIONS = [
  'startMediation',
  'recordSession',
  'recordAgreement',
  'recordFailure',
  'followUp',
  'close',
  'flagEscalation',
] as const;
export type DisputeAction = (typeof DISPUTE_ACTIONS)[number];
export const DISPUTE_ACTION_LABELS: Readonly<Record<DisputeAction, { zh: string; en: string }>> = {
  startMediation: { zh: '开始调解', en: 'Start mediation' },
  recordSession: { zh: '记录调解', en: 'Record a session' },
  recordAgreement: { zh: '达成调解协议', en: 'Record the agreement' },
  recordFailure: { zh: '调解未成', en: 'Mediation failed' },
  followUp: { zh: '回访', en: 'Follow-up visit' },
  close: { zh: '化解办结', en: 'Close as resolved' },
  flagEscalation: { zh: '升级预警，推送公安', en: 'Flag escalation to the police' },
};

/**
 * mediator: named on the record (or the grid's own team); supervisor: an operator of a unit above
 * the grid holding the mediation permission.
 */
export type DisputeRelation = 'mediator' | 'supervisor';
export type DisputeNeed = 'note' | 'reason';

export const DISPUTE_WORKFLOW: Workflow<DisputeState, DisputeAction, DisputeRelation, DisputeNeed> = {
  name: 'dispute',
  actions: DISPUTE_ACTIONS,
  transitions: {
    startMediation: { from: ['registered'], to: 'mediating', by: ['mediator', 'supervisor'] },
    recordSession: { from: ['mediating'], to: null, by: ['mediator'], needs: ['note'] },
    recordAgreement: { from: ['mediating'], to: 'agreed', by: ['mediator'], needs: ['note'] },
    recordFailure: { from: ['mediating'], to: 'failed', by: ['mediator', 'supervisor'], needs: ['reason'] },
    followUp: { from: ['agreed'], to: null, by: ['mediator'], needs: ['note'] },
    close: { from: ['agreed'], to: 'closed', by: ['mediator', 'supervisor'], needs: ['note'] },
    flagEscalation: {
      from: ['registered', 'mediating', 'agreed'],
      to: null,
      by: ['mediator', 'supervisor'],
      needs: ['reason'],
    },
  },
};

/** Follow-up visits after an agreement: days after it was reached (a week, a month, a quarter). */
export const DEFAULT_FOLLOW_UP_DAYS: readonly number[] = [7, 30, 90];

/** A calendar day (YYYY-MM-DD) plus `days`; calendar arithmetic, no time zone involved. */
function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export interface FollowUpDue {
  /** China calendar day (YYYY-MM-DD) the visit is due. */
  dueDate: string;
  done: boolean;
}

/**
 * The follow-up schedule of an agreement reached on `agreedDate` (a China calendar day), with
 * the first `doneCount` visits done in order.
 */
export function followUpSchedule(
  agreedDate: string,
  doneCount: number,
  plan: readonly number[] = DEFAULT_FOLLOW_UP_DAYS,
): FollowUpDue[] {
  return plan.map((days, i) => ({ dueDate: addDays(agreedDate, days), done: i < doneCount }));
}

/** An agreement may be closed once every planned follow-up visit is done. */
export function followUpsComplete(
  doneCount: number,
  plan: readonly number[] = DEFAULT_FOLLOW_UP_DAYS,
): boolean {
  return doneCount >= plan.length;
}
