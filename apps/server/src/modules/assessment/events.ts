import type { AssessmentSubject } from '@wangge/rules';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';

// The events behind one count of one subject's month (event-counts.ts counts them; this lists
// them, with the same conditions), so a worker can see exactly which cases, visits or inspections
// a number is made of. Counts that are durations of a track or calendar days list nothing.

export interface EventItem {
  kind: 'case' | 'visit' | 'inspection' | 'register_event';
  id: string;
  code: string | null;
  title: string;
  at: Date;
}

type Lister = (id: string, from: Date, to: Date) => RawBuilder<EventItem>;

const notExcluded = (
  subjectType: 'user' | 'unit',
  subject: string,
  kind: string,
  eventId: RawBuilder<unknown>,
) =>
  sql`NOT EXISTS (SELECT 1 FROM assessment_exclusions x WHERE x.subject_type = ${subjectType}
    AND x.subject_id = ${subject} AND x.event_kind = ${kind} AND x.event_id = (${eventId})::text)`;

const caseItem = sql`'case' AS kind, c.id::text AS id, c.code, c.title`;

function reports(valid: boolean): Lister {
  return (id, from, to) => sql<EventItem>`
    SELECT ${caseItem}, c.reported_at AS at FROM cases c
    WHERE c.reporter_user_id = ${id} AND c.reported_at >= ${from} AND c.reported_at < ${to}
      ${valid ? sql`AND (c.filed_at IS NOT NULL OR c.merged_into IS NOT NULL OR c.self_handled)` : sql``}
      AND ${notExcluded('user', id, 'case', sql`c.id`)}`;
}

function gridCases(filter: 'all' | 'others' | 'rated' | 'satisfied'): Lister {
  const closed = filter === 'rated' || filter === 'satisfied';
  return (id, from, to) => sql<EventItem>`
    SELECT DISTINCT ${caseItem}, ${closed ? sql`c.closed_at` : sql`c.reported_at`} AS at
    FROM grid_team_members m JOIN org_units g ON g.id = m.grid_id JOIN cases c ON c.grid_path = g.path
    WHERE m.user_id = ${id} AND ${notExcluded('user', id, 'case', sql`c.id`)}
      AND ${
        closed
          ? sql`c.closed_at >= ${from} AND c.closed_at < ${to} AND c.satisfaction IS NOT NULL
              ${filter === 'satisfied' ? sql`AND c.satisfaction >= 4` : sql``}`
          : sql`c.reported_at >= ${from} AND c.reported_at < ${to} AND c.state <> 'voided'
              ${
                filter === 'others'
                  ? sql`AND (c.reporter_user_id IS NULL OR NOT EXISTS (SELECT 1 FROM grid_team_members t
                      WHERE t.grid_id = c.grid_id AND t.user_id = c.reporter_user_id))`
                  : sql``
              }`
      }`;
}

/** Steps taken by the subject (or by a department's people), on time when by the previous step's deadline. */
function steps(actions: string[], onTime: boolean, by: 'user' | 'department'): Lister {
  return (id, from, to) => sql<EventItem>`
    SELECT ${caseItem}, s.at FROM case_steps s JOIN cases c ON c.id = s.case_id
    ${by === 'department' ? sql`JOIN user_assignments ua ON ua.user_id = s.actor_user_id AND ua.department_id = ${id}` : sql``}
    LEFT JOIN LATERAL (SELECT p.deadline FROM case_steps p WHERE p.case_id = s.case_id AND p.seq < s.seq
      ORDER BY p.seq DESC LIMIT 1) prev ON true
    WHERE s.action = ANY (${actions}::text[]) AND s.at >= ${from} AND s.at < ${to}
      ${by === 'user' ? sql`AND s.actor_user_id = ${id}` : sql``}
      ${onTime ? sql`AND (prev.deadline IS NULL OR s.at <= prev.deadline)` : sql``}
      AND ${notExcluded(by === 'user' ? 'user' : 'unit', id, 'case', sql`s.case_id`)}`;
}

