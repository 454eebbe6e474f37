import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { CommitWatches, watchingCommits } from './commit-watch.ts';
import { preparingPool } from './prepared.ts';
import type { Database } from './schema.ts';

// bigint ids come back as strings (exact); counts are cast in SQL where numbers are wanted.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Db = Kysely<Database>;

const pools = new WeakMap<Db, pg.Pool>();
const commitWatches = new WeakMap<Db, CommitWatches>();

/** The pool under a Db from createDb, for what Kysely cannot send (COPY FROM STDIN). */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('poolOf: not a Db made by createDb');
  return pool;
}

export function createDb(
  url: string,
  options: { max?: number; onIdleError?: (err: Error) => void; connectionTimeoutMillis?: number } = {},
): Db {
  // A bounded wait for a connection: with the database away a request fails within seconds (the
  // error handler answers 503 + Retry-After) instead of hanging until the client gives up.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
  });
  // An idle connection dropped by the server (restart, failover, a dropped test database) must
  // not crash the process: the pool discards it and the next query opens a new one.
  pool.on('error', options.onIdleError ?? (() => {}));
  // The pool listens for errors only on idle clients. A server that ends the session while a
  // client is checked out (a restart in the middle of a request) makes that client emit 'error'
  // with nobody listening, which ends the process. The query it was running rejects anyway (the
  // request answers 503) and the pool drops the broken client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const watches = new CommitWatches();
  const db = new Kysely<Database>({
    dialect: watchingCommits(new PostgresDialect({ pool: preparingPool(pool) }), watches),
  });
  pools.set(db, pool);
  commitWatches.set(db, watches);
  return db;
}

/** Calls onCommit after every commit (of any transaction on db) that inserted into `table`. */
export function afterCommitOf(db: Db, table: keyof Database & string, onCommit: () => void): () => void {
  const watches = commitWatches.get(db);
  if (!watches) throw new Error('afterCommitOf: not a Db made by createDb');
  return watches.add(table, onCommit);
}
