import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * Serialises the requests of one user carrying one idempotency key for one kind of record, so a
 * retry racing the original waits for its commit and then finds the record it made.
 */
export async function lockIdempotencyKey(trx: Db, kind: string, userId: string, key: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${kind}:${userId}:${key}`}, 0))`.execute(trx);
}
