// Writes the demo's year of case history (history.ts) inside the seed transaction: cases, their
// steps and assignments by multi-row inserts, visits by one INSERT … SELECT. The monthly
// statistics rollup follows by its trigger on cases; the case code sequence moves past the codes.
import { SYSTEM_ACTOR_LABELS } from '@wangge/rules';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { generateHistory, type HistoryCategory, type PlannedCase } from './history.ts';
import type { DemoData } from './types.ts';

const CHUNK = 1000;

export interface SeedHistoryResult {
  cases: number;
  steps: number;
  visits: number;
}

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function seedHistory(
  db: Kysely<Database>,
  data: DemoData,
  options: { today: Date; seed?: number },
): Promise<SeedHistoryResult> {
  const categories: HistoryCategory[] = (
    await db
      .selectFrom('case_categories')
      .select(['code', 'name_zh', 'limits', 'default_department_kind', 'is_police'])
      .where('parent_code', 'is not', null)
      .orderBy('code')
      .execute()
  ).map((c) => ({
    code: c.code,
    name: c.name_zh,
    limits: c.limits as HistoryCategory['limits'],
    departmentKind: c.default_department_kind,
    isPolice: c.is_police,
  }));
  const plan = generateHistory({ data, categories, today: options.today, seed: options.seed });
  const units = new Map(
    (await db.selectFrom('org_units').select(['id', 'code', 'path', 'name', 'level']).execute()).map((u) => [
      u.code,
      u,
    ]),
  );
  const departments = new Map(
    (await db.selectFrom('departments').select(['id', 'code', 'name']).execute()).map((d) => [d.code, d]),
  );
  const userIds = new Map(
    (await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]),
  );
  const demoUsers = new Map(data.users.map((u) => [u.username, u]));
  const unit = (code: string) => units.get(code)!;

  // The statistics rollup is rebuilt once after the bulk load instead of row by row.
  await sql`ALTER TABLE cases DISABLE TRIGGER case_stats_rollup`.execute(db);
  const caseIds = new Map<string, string>();
  for (const chunk of chunks(plan)) {
    const inserted = await db
      .insertInto('cases')
      .values(chunk.map((c) => caseRow(c, unit, userIds)))
      .returning(['id', 'code'])
      .execute();
    for (const row of inserted) caseIds.set(row.code, row.id);
  }
  await sql`ALTER TABLE cases ENABLE TRIGGER case_stats_rollup`.execute(db);
  await sql`SELECT case_stats_rebuild()`.execute(db);

  const steps: StepRow[] = plan.flatMap((c) =>
    c.steps.map((s) => {
      const user = s.actor ? demoUsers.get(s.actor) : undefined;
      const home = user?.orgUnitCodes[0];
      return {
        case_id: caseIds.get(c.code)!,
        seq: s.seq,
        action: s.action,
        from_state: s.from,
        to_state: s.to,
        actor_user_id: s.actor ? (userIds.get(s.actor) ?? null) : null,
        actor_name: user?.displayName ?? SYSTEM_ACTOR_LABELS[s.systemActor ?? 'system'].zh,
        actor_roles: user?.roles ?? [],
        actor_unit_id: home ? unit(home).id : null,
        at: s.at,
        lon: s.seq === 1 ? c.lon : null,
        lat: s.seq === 1 ? c.lat : null,
        note: s.note,
        reason: s.reason,
        details: JSON.stringify(resolveDetails(s.details, unit, departments)),
        deadline: s.deadline,
      };
    }),
  );
  for (const chunk of chunks(steps, 20_000)) await insertSteps(db, chunk);

  const assignments = plan.flatMap((c) =>
    c.assignments.map((a) => ({
      case_id: caseIds.get(c.code)!,
      org_unit_id: a.orgUnitCode ? unit(a.orgUnitCode).id : null,
      org_path: a.orgUnitCode ? unit(a.orgUnitCode).path : null,
      department_id: a.departmentCode ? departments.get(a.departmentCode)!.id : null,
      is_lead: a.isLead,
      active: a.active,
      assigned_at: a.assignedAt,
      ack_due_at: a.ackDueAt,
      acknowledged_at: a.acknowledgedAt,
      accepted_at: a.acceptedAt,
      ack_light: a.ackDueAt ? ('green' as const) : null,
    })),
  );
  for (const chunk of chunks(assignments)) await db.insertInto('case_assignments').values(chunk).execute();
  // An empty plan (the city scale seeds no history) leaves the sequence to start at 1.
  await sql`SELECT setval('case_code_seq', ${Math.max(plan.length, 1)}, ${plan.length > 0})`.execute(db);

  const visits = await seedVisits(db, options.today);
  return { cases: plan.length, steps: steps.length, visits };
}

