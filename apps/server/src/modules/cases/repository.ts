import { isWithinScope } from '@wangge/rules';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../../db/database.ts';
import { runNamed } from '../../db/prepared.ts';
import type { Actor } from '../access/actor.ts';
import { caseVisible } from './visibility.ts';

export interface CaseFilters {
  states?: string[];
  categoryCode?: string;
  gridId?: string;
  withinPath?: string;
  overdue?: boolean;
  source?: string;
  from?: Date;
  to?: Date;
  q?: string;
  ids?: string[];
  /** Only the cases this user reported (我的上报). */
  reporterUserId?: string;
}

const summaryColumns = [
  'c.id',
  'c.code',
  'c.title',
  'c.category_code',
  'cat.name_zh as category_name',
  'cat.name_en as category_name_en',
  'c.state',
  'c.source',
  'c.light',
  'c.supervision',
  'c.reported_at',
  'c.step_due_at',
  'c.address',
  'c.is_police',
  'c.self_handled',
  'c.grid_id',
  'g.code as grid_code',
  'g.name as grid_name',
  'c.owner_unit_id',
  'ow.code as owner_code',
  'ow.name as owner_name',
  'ow.level as owner_level',
  'c.grid_path',
  'c.owner_path',
  'c.reporter_user_id',
] as const;

const detailColumns = [
  ...summaryColumns,
  'c.description',
  'c.lon',
  'c.lat',
  'c.version',
  'c.reporter_name',
  'c.reporter_phone',
  'c.media_url',
  'c.pending_extension',
  'c.satisfaction',
  'c.satisfaction_comment',
  'c.rating',
  'c.merged_into',
  'c.plus_ones',
  'cat.closing_standard',
  'cat.closing_standard_en',
] as const;

// Timestamps inside JSON are sent as the column's text and go through the driver's own parser, so
// they are exactly the Dates a plain column read gives (JSON's ISO form would be parsed otherwise).
const timestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date;
const timestamptzOrNull = (text: string | null): Date | null => (text === null ? null : timestamptz(text));

/** An assignment as json_build_object gives it: bigints and timestamps as text. */
interface AssignmentJson {
  id: string;
  org_unit_id: string | null;
  org_path: string | null;
  department_id: string | null;
  is_lead: boolean;
  active: boolean;
  assigned_at: string;
  ack_due_at: string | null;
  acknowledged_at: string | null;
  accepted_at: string | null;
  ack_light: 'green' | 'yellow' | 'red' | null;
  ack_supervision: string;
  unit_name: string | null;
  department_name: string | null;
}

/** A step as json_build_object gives it: bigints and timestamps as text. */
interface StepJson {
  id: string;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_user_id: string | null;
  actor_name: string;
  actor_roles: string[];
  at: string;
  lon: number | null;
  lat: number | null;
  note: string | null;
  reason: string | null;
  public_note: string | null;
  details: unknown;
  deadline: string | null;
}

/** The cases matching the filters, on the cases table alone, so counting never pays for joins. */
function filteredCases(db: Db, actor: Actor, filters: CaseFilters) {
  let query = db.selectFrom('cases as c');
  // Inside a unit of the caller's scope every case is visible: the cheap path predicate suffices
  // and lets the planner use the grid-path index.
  const wholeUnitInScope =
    filters.withinPath !== undefined && isWithinScope(filters.withinPath, actor.scopePaths);
  if (!wholeUnitInScope) query = query.where(caseVisible(actor));
  if (filters.states?.length) query = query.where('c.state', 'in', filters.states);
  if (filters.categoryCode) {
    const code = filters.categoryCode;
    query = code.includes('-')
      ? query.where('c.category_code', '=', code)
      : query.where('c.category_code', 'like', `${code}-%`);
  }
  if (filters.gridId) query = query.where('c.grid_id', '=', filters.gridId);
  if (filters.withinPath) query = query.where('c.grid_path', 'like', `${filters.withinPath}%`);
  // Written literally so the planner can match the partial index cases_overdue_idx.
  if (filters.overdue)
    query = query.where(
      sql<SqlBool>`c.light = 'red' AND c.state NOT IN ('closed', 'evaluated', 'archived', 'voided')`,
    );
  if (filters.source) query = query.where('c.source', '=', filters.source);
  if (filters.from) query = query.where('c.reported_at', '>=', filters.from);
  if (filters.to) query = query.where('c.reported_at', '<', filters.to);
  if (filters.reporterUserId) query = query.where('c.reporter_user_id', '=', filters.reporterUserId);
  if (filters.ids) query = query.where('c.id', 'in', filters.ids.length ? filters.ids : ['0']);
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('c.code', 'like', like), eb('c.title', 'like', like), eb('c.address', 'like', like)]),
    );
  }
  return query;
}

