import { iso } from '../../../http/schemas.ts';
import type { VisitRow } from './repository.ts';

export function presentVisit(row: VisitRow) {
  return {
    id: row.id,
    user: { id: row.user_id, name: row.user_name },
    person: row.person_id ? { id: row.person_id, name: row.person_name } : null,
    houseId: row.house_id,
    grid: { id: row.grid_id, code: row.grid_code, name: row.grid_name },
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
    minutes: Math.round((row.ended_at.getTime() - row.started_at.getTime()) / 60_000),
    lon: row.lon,
    lat: row.lat,
    note: row.note,
    createdAt: iso(row.created_at),
  };
}
