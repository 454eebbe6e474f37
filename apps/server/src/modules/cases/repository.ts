import { isWithinScope } from '@wangge/rules';
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { NOTIFICATION_COLUMNS, type notificationRow } from '../notifications/notify.ts';
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
    return casesQuery(db, actor, {})
      .select([
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
      ])
      .where('c.id', '=', id)
      .executeTakeFirst();
  },

  /** The case row locked for a transition: concurrent actions on one case are serialised here. */
  lockCase(db: Db, id: string) {
    return db.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /**
   * Buildings in a lon/lat box, nearest first by a planar estimate (the exact distance is the
   * rule's), each with its standard address and road; at most 20.
   */
  addressCandidates(db: Db, box: { minLon: number; maxLon: number; minLat: number; maxLat: number }) {
    const lon = (box.minLon + box.maxLon) / 2;
    const lat = (box.minLat + box.maxLat) / 2;
    const cos = Math.cos((lat * Math.PI) / 180);
    return db
      .selectFrom('buildings as b')
      .leftJoin('addresses as a', (j) =>
        j.onRef('a.building_id', '=', 'b.id').on('a.level', '=', 'building').on('a.retired_at', 'is', null),
      )
      .leftJoin('addresses as n', 'n.id', 'a.parent_id')
      .leftJoin('addresses as r', 'r.id', 'n.parent_id')
      .select([
        'b.lon',
        'b.lat',
        sql<string>`coalesce(a.full_name, nullif(b.address, ''), b.name)`.as('address'),
        sql<string | null>`CASE WHEN r.level = 'road' THEN r.name WHEN n.level = 'road' THEN n.name END`.as(
          'road',
        ),
      ])
      .where('b.lon', '>=', box.minLon)
      .where('b.lon', '<=', box.maxLon)
      .where('b.lat', '>=', box.minLat)
      .where('b.lat', '<=', box.maxLat)
      .orderBy(sql`(b.lon - ${lon}) * (b.lon - ${lon}) * ${cos * cos} + (b.lat - ${lat}) * (b.lat - ${lat})`)
      .orderBy('b.id')
      .limit(20)
      .execute();
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

  steps(db: Db, caseId: string) {
    return db.selectFrom('case_steps').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
  },

  photos(db: Db, caseId: string) {
    return db
      .selectFrom('attachments')
      .select(['id', 'step_id'])
      .where('case_id', '=', caseId)
      .orderBy('id')
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

  /**
   * One inbox row for each active user covering `path` with `permission` (but `except`), chosen
   * and written by one INSERT … SELECT instead of a read and a write.
   */
  notifyCovering(
    db: Db,
    values: { path: string; permission: string; except: string; row: ReturnType<typeof notificationRow> },
  ) {
    const { row } = values;
    return db
      .insertInto('notifications')
      .columns(['user_id', 'case_id', 'kind', 'title', 'body', 'params'])
      .expression(
        covering(db, values.path, values.permission)
          .where('u.id', '<>', values.except)
          .select([
            'u.id',
            sql<string | null>`${row.case_id}::bigint`.as('case_id'),
            sql<string>`${row.kind}::text`.as('kind'),
            sql<string>`${row.title}::text`.as('title'),
            sql<string>`${row.body}::text`.as('body'),
            sql<string>`${row.params}::jsonb`.as('params'),
          ])
          .distinct(),
      )
      .returning(NOTIFICATION_COLUMNS)
      .execute();
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

/** Active users whose assignment covers `path` and whose roles grant `permission`. */
function covering(db: Db, path: string, permission: string) {
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
