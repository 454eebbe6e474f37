// Past inspections of the demo venues, so a worker's work list opens with a mix: by unit id, a
// quarter never inspected (due), a quarter inspected early in the cycle (done), a quarter near its
// end (due) and a quarter past it (overdue). Each by the grid's full-time worker, all items passed.
// One INSERT … SELECT, so the 5,880-grid city seeds as fast as the district.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

export async function seedInspections(db: Kysely<Database>): Promise<number> {
  const { numAffectedRows } = await sql`
    INSERT INTO inspections (unit_id, checklist_code, inspector_id, grid_id, grid_path, observed_at,
                             outcome, failed_count, results, idempotency_key)
    SELECT u.id, c.code, w.user_id, u.grid_id, u.grid_path,
           date_trunc('day', now()) + interval '2 hours' - make_interval(days => CASE u.id % 4
             WHEN 1 THEN c.cycle_days / 4
             WHEN 2 THEN c.cycle_days - 3
             ELSE c.cycle_days + 5 END),
           'pass', 0,
           (SELECT jsonb_agg(jsonb_build_object('key', i.key, 'labelZh', i.label_zh, 'labelEn', i.label_en,
                     'result', 'pass', 'note', NULL, 'photoIds', '[]'::jsonb) ORDER BY i.sort)
              FROM inspection_checklist_items i WHERE i.checklist_code = c.code),
           'demo-' || u.id || '-' || c.code
    FROM units u
    JOIN inspection_checklists c ON u.kind = ANY (c.unit_kinds) AND c.active
    JOIN LATERAL (SELECT m.user_id FROM grid_team_members m
                  WHERE m.grid_id = u.grid_id AND m.team_role = 'full_time'
                  ORDER BY m.user_id LIMIT 1) w ON true
    WHERE u.retired_at IS NULL AND u.id % 4 <> 0`.execute(db);
  return Number(numAffectedRows ?? 0);
}
