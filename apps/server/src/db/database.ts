import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

// bigint ids come back as strings (exact); counts are cast in SQL where numbers are wanted.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Db = Kysely<Database>;

export function createDb(
  url: string,
  options: { max?: number; onIdleError?: (err: Error) => void } = {},
): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection dropped by the server (restart, failover, a dropped test database) must
  // not crash the process: the pool discards it and the next query opens a new one.
  pool.on('error', options.onIdleError ?? (() => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
