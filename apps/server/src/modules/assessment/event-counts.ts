import {
  type AssessmentSubject,
  codesOfPath,
  DEFAULT_CALENDAR,
  type EventCounts,
  isWorkingDay,
  type WorkCalendar,
} from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

// The event counts behind assessment indicators (BUILTIN_INDICATORS of @wangge/rules name them).
// Every count is one set-based query per group of counts, grouped by subject over the period, so a
// whole city costs the same few queries as one worker. Events recorded in assessment_exclusions
// (an upheld appeal) for the subject are skipped.

/** Gaps between two positions longer than this are not patrol time (the phone was off or idle). */
const MAX_TRACK_GAP_S = 300;
/** A return-visit satisfaction of 4 or 5 (of 1–5) counts as satisfied. */
const SATISFIED_FROM = 4;

export interface CountOptions {
  db: Db;
  subjectType: AssessmentSubject;
  ids: readonly (number | string)[];
  /** Start of the period, inclusive (a China-time month start for monthly periods). */
  from: Date;
  /** End of the period, exclusive. */
  to: Date;
}

type Row = { id: string } & Record<string, string | number | null>;

/** Every event count of the subjects, by subject id; a subject without events gets zeros. */
export async function countEvents(options: CountOptions): Promise<Map<number, EventCounts>> {
  const ids = [...new Set(options.ids.map(String))];
  const result = new Map<number, Record<string, number>>(ids.map((id) => [Number(id), {}]));
  if (ids.length === 0) return result;
  const queries = QUERIES[options.subjectType];
  const rows = await Promise.all(queries.map((q) => q(options.db, ids, options.from, options.to)));
  for (const row of rows.flat()) {
    const counts = result.get(Number(row.id));
    if (!counts) continue;
    for (const [name, value] of Object.entries(row)) {
      if (name !== 'id') counts[name] = (counts[name] ?? 0) + Number(value ?? 0);
    }
  }
  return result;
}

type Query = (db: Db, ids: string[], from: Date, to: Date) => Promise<Row[]>;

/** Not excluded for the subject: `subjectColumn` and `eventId` are SQL expressions. */
function kept(subjectType: 'user' | 'unit', subjectColumn: string, eventKind: string, eventId: string) {
  return sql`NOT EXISTS (SELECT 1 FROM assessment_exclusions x
    WHERE x.subject_type = ${subjectType} AND x.subject_id = ${sql.raw(subjectColumn)}
      AND x.event_kind = ${eventKind} AND x.event_id = (${sql.raw(eventId)})::text)`;
}

async function run(db: Db, query: ReturnType<typeof sql>): Promise<Row[]> {
  return (await query.execute(db)).rows as Row[];
}

/**
 * Steps taken by the subjects (`actorColumn` of the step joined as `who`), each ended on time when
 * taken by the deadline of the step before it (the clock that ran while the case waited for it).
 */
function stepCounts(options: {
  names: { ended: string; onTime: string };
  actions: string[];
  subjectType: 'user' | 'unit';
  join: ReturnType<typeof sql>;
  subjectColumn: string;
}): Query {
  return (db, ids, from, to) =>
    run(
      db,
      sql`SELECT ${sql.raw(options.subjectColumn)} AS id,
          count(*)::int AS ${sql.raw(`"${options.names.ended}"`)},
          count(*) FILTER (WHERE prev.deadline IS NULL OR s.at <= prev.deadline)::int AS ${sql.raw(`"${options.names.onTime}"`)}
        FROM case_steps s
        ${options.join}
        LEFT JOIN LATERAL (SELECT p.deadline FROM case_steps p
          WHERE p.case_id = s.case_id AND p.seq < s.seq ORDER BY p.seq DESC LIMIT 1) prev ON true
        WHERE s.action = ANY (${options.actions}::text[]) AND s.at >= ${from} AND s.at < ${to}
          AND ${sql.raw(options.subjectColumn)} = ANY (${ids}::bigint[])
          AND ${kept(options.subjectType, options.subjectColumn, 'case', 's.case_id')}
        GROUP BY 1`,
    );
}

const byActor = sql``;