type StepRow = {
  case_id: string;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_user_id: string | null;
  actor_name: string;
  actor_roles: string[];
  actor_unit_id: string | null;
  at: Date;
  lon: number | null;
  lat: number | null;
  note: string | null;
  reason: string | null;
  details: string;
  deadline: Date | null;
};

/** One INSERT … SELECT FROM unnest per chunk: far quicker than bound multi-row VALUES here. */
async function insertSteps(db: Kysely<Database>, rows: StepRow[]): Promise<void> {
  const col = <K extends keyof StepRow>(key: K, type: string) =>
    sql`${rows.map((r) => r[key])}::${sql.raw(type)}[]`;
  await sql`
    INSERT INTO case_steps (case_id, seq, action, from_state, to_state, actor_user_id, actor_name, actor_roles,
                            actor_unit_id, at, lon, lat, note, reason, details, deadline)
    SELECT case_id, seq, action, from_state, to_state, actor_user_id, actor_name,
           string_to_array(roles, ','), actor_unit_id, at, lon, lat, note, reason, details, deadline
    FROM unnest(${col('case_id', 'bigint')}, ${col('seq', 'int')}, ${col('action', 'text')},
                ${col('from_state', 'text')}, ${col('to_state', 'text')}, ${col('actor_user_id', 'bigint')},
                ${col('actor_name', 'text')}, ${sql`${rows.map((r) => r.actor_roles.join(','))}::text[]`},
                ${col('actor_unit_id', 'bigint')}, ${col('at', 'timestamptz')}, ${col('lon', 'float8')},
                ${col('lat', 'float8')}, ${col('note', 'text')}, ${col('reason', 'text')},
                ${col('details', 'jsonb')}, ${col('deadline', 'timestamptz')})
      AS t(case_id, seq, action, from_state, to_state, actor_user_id, actor_name, roles, actor_unit_id, at,
           lon, lat, note, reason, details, deadline)`.execute(db);
}

type UnitRow = { id: string; path: string; name: string; level: string };

function caseRow(c: PlannedCase, unit: (code: string) => UnitRow, userIds: Map<string, string>) {
  const grid = unit(c.gridCode);
  const owner = unit(c.ownerCode);
  const reporter = c.reporter ? (userIds.get(c.reporter) ?? null) : null;
  // report-case starts at version 1; every action after it adds one (police routing does not).
  const version = c.steps.filter((s) => s.actor !== null).length;
  return {
    code: c.code,
    title: c.title,
    description: c.description,
    category_code: c.categoryCode,
    source: c.source,
    state: c.state,
    self_handled: c.selfHandled,
    is_police: c.isPolice,
    lon: c.lon,
    lat: c.lat,
    address: c.address,
    grid_id: grid.id,
    grid_path: grid.path,
    owner_unit_id: owner.id,
    owner_path: owner.path,
    reporter_user_id: reporter,
    reporter_name: c.reporterName,
    reporter_phone: c.reporterPhone,
    media_url: null,
    created_by: reporter,
    idempotency_key: null,
    version,
    step_started_at: c.stepStartedAt,
    step_due_at: c.stepDueAt,
    light: c.light,
    extension_ms: 0,
    pending_extension: null,
    merged_into: null,
    satisfaction: c.satisfaction,
    satisfaction_comment: c.satisfactionComment,
    rating: c.rating,
    reported_at: c.reportedAt,
    filed_at: c.filedAt,
    dispatched_at: c.dispatchedAt,
    handled_at: c.handledAt,
    closed_at: c.closedAt,
    reworked: c.reworked,
    updated_at: c.updatedAt,
    accept_on_time: c.onTime.accept,
    dispatch_on_time: c.onTime.dispatch,
    handle_on_time: c.onTime.handle,
    verify_on_time: c.onTime.verify,
  };
}

