import { chinaDayOf, followUpSchedule } from '@wangge/rules';
import { iso, isoOrNull } from '../../http/schemas.ts';
import type { DisputeRow, MediatorRow, PartyRow, StepRow } from './repository.ts';

export function presentDisputeSummary(row: DisputeRow) {
  return {
    caseId: row.case_id,
    caseCode: row.case_code,
    caseTitle: row.case_title,
    categoryCode: row.category_code,
    caseState: row.case_state,
    gridName: row.grid_name,
    state: row.state,
    version: row.version,
    riskLevel: row.risk_level,
    summary: row.summary,
    escalatedAt: isoOrNull(row.escalated_at),
    agreedAt: isoOrNull(row.agreed_at),
    followUpsDone: row.follow_ups_done,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentDisputeDetail(
  row: DisputeRow,
  related: { parties: PartyRow[]; mediators: MediatorRow[]; steps: StepRow[]; actions: string[] },
) {
  const agreement = row.agreement_attachment_id;
  return {
    ...presentDisputeSummary(row),
    agreement: agreement
      ? {
          attachmentId: agreement,
          url: `/api/cases/${row.case_id}/dispute/agreement`,
          thumbnailUrl: `/api/cases/${row.case_id}/dispute/agreement/thumbnail`,
        }
      : null,
    followUps: row.agreed_at ? followUpSchedule(chinaDayOf(row.agreed_at), row.follow_ups_done) : [],
    parties: related.parties.map((p) => ({
      id: p.id,
      role: p.role,
      name: p.name,
      personId: p.person_id,
      note: p.note,
    })),
    mediators: related.mediators.map((m) => ({
      id: m.id,
      kind: m.kind,
      userId: m.user_id,
      name: m.name,
      organisation: m.organisation,
      addedAt: iso(m.added_at),
    })),
    steps: related.steps.map((s) => ({
      seq: s.seq,
      action: s.action,
      fromState: s.from_state,
      toState: s.to_state,
      actorName: s.actor_name,
      note: s.note,
      reason: s.reason,
      details: s.details as Record<string, unknown>,
      at: iso(s.at),
    })),
    actions: related.actions,
  };
}
