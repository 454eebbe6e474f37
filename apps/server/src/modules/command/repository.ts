// All SQL of the command centre: one grouped query per figure, each answering for the unit and
// its children at once (the child is the next path segment under the unit), so a drill-down is
// as cheap as the unit alone and no query runs per child.
import { OPEN_STATES } from '@wangge/rules';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The child of `unitPath` a descendant path lies in (NULL for the unit's own rows). */
function childOf(unitPath: string, column: RawBuilder<unknown>) {
  const n = unitPath.length;
  return sql<string | null>`CASE WHEN length(${column}) > ${n}
    THEN ${unitPath} || split_part(substr(${column}, ${n + 1}), '/', 1) || '/' END`;
}

const OPEN = [...OPEN_STATES];

export interface CaseFigureRow {
  child: string | null;
  reported_today: number;
  filed_today: number;
  handled_today: number;
  closed_today: number;
  reported_30: number;
  voided_30: number;
  closed_30: number;
  steps_ended_30: number;
  steps_on_time_30: number;
  rated_30: number;
  satisfied_30: number;
  open: number;
  overdue: number;
  red_cards: number;
}

export const commandRepository = {
  /**
   * Today's flow, the last 30 days' rates and the open backlog per child. One pass over the
   * subtree's cases of the last 30 days plus those still open (the partial open index).
   */
  async caseFigures(db: Db, unitPath: string, dayStart: Date, from30: Date): Promise<CaseFigureRow[]> {
    const c = sql.ref('c.grid_path');
    const closed = sql`c.state IN ('closed', 'evaluated', 'archived')`;
    const { rows } = await sql<CaseFigureRow>`
      SELECT ${childOf(unitPath, c)} AS child,
        count(*) FILTER (WHERE c.reported_at >= ${dayStart})::int AS reported_today,
        count(*) FILTER (WHERE c.filed_at >= ${dayStart})::int AS filed_today,
        count(*) FILTER (WHERE c.handled_at >= ${dayStart})::int AS handled_today,
        count(*) FILTER (WHERE c.closed_at >= ${dayStart} AND ${closed})::int AS closed_today,
        count(*) FILTER (WHERE c.reported_at >= ${from30})::int AS reported_30,
        count(*) FILTER (WHERE c.reported_at >= ${from30} AND c.state = 'voided')::int AS voided_30,
        count(*) FILTER (WHERE c.reported_at >= ${from30} AND ${closed})::int AS closed_30,
        sum(CASE WHEN c.reported_at >= ${from30} THEN
          (c.accept_on_time IS NOT NULL)::int + (c.dispatch_on_time IS NOT NULL)::int
          + (c.handle_on_time IS NOT NULL)::int + (c.verify_on_time IS NOT NULL)::int ELSE 0 END)::int AS steps_ended_30,
        sum(CASE WHEN c.reported_at >= ${from30} THEN
          coalesce(c.accept_on_time::int, 0) + coalesce(c.dispatch_on_time::int, 0)
          + coalesce(c.handle_on_time::int, 0) + coalesce(c.verify_on_time::int, 0) ELSE 0 END)::int AS steps_on_time_30,
        count(*) FILTER (WHERE c.reported_at >= ${from30} AND c.satisfaction IS NOT NULL)::int AS rated_30,
        count(*) FILTER (WHERE c.reported_at >= ${from30} AND c.satisfaction >= 3)::int AS satisfied_30,
        count(*) FILTER (WHERE c.state = ANY (${OPEN}::text[]))::int AS open,
        count(*) FILTER (WHERE c.state = ANY (${OPEN}::text[]) AND c.light = 'red')::int AS overdue,
        count(*) FILTER (WHERE c.state = ANY (${OPEN}::text[]) AND c.supervision = 'red_card')::int AS red_cards
      FROM cases c
      WHERE starts_with(c.grid_path, ${unitPath})
        AND (c.reported_at >= ${from30} OR c.state = ANY (${OPEN}::text[]))
      GROUP BY 1`.execute(db);
    return rows;
  },

  /** Registered people and households (registers, 一标三实) per child. */
  async registered(db: Db, unitPath: string) {
    const [people, households] = await Promise.all([
      sql<{ child: string | null; n: number }>`
        SELECT ${childOf(unitPath, sql.ref('p.grid_path'))} AS child, count(*)::int AS n
        FROM people p WHERE starts_with(p.grid_path, ${unitPath}) AND p.status = 'active' GROUP BY 1`.execute(
        db,
      ),
      sql<{ child: string | null; n: number }>`
        SELECT ${childOf(unitPath, sql.ref('h.grid_path'))} AS child, count(DISTINCT h.id)::int AS n
        FROM houses h JOIN person_house_links l ON l.house_id = h.id
        WHERE starts_with(h.grid_path, ${unitPath}) AND l.valid_to IS NULL AND l.kind <> 'owner'
        GROUP BY 1`.execute(db),
    ]);
    return { people: people.rows, households: households.rows };
  },

  /** Visit minutes since `dayStart` and inspections done since then, per child. */
  async fieldWork(db: Db, unitPath: string, dayStart: Date, now: Date) {
    const [visits, inspections] = await Promise.all([
      sql<{ child: string | null; minutes: number }>`
        SELECT ${childOf(unitPath, sql.ref('v.grid_path'))} AS child,
          coalesce(sum(extract(epoch FROM (coalesce(v.ended_at, ${now}) - greatest(v.started_at, ${dayStart}))) / 60), 0)::float8 AS minutes
        FROM visits v WHERE starts_with(v.grid_path, ${unitPath}) AND coalesce(v.ended_at, ${now}) > ${dayStart}
        GROUP BY 1`.execute(db),
      sql<{ child: string | null; n: number }>`
        SELECT ${childOf(unitPath, sql.ref('i.grid_path'))} AS child, count(*)::int AS n
        FROM inspections i WHERE starts_with(i.grid_path, ${unitPath}) AND i.observed_at >= ${dayStart}
        GROUP BY 1`.execute(db),
    ]);
    return { visits: visits.rows, inspections: inspections.rows };
  },

  /** Full-time grid workers per grid under the unit: each owes the daily visit target. */
  visitDuty(db: Db, unitPath: string) {
    return sql<{ path: string; workers: number }>`
      SELECT o.path, count(*)::int AS workers
      FROM grid_team_members m JOIN org_units o ON o.id = m.grid_id
      WHERE starts_with(o.path, ${unitPath}) AND m.team_role = 'full_time'
      GROUP BY o.path`
      .execute(db)
      .then((r) => r.rows);
  },

  units(db: Db, paths: string[]) {
    if (paths.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('org_units')
      .select(['id', 'code', 'name', 'level', 'path'])
      .where('path', 'in', paths)
      .orderBy('path')
      .execute();
  },

  children(db: Db, unitId: string) {
    return db
      .selectFrom('org_units')
      .select(['id', 'code', 'name', 'level', 'path'])
      .where('parent_id', '=', unitId)
      .orderBy('code')
      .execute();
  },

  /** Reported cases per CST day, category and source since `from`. */
  async trend(db: Db, unitPath: string, from: Date) {
    const [days, categories, sources] = await Promise.all([
      sql<{ day: string; reported: number; closed: number }>`
        SELECT to_char(c.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
          count(*)::int AS reported,
          count(*) FILTER (WHERE c.state IN ('closed', 'evaluated', 'archived'))::int AS closed
        FROM cases c WHERE starts_with(c.grid_path, ${unitPath}) AND c.reported_at >= ${from}
        GROUP BY 1 ORDER BY 1`.execute(db),
      sql<{ code: string; name: string; name_en: string; n: number }>`
        SELECT c.category_code AS code, k.name_zh AS name, k.name_en, count(*)::int AS n
        FROM cases c JOIN case_categories k ON k.code = c.category_code
        WHERE starts_with(c.grid_path, ${unitPath}) AND c.reported_at >= ${from}
        GROUP BY 1, 2, 3 ORDER BY n DESC, code LIMIT 12`.execute(db),
      sql<{ source: string; n: number }>`
        SELECT c.source, count(*)::int AS n FROM cases c
        WHERE starts_with(c.grid_path, ${unitPath}) AND c.reported_at >= ${from}
        GROUP BY 1 ORDER BY n DESC, source`.execute(db),
    ]);
    return { days: days.rows, categories: categories.rows, sources: sources.rows };
  },
};