const WORKER: Query[] = [
  // Training hours (网格学院, modules/careers): the hours of the course sessions attended.
  (db, ids, from, to) =>
    run(
      db,
      sql`SELECT a.user_id AS id, coalesce(sum(c.hours), 0)::float8 AS "training.hours"
        FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
        JOIN training_courses c ON c.id = s.course_id
        WHERE a.user_id = ANY (${ids}::bigint[]) AND a.attended AND s.starts_at >= ${from} AND s.starts_at < ${to}
        GROUP BY 1`,
    ),
  // Reports: valid when filed, merged as a duplicate (voided as duplicate), or handled on the spot.
  (db, ids, from, to) =>
    run(
      db,
      sql`SELECT c.reporter_user_id AS id, count(*)::int AS "reports.total",
          count(*) FILTER (WHERE c.filed_at IS NOT NULL OR c.merged_into IS NOT NULL OR c.self_handled)::int AS "reports.valid"
        FROM cases c
        WHERE c.reporter_user_id = ANY (${ids}::bigint[]) AND c.reported_at >= ${from} AND c.reported_at < ${to}
          AND ${kept('user', 'c.reporter_user_id', 'case', 'c.id')}
        GROUP BY 1`,
    ),
  // The worker's grids: cases first reported by someone outside the grid's team are missed
  // reports; return-visit satisfaction of cases closed in the period.
  (db, ids, from, to) =>
    run(
      db,
      sql`SELECT m.user_id AS id,
          count(*) FILTER (WHERE c.reported_at >= ${from} AND c.reported_at < ${to} AND c.state <> 'voided')::int AS "grid.cases_total",
          count(*) FILTER (WHERE c.reported_at >= ${from} AND c.reported_at < ${to} AND c.state <> 'voided'
            AND (c.reporter_user_id IS NULL OR NOT EXISTS (SELECT 1 FROM grid_team_members t
              WHERE t.grid_id = c.grid_id AND t.user_id = c.reporter_user_id)))::int AS "grid.cases_reported_by_others",
          count(*) FILTER (WHERE c.closed_at >= ${from} AND c.closed_at < ${to} AND c.satisfaction IS NOT NULL)::int AS "satisfaction.rated",
          count(*) FILTER (WHERE c.closed_at >= ${from} AND c.closed_at < ${to} AND c.satisfaction >= ${SATISFIED_FROM})::int AS "satisfaction.satisfied"
        FROM grid_team_members m
        JOIN org_units g ON g.id = m.grid_id
        JOIN cases c ON c.grid_path = g.path
          AND ((c.reported_at >= ${from} AND c.reported_at < ${to}) OR (c.closed_at >= ${from} AND c.closed_at < ${to}))
        WHERE m.user_id = ANY (${ids}::bigint[]) AND ${kept('user', 'm.user_id', 'case', 'c.id')}
        GROUP BY 1`,
    ),
  stepCounts({
    names: { ended: 'confirm.ended', onTime: 'confirm.on_time' },
    actions: ['confirm'],
    subjectType: 'user',
    join: byActor,
    subjectColumn: 's.actor_user_id',
  }),
  stepCounts({
    names: { ended: 'verify.ended', onTime: 'verify.on_time' },
    actions: ['verifyPass', 'verifyFail'],
    subjectType: 'user',
    join: byActor,
    subjectColumn: 's.actor_user_id',
  }),
  (db, ids, from, to) =>
    run(
      db,
      sql`SELECT v.user_id AS id,
          coalesce(sum(extract(epoch FROM v.ended_at - v.started_at)), 0)::bigint AS "visits.seconds",
          count(*)::int AS "visits.count"
        FROM visits v
        WHERE v.user_id = ANY (${ids}::bigint[]) AND v.started_at >= ${from} AND v.started_at < ${to}
          AND ${kept('user', 'v.user_id', 'visit', 'v.id')}
        GROUP BY 1`,
    ),
  // Patrol time from the track: the time to the next position (gaps over MAX_TRACK_GAP_S cut),
  // inside when the position lies in one of the worker's grids.
  (db, ids, from, to) =>
    run(
      db,
      sql`SELECT t.user_id AS id,
          coalesce(sum(least(t.gap, ${MAX_TRACK_GAP_S})), 0)::bigint AS "patrol.tracked_seconds",
          coalesce(sum(least(t.gap, ${MAX_TRACK_GAP_S})) FILTER (WHERE t.inside), 0)::bigint AS "patrol.inside_seconds"
        FROM (SELECT p.user_id,
            extract(epoch FROM lead(p.recorded_at) OVER (PARTITION BY p.user_id ORDER BY p.recorded_at) - p.recorded_at) AS gap,
            EXISTS (SELECT 1 FROM grid_team_members m WHERE m.user_id = p.user_id AND m.grid_id = p.grid_id) AS inside
          FROM positions p
          WHERE p.user_id = ANY (${ids}::bigint[]) AND p.recorded_at >= ${from} AND p.recorded_at < ${to}) t
        WHERE t.gap IS NOT NULL
        GROUP BY 1`,
    ),
  (db, ids, from, to) =>
    run(
      db,
      sql`SELECT e.actor_user_id AS id, count(*)::int AS "registers.updates"
        FROM register_events e
        WHERE e.actor_user_id = ANY (${ids}::bigint[]) AND e.at >= ${from} AND e.at < ${to}
          AND ${kept('user', 'e.actor_user_id', 'register_event', 'e.id')}
        GROUP BY 1`,
    ),
  // An inspection is on time when the venue's previous inspection on the same checklist lies
  // within its cycle (halved for high-risk venues, as inspections/due.ts), or there was none.
  (db, ids, from, to) =>
    run(
      db,
      sql`SELECT i.inspector_id AS id, count(*)::int AS "inspections.due",
          count(*) FILTER (WHERE prev.observed_at IS NULL OR i.observed_at - prev.observed_at <=
            make_interval(days => CASE WHEN u.fire_safety_level = 'high_risk' THEN (k.cycle_days + 1) / 2 ELSE k.cycle_days END))::int AS "inspections.on_time"
        FROM inspections i
        JOIN units u ON u.id = i.unit_id
        JOIN inspection_checklists k ON k.code = i.checklist_code
        LEFT JOIN LATERAL (SELECT p.observed_at FROM inspections p
          WHERE p.unit_id = i.unit_id AND p.checklist_code = i.checklist_code AND p.observed_at < i.observed_at
          ORDER BY p.observed_at DESC LIMIT 1) prev ON true
        WHERE i.inspector_id = ANY (${ids}::bigint[]) AND i.observed_at >= ${from} AND i.observed_at < ${to}
          AND ${kept('user', 'i.inspector_id', 'inspection', 'i.id')}
        GROUP BY 1`,
    ),
  workdays,
];

