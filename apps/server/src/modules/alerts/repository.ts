import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';

const COLUMNS = [
  'a.id',
  'a.kind',
  'a.subject_user_id',
  'a.subject_case_id',
  'a.subject_device_id',
  'a.unit_path',
  'a.lon',
  'a.lat',
  'a.summary',
  'a.details',
  'a.raised_at',
  'a.state',
  'a.ack_user_id',
  'a.ack_at',
  'a.ack_note',
  'a.closed_at',
  'a.version',
] as const;

function withNames(db: Db) {
  return db
    .selectFrom('alerts as a')
    .leftJoin('users as su', 'su.id', 'a.subject_user_id')
    .leftJoin('cases as sc', 'sc.id', 'a.subject_case_id')
    .leftJoin('users as au', 'au.id', 'a.ack_user_id')
    .leftJoin('org_units as o', 'o.path', 'a.unit_path')
    .select(COLUMNS)
    .select([
      'su.display_name as subject_user_name',
      'sc.title as subject_case_title',
      'sc.code as subject_case_code',
      'au.display_name as ack_user_name',
      'o.name as unit_name',
    ]);
}

export type AlertRow = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

export const alertRepository = {
  /** Inserts the alert unless one of its kind and subject is open (or, with notSince, was raised since). */
  async insertIfNew(
    db: Db,
    values: {
      kind: string;
      subjectUserId: string | null;
      subjectCaseId: string | null;
      subjectDeviceId: string | null;
      subjectKey: string;
      unitPath: string;
      lon: number | null;
      lat: number | null;
      summary: string;
      details: Record<string, unknown>;
      raisedAt: Date;
      notSince: Date | null;
    },
  ): Promise<string | null> {
    if (values.notSince) {
      const earlier = await db
        .selectFrom('alerts')
        .select('id')
        .where('subject_key', '=', values.subjectKey)
        .where('kind', '=', values.kind)
        .where('raised_at', '>=', values.notSince)
        .executeTakeFirst();
      if (earlier) return null;
    }
    const row = await db
      .insertInto('alerts')
      .values({
        kind: values.kind,
        subject_user_id: values.subjectUserId,
        subject_case_id: values.subjectCaseId,
        subject_device_id: values.subjectDeviceId,
        subject_key: values.subjectKey,
        unit_path: values.unitPath,
        lon: values.lon,
        lat: values.lat,
        summary: values.summary,
        details: JSON.stringify(values.details),
        raised_at: values.raisedAt,
      })
      .onConflict((oc) => oc.columns(['kind', 'subject_key']).where('state', '<>', 'closed').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  },

  find(db: Db, id: string) {
    return withNames(db).where('a.id', '=', id).executeTakeFirst();
  },

  findVisible(db: Db, actor: Actor, id: string) {
    return withNames(db).where('a.id', '=', id).where(pathInScope(actor, 'a.unit_path')).executeTakeFirst();
  },

  lockVisible(db: Db, actor: Actor, id: string) {
    return db
      .selectFrom('alerts as a')
      .select(['a.id', 'a.state', 'a.version', 'a.kind'])
      .where('a.id', '=', id)
      .where(pathInScope(actor, 'a.unit_path'))
      .forUpdate()
      .executeTakeFirst();
  },

  async list(
    db: Db,
    actor: Actor,
    filter: { states?: readonly ('raised' | 'acknowledged' | 'closed')[]; unitPath?: string; kind?: string },
    page: number,
    pageSize: number,
  ) {
    let q = withNames(db).where(pathInScope(actor, 'a.unit_path'));
    if (filter.states?.length) q = q.where('a.state', 'in', [...filter.states]);
    if (filter.kind) q = q.where('a.kind', '=', filter.kind);
    if (filter.unitPath) q = q.where(sql<SqlBool>`a.unit_path LIKE ${`${filter.unitPath}%`}`);
    const [items, total] = await Promise.all([
      q
        // Open first, the newest first among them.
        .orderBy(sql`(a.state = 'closed')`)
        .orderBy('a.raised_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  },

  unitPath(db: Db, unitId: string) {
    return db.selectFrom('org_units').select('path').where('id', '=', unitId).executeTakeFirst();
  },

  /** The org paths a user is placed in (their own grids, for a worker). */
  async homePaths(db: Db, userId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('user_assignments as ua')
      .innerJoin('org_units as o', 'o.id', 'ua.org_unit_id')
      .select('o.path')
      .where('ua.user_id', '=', userId)
      .execute();
    return rows.map((r) => r.path);
  },

  /** Grid leaders of the grids a user serves. */
  async gridLeadersOf(db: Db, userId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('grid_team_members as mine')
      .innerJoin('grid_team_members as lead', 'lead.grid_id', 'mine.grid_id')
      .select('lead.user_id')
      .distinct()
      .where('mine.user_id', '=', userId)
      .where('lead.team_role', '=', 'leader')
      .where('lead.user_id', '<>', userId)
      .execute();
    return rows.map((r) => r.user_id);
  },

  /** Open cases that turned red, with no case_red alert since their current step began. */
  redCasesWithoutAlert(db: Db, limit: number) {
    return db
      .selectFrom('cases as c')
      .select(['c.id', 'c.title', 'c.code', 'c.grid_path', 'c.lon', 'c.lat', 'c.step_started_at', 'c.state'])
      .where('c.light', '=', 'red')
      .where('c.state', 'not in', ['closed', 'evaluated', 'archived', 'voided'])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('alerts as a')
              .select('a.id')
              .whereRef('a.subject_case_id', '=', 'c.id')
              .where('a.kind', '=', 'case_red')
              .where(sql<SqlBool>`(a.state <> 'closed' OR a.raised_at >= c.step_started_at)`),
          ),
        ),
      )
      .orderBy('c.id')
      .limit(limit)
      .execute();
  },

  /**
   * For each worker: the last fix since `since`, and when the current run of fixes outside their
   * own grids began (null when the last fix is inside or there is none).
   */
  async fixSummaries(db: Db, userIds: readonly string[], since: Date) {
    if (userIds.length === 0) return [];
    const { rows } = await sql<{
      user_id: string;
      last_at: Date | null;
      lon: number | null;
      lat: number | null;
      outside_since: Date | null;
      home_path: string | null;
    }>`
      WITH u AS (SELECT unnest(${[...userIds]}::bigint[]) AS id),
      fixes AS (
        SELECT p.user_id, p.recorded_at, p.lon, p.lat,
          EXISTS (
            SELECT 1 FROM user_assignments ua JOIN org_units h ON h.id = ua.org_unit_id
            JOIN org_units g ON g.id = p.grid_id
            WHERE ua.user_id = p.user_id AND g.path LIKE h.path || '%') AS inside
        FROM positions p JOIN u ON u.id = p.user_id
        WHERE p.recorded_at >= ${since})
      SELECT u.id::text AS user_id, last.recorded_at AS last_at, last.lon, last.lat,
        CASE WHEN last.inside THEN NULL ELSE (
          SELECT min(f.recorded_at) FROM fixes f WHERE f.user_id = u.id AND f.recorded_at > coalesce(
            (SELECT max(i.recorded_at) FROM fixes i WHERE i.user_id = u.id AND i.inside), '-infinity')
        ) END AS outside_since,
        (SELECT h.path FROM user_assignments ua JOIN org_units h ON h.id = ua.org_unit_id
          WHERE ua.user_id = u.id ORDER BY length(h.path) DESC LIMIT 1) AS home_path
      FROM u
      LEFT JOIN LATERAL (
        SELECT f.recorded_at, f.lon, f.lat, f.inside FROM fixes f WHERE f.user_id = u.id
        ORDER BY f.recorded_at DESC LIMIT 1) last ON true`.execute(db);
    return rows;
  },
};