function dispatchAccuracy(action: 'dispatch' | 'file', accurate: boolean): Lister {
  const actions = action === 'dispatch' ? ['dispatch', 'whistle'] : ['file'];
  const accurateWhere =
    action === 'dispatch'
      ? sql`AND NOT EXISTS (SELECT 1 FROM case_steps r WHERE r.case_id = s.case_id AND r.seq > s.seq
          AND r.action = 'returnToDispatcher')`
      : sql`AND c.merged_into IS NULL`;
  return (id, from, to) => sql<EventItem>`
    SELECT ${caseItem}, s.at FROM case_steps s JOIN cases c ON c.id = s.case_id
    WHERE s.action = ANY (${actions}::text[]) AND s.at >= ${from} AND s.at < ${to} AND s.actor_user_id = ${id}
      ${accurate ? accurateWhere : sql``} AND ${notExcluded('user', id, 'case', sql`s.case_id`)}`;
}

function ledCases(filter: 'due' | 'closed' | 'closed_on_time' | 'reworked'): Lister {
  const where = {
    due: sql``,
    closed: sql`AND c.closed_at IS NOT NULL`,
    closed_on_time: sql`AND c.closed_at IS NOT NULL AND c.handle_on_time IS NOT FALSE`,
    reworked: sql`AND c.closed_at IS NOT NULL AND c.reworked > 0`,
  }[filter];
  return (id, from, to) => sql<EventItem>`
    SELECT ${caseItem}, a.assigned_at AS at FROM case_assignments a JOIN cases c ON c.id = a.case_id
    WHERE a.department_id = ${id} AND a.is_lead AND a.active AND a.assigned_at >= ${from} AND a.assigned_at < ${to}
      ${where} AND ${notExcluded('unit', id, 'case', sql`c.id`)}`;
}

function areaCases(filter: 'reported' | 'closed' | 'closed_on_time'): Lister {
  const where = {
    reported: sql``,
    closed: sql`AND c.closed_at IS NOT NULL`,
    closed_on_time: sql`AND c.closed_at IS NOT NULL AND c.handle_on_time IS NOT FALSE`,
  }[filter];
  return (id, from, to) => sql<EventItem>`
    SELECT ${caseItem}, c.reported_at AS at FROM org_units o
    JOIN cases c ON c.grid_path >= o.path AND c.grid_path < o.path || '~'
    WHERE o.id = ${id} AND c.reported_at >= ${from} AND c.reported_at < ${to} AND c.state <> 'voided'
      ${where} AND ${notExcluded('unit', id, 'case', sql`c.id`)}`;
}

const visits: Lister = (id, from, to) => sql<EventItem>`
  SELECT 'visit' AS kind, v.id::text AS id, NULL AS code,
    coalesce(p.name, '') || ' ' || to_char(v.started_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') || '–' ||
    to_char(v.ended_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') AS title, v.started_at AS at
  FROM visits v LEFT JOIN people p ON p.id = v.person_id
  WHERE v.user_id = ${id} AND v.started_at >= ${from} AND v.started_at < ${to}
    AND ${notExcluded('user', id, 'visit', sql`v.id`)}`;

function inspections(onTime: boolean): Lister {
  return (id, from, to) => sql<EventItem>`
    SELECT 'inspection' AS kind, i.id::text AS id, NULL AS code, u.name || ' · ' || k.name_zh AS title, i.observed_at AS at
    FROM inspections i JOIN units u ON u.id = i.unit_id JOIN inspection_checklists k ON k.code = i.checklist_code
    LEFT JOIN LATERAL (SELECT p.observed_at FROM inspections p WHERE p.unit_id = i.unit_id
      AND p.checklist_code = i.checklist_code AND p.observed_at < i.observed_at ORDER BY p.observed_at DESC LIMIT 1) prev ON true
    WHERE i.inspector_id = ${id} AND i.observed_at >= ${from} AND i.observed_at < ${to}
      ${
        onTime
          ? sql`AND (prev.observed_at IS NULL OR i.observed_at - prev.observed_at <= make_interval(days =>
              CASE WHEN u.fire_safety_level = 'high_risk' THEN (k.cycle_days + 1) / 2 ELSE k.cycle_days END))`
          : sql``
      }
      AND ${notExcluded('user', id, 'inspection', sql`i.id`)}`;
}