const DISPATCHER: Query[] = [
  stepCounts({
    names: { ended: 'dispatch.ended', onTime: 'dispatch.on_time' },
    actions: ['dispatch', 'whistle'],
    subjectType: 'user',
    join: byActor,
    subjectColumn: 's.actor_user_id',
  }),
  stepCounts({
    names: { ended: 'file.ended', onTime: 'file.on_time' },
    actions: ['file'],
    subjectType: 'user',
    join: byActor,
    subjectColumn: 's.actor_user_id',
  }),
  // Accurate dispatch: not sent back by the receiver afterwards. Accurate filing (立案 − 作废):
  // the filed case was not later merged away as a duplicate.
  (db, ids, from, to) =>
    run(
      db,
      sql`SELECT s.actor_user_id AS id,
          count(*) FILTER (WHERE s.action IN ('dispatch', 'whistle'))::int AS "dispatch.total",
          count(*) FILTER (WHERE s.action IN ('dispatch', 'whistle') AND NOT EXISTS (SELECT 1 FROM case_steps r
            WHERE r.case_id = s.case_id AND r.seq > s.seq AND r.action = 'returnToDispatcher'))::int AS "dispatch.accurate",
          count(*) FILTER (WHERE s.action = 'file')::int AS "file.total",
          count(*) FILTER (WHERE s.action = 'file' AND c.merged_into IS NULL)::int AS "file.accurate"
        FROM case_steps s
        JOIN cases c ON c.id = s.case_id
        WHERE s.action IN ('dispatch', 'whistle', 'file') AND s.at >= ${from} AND s.at < ${to}
          AND s.actor_user_id = ANY (${ids}::bigint[])
          AND ${kept('user', 's.actor_user_id', 'case', 's.case_id')}
        GROUP BY 1`,
    ),
];

