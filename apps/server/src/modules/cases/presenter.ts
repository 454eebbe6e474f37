import { maskPhone, systemActorOf } from '@wangge/rules';
import type { Static } from 'typebox';
import { iso, isoOrNull } from '../../http/schemas.ts';
import type { CaseSummaryRow, caseRepository } from './repository.ts';
import type { CaseLight, CaseSupervision } from './schemas.ts';

type Detail = NonNullable<Awaited<ReturnType<typeof caseRepository.findVisibleDetail>>>;
type DetailRow = Detail['row'];
type AssignmentRow = Detail['assignments'][number];
type StepRow = Detail['steps'][number];
type PhotoRow = Detail['photos'][number];

const photo = (id: string) => ({
  id,
  url: `/api/attachments/${id}`,
  thumbnailUrl: `/api/attachments/${id}/thumbnail`,
});

/**
 * 处置前 or 处置后, so that whoever verifies sees the problem beside its handling: a report's photos
 * show the problem, except the after-photos of a self-handled report (its step's details.after);
 * the photos of every later step (handling, rework) show what was done.
 */
function photoPhase(p: PhotoRow, steps: StepRow[]): 'before' | 'after' {
  const step = steps.find((s) => s.id === p.step_id);
  if (!step || (step.action !== 'report' && step.action !== 'reportSelfHandled')) return 'after';
  const after = (step.details as { after?: unknown } | null)?.after;
  return Array.isArray(after) && after.includes(p.id) ? 'after' : 'before';
}

export function presentCaseSummary(row: CaseSummaryRow) {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    categoryCode: row.category_code,
    categoryName: row.category_name,
    categoryNameEn: row.category_name_en,
    state: row.state,
    source: row.source,
    light: row.light,
    supervision: row.supervision,
    reportedAt: iso(row.reported_at),
    stepDueAt: isoOrNull(row.step_due_at),
    address: row.address,
    isPolice: row.is_police,
    selfHandled: row.self_handled,
    grid: { id: row.grid_id, code: row.grid_code, name: row.grid_name },
    owner: { id: row.owner_unit_id, code: row.owner_code, name: row.owner_name, level: row.owner_level },
  };
}

export function presentCaseDetail(
  row: DetailRow,
  related: { assignments: AssignmentRow[]; steps: StepRow[]; photos: PhotoRow[]; actions: string[] },
) {
  const stepPhotos = new Map<string, ReturnType<typeof photo>[]>();
  for (const p of related.photos) {
    if (!p.step_id) continue;
    stepPhotos.set(p.step_id, [...(stepPhotos.get(p.step_id) ?? []), photo(p.id)]);
  }
  return {
    ...presentCaseSummary(row),
    description: row.description,
    closingStandard: row.closing_standard,
    closingStandardEn: row.closing_standard_en,
    lon: row.lon,
    lat: row.lat,
    version: row.version,
    reporter: row.reporter_name ? { name: row.reporter_name, phone: maskPhone(row.reporter_phone) } : null,
    mediaUrl: row.media_url,
    photos: related.photos.map((p) => ({ ...photo(p.id), phase: photoPhase(p, related.steps) })),
    assignments: related.assignments.map((a) => ({
      id: a.id,
      target: a.department_id
        ? // Joined by foreign key: a department's or unit's name is always there.
          { type: 'department' as const, id: a.department_id, name: a.department_name ?? '' }
        : { type: 'unit' as const, id: a.org_unit_id ?? '', name: a.unit_name ?? '' },
      isLead: a.is_lead,
      active: a.active,
      assignedAt: iso(a.assigned_at),
      ackDueAt: isoOrNull(a.ack_due_at),
      acknowledgedAt: isoOrNull(a.acknowledged_at),
      ackLight: a.ack_light as Static<typeof CaseLight> | null,
      ackSupervision: a.ack_supervision as Static<typeof CaseSupervision>,
      acceptedAt: isoOrNull(a.accepted_at),
    })),
    steps: related.steps.map((s) => ({
      seq: s.seq,
      action: s.action,
      fromState: s.from_state,
      toState: s.to_state,
      actorName: s.actor_name,
      // A step no person took names its system actor, labelled in the reader's language.
      systemActor: s.actor_user_id === null ? systemActorOf(s.actor_name) : null,
      actorRoles: s.actor_roles,
      at: iso(s.at),
      note: s.note,
      reason: s.reason,
      publicNote: s.public_note,
      details: (s.details ?? {}) as Record<string, unknown>,
      deadline: isoOrNull(s.deadline),
      lon: s.lon,
      lat: s.lat,
      photos: stepPhotos.get(s.id) ?? [],
    })),
    pendingExtension: row.pending_extension as {
      reason: string;
      amount: number;
      unit: 'hours' | 'days';
    } | null,
    satisfaction: row.satisfaction,
    satisfactionComment: row.satisfaction_comment,
    rating: row.rating,
    mergedInto: row.merged_into,
    /** Residents who reported the same problem with "+1" instead of a duplicate (residents module). */
    plusOnes: row.plus_ones,
    actions: related.actions,
  };
}