function casesQuery(db: Db, actor: Actor, filters: CaseFilters) {
  return filteredCases(db, actor, filters)
    .innerJoin('case_categories as cat', 'cat.code', 'c.category_code')
    .innerJoin('org_units as g', 'g.id', 'c.grid_id')
    .innerJoin('org_units as ow', 'ow.id', 'c.owner_unit_id');
}

export type CaseSummaryRow = Awaited<ReturnType<typeof caseRepository.list>>['items'][number];

export const caseRepository = {
  async list(db: Db, actor: Actor, filters: CaseFilters, page: { limit: number; offset: number }) {
    const [items, total] = await Promise.all([
      casesQuery(db, actor, filters)
        .select(summaryColumns)
        .orderBy('c.reported_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      filteredCases(db, actor, filters).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: total.n };
  },

  findVisible(db: Db, actor: Actor, id: string) {
    return casesQuery(db, actor, {}).select(detailColumns).where('c.id', '=', id).executeTakeFirst();
  },

  /**
   * The visible case with its assignments (by id), steps (by seq) and photos (by id), in one
   * statement: a detail answers every report and every read of a case, and four round trips,
   * each parsed and planned on its own, cost more than the aggregation.
   */
  async findVisibleDetail(db: Db, actor: Actor, id: string) {
    const query = casesQuery(db, actor, {})
      .select(detailColumns)
      .select([
        sql<AssignmentJson[]>`(
          SELECT coalesce(json_agg(json_build_object(
            'id', a.id::text, 'org_unit_id', a.org_unit_id::text, 'org_path', a.org_path,
            'department_id', a.department_id::text, 'is_lead', a.is_lead, 'active', a.active,
            'assigned_at', a.assigned_at::text, 'ack_due_at', a.ack_due_at::text,
            'acknowledged_at', a.acknowledged_at::text, 'accepted_at', a.accepted_at::text,
            'ack_light', a.ack_light, 'ack_supervision', a.ack_supervision,
            'unit_name', o.name, 'department_name', d.name) ORDER BY a.id), '[]')
          FROM case_assignments a
          LEFT JOIN org_units o ON o.id = a.org_unit_id
          LEFT JOIN departments d ON d.id = a.department_id
          WHERE a.case_id = c.id)`.as('assignments'),
        sql<StepJson[]>`(
          SELECT coalesce(json_agg(json_build_object(
            'id', s.id::text, 'seq', s.seq, 'action', s.action, 'from_state', s.from_state,
            'to_state', s.to_state, 'actor_user_id', s.actor_user_id::text, 'actor_name', s.actor_name,
            'actor_roles', s.actor_roles, 'at', s.at::text, 'lon', s.lon, 'lat', s.lat, 'note', s.note,
            'reason', s.reason, 'public_note', s.public_note, 'details', s.details,
            'deadline', s.deadline::text) ORDER BY s.seq), '[]')
          FROM case_steps s WHERE s.case_id = c.id)`.as('steps'),
        sql<{ id: string; step_id: string | null }[]>`(
          SELECT coalesce(json_agg(json_build_object('id', p.id::text, 'step_id', p.step_id::text)
            ORDER BY p.id), '[]')
          FROM attachments p WHERE p.case_id = c.id)`.as('photos'),
      ])
      .where('c.id', '=', id);
    // Every report's answer and every read of a case: parsed and planned once per connection.
    const [found] = await runNamed(db, query);
    if (!found) return undefined;
    const { assignments, steps, photos, ...row } = found;
    return {
      row,
      assignments: assignments.map((a) => ({
        ...a,
        assigned_at: timestamptz(a.assigned_at),
        ack_due_at: timestamptzOrNull(a.ack_due_at),
        acknowledged_at: timestamptzOrNull(a.acknowledged_at),
        accepted_at: timestamptzOrNull(a.accepted_at),
      })),
      steps: steps.map((s) => ({ ...s, at: timestamptz(s.at), deadline: timestamptzOrNull(s.deadline) })),
      photos,
    };
  },

  /** The case row locked for a transition: concurrent actions on one case are serialised here. */
  lockCase(db: Db, id: string) {
    return db.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  category(db: Db, code: string) {
    return db.selectFrom('case_categories').selectAll().where('code', '=', code).executeTakeFirst();
  },

  categories(db: Db) {
    return db.selectFrom('case_categories').selectAll().orderBy('sort').execute();
  },

  assignments(db: Db, caseId: string) {
    return db
      .selectFrom('case_assignments as a')
      .leftJoin('org_units as o', 'o.id', 'a.org_unit_id')
      .leftJoin('departments as d', 'd.id', 'a.department_id')
      .select([
        'a.id',
        'a.org_unit_id',
        'a.org_path',
        'a.department_id',
        'a.is_lead',
        'a.active',
        'a.assigned_at',
        'a.ack_due_at',
        'a.acknowledged_at',
        'a.accepted_at',
        'a.ack_light',
        'a.ack_supervision',
        'o.name as unit_name',
        'd.name as department_name',
      ])
      .where('a.case_id', '=', caseId)
      .orderBy('a.id')
      .execute();
  },

  /** Departments sent for by a whistle that have not reported for duty yet, in id order from `after`. */
  pendingReportsForDuty(db: Db, after: string, limit: number) {
    return db
      .selectFrom('case_assignments as a')
      .innerJoin('cases as c', 'c.id', 'a.case_id')
      .innerJoin('departments as d', 'd.id', 'a.department_id')
      .select([
        'a.id',
        'a.case_id',
        'a.department_id',
        'a.assigned_at',
        'a.ack_light',
        'a.ack_supervision',
        'd.name as department_name',
        'c.state',
        'c.grid_path',
        'c.owner_path',
        'c.category_code',
        'c.title',
      ])
      .where('a.active', '=', true)
      .where('a.ack_due_at', 'is not', null)
      .where('a.acknowledged_at', 'is', null)
      .where('a.id', '>', after)
      .orderBy('a.id')
      .limit(limit)
      .execute();
  },

  /** Open cases near a point in the same category, reported recently: candidates for duplicates. */
  nearbyOpen(
    db: Db,
    actor: Actor,
    values: { categoryCode: string; lon: number; lat: number; since: Date; degrees: number },
  ) {
    return casesQuery(db, actor, { categoryCode: values.categoryCode })
      .select([...summaryColumns, 'c.lon', 'c.lat'])
      .where('c.state', 'not in', ['voided', 'closed', 'evaluated', 'archived'])
      .where('c.reported_at', '>=', values.since)
      .where('c.lon', '>=', values.lon - values.degrees)
      .where('c.lon', '<=', values.lon + values.degrees)
      .where('c.lat', '>=', values.lat - values.degrees)
      .where('c.lat', '<=', values.lat + values.degrees)
      .limit(20)
      .execute();
  },

  /** Users holding a permission whose scope covers a path (receivers, verifiers, dispatchers to notify). */
  usersCovering(db: Db, path: string, permission: string) {
    return covering(db, path, permission).select('u.id').distinct().execute();
  },

  departmentMembers(db: Db, departmentIds: string[]) {
    if (!departmentIds.length) return Promise.resolve([]);
    return db
      .selectFrom('user_assignments as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select('u.id')
      .distinct()
      .where('a.department_id', 'in', departmentIds)
      .where('u.active', '=', true)
      .execute();
  },
};

/**
 * Active users whose assignment covers `path` and whose roles grant `permission`; either may be
 * SQL (the report's statement reads the path of the case it is inserting).
 */
export function covering(db: Db, path: string | RawBuilder<string>, permission: string | RawBuilder<string>) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_assignments as a', 'a.user_id', 'u.id')
    .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .where('u.active', '=', true)
    .where(sql<SqlBool>`${path} LIKE o.path || '%'`)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('user_roles as ur')
          .innerJoin('roles as r', 'r.code', 'ur.role_code')
          .whereRef('ur.user_id', '=', 'u.id')
          .where(sql<SqlBool>`${permission} = ANY (r.permissions)`),
      ),
    );
}
