import { createHash } from 'node:crypto';
import {
  type Compilable,
  CompiledQuery,
  type PostgresPool,
  type PostgresPoolClient,
  type RawBuilder,
} from 'kysely';
import type pg from 'pg';
import type { Db } from './database.ts';

const MARK = '\u0000prepared-argument:';

/** Statement texts sent as named statements, with their names: parsed and planned once per connection. */
const named = new Map<string, string>();

/**
 * A query run on (nearly) every request, or a hot path's statement, built by Kysely once and
 * prepared by PostgreSQL once per connection (a named statement). Building with Kysely and planning
 * each time cost far more than running it (measured on the token lookup: Kysely 200–500 µs of Node
 * and 200–270 µs of PostgreSQL CPU a call, prepared 50 µs and 30 µs; on case creation, planning
 * was half of PostgreSQL's time, BENCHMARKS.md). `build` receives `arg(name)`, a stand-in for each
 * argument; the compiled statement's parameters that are stand-ins are replaced by the call's
 * arguments, the others (constants of the query) are kept. Runs on `db`, so inside a transaction
 * when given one. The query's shape must not depend on the arguments: an argument is one value
 * (an array goes in as one array parameter, `= any(...)`).
 */
export function preparedQuery<Args extends Record<string, unknown>, Row>(
  name: string,
  build: (
    db: Db,
    arg: <K extends keyof Args & string>(key: K) => Args[K],
  ) => Compilable<Row> | RawBuilder<Row>,
): (db: Db, args: Args) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | null = null;
  return async (db, args) => {
    if (!compiled) {
      const built = build(db, (key) => `${MARK}${key}` as never);
      compiled = 'isRawBuilder' in built ? built.compile(db) : built.compile();
      const existing = named.get(compiled.sql);
      if (existing && existing !== name) throw new Error(`prepared ${name}: same text as ${existing}`);
      named.set(compiled.sql, name);
    }
    const parameters = compiled.parameters.map((p) =>
      typeof p === 'string' && p.startsWith(MARK) ? args[p.slice(MARK.length)] : p,
    );
    const { rows } = await db.executeQuery(CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<Row>);
    return rows;
  };
}

/** Texts given names by runNamed: a bound, so a query whose text varies without end stays unnamed. */
const MAX_NAMED_BY_TEXT = 64;
let namedByText = 0;

/**
 * Runs a query Kysely builds each time as a named statement keyed by its text, for a hot query
 * whose text takes a few shapes (the case detail: one per kind of scope), so PostgreSQL parses and
 * plans each shape once per connection. The first 64 texts get names; any further ones run unnamed.
 */
export async function runNamed<Row>(db: Db, query: Compilable<Row>): Promise<Row[]> {
  const compiled = query.compile();
  if (!named.has(compiled.sql) && namedByText < MAX_NAMED_BY_TEXT) {
    namedByText++;
    named.set(compiled.sql, `text-${createHash('sha256').update(compiled.sql).digest('hex').slice(0, 24)}`);
  }
  const { rows } = await db.executeQuery(compiled);
  return rows;
}

/**
 * The pool as Kysely sees it, sending the statements registered above as named ones (pg parses a
 * name once per connection and reuses it after). Each pg client keeps one wrapper, as Kysely
 * keys its connections by client.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = {
          query: ((text: unknown, values?: unknown[]) => {
            if (typeof text !== 'string') return client.query(text as never);
            const name = named.get(text);
            return client.query(name ? { name, text, values } : { text, values });
          }) as unknown as PostgresPoolClient['query'],
          release: () => client.release(),
        };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
