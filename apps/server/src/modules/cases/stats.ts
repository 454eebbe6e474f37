import { closureRate, onTimeRate, reworkRate, STEP_OF_STATE } from '@wangge/rules';
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { caseVisible } from './visibility.ts';

const CLOSED = ['closed', 'evaluated', 'archived'];
const STEPS = ['accept', 'dispatch', 'handle', 'verify'] as const;

/** Rates from @wangge/rules are percentages to 0.1; the API gives fractions (0.991). */
const fraction = (percent: number | null) => (percent === null ? null : Math.round(percent * 10) / 1000);

/**
 * The figures the field reports quote, for the cases reported in a period under a unit:
 * reported, filed, closed, closure rate, on-time rate per step, rework rate, overdue, by
 * category and by source. Closure rate = closed ÷ (reported − voided).
 */
export async function caseStatistics(
  db: Db,
  actor: Actor,
  options: { withinPath?: string; from?: Date; to?: Date },
) {
  const where = (alias: string) => {
    const parts: ReturnType<typeof sql<SqlBool>>[] = [sql<SqlBool>`${caseVisible(actor, alias)}`];
    if (options.withinPath)
      parts.push(sql<SqlBool>`${sql.ref(`${alias}.grid_path`)} LIKE ${`${options.withinPath}%`}`);
    if (options.from) parts.push(sql<SqlBool>`${sql.ref(`${alias}.reported_at`)} >= ${options.from}`);
    if (options.to) parts.push(sql<SqlBool>`${sql.ref(`${alias}.reported_at`)} < ${options.to}`);
    return sql.join(parts, sql` AND `);
  };
  const stepOfState = Object.entries(STEP_OF_STATE);
  const stepCase = sql.join(
    stepOfState.map(([state, step]) => sql`WHEN ${state} THEN ${step}`),
    sql` `,
  );
  const [totals, bySteps, byCategory, bySource] = await Promise.all([
    sql<{
      reported: number;
      filed: number;
      voided: number;
      closed: number;
      reworked: number;
      overdue: number;
    }>`
      SELECT count(*)::int AS reported,
        count(*) FILTER (WHERE c.filed_at IS NOT NULL)::int AS filed,
        count(*) FILTER (WHERE c.state = 'voided')::int AS voided,
        count(*) FILTER (WHERE c.state = ANY (${CLOSED}::text[]))::int AS closed,
        count(*) FILTER (WHERE c.reworked > 0 AND c.state = ANY (${CLOSED}::text[]))::int AS reworked,
        count(*) FILTER (WHERE c.light = 'red' AND NOT (c.state = ANY (${[...CLOSED, 'voided']}::text[])))::int AS overdue
      FROM cases c WHERE ${where('c')}`.execute(db),
    // A step is on time when the next state change came no later than its deadline.
    sql<{ step: string; ended: number; on_time: number }>`
      WITH s AS (
        SELECT CASE st.to_state ${stepCase} END AS step, st.deadline,
               lead(st.at) OVER (PARTITION BY st.case_id ORDER BY st.seq) AS ended_at
        FROM case_steps st JOIN cases c ON c.id = st.case_id
        WHERE ${where('c')} AND st.from_state IS DISTINCT FROM st.to_state)
      SELECT step, count(ended_at)::int AS ended,
             count(*) FILTER (WHERE ended_at <= deadline)::int AS on_time
      FROM s WHERE step IS NOT NULL AND deadline IS NOT NULL GROUP BY step`.execute(db),
    sql<{ code: string; name: string; reported: number; closed: number }>`
      SELECT c.category_code AS code, cat.name_zh AS name, count(*)::int AS reported,
             count(*) FILTER (WHERE c.state = ANY (${CLOSED}::text[]))::int AS closed
      FROM cases c JOIN case_categories cat ON cat.code = c.category_code
      WHERE ${where('c')} GROUP BY 1, 2 ORDER BY 3 DESC, 1`.execute(db),
    sql<{ source: string; reported: number; closed: number }>`
      SELECT c.source, count(*)::int AS reported,
             count(*) FILTER (WHERE c.state = ANY (${CLOSED}::text[]))::int AS closed
      FROM cases c WHERE ${where('c')} GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db),
  ]);
  const t = totals.rows[0]!;
  const onTime = Object.fromEntries(
    STEPS.map((step) => {
      const row = bySteps.rows.find((r) => r.step === step);
      return [step, fraction(onTimeRate({ onTime: row?.on_time ?? 0, total: row?.ended ?? 0 }))];
    }),
  );
  return {
    reported: t.reported,
    filed: t.filed,
    voided: t.voided,
    closed: t.closed,
    closureRate: fraction(closureRate({ closed: t.closed, total: t.reported - t.voided })),
    onTime,
    reworkRate: fraction(reworkRate({ reworked: t.reworked, closed: t.closed })),
    overdue: t.overdue,
    byCategory: byCategory.rows,
    bySource: bySource.rows,
  };
}
