import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * Throttles shared by every app instance, kept in PostgreSQL (migrations/0019). Each hit or
 * failure is one INSERT … ON CONFLICT DO UPDATE on the key's row, so concurrent requests in any
 * process are all counted.
 */

export interface ThrottleResult {
  allowed: boolean;
  hits: number;
  /** Seconds until the key allows again; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Counts one hit in a fixed window of windowSeconds. Hits up to `limit` are allowed; from the
 * `limit`-th on the key stays blocked (blockedFor) until the window ends.
 */
export async function hit(
  db: Db,
  options: { key: string; limit: number; windowSeconds: number },
): Promise<ThrottleResult> {
  const { key, limit, windowSeconds } = options;
  const fresh = sql`b.window_ends_at <= now()`;
  const hits = sql`CASE WHEN ${fresh} THEN 1 ELSE b.hits + 1 END`;
  const ends = sql`CASE WHEN ${fresh} THEN EXCLUDED.window_ends_at ELSE b.window_ends_at END`;
  const { rows } = await sql<{ hits: number; seconds_left: number }>`
    INSERT INTO throttle_buckets AS b (key, hits, window_ends_at, blocked_until)
    VALUES (${key}, 1, now() + make_interval(secs => ${windowSeconds}),
            CASE WHEN ${limit} <= 1 THEN now() + make_interval(secs => ${windowSeconds}) END)
    ON CONFLICT (key) DO UPDATE SET
      hits = ${hits},
      window_ends_at = ${ends},
      blocked_until = CASE WHEN ${hits} >= ${limit} THEN ${ends} END
    RETURNING hits, ceil(extract(epoch FROM window_ends_at - now()))::int AS seconds_left`.execute(db);
  const row = rows[0]!;
  const allowed = row.hits <= limit;
  return { allowed, hits: row.hits, retryAfterSeconds: allowed ? 0 : Math.max(1, row.seconds_left) };
}

/**
 * Counts one failure. From the `free`-th failure on, each blocks the key for twice as long as
 * the one before (baseSeconds, 2 × baseSeconds, … up to maxSeconds); the count starts afresh
 * after resetSeconds without a failure.
 */
export async function failWithBackoff(
  db: Db,
  options: { key: string; free: number; baseSeconds: number; maxSeconds: number; resetSeconds: number },
): Promise<ThrottleResult> {
  const { key, free, baseSeconds, maxSeconds, resetSeconds } = options;
  const failures = sql`CASE WHEN b.window_ends_at <= now() THEN 1 ELSE b.hits + 1 END`;
  const blockFor = (n: typeof failures) =>
    sql`CASE WHEN ${n} >= ${free} THEN now() + make_interval(secs =>
          least(${maxSeconds}::float8, ${baseSeconds} * power(2, least(${n} - ${free}, 30)))) END`;
  const { rows } = await sql<{ hits: number; seconds_left: number | null }>`
    INSERT INTO throttle_buckets AS b (key, hits, window_ends_at, blocked_until)
    VALUES (${key}, 1, now() + make_interval(secs => ${resetSeconds}), ${blockFor(sql`1`)})
    ON CONFLICT (key) DO UPDATE SET
      hits = ${failures},
      window_ends_at = EXCLUDED.window_ends_at,
      blocked_until = ${blockFor(failures)}
    RETURNING hits, ceil(extract(epoch FROM blocked_until - now()))::int AS seconds_left`.execute(db);
  const row = rows[0]!;
  const seconds = row.seconds_left === null ? 0 : Math.max(1, row.seconds_left);
  return { allowed: seconds === 0, hits: row.hits, retryAfterSeconds: seconds };
}

/** Seconds until none of the keys is blocked (0 when none is), without counting anything. */
export async function blockedFor(db: Db, keys: string[]): Promise<number> {
  if (!keys.length) return 0;
  const { rows } = await sql<{ seconds: number | null }>`
    SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS seconds
    FROM throttle_buckets WHERE key = ANY(${keys}::text[]) AND blocked_until > now()`.execute(db);
  return Math.max(0, rows[0]?.seconds ?? 0);
}

/**
 * Takes back one hit of each key, for an attempt counted up front that proved legitimate. That
 * attempt was allowed, so one hit fewer is below the limit again; hit() still refuses any
 * excess of a concurrent burst.
 */
export async function refund(db: Db, keys: string[]): Promise<void> {
  if (!keys.length) return;
  await sql`UPDATE throttle_buckets SET hits = greatest(hits - 1, 0), blocked_until = NULL
            WHERE key = ANY(${keys}::text[]) AND window_ends_at > now()`.execute(db);
}

/**
 * Forgets keys, given exactly or by prefix (an administrator lifting a block). A prefix must
 * end in a separator no key component contains, so that 'a|' cannot match 'ab|…'.
 */
export async function clearThrottle(db: Db, options: { keys?: string[]; prefix?: string }): Promise<void> {
  const { keys = [], prefix } = options;
  await sql`DELETE FROM throttle_buckets
            WHERE key = ANY(${keys}::text[]) ${prefix ? sql`OR ${inPrefix(prefix)}` : sql``}`.execute(db);
}

/** key starts with prefix, as an index range (the key column is in C collation, migrations/0019). */
function inPrefix(prefix: string) {
  const last = prefix.codePointAt(prefix.length - 1)!;
  const upper = prefix.slice(0, -1) + String.fromCodePoint(last + 1);
  return sql<boolean>`(key >= ${prefix} AND key < ${upper})`;
}

/** Deletes rows that neither count nor block any more. */
export async function sweepThrottle(db: Db): Promise<number> {
  const result = await db
    .deleteFrom('throttle_buckets')
    .where('window_ends_at', '<=', sql<Date>`now()`)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', sql<Date>`now()`)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
