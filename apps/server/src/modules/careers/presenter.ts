import { allowedPromotionActions, type PromotionRelation, type PromotionState } from '@wangge/rules';
import { iso, isoOrNull } from '../../http/schemas.ts';
import type { CourseRow, GradeRow, PromotionRow, RatingRow, WorkerRow } from './repository.ts';

type Rating = 'excellent' | 'qualified' | 'unqualified';

/** A `date` column (parsed at local midnight) or text as YYYY-MM-DD. */
export function ymd(d: Date | string): string {
  if (typeof d === 'string') return d.slice(0, 10);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export const presentWorkerRef = (w: WorkerRow) => ({ id: w.id, name: w.name, unitName: w.unitName });

export function presentLadder(row: {
  id: string;
  unit_id: string;
  effective_from: string;
  pay_fen: number[];
  note: string;
  created_at: Date;
  by_id: string | null;
  by_name: string | null;
}) {
  return {
    id: String(row.id),
    unitId: String(row.unit_id),
    effectiveFrom: row.effective_from,
    payFen: row.pay_fen.map(Number),
    note: row.note,
    createdBy: row.by_id ? { id: String(row.by_id), name: row.by_name ?? '' } : null,
    createdAt: iso(row.created_at),
  };
}

export function presentGrade(row: GradeRow) {
  return {
    grade: Number(row.grade),
    effectiveOn: ymd(row.effective_on as unknown as Date | string),
    cause: row.cause as 'appointed' | 'promotion' | 'adjustment',
    note: row.note,
  };
}

export function presentRating(row: RatingRow, worker: WorkerRow) {
  return {
    worker: presentWorkerRef(worker),
    year: Number(row.year),
    proposed: (row.proposed as Rating | null) ?? null,
    meanScore: row.mean_score === null ? null : Math.round(Number(row.mean_score) * 10) / 10,
    months: Number(row.months),
    state: row.state as 'proposed' | 'confirmed',
    rating: (row.rating as Rating | null) ?? null,
    reason: row.reason,
    confirmedBy: row.confirmed_by_name ?? null,
    confirmedAt: isoOrNull(row.confirmed_at as Date | null),
  };
}

export function presentPromotion(row: PromotionRow, relations: readonly PromotionRelation[]) {
  const state = row.state as PromotionState;
  return {
    id: String(row.id),
    worker: { id: String(row.user_id), name: row.worker_name },
    fromGrade: Number(row.from_grade),
    toGrade: Number(row.to_grade),
    years: row.years.map(Number),
    basis: row.basis as 'three_excellent' | 'three_qualified',
    state,
    version: Number(row.version),
    decidedBy: row.decided_by_name ?? null,
    decidedAt: isoOrNull(row.decided_at as Date | null),
    decisionReason: row.decision_reason,
    createdAt: iso(row.created_at as Date),
    actions: allowedPromotionActions(state, relations),
  };
}

export function presentCourse(
  row: CourseRow,
  materials: readonly { course_id: string; id: string; original_name: string; mime: string }[],
) {
  return {
    id: String(row.id),
    unit: { id: String(row.unit_id), name: row.unit_name },
    title: row.title,
    kind: row.kind as 'online' | 'offline',
    hours: Number(row.hours),
    description: row.description,
    materials: materials
      .filter((m) => String(m.course_id) === String(row.id))
      .map((m) => ({
        id: String(m.id),
        name: m.original_name,
        mime: m.mime,
        url: `/api/attachments/${m.id}`,
      })),
    sessions: Number(row.sessions),
    attendees: Number(row.attendees),
    createdAt: iso(row.created_at as Date),
  };
}
