// All SQL of the command centre: one grouped query per figure, each answering for the unit and
// its children at once (the child is the next path segment under the unit), so a drill-down is
// as cheap as the unit alone and no query runs per child.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The child of `unitPath` a descendant path lies in (NULL for the unit's own rows). */
function childOf(unitPath: string, column: RawBuilder<unknown>) {
  const n = unitPath.length;
  return sql<string | null>`CASE WHEN length(${column}) > ${n}
    THEN ${unitPath} || split_part(substr(${column}, ${n + 1}), '/', 1) || '/' END`;
}

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
   * Today's flow, the last 30 days' rates and the open backlog per child, from the rollups kept by
   * the cases' trigger (migration 0046): at most 30 day rows and one open row per grid, so the
   * whole city answers from a few thousand small rows instead of its cases.
   */
  async caseFigures(db: Db, unitPath: string, today: string, from30: string): Promise<CaseFigureRow[]> {
    const [days, open] = await Promise.all([
      sql<Omit<CaseFigureRow, 'open' | 'overdue' | 'red_cards'>>`
        SELECT ${childOf(unitPath, sql.ref('r.grid_path'))} AS child,
          coalesce(sum(r.reported) FILTER (WHERE r.day >= ${today}::date), 0)::int AS reported_today,
          coalesce(sum(r.filed) FILTER (WHERE r.day >= ${today}::date), 0)::int AS filed_today,
          coalesce(sum(r.handled) FILTER (WHERE r.day >= ${today}::date), 0)::int AS handled_today,
          coalesce(sum(r.closed_on_day) FILTER (WHERE r.day >= ${today}::date), 0)::int AS closed_today,
          sum(r.reported)::int AS reported_30, sum(r.voided)::int AS voided_30, sum(r.closed)::int AS closed_30,
          sum(r.steps_ended)::int AS steps_ended_30, sum(r.steps_on_time)::int AS steps_on_time_30,
          sum(r.rated)::int AS rated_30, sum(r.satisfied)::int AS satisfied_30
        FROM case_day_rollup r
        WHERE r.day >= ${from30}::date AND starts_with(r.grid_path, ${unitPath})
        GROUP BY 1`.execute(db),
      sql<Pick<CaseFigureRow, 'child' | 'open' | 'overdue' | 'red_cards'>>`
        SELECT ${childOf(unitPath, sql.ref('o.grid_path'))} AS child,
          sum(o.open)::int AS open, sum(o.overdue)::int AS overdue, sum(o.red_cards)::int AS red_cards
        FROM case_open_rollup o WHERE starts_with(o.grid_path, ${unitPath})
        GROUP BY 1`.execute(db),
    ]);
    const zero = { open: 0, overdue: 0, red_cards: 0 };
    const rows = new Map<string | null, CaseFigureRow>();
    for (const d of days.rows) rows.set(d.child, { ...d, ...zero });
    for (const o of open.rows) {
      const row = rows.get(o.child);
      if (row) Object.assign(row, { open: o.open, overdue: o.overdue, red_cards: o.red_cards });
      else
        rows.set(o.child, {
          ...o,
          reported_today: 0,
          filed_today: 0,
          handled_today: 0,
          closed_today: 0,
          reported_30: 0,
          voided_30: 0,
          closed_30: 0,
          steps_ended_30: 0,
          steps_on_time_30: 0,
          rated_30: 0,
          satisfied_30: 0,
        });
    }
    return [...rows.values()];
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

  /**
   * Every (current listed venue under the unit, applicable checklist) pair with the day of its
   * last inspection: the overview computes due/overdue on the rolling cycle (@wangge/rules).
   */
  inspectionCycles(db: Db, unitPath: string) {
    return sql<{
      grid_path: string;
      cycle_days: number;
      fire_safety_level: string;
      last_observed_at: Date | null;
    }>`
      SELECT u.grid_path, c.cycle_days, u.fire_safety_level, li.observed_at AS last_observed_at
      FROM units u
      JOIN inspection_checklists c ON u.kind = ANY (c.unit_kinds) AND c.active
      LEFT JOIN LATERAL (
        SELECT i.observed_at FROM inspections i
        WHERE i.unit_id = u.id AND i.checklist_code = c.code
        ORDER BY i.observed_at DESC LIMIT 1
      ) li ON true
      WHERE u.retired_at IS NULL AND starts_with(u.grid_path, ${unitPath})`
      .execute(db)
      .then((r) => r.rows);
  },

  /** Rota rows of the Beijing days `from`..`to` for grids under the unit, with the grid's path. */
  rota(db: Db, unitPath: string, from: string, to: string) {
    return sql<{ user_id: string; day: string; kind: string; grid_path: string }>`
      SELECT s.user_id::text AS user_id, s.day::text AS day, s.kind, o.path AS grid_path
      FROM duty_shifts s JOIN org_units o ON o.id = s.grid_id
      WHERE s.day BETWEEN ${from}::date AND ${to}::date AND starts_with(o.path, ${unitPath})`
      .execute(db)
      .then((r) => r.rows);
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

  /**
   * The open cases under the unit as map pins, newest first, at most `limit`; each row also
   * carries the total and the counts per light of all of them (window counts, taken before the
   * limit). Served by cases_state_place_idx: one grid path prefix range per open state.
   */
  openCasePins(db: Db, unitPath: string, openStates: readonly string[], limit: number) {
    return sql<{
      id: string;
      code: string;
      lon: number;
      lat: number;
      light: 'green' | 'yellow' | 'red';
      category_code: string;
      total: number;
      red: number;
      yellow: number;
      green: number;
    }>`
      SELECT c.id::text AS id, c.code, c.lon, c.lat, c.light, c.category_code,
        (count(*) OVER ())::int AS total,
        (count(*) FILTER (WHERE c.light = 'red') OVER ())::int AS red,
        (count(*) FILTER (WHERE c.light = 'yellow') OVER ())::int AS yellow,
        (count(*) FILTER (WHERE c.light = 'green') OVER ())::int AS green
      FROM cases c
      WHERE c.state = ANY (${[...openStates]}::text[]) AND c.grid_path LIKE ${`${unitPath}%`}
      ORDER BY c.reported_at DESC, c.id DESC
      LIMIT ${limit}`
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