/** Codes in the plan's step details become the ids and names act-on-case writes. */
function resolveDetails(
  details: Record<string, unknown>,
  unit: (code: string) => UnitRow,
  departments: Map<string, { id: string; name: string }>,
): Record<string, unknown> {
  const ref = (t: { type?: string; code: string }) => {
    const dept = departments.get(t.code);
    if (dept) return { type: 'department', id: dept.id, name: dept.name };
    const u = unit(t.code);
    return { type: 'unit', id: u.id, name: u.name, level: u.level };
  };
  const out = { ...details };
  if (details.target) out.target = ref(details.target as { code: string });
  if (Array.isArray(details.targets)) {
    out.targets = (details.targets as { code: string; lead: boolean }[]).map((t) => {
      const d = departments.get(t.code)!;
      return { id: d.id, name: d.name, lead: t.lead };
    });
  }
  if (details.to && typeof details.to === 'object' && 'code' in details.to) {
    const u = unit((details.to as { code: string }).code);
    out.to = { id: u.id, name: u.name, level: u.level };
  }
  return out;
}

/**
 * Door-to-door visits of the past year by each grid's full-time worker: two households every
 * Monday, Wednesday and Friday up to yesterday, 20–40 minutes each, houses in turn.
 * Deterministic: only ids and dates.
 */
async function seedVisits(db: Kysely<Database>, today: Date): Promise<number> {
  const { numAffectedRows } = await sql`
    WITH days AS (
      SELECT d::date AS day FROM generate_series(
        (${today}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - 365,
        (${today}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - 1, interval '1 day') d
      WHERE extract(isodow FROM d) IN (1, 3, 5)
    ), houses_by_grid AS (
      SELECT h.id, h.grid_id, h.grid_path,
             row_number() OVER (PARTITION BY h.grid_id ORDER BY h.id) - 1 AS k
      FROM houses h
    ), workers AS (
      SELECT DISTINCT ON (m.grid_id) m.grid_id, m.user_id,
             (SELECT count(*) FROM houses h WHERE h.grid_id = m.grid_id) AS n
      FROM grid_team_members m
      WHERE m.team_role = 'full_time' ORDER BY m.grid_id, m.user_id
    ), slots AS (
      SELECT w.grid_id, w.user_id, d.day, s.slot,
             ((d.day - DATE '2000-01-01') * 2 + s.slot) % w.n AS k
      FROM workers w CROSS JOIN days d CROSS JOIN (VALUES (0), (1)) s(slot)
      WHERE w.n > 0
    )
    INSERT INTO visits (user_id, house_id, grid_id, grid_path, household_key, started_at, ended_at, note, idempotency_key)
    SELECT sl.user_id, h.id, h.grid_id, h.grid_path, 'h:' || h.id,
           (sl.day + time '09:30' + sl.slot * interval '3 hours') AT TIME ZONE 'Asia/Shanghai',
           (sl.day + time '09:30' + sl.slot * interval '3 hours' + ((20 + (h.id % 21)) * interval '1 minute'))
             AT TIME ZONE 'Asia/Shanghai',
           '入户走访，了解家庭情况', 'demo-visit-' || sl.grid_id || '-' || sl.day || '-' || sl.slot
    FROM slots sl JOIN houses_by_grid h ON h.grid_id = sl.grid_id AND h.k = sl.k`.execute(db);
  return Number(numAffectedRows ?? 0);
}
