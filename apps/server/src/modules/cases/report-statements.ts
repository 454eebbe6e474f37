// The two statements of a report (report-case.ts), each prepared once per connection: one read of
// everything the report needs, and one write of everything it stores. A report used to take 13
// statements (and a transaction around nine of them); the round trips, with PostgreSQL planning
// each statement anew, were most of its cost (BENCHMARKS.md, cases).
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type { NotificationParams } from '../../db/schema.ts';
import { covering } from './repository.ts';

type ContextArgs = {
  userId: string;
  idempotencyKey: string | null;
  categoryCode: string;
  /** The address box, or nulls when the reporter gave an address. */
  minLon: number | null;
  maxLon: number | null;
  minLat: number | null;
  maxLat: number | null;
  lon: number;
  lat: number;
  /** cos²(latitude): the planar distance estimate's weight on longitude. */
  cos2: number;
};

interface CategoryRow {
  code: string;
  parent_code: string | null;
  name_zh: string;
  name_en: string;
  is_police: boolean;
  limits: unknown;
}

interface ContextRow {
  /** The case this key already made, if the request is a retry. */
  existing_id: string | null;
  /** The new case's id, taken now so its audit record can be signed before the write. */
  case_id: string;
  category: CategoryRow | null;
  /** Buildings in the box, nearest first (at most 20), when an address is to be found. */
  candidates: { lon: number; lat: number; address: string; road: string | null }[] | null;
}

export const readReportContext = preparedQuery<ContextArgs, ContextRow>(
  'cases.report-context',
  (_db, arg) => sql`
  SELECT
    (SELECT id::text FROM cases
      WHERE created_by = ${arg('userId')}::bigint AND idempotency_key = ${arg('idempotencyKey')}::text) AS existing_id,
    nextval(pg_get_serial_sequence('cases', 'id'))::text AS case_id,
    (SELECT json_build_object('code', code, 'parent_code', parent_code, 'name_zh', name_zh, 'name_en', name_en,
            'is_police', is_police, 'limits', limits)
       FROM case_categories WHERE code = ${arg('categoryCode')}::text) AS category,
    CASE WHEN ${arg('minLon')}::float8 IS NOT NULL THEN (
      SELECT coalesce(json_agg(near), '[]') FROM (
        SELECT b.lon, b.lat, coalesce(a.full_name, nullif(b.address, ''), b.name) AS address,
               CASE WHEN r.level = 'road' THEN r.name WHEN n.level = 'road' THEN n.name END AS road
        FROM buildings b
        LEFT JOIN addresses a ON a.building_id = b.id AND a.level = 'building' AND a.retired_at IS NULL
        LEFT JOIN addresses n ON n.id = a.parent_id
        LEFT JOIN addresses r ON r.id = n.parent_id
        WHERE b.lon >= ${arg('minLon')}::float8 AND b.lon <= ${arg('maxLon')}::float8
          AND b.lat >= ${arg('minLat')}::float8 AND b.lat <= ${arg('maxLat')}::float8
        ORDER BY (b.lon - ${arg('lon')}::float8) * (b.lon - ${arg('lon')}::float8) * ${arg('cos2')}::float8
               + (b.lat - ${arg('lat')}::float8) * (b.lat - ${arg('lat')}::float8), b.id
        LIMIT 20) near)
    END AS candidates`,
);

type WriteArgs = {
  id: string;
  title: string;
  description: string;
  categoryCode: string;
  source: string;
  state: string;
  selfHandled: boolean;
  isPolice: boolean;
  lon: number;
  lat: number;
  address: string;
  gridId: string;
  gridPath: string;
  ownerId: string;
  userId: string;
  reporterName: string;
  reporterPhone: string | null;
  mediaUrl: string | null;
  idempotencyKey: string | null;
  stepStartedAt: Date;
  stepDueAt: Date | null;
  light: string;
  supervision: string;
  extensionMs: number;
  // The first step.
  action: string;
  actorName: string;
  actorRoles: string[];
  /** The actor's own unit the step is taken in: their scope path covering the grid, if any. */
  actorUnitPath: string | null;
  details: string;
  /** When it was recorded on the device (offline), or null for now. */
  at: Date | null;
  photoIds: string[];
  // Who is told (the statement's variant says by which permission): the reporter left out.
  notifyKind: string;
  notifyTitle: string;
  notifyBody: string;
  notifyParams: string;
  // The audit record, MAC'd by the caller (audit/record.ts).
  auditAt: Date;
  auditAction: string;
  auditDetails: string;
  auditIp: string | null;
  auditUserAgent: string | null;
  auditMac: Buffer;
};

interface WriteRow {
  case_id: string;
  notifications: {
    id: string;
    user_id: string;
    kind: string;
    title: string;
    body: string;
    params: NotificationParams;
    case_id: string;
    created_at: string;
  }[];
}

/**
 * Who is told of a new case, per kind of report: a self-handled one goes to those who may audit it
 * in its grid, any other to the dispatchers over its owning unit, a police matter to nobody here
 * (it is routed to the police). One statement per kind, the permission written into it: with every
 * value known but the ids, PostgreSQL plans it once and keeps that plan (a parameter in its place
 * made the generic plan look dearer than planning anew each time: 0.8 ms a report).
 */
type ReportNotice = 'dispatch' | 'audit' | 'none';

