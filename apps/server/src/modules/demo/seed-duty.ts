import { addDays, beijingDay, weekStart } from '@wangge/rules';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

// A rotation over the week so that each team shares the day and night between its members and,
// on some mornings, a grid is left without anyone on duty (the coverage check has something to show).
const ROTATION = ['morning', 'evening', 'night', 'standby', 'morning', 'evening', 'rest'];

/**
 * The duty rota of every grid team from the Sunday before this week to the end of next week, and
 * a few tasks for workers (open and done; the first grid's worker gets three).
 */
export async function seedDuty(
  db: Kysely<Database>,
  options: { today: Date },
): Promise<{ shifts: number; tasks: number }> {
  const today = beijingDay(options.today);
  const first = addDays(weekStart(today), -1);
  const { numAffectedRows } = await sql`
    INSERT INTO duty_shifts (grid_id, user_id, day, kind)
    SELECT m.grid_id, m.user_id, ${first}::date + d,
           (${ROTATION}::text[])[((d + 2 * m.r + m.g) % 7) + 1]
    FROM (
      SELECT t.grid_id, t.user_id,
             row_number() OVER (PARTITION BY t.grid_id ORDER BY t.team_role, t.user_id) - 1 AS r,
             dense_rank() OVER (ORDER BY o.code) AS g
      FROM grid_team_members t JOIN org_units o ON o.id = t.grid_id JOIN grids gr ON gr.org_unit_id = t.grid_id
    ) m, generate_series(0, 14) d`.execute(db);
  const dispatcher = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'dispatcher')
    .executeTakeFirst();
  if (!dispatcher) return { shifts: Number(numAffectedRows ?? 0), tasks: 0 };
  const workers = await db
    .selectFrom('grid_team_members as t')
    .innerJoin('org_units as o', 'o.id', 't.grid_id')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.grid_id', 't.user_id', 'o.path', 'o.name', 'u.username'])
    .where('t.team_role', '=', 'full_time')
    .orderBy('o.code')
    .limit(20)
    .execute();
  const tasks: Insertable<Database['worker_tasks']>[] = [];
  for (const [i, w] of workers.entries()) {
    const base = {
      assignee_id: w.user_id,
      grid_id: w.grid_id,
      unit_path: w.path,
      created_by: dispatcher.id,
      due_day: today,
    };
    tasks.push({
      ...base,
      kind: 'patrol_route',
      title: `${w.name}夜间消防通道巡查`,
      instructions: '重点查看楼道堆物、电动车飞线充电',
      route: '小区东门 → 3号楼 → 7号楼 → 北门',
      state: i % 3 === 2 ? 'done' : 'open',
      done_at: i % 3 === 2 ? options.today : null,
      done_note: i % 3 === 2 ? '通道畅通，已劝离两处堆物' : null,
    });
    if (i > 0) continue;
    const house = await db
      .selectFrom('houses')
      .select('id')
      .where('grid_path', '=', w.path)
      .orderBy('id')
      .executeTakeFirst();
    const venue = await db
      .selectFrom('units')
      .select('id')
      .where('grid_path', '=', w.path)
      .orderBy('id')
      .executeTakeFirst();
    if (house)
      tasks.push({
        ...base,
        kind: 'visit_household',
        title: '走访独居老人',
        instructions: '了解冬季取暖情况',
        target_house_id: house.id,
      });
    if (venue)
      tasks.push({
        ...base,
        kind: 'inspect_venue',
        title: '沿街商铺消防检查',
        target_unit_id: venue.id,
        state: 'done',
        done_at: options.today,
        done_note: '灭火器在有效期内',
      });
  }
  if (tasks.length) await db.insertInto('worker_tasks').values(tasks).execute();
  return { shifts: Number(numAffectedRows ?? 0), tasks: tasks.length };
}
