import { closureRate, codesOfPath, onTimeRate, reworkRate } from '@wangge/rules';
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';

const CLOSED = ['closed', 'evaluated', 'archived'];
const STEPS = ['accept', 'dispatch', 'handle', 'verify'] as const;
const COUNTERS = [
  'reported',
  'filed',
  'voided',
  'closed',
  'reworked',
  ...STEPS.flatMap((s) => [`${s}_ended`, `${s}_on_time`] as const),
] as const;
type Counter = (typeof COUNTERS)[number];
type Counts = Record<Counter, number>;
interface CountsRow extends Counts {
  category_code: string;
  source: string;
}

const CST_MS = 8 * 3_600_000;
/** Start of the China Standard Time month containing `t`, shifted by `add` months. */
function cstMonth(t: Date, add = 0): Date {
  const local = new Date(t.getTime() + CST_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + add, 1) - CST_MS);
}

/** Rates from @wangge/rules are percentages to 0.1; the API gives fractions (0.991). */
const fraction = (percent: number | null) => (percent === null ? null : Math.round(percent * 10) / 1000);

/**
 * The figures the field reports quote, for cases reported in a period where they happened under
 * a unit: reported, filed, closed, closure rate (closed ÷ (reported − voided)), on-time rate per
 * step, rework rate, overdue, by category and by source. Statistics count by place: the cases of
 * the caller's scope. Whole months come from the monthly rollup (kept by a trigger) when scope
 * and unit are streets or above; the ragged ends of the period, and smaller units, from the cases.
 */
export async function caseStatistics(
  db: Db,
  actor: Actor,
  options: { withinPath?: string; from?: Date; to?: Date },
) {
  const streetOrAbove = (p: string) => codesOfPath(p).length <= 3;
  const rollupUsable =
    actor.scopePaths.every(streetOrAbove) && (!options.withinPath || streetOrAbove(options.withinPath));
  const parts: Promise<CountsRow[]>[] = [];
  if (rollupUsable) {
    const wholeFrom = options.from
      ? cstMonth(options.from, options.from.getTime() === cstMonth(options.from).getTime() ? 0 : 1)
      : null;
    // Without an end, every month so far is whole: no case is reported in the future.
    const wholeTo = options.to ? cstMonth(options.to) : null;
    if (wholeFrom && wholeTo && wholeFrom >= wholeTo) {
      parts.push(fromCases(db, actor, options));
    } else {
      parts.push(fromRollup(db, actor, { withinPath: options.withinPath, from: wholeFrom, to: wholeTo }));
      if (options.from && wholeFrom && options.from < wholeFrom)
        parts.push(fromCases(db, actor, { ...options, to: wholeFrom }));
      if (options.to && wholeTo && wholeTo < options.to)
        parts.push(fromCases(db, actor, { ...options, from: wholeTo }));
    }
  } else {
    parts.push(fromCases(db, actor, options));
  }
  const [rows, overdue, names] = await Promise.all([
    Promise.all(parts).then((r) => r.flat()),
    overdueCount(db, actor, options),
    db.selectFrom('case_categories').select(['code', 'name_zh', 'name_en']).execute(),
  ]);
  const total = emptyCounts();
  const byCategory = new Map<string, Counts>();
  const bySource = new Map<string, Counts>();
  for (const row of rows) {
    add(total, row);
    add(byCategory.get(row.category_code) ?? setNew(byCategory, row.category_code), row);
    add(bySource.get(row.source) ?? setNew(bySource, row.source), row);
  }
  const categoryName = new Map(names.map((n) => [n.code, n]));
  return {
    reported: total.reported,
    filed: total.filed,
    voided: total.voided,
    closed: total.closed,
    closureRate: fraction(closureRate({ closed: total.closed, total: total.reported - total.voided })),
    onTime: Object.fromEntries(
      STEPS.map((s) => [
        s,
        fraction(onTimeRate({ onTime: total[`${s}_on_time`], total: total[`${s}_ended`] })),
      ]),
    ),
    reworkRate: fraction(reworkRate({ reworked: total.reworked, closed: total.closed })),
    overdue,
    byCategory: [...byCategory]
      .map(([code, c]) => ({
        code,
        name: categoryName.get(code)?.name_zh ?? code,
        nameEn: categoryName.get(code)?.name_en ?? code,
        reported: c.reported,
        closed: c.closed,
      }))
      .filter((c) => c.reported > 0)
      .sort((a, b) => b.reported - a.reported || a.code.localeCompare(b.code)),
    bySource: [...bySource]
      .map(([source, c]) => ({ source, reported: c.reported, closed: c.closed }))
      .filter((c) => c.reported > 0)
      .sort((a, b) => b.reported - a.reported || a.source.localeCompare(b.source)),
  };
}