function recipients(
  db: Db,
  arg: <K extends keyof WriteArgs & string>(key: K) => WriteArgs[K],
  notice: ReportNotice,
) {
  if (notice === 'none') return sql`SELECT NULL::bigint AS id WHERE false`;
  const [path, permission] =
    notice === 'audit'
      ? [sql<string>`${arg('gridPath')}::text`, 'cases.audit']
      : [sql<string>`(SELECT owner_path FROM c)`, 'cases.dispatch'];
  return covering(db, path, sql.lit(permission))
    .where('u.id', '<>', sql<string>`${arg('userId')}::bigint`)
    .select('u.id')
    .distinct();
}

const writeStatements = new Map<ReportNotice, ReturnType<typeof writeStatement>>();

/**
 * The case, its first step, its photos, its notifications and its audit record: one statement, so
 * one transaction without BEGIN or COMMIT of its own. Photos that are not the reporter's own free
 * uploads fail the whole statement (`photos_unavailable`, migrations/0062), so nothing is stored.
 */
export function writeReport(db: Db, notice: ReportNotice, args: WriteArgs) {
  let statement = writeStatements.get(notice);
  if (!statement) {
    statement = writeStatement(notice);
    writeStatements.set(notice, statement);
  }
  return statement(db, args);
}

const writeStatement = (notice: ReportNotice) =>
  preparedQuery<WriteArgs, WriteRow>(
    `cases.report-write.${notice}`,
    (db, arg) => sql`
  WITH c AS (
    INSERT INTO cases (id, code, title, description, category_code, source, state, self_handled, is_police,
      lon, lat, address, grid_id, grid_path, owner_unit_id, owner_path, reporter_user_id, reporter_name,
      reporter_phone, media_url, created_by, idempotency_key, step_started_at, step_due_at, light, supervision,
      extension_ms)
    OVERRIDING SYSTEM VALUE
    SELECT ${arg('id')}::bigint,
      'SJ' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('case_code_seq')::text, 6, '0'),
      ${arg('title')}::text, ${arg('description')}::text, ${arg('categoryCode')}::text, ${arg('source')}::text,
      ${arg('state')}::text, ${arg('selfHandled')}::boolean, ${arg('isPolice')}::boolean,
      ${arg('lon')}::float8, ${arg('lat')}::float8, ${arg('address')}::text, ${arg('gridId')}::bigint,
      ${arg('gridPath')}::text, o.id, o.path, ${arg('userId')}::bigint, ${arg('reporterName')}::text,
      ${arg('reporterPhone')}::text, ${arg('mediaUrl')}::text, ${arg('userId')}::bigint,
      ${arg('idempotencyKey')}::text, ${arg('stepStartedAt')}::timestamptz, ${arg('stepDueAt')}::timestamptz,
      ${arg('light')}::text, ${arg('supervision')}::text, ${arg('extensionMs')}::bigint
    FROM org_units o WHERE o.id = ${arg('ownerId')}::bigint
    RETURNING id, owner_path
  ), s AS (
    INSERT INTO case_steps (case_id, seq, action, from_state, to_state, actor_user_id, actor_name, actor_roles,
      actor_unit_id, note, details, at, lon, lat)
    SELECT c.id, 1, ${arg('action')}::text, NULL, ${arg('state')}::text, ${arg('userId')}::bigint,
      ${arg('actorName')}::text, ${arg('actorRoles')}::text[],
      (SELECT u.id FROM org_units u WHERE u.path = ${arg('actorUnitPath')}::text),
      ${arg('description')}::text, ${arg('details')}::jsonb, coalesce(${arg('at')}::timestamptz, now()),
      ${arg('lon')}::float8, ${arg('lat')}::float8
    FROM c
    RETURNING id
  ), p AS (
    UPDATE attachments SET case_id = (SELECT id FROM c), step_id = (SELECT id FROM s)
    WHERE id = ANY (${arg('photoIds')}::bigint[]) AND uploaded_by = ${arg('userId')}::bigint AND case_id IS NULL
    RETURNING id
  ), n AS (
    INSERT INTO notifications (user_id, case_id, kind, title, body, params)
    SELECT r.id, c.id, ${arg('notifyKind')}::text, ${arg('notifyTitle')}::text, ${arg('notifyBody')}::text,
      ${arg('notifyParams')}::jsonb
    FROM c, (${recipients(db, arg, notice)}) r
    RETURNING id, user_id, kind, title, body, params, case_id, created_at
  ), a AS (
    INSERT INTO audit_log (at, user_id, action, target_type, target_id, ip, user_agent, details, mac)
    SELECT ${arg('auditAt')}::timestamptz, ${arg('userId')}::bigint, ${arg('auditAction')}::text, 'case', c.id::text,
      ${arg('auditIp')}::text, ${arg('auditUserAgent')}::text, ${arg('auditDetails')}::jsonb, ${arg('auditMac')}::bytea
    FROM c
  )
  SELECT c.id::text AS case_id,
    statement_check((SELECT count(*) FROM p) = cardinality(${arg('photoIds')}::bigint[]), 'photos_unavailable')
      AS photos_linked,
    (SELECT coalesce(json_agg(json_build_object('id', n.id::text, 'user_id', n.user_id::text, 'kind', n.kind,
        'title', n.title, 'body', n.body, 'params', n.params, 'case_id', n.case_id::text,
        'created_at', n.created_at)), '[]') FROM n) AS notifications
  FROM c`,
  );
