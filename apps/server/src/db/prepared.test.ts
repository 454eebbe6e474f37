import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../test/empty-database.ts';
import type { Db } from './database.ts';
import { preparedQuery, runNamed } from './prepared.ts';

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await emptyDatabase(2));
});
afterAll(async () => {
  await drop?.();
});

const unitsUnder = preparedQuery<{ prefix: string }, { code: string }>('test.units-under', (db, arg) =>
  db
    .selectFrom('org_units')
    .select('code')
    .where('path', 'like', sql<string>`${arg('prefix')} || '%'`)
    .orderBy('code'),
);

/** The named statements this transaction's connection holds. */
async function preparedNames(trx: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(trx);
  return rows.map((r) => r.name);
}

describe('prepared statements', () => {
  it('run as named statements inside a transaction, with their arguments and their constants', async () => {
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`INSERT INTO org_units (code, name, level, path) VALUES ('990000000000', '试验市', 'city', '/990000000000/')`.execute(
          trx,
        );
        expect(await unitsUnder(trx, { prefix: '/990000000000/' })).toEqual([{ code: '990000000000' }]);
        expect(await unitsUnder(trx, { prefix: '/98/' })).toEqual([]);
        expect(await preparedNames(trx)).toContain('test.units-under');
        // Rolled back below: what the statement sees is the transaction's own writes.
        throw new Error('rollback');
      })
      .catch((err: Error) => {
        if (err.message !== 'rollback') throw err;
      });
  });

  it('name a built query by its text, so each shape is parsed and planned once per connection', async () => {
    const query = (level: 'city' | 'grid') =>
      db.selectFrom('org_units').select('code').where('level', '=', level);
    await db.transaction().execute(async (trx) => {
      expect(await runNamed(trx, query('city'))).toEqual([]);
      const names = (await preparedNames(trx)).filter((n) => n.startsWith('text-'));
      expect(names).toHaveLength(1);
      // The same text with another value reuses the statement.
      expect(await runNamed(trx, query('grid'))).toEqual([]);
      expect((await preparedNames(trx)).filter((n) => n.startsWith('text-'))).toEqual(names);
    });
  });
});
