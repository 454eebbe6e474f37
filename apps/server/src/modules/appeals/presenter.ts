import type { AppealRow } from './repository.ts';

const LINKS: Record<string, (id: string) => string | null> = {
  case: (id) => `/cases/${id}`,
  visit: () => null,
  inspection: () => null,
  register_event: () => null,
};

export function presentAppeal(row: AppealRow, actions: string[]) {
  return {
    id: row.id,
    state: row.state,
    version: row.version,
    appellant: { id: row.appellant_id, name: row.appellant_name },
    unitName: row.unit_name,
    event: {
      kind: row.event_kind,
      id: row.event_id,
      code: row.event_code,
      title: row.event_title,
      at: row.event_at ? new Date(row.event_at).toISOString() : null,
      link: LINKS[row.event_kind]?.(row.event_id) ?? null,
    },
    countName: row.count_name,
    period: row.period,
    reason: row.reason,
    photos: (row.photo_ids ?? []).map((attachmentId) => ({
      attachmentId,
      url: `/api/assessment/appeals/${row.id}/photos/${attachmentId}`,
      thumbnailUrl: `/api/assessment/appeals/${row.id}/photos/${attachmentId}/thumbnail`,
    })),
    decision:
      row.decided_at && row.decided_by
        ? {
            by: { id: row.decided_by, name: row.decided_by_name ?? '' },
            at: new Date(row.decided_at).toISOString(),
            reason: row.decision_reason,
          }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
    actions,
  };
}
