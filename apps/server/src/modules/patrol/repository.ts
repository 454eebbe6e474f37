import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { type Db, poolOf } from '../../db/database.ts';
import type { PositionSource } from '../../db/schema.ts';
import { COPY_HEADER, COPY_TRAILER, POSITION_COPY_COLUMNS } from './copy-binary.ts';

/** Patrol days and partitions follow Asia/Shanghai, which has no daylight saving: UTC+8 all year. */
export const DAY_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

/** YYYY-MM-DD of the Shanghai day an instant falls in. */
export function dayOf(at: Date | number): string {
  const t = typeof at === 'number' ? at : at.getTime();
  return new Date(t + DAY_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Shanghai day an instant (epoch milliseconds) falls in, as a number: days since 1970-01-01. */
export const dayNumber = (t: number): number => Math.floor((t + DAY_OFFSET_MS) / DAY_MS);

/** [start, end) of a Shanghai day. */
export function dayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(Date.parse(`${day}T00:00:00Z`) - DAY_OFFSET_MS);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
export const partitionName = (day: string) => `positions_p${day.replaceAll('-', '')}`;

export interface PositionRow {
  userId: string;
  deviceId: string | null;
  recordedAt: Date;
  receivedAt: Date;
  lon: number;
  lat: number;
  accuracy: number | null;
  speed: number | null;
  heading: number | null;
  altitude: number | null;
  battery: number | null;
  gridId: string | null;
  source: PositionSource;
}

export interface LastFixRow {
  user_id: string;
  recorded_at: Date | null;
  lon: number | null;
  lat: number | null;
  accuracy_m: number | null;
  grid_id: string | null;
  home_paths: string[] | null;
}

export const patrolRepository = {
  /** Creates the day partitions that do not exist yet; safe against a concurrent creator. */
  async ensurePartitions(db: Db, days: readonly string[]): Promise<string[]> {
    const created: string[] = [];
    for (const day of days) {
      if (!DAY_RE.test(day)) throw new Error(`bad partition day ${day}`);
      const { start, end } = dayBounds(day);
      const name = partitionName(day);
      try {
        const { rows } = await sql<{ exists: boolean }>`
          SELECT to_regclass(${name}) IS NOT NULL AS exists`.execute(db);
        if (rows[0]?.exists) continue;
        // Identifiers and bounds come from a validated date, never from input text.
        await sql
          .raw(
            `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF positions
               FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
          )
          .execute(db);
        created.push(day);
      } catch (err) {
        // 42P07 duplicate table / 23505: another process created it between the check and here.
        const code = (err as { code?: string }).code;
        if (code !== '42P07' && code !== '23505') throw err;
      }
    }
    return created;
  },

  /** Days that have a partition, oldest first. */
  async partitionDays(db: Db): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'positions'::regclass ORDER BY c.relname`.execute(db);
    return rows
      .map((r) => /^positions_p(\d{4})(\d{2})(\d{2})$/.exec(r.name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1]}-${m[2]}-${m[3]}`);
  },

  /** Drops every day partition before `firstKeptDay`, and region events as old. */
  async dropPartitionsBefore(db: Db, firstKeptDay: string): Promise<string[]> {
    const dropped: string[] = [];
    for (const day of await patrolRepository.partitionDays(db)) {
      if (day >= firstKeptDay) continue;
      await sql.raw(`DROP TABLE IF EXISTS ${partitionName(day)}`).execute(db);
      dropped.push(day);
    }
    await db.deleteFrom('patrol_events').where('recorded_at', '<', dayBounds(firstKeptDay).start).execute();
    return dropped;
  },

  /**
   * Binary COPY of the tuples (copy-binary.ts), one transaction: all are stored, or none when any
   * fails — a fix already present fails it with a unique violation (23505), which the caller
   * answers by writing those fixes again through insertPositions. Tuples must come ordered by
   * (user, time): two writes touching the same keys then wait on each other in one direction only,
   * never in a cycle.
   */
  async copyPositions(db: Db, tuples: readonly Buffer[]): Promise<void> {
    const client = await poolOf(db).connect();
    // A server that ends the session mid-COPY (restart, 57P01) makes the client emit 'error';
    // unheard, it would end the process. The stream's own error rejects the write below, and a
    // client the server dropped is destroyed on release instead of going back to the pool (a
    // refused row, 23505, leaves a healthy client that is reused).
    let broken: Error | undefined;
    const onError = (err: Error) => {
      broken = err;
    };
    client.on('error', onError);
    try {
      const stream = client.query(
        copyFrom(`COPY positions (${POSITION_COPY_COLUMNS}) FROM STDIN (FORMAT binary)`),
      );
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', resolve);
        // One CopyData message: many small ones (a flush of single OsmAnd fixes) cost a socket
        // write each here and a read each in the server.
        stream.end(Buffer.concat([COPY_HEADER, ...tuples, COPY_TRAILER]));
      });
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  },

  /**
   * One multi-row INSERT from arrays (unnest): duplicates of (user_id, recorded_at) are ignored.
   * Returns the keys actually inserted as `${userId}|${epochMs}`.
   */
  async insertPositions(db: Db, rows: readonly PositionRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const col = <T>(f: (r: PositionRow) => T) => rows.map(f);
    const { rows: inserted } = await sql<{ user_id: string; recorded_at: Date }>`
      INSERT INTO positions (user_id, device_id, recorded_at, received_at, lon, lat, accuracy_m,
                             speed_mps, heading, altitude, battery, grid_id, source)
      SELECT * FROM unnest(
        ${col((r) => r.userId)}::bigint[], ${col((r) => r.deviceId)}::text[],
        ${col((r) => r.recordedAt.toISOString())}::timestamptz[],
        ${col((r) => r.receivedAt.toISOString())}::timestamptz[],
        ${col((r) => r.lon)}::float8[], ${col((r) => r.lat)}::float8[],
        ${col((r) => r.accuracy)}::real[], ${col((r) => r.speed)}::real[],
        ${col((r) => r.heading)}::real[], ${col((r) => r.altitude)}::real[],
        ${col((r) => r.battery)}::smallint[], ${col((r) => r.gridId)}::bigint[],
        ${col((r) => r.source)}::text[])
      ON CONFLICT DO NOTHING
      RETURNING user_id, recorded_at`.execute(db);
    return new Set(inserted.map((r) => `${r.user_id}|${r.recorded_at.getTime()}`));
  },

  /**
   * Each worker's newest fix since `since` (one index probe per user) and the paths of the org
   * units they are assigned to. With `userIds` null: every user holding patrol.report.
   */
  async lastFixes(db: Db, userIds: readonly string[] | null, since: Date): Promise<LastFixRow[]> {
    const users =
      userIds === null
        ? sql`SELECT DISTINCT ur.user_id AS id FROM user_roles ur JOIN roles r ON r.code = ur.role_code
                WHERE 'patrol.report' = ANY (r.permissions)`
        : sql`SELECT unnest(${[...userIds]}::bigint[]) AS id`;
    const { rows } = await sql<LastFixRow>`
      SELECT u.id::text AS user_id, p.recorded_at, p.lon, p.lat, p.accuracy_m, p.grid_id::text AS grid_id,
        (SELECT array_agg(o.path) FROM user_assignments a JOIN org_units o ON o.id = a.org_unit_id
          WHERE a.user_id = u.id) AS home_paths
      FROM (${users}) u
      LEFT JOIN LATERAL (
        SELECT recorded_at, lon, lat, accuracy_m, grid_id FROM positions
        WHERE user_id = u.id AND recorded_at >= ${since}
        ORDER BY recorded_at DESC LIMIT 1) p ON true`.execute(db);
    return rows;
  },

  /** Active users holding patrol.monitor, with their scope paths. */
  async monitors(db: Db): Promise<{ user_id: string; paths: string[] }[]> {
    const { rows } = await sql<{ user_id: string; paths: string[] }>`
      SELECT u.id::text AS user_id, array_agg(DISTINCT o.path) AS paths
      FROM users u
      JOIN user_assignments a ON a.user_id = u.id
      JOIN org_units o ON o.id = a.org_unit_id
      WHERE u.active AND EXISTS (
        SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code
        WHERE ur.user_id = u.id AND 'patrol.monitor' = ANY (r.permissions))
      GROUP BY u.id`.execute(db);
    return rows;
  },

  /** A worker's fixes in [from, to), oldest first. */
  track(db: Db, userId: string, from: Date, to: Date) {
    return db
      .selectFrom('positions')
      .select(['recorded_at', 'lon', 'lat', 'accuracy_m', 'speed_mps', 'grid_id', 'source', 'device_id'])
      .where('user_id', '=', userId)
      .where('recorded_at', '>=', from)
      .where('recorded_at', '<', to)
      .orderBy('recorded_at')
      .execute();
  },

  events(db: Db, userId: string, from: Date, to: Date) {
    return db
      .selectFrom('patrol_events')
      .select(['kind', 'region_id', 'region_name', 'recorded_at', 'lon', 'lat', 'grid_id', 'source'])
      .where('user_id', '=', userId)
      .where('recorded_at', '>=', from)
      .where('recorded_at', '<', to)
      .orderBy('recorded_at')
      .execute();
  },

  /** The cases the user reported, the visits and the venue inspections they made in [from, to). */
  async activities(db: Db, userId: string, from: Date, to: Date) {
    const { rows } = await sql<{
      kind: 'case' | 'visit' | 'inspection';
      id: string;
      at: Date;
      until: Date | null;
      lon: number | null;
      lat: number | null;
      label: string;
    }>`
      SELECT 'case' AS kind, c.id::text AS id, c.reported_at AS at, NULL::timestamptz AS until,
        c.lon, c.lat, c.code || ' ' || c.title AS label
      FROM cases c WHERE c.reporter_user_id = ${userId} AND c.reported_at >= ${from} AND c.reported_at < ${to}
      UNION ALL
      SELECT 'visit', v.id::text, v.started_at, v.ended_at, v.lon, v.lat, v.household_key
      FROM visits v WHERE v.user_id = ${userId} AND v.started_at >= ${from} AND v.started_at < ${to}
      UNION ALL
      SELECT 'inspection', i.id::text, i.observed_at, NULL, i.lon, i.lat, u.name
      FROM inspections i JOIN units u ON u.id = i.unit_id
      WHERE i.inspector_id = ${userId} AND i.observed_at >= ${from} AND i.observed_at < ${to}
      ORDER BY 3, 1, 2`.execute(db);
    return rows;
  },

  /** The user's assignment paths and the grids lying within them (their "own" grids). */
  async worker(db: Db, userId: string) {
    const { rows } = await sql<{
      id: string;
      username: string;
      home_paths: string[] | null;
      grid_ids: string[] | null;
    }>`
      SELECT u.id::text AS id, u.username,
        (SELECT array_agg(o.path) FROM user_assignments a JOIN org_units o ON o.id = a.org_unit_id
          WHERE a.user_id = u.id) AS home_paths,
        (SELECT array_agg(DISTINCT g.id::text) FROM user_assignments a JOIN org_units o ON o.id = a.org_unit_id
           JOIN org_units g ON g.level = 'grid' AND g.path LIKE o.path || '%'
          WHERE a.user_id = u.id) AS grid_ids
      FROM users u WHERE u.id = ${userId}`.execute(db);
    return rows[0] ?? null;
  },

  insertEvent(
    db: Db,
    row: {
      user_id: string;
      device_id: string | null;
      kind: 'region_enter' | 'region_leave';
      region_id: string | null;
      region_name: string | null;
      recorded_at: Date;
      lon: number;
      lat: number;
      accuracy_m: number | null;
      grid_id: string | null;
      source: PositionSource;
    },
  ) {
    return db
      .insertInto('patrol_events')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
  },

  findDevice(db: Db, deviceId: string) {
    return db.selectFrom('tracker_devices').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
  },

  /** Devices of the user, or (scopePrefixes given) of every user assigned within those paths. */
  async listDevices(db: Db, options: { userId: string; scopePrefixes: string[] | null }) {
    const { rows } = await sql<{
      device_id: string;
      user_id: string;
      username: string;
      protocol: string;
      bound_at: Date;
      revoked_at: Date | null;
    }>`
      SELECT d.device_id, d.user_id::text AS user_id, u.username, d.protocol, d.bound_at, d.revoked_at
      FROM tracker_devices d JOIN users u ON u.id = d.user_id
      WHERE d.user_id = ${options.userId}
        ${
          options.scopePrefixes?.length
            ? sql`OR EXISTS (SELECT 1 FROM user_assignments a JOIN org_units o ON o.id = a.org_unit_id
                   WHERE a.user_id = d.user_id AND o.path LIKE ANY (${options.scopePrefixes}::text[]))`
            : sql``
        }
      ORDER BY d.bound_at DESC, d.id DESC
      LIMIT 1000`.execute(db);
    return rows;
  },
};
