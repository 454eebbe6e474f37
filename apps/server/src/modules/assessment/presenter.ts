import type { SchemeRow } from './repository.ts';

export function presentScheme(row: SchemeRow) {
  return {
    id: row.id,
    unitId: row.unit_id,
    subject: row.subject,
    effectiveFrom: row.effective_from,
    indicators: row.indicators.map((i) => ({ ...i, scaling: i.scaling ?? null })),
    bands: row.bands.map((b) => ({ grade: b.grade, min: b.min })),
    note: row.note,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
  };
}
