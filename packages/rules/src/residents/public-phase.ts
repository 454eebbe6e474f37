import { CASE_STATES, type CaseState } from '../cases/states.ts';

// What a resident sees of a case: four phases in plain words instead of the sixteen states the
// staff work with. Voided is its own phase so a resident is never told a refused report was handled.

export const PUBLIC_PHASES = ['received', 'handling', 'handled', 'closed', 'voided'] as const;
export type PublicPhase = (typeof PUBLIC_PHASES)[number];

const PHASE_OF: Readonly<Record<CaseState, PublicPhase>> = {
  reported: 'received',
  confirming: 'received',
  accepted: 'received',
  void_pending: 'received',
  voided: 'voided',
  filed: 'handling',
  dispatched: 'handling',
  in_progress: 'handling',
  suspended: 'handling',
  rework: 'handling',
  handled: 'handled',
  verified: 'handled',
  closed: 'closed',
  evaluated: 'closed',
  archived: 'closed',
  self_handled: 'closed',
};

/** The phase a resident sees for a case state; an unknown state reads as received. */
export function publicPhase(state: string): PublicPhase {
  return (CASE_STATES as readonly string[]).includes(state) ? PHASE_OF[state as CaseState] : 'received';
}

/** A resident may rate once the work is done: handled, or closed (not voided). */
export function residentMayRate(state: string): boolean {
  const phase = publicPhase(state);
  return phase === 'handled' || phase === 'closed';
}

export const PUBLIC_PHASE_LABELS: Readonly<Record<PublicPhase, { zh: string; en: string }>> = {
  received: { zh: '已受理', en: 'Received' },
  handling: { zh: '处理中', en: 'Being handled' },
  handled: { zh: '已处理', en: 'Handled' },
  closed: { zh: '已办结', en: 'Closed' },
  voided: { zh: '未立案', en: 'Not taken up' },
};