const DEPARTMENT: Query[] = [
  // Handling by the department's people.
  stepCounts({
    names: { ended: 'handle.ended', onTime: 'handle.on_time' },
    actions: ['handle'],
    subjectType: 'unit',
    join: sql`JOIN user_assignments ua ON ua.user_id = s.actor_user_id AND ua.department_id IS NOT NULL`,
    subjectColumn: 'ua.department_id',
  }),
  // Cases the department leads that were dispatched to it in the period.
  (db, ids, from, to) =>
    run(
      db,
      sql`SELECT a.department_id AS id, count(*)::int AS "cases.due",
          count(*) FILTER (WHERE c.closed_at IS NOT NULL)::int AS "cases.closed",
          count(*) FILTER (WHERE c.closed_at IS NOT NULL AND c.handle_on_time IS NOT FALSE)::int AS "cases.closed_on_time",
          count(*) FILTER (WHERE c.closed_at IS NOT NULL AND c.reworked > 0)::int AS "cases.reworked"
        FROM case_assignments a
        JOIN cases c ON c.id = a.case_id
        WHERE a.department_id = ANY (${ids}::bigint[]) AND a.is_lead AND a.active
          AND a.assigned_at >= ${from} AND a.assigned_at < ${to}
          AND ${kept('unit', 'a.department_id', 'case', 'c.id')}
        GROUP BY 1`,
    ),
];

// Paths under a unit as a range of its path (C collation; '~' sorts after the digits and '/' of
// codes), so the grid_path index serves each unit, where LIKE with a pattern per row could not.
const AREA: Query[] = [
  // Cases that happened under the unit, reported in the period (voided reports left out).
  (db, ids, from, to) =>
    run(
      db,
      sql`SELECT o.id, count(c.id)::int AS "cases.reported", count(c.id)::int AS "cases.due",
          count(c.id) FILTER (WHERE c.closed_at IS NOT NULL)::int AS "cases.closed",
          count(c.id) FILTER (WHERE c.closed_at IS NOT NULL AND c.handle_on_time IS NOT FALSE)::int AS "cases.closed_on_time"
        FROM org_units o
        JOIN cases c ON c.grid_path >= o.path AND c.grid_path < o.path || '~' AND c.reported_at >= ${from} AND c.reported_at < ${to}
          AND c.state <> 'voided'
        WHERE o.id = ANY (${ids}::bigint[]) AND ${kept('unit', 'o.id', 'case', 'c.id')}
        GROUP BY 1`,
    ),
  // Households: the houses registered under the unit and not retired by the period's end.
  (db, ids, _from, to) =>
    run(
      db,
      sql`SELECT o.id, count(h.id)::int AS households
        FROM org_units o
        JOIN houses h ON h.grid_path >= o.path AND h.grid_path < o.path || '~' AND (h.retired_at IS NULL OR h.retired_at >= ${to})
        WHERE o.id = ANY (${ids}::bigint[])
        GROUP BY 1`,
    ),
];

const QUERIES: Record<AssessmentSubject, Query[]> = {
  worker: WORKER,
  dispatcher: DISPATCHER,
  department: DEPARTMENT,
  area: AREA,
};

/**
 * Working days of the period in the calendar of the worker's city (holidays and make-up days
 * respected), the denominator of per-day averages. A worker without a grid uses the default.
 */
async function workdays(db: Db, ids: string[], from: Date, to: Date): Promise<Row[]> {
  const [homes, calendars] = await Promise.all([
    run(
      db,
      sql`SELECT u.id, min(g.path) AS path FROM users u
        LEFT JOIN grid_team_members m ON m.user_id = u.id
        LEFT JOIN org_units g ON g.id = m.grid_id
        WHERE u.id = ANY (${ids}::bigint[]) GROUP BY 1`,
    ),
    run(db, sql`SELECT o.code AS id, w.calendar FROM work_calendars w JOIN org_units o ON o.id = w.city_id`),
  ]);
  const calendarOf = new Map(calendars.map((c) => [c.id, c.calendar as unknown as WorkCalendar]));
  const daysIn = new Map<WorkCalendar, number>();
  return homes.map((home) => {
    const city = typeof home.path === 'string' ? codesOfPath(home.path)[0] : undefined;
    const calendar = (city && calendarOf.get(city)) || DEFAULT_CALENDAR;
    let days = daysIn.get(calendar);
    if (days === undefined) {
      days = workingDaysBetween(from, to, calendar);
      daysIn.set(calendar, days);
    }
    return { id: home.id, workdays: days };
  });
}

/** Working days whose China-time date starts in [from, to). */
function workingDaysBetween(from: Date, to: Date, calendar: WorkCalendar): number {
  const DAY_MS = 86_400_000;
  let days = 0;
  for (let t = from.getTime(); t < to.getTime(); t += DAY_MS) if (isWorkingDay(t, calendar)) days++;
  return days;
}