const registerUpdates: Lister = (id, from, to) => sql<EventItem>`
  SELECT 'register_event' AS kind, e.id::text AS id, NULL AS code, e.entity_type || ' · ' || e.kind AS title, e.at
  FROM register_events e
  WHERE e.actor_user_id = ${id} AND e.at >= ${from} AND e.at < ${to}
    AND ${notExcluded('user', id, 'register_event', sql`e.id`)}`;

const LISTERS: Record<AssessmentSubject, Record<string, Lister>> = {
  worker: {
    'reports.total': reports(false),
    'reports.valid': reports(true),
    'grid.cases_total': gridCases('all'),
    'grid.cases_reported_by_others': gridCases('others'),
    'satisfaction.rated': gridCases('rated'),
    'satisfaction.satisfied': gridCases('satisfied'),
    'confirm.ended': steps(['confirm'], false, 'user'),
    'confirm.on_time': steps(['confirm'], true, 'user'),
    'verify.ended': steps(['verifyPass', 'verifyFail'], false, 'user'),
    'verify.on_time': steps(['verifyPass', 'verifyFail'], true, 'user'),
    'visits.seconds': visits,
    'visits.count': visits,
    'registers.updates': registerUpdates,
    'inspections.due': inspections(false),
    'inspections.on_time': inspections(true),
  },
  dispatcher: {
    'dispatch.ended': steps(['dispatch', 'whistle'], false, 'user'),
    'dispatch.on_time': steps(['dispatch', 'whistle'], true, 'user'),
    'file.ended': steps(['file'], false, 'user'),
    'file.on_time': steps(['file'], true, 'user'),
    'dispatch.total': dispatchAccuracy('dispatch', false),
    'dispatch.accurate': dispatchAccuracy('dispatch', true),
    'file.total': dispatchAccuracy('file', false),
    'file.accurate': dispatchAccuracy('file', true),
  },
  department: {
    'handle.ended': steps(['handle'], false, 'department'),
    'handle.on_time': steps(['handle'], true, 'department'),
    'cases.due': ledCases('due'),
    'cases.closed': ledCases('closed'),
    'cases.closed_on_time': ledCases('closed_on_time'),
    'cases.reworked': ledCases('reworked'),
  },
  area: {
    'cases.reported': areaCases('reported'),
    'cases.due': areaCases('reported'),
    'cases.closed': areaCases('closed'),
    'cases.closed_on_time': areaCases('closed_on_time'),
  },
};

export function hasEventList(subjectType: AssessmentSubject, count: string): boolean {
  return count in LISTERS[subjectType];
}

export async function listEvents(options: {
  db: Db;
  subjectType: AssessmentSubject;
  id: string;
  count: string;
  from: Date;
  to: Date;
  limit: number;
  offset: number;
}): Promise<{ items: EventItem[]; total: number }> {
  const lister = LISTERS[options.subjectType][options.count];
  if (!lister) return { items: [], total: 0 };
  const base = lister(options.id, options.from, options.to);
  const [items, total] = await Promise.all([
    sql<EventItem>`SELECT * FROM (${base}) e ORDER BY e.at DESC, e.id DESC LIMIT ${options.limit} OFFSET ${options.offset}`.execute(
      options.db,
    ),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM (${base}) e`.execute(options.db),
  ]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}