function emptyCounts(): Counts {
  return Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counts;
}

function setNew(map: Map<string, Counts>, key: string): Counts {
  const counts = emptyCounts();
  map.set(key, counts);
  return counts;
}

function add(into: Counts, row: Counts): void {
  for (const c of COUNTERS) into[c] += row[c];
}

function fromRollup(
  db: Db,
  actor: Actor,
  options: { withinPath?: string; from: Date | null; to: Date | null },
) {
  const conditions: ReturnType<typeof sql<SqlBool>>[] = [
    sql<SqlBool>`${pathInScope(actor, 'm.street_path')}`,
  ];
  if (options.withinPath) conditions.push(sql<SqlBool>`m.street_path LIKE ${`${options.withinPath}%`}`);
  // Rollup months are CST calendar dates: compare them as dates in CST.
  if (options.from)
    conditions.push(
      sql<SqlBool>`m.month >= (${options.from}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`,
    );
  if (options.to)
    conditions.push(sql<SqlBool>`m.month < (${options.to}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`);
  return sql<CountsRow>`
    SELECT m.category_code, m.source,
      ${sql.join(
        COUNTERS.map((c) => sql`sum(${sql.ref(`m.${c}`)})::int AS ${sql.ref(c)}`),
        sql`, `,
      )}
    FROM case_stats_monthly m WHERE ${sql.join(conditions, sql` AND `)}
    GROUP BY m.category_code, m.source`
    .execute(db)
    .then((r) => r.rows);
}

function caseConditions(actor: Actor, options: { withinPath?: string; from?: Date; to?: Date }) {
  const conditions: ReturnType<typeof sql<SqlBool>>[] = [sql<SqlBool>`${pathInScope(actor, 'c.grid_path')}`];
  if (options.withinPath) conditions.push(sql<SqlBool>`c.grid_path LIKE ${`${options.withinPath}%`}`);
  if (options.from) conditions.push(sql<SqlBool>`c.reported_at >= ${options.from}`);
  if (options.to) conditions.push(sql<SqlBool>`c.reported_at < ${options.to}`);
  return sql.join(conditions, sql` AND `);
}

function fromCases(db: Db, actor: Actor, options: { withinPath?: string; from?: Date; to?: Date }) {
  return sql<CountsRow>`
    SELECT c.category_code, c.source,
      count(*)::int AS reported,
      count(c.filed_at)::int AS filed,
      count(*) FILTER (WHERE c.state = 'voided')::int AS voided,
      count(*) FILTER (WHERE c.state = ANY (${CLOSED}::text[]))::int AS closed,
      count(*) FILTER (WHERE c.reworked > 0 AND c.state = ANY (${CLOSED}::text[]))::int AS reworked,
      ${sql.join(
        STEPS.map(
          (s) =>
            sql`count(${sql.ref(`c.${s}_on_time`)})::int AS ${sql.ref(`${s}_ended`)},
                count(*) FILTER (WHERE ${sql.ref(`c.${s}_on_time`)})::int AS ${sql.ref(`${s}_on_time`)}`,
        ),
        sql`, `,
      )}
    FROM cases c WHERE ${caseConditions(actor, options)}
    GROUP BY c.category_code, c.source`
    .execute(db)
    .then((r) => r.rows);
}

/** Open cases past their limit now: always live, found through the partial overdue index. */
async function overdueCount(db: Db, actor: Actor, options: { withinPath?: string; from?: Date; to?: Date }) {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM cases c
    WHERE c.light = 'red' AND c.state NOT IN ('closed', 'evaluated', 'archived', 'voided')
      AND ${caseConditions(actor, options)}`.execute(db);
  return rows[0]?.n ?? 0;
}
