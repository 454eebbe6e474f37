import type { Compilable, CompiledQuery } from 'kysely';
import { type Db, poolOf } from './database.ts';

const MARK = '\u0000prepared-argument:';

/**
 * A query run on (nearly) every request, built by Kysely once and prepared by PostgreSQL once per
 * connection (a named statement). Authentication is such a query: building it with Kysely and
 * planning it each time cost far more than running it (measured on the token lookup: Kysely
 * 200–500 µs of Node and 200–270 µs of PostgreSQL CPU a call, prepared 50 µs and 30 µs).
 * `build` receives `arg(name)`, a stand-in for each argument; the compiled statement's parameters
 * that are stand-ins are replaced by the call's arguments, the others (constants of the query)
 * are kept. Runs on the pool, outside any transaction: only for reads that need none.
 */
export function preparedQuery<Args extends Record<string, unknown>, Row>(
  name: string,
  build: (db: Db, arg: <K extends keyof Args & string>(key: K) => Args[K]) => Compilable<Row>,
): (db: Db, args: Args) => Promise<Row | undefined> {
  let compiled: CompiledQuery<Row> | null = null;
  return async (db, args) => {
    compiled ??= build(db, (key) => `${MARK}${key}` as never).compile();
    const values = compiled.parameters.map((p) =>
      typeof p === 'string' && p.startsWith(MARK) ? args[p.slice(MARK.length)] : p,
    );
    const { rows } = await poolOf(db).query<Row & object>({ name, text: compiled.sql, values });
    return rows[0];
  };
}
