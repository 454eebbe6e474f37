import { addDays, beijingDay, type RotaEntry, type ShiftKind } from '@wangge/rules';
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';

const TASK_COLUMNS = [
  't.id',
  't.kind',
  't.assignee_id',
  't.grid_id',
  't.unit_path',
  't.title',
  't.instructions',
  't.route',
  't.target_unit_id',
  't.target_house_id',
  't.target_case_id',
  't.state',
  't.created_by',
  't.created_at',
  't.done_at',
  't.done_note',
  't.version',
] as const;

function tasksWithNames(db: Db) {
  return db
    .selectFrom('worker_tasks as t')
    .innerJoin('users as a', 'a.id', 't.assignee_id')
    .innerJoin('users as c', 'c.id', 't.created_by')
    .innerJoin('org_units as g', 'g.id', 't.grid_id')
    .leftJoin('units as un', 'un.id', 't.target_unit_id')
    .leftJoin('cases as cs', 'cs.id', 't.target_case_id')
    .select(TASK_COLUMNS)
    .select([
      sql<string>`t.due_day::text`.as('due_day'),
      'a.display_name as assignee_name',
      'c.display_name as created_by_name',
      'g.name as grid_name',
      'un.name as target_unit_name',
      'cs.code as target_case_code',
      'cs.title as target_case_title',
    ]);
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof tasksWithNames>['executeTakeFirstOrThrow']>>;

export interface GridTeam {
  gridId: string;
  gridName: string;
  gridPath: string;
  members: { userId: string; name: string; teamRole: string }[];
}

export const dutyRepository = {
  /** Rota rows of the Beijing days `from`..`to` (inclusive), of the given users or of everyone. */
  async entries(db: Db, from: string, to: string, userIds?: readonly string[]): Promise<RotaEntry[]> {
    if (userIds && userIds.length === 0) return [];
    let q = db
      .selectFrom('duty_shifts')
      .select([sql<string>`user_id::text`.as('user_id'), sql<string>`day::text`.as('day'), 'kind'])
      .where('day', '>=', sql<Date>`${from}::date`)
      .where('day', '<=', sql<Date>`${to}::date`);
    if (userIds) q = q.where('user_id', 'in', userIds);
    const rows = await q.execute();
    return rows.map((r) => ({ userId: r.user_id, day: r.day, kind: r.kind as ShiftKind }));
  },

  /** The rota rows that may cover `now`: today's and yesterday's (a night shift runs past midnight). */
  async entriesAround(db: Db, now: Date, userIds?: readonly string[]): Promise<RotaEntry[]> {
    const today = beijingDay(now);
    return this.entries(db, addDays(today, -1), today, userIds);
  },

  /** Grid teams under a path (at most `limit` grids, by code). */
  async teams(db: Db, underPath: string, limit = 500): Promise<GridTeam[]> {
    const grids = await db
      .selectFrom('grids as gr')
      .innerJoin('org_units as o', 'o.id', 'gr.org_unit_id')
      .select(['o.id', 'o.name', 'o.path'])
      .where('o.path', 'like', `${underPath}%`)
      .orderBy('o.code')
      .limit(limit)
      .execute();
    if (grids.length === 0) return [];
    const members = await db
      .selectFrom('grid_team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.grid_id', 'm.user_id', 'u.display_name', 'm.team_role'])
      .where(
        'm.grid_id',
        'in',
        grids.map((g) => g.id),
      )
      .where('u.active', '=', true)
      .orderBy('m.grid_id')
      .orderBy(
        sql`CASE m.team_role WHEN 'leader' THEN 0 WHEN 'full_time' THEN 1 WHEN 'part_time' THEN 2 ELSE 3 END`,
      )
      .orderBy('u.username')
      .execute();
    return grids.map((g) => ({
      gridId: g.id,
      gridName: g.name,
      gridPath: g.path,
      members: members
        .filter((m) => m.grid_id === g.id)
        .map((m) => ({ userId: m.user_id, name: m.display_name, teamRole: m.team_role })),
    }));
  },

  async grid(db: Db, gridId: string) {
    return db
      .selectFrom('grids as gr')
      .innerJoin('org_units as o', 'o.id', 'gr.org_unit_id')
      .select(['o.id', 'o.name', 'o.path'])
      .where('o.id', '=', gridId)
      .executeTakeFirst();
  },

  async unitPath(db: Db, unitId: string) {
    return db.selectFrom('org_units').select(['path', 'name']).where('id', '=', unitId).executeTakeFirst();
  },

  /** Grids whose team the user belongs to, inside the actor's scope. */
  async gridsOfMember(db: Db, actor: Actor, userId: string) {
    return db
      .selectFrom('grid_team_members as m')
      .innerJoin('org_units as o', 'o.id', 'm.grid_id')
      .select(['o.id', 'o.path', 'o.name'])
      .where('m.user_id', '=', userId)
      .where(pathInScope(actor, 'o.path'))
      .orderBy('o.code')
      .execute();
  },

  async upsertShifts(
    db: Db,
    gridId: string,
    entries: readonly { userId: string; day: string; kind: ShiftKind }[],
    by: string,
  ): Promise<void> {
    if (entries.length === 0) return;
    await db
      .insertInto('duty_shifts')
      .values(
        entries.map((e) => ({
          grid_id: gridId,
          user_id: e.userId,
          day: sql<Date>`${e.day}::date`,
          kind: e.kind,
          updated_by: by,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['grid_id', 'user_id', 'day']).doUpdateSet({
          kind: (eb) => eb.ref('excluded.kind'),
          updated_by: (eb) => eb.ref('excluded.updated_by'),
          updated_at: sql`now()`,
        }),
      )
      .execute();
  },

  async findTask(db: Db, id: string) {
    return tasksWithNames(db).where('t.id', '=', id).executeTakeFirst();
  },

  /** The task if the actor is its assignee or holds a scope over its grid. */
  async findVisibleTask(db: Db, actor: Actor, id: string) {
    return tasksWithNames(db)
      .where('t.id', '=', id)
      .where((eb) => eb.or([eb('t.assignee_id', '=', actor.userId), pathInScope(actor, 't.unit_path')]))
      .executeTakeFirst();
  },

  async lockTask(db: Db, id: string) {
    return db
      .selectFrom('worker_tasks')
      .select(['id', 'state', 'version', 'assignee_id', 'unit_path'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  async listTasks(
    db: Db,
    actor: Actor,
    filter: { assigneeId?: string; unitPath?: string; day?: string; states?: readonly string[] },
    limit: number,
  ) {
    let q = tasksWithNames(db).where((eb) =>
      eb.or([eb('t.assignee_id', '=', actor.userId), pathInScope(actor, 't.unit_path')]),
    );
    if (filter.assigneeId) q = q.where('t.assignee_id', '=', filter.assigneeId);
    if (filter.unitPath) q = q.where('t.unit_path', 'like', `${filter.unitPath}%`);
    if (filter.day) q = q.where('t.due_day', '=', sql<Date>`${filter.day}::date`);
    if (filter.states?.length) q = q.where('t.state', 'in', filter.states);
    return q
      .orderBy(sql<SqlBool>`t.state = 'open'`, 'desc')
      .orderBy('t.due_day', 'desc')
      .orderBy('t.id', 'desc')
      .limit(limit)
      .execute();
  },
};
