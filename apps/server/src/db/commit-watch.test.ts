import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../test/empty-database.ts';
import { CommitWatches } from './commit-watch.ts';
import { afterCommitOf, type Db } from './database.ts';

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await emptyDatabase(3));
  await sql`CREATE TABLE watched (n int)`.execute(db);
});
afterAll(async () => {
  await drop?.();
});

describe('commit watch', () => {
  it('recognises inserts as Kysely compiles them and as written by hand, alone or in a WITH', () => {
    const watches = new CommitWatches();
    watches.add('audit_log', () => {});
    const hits = (text: string) => watches.matching(text).length;
    expect(hits('insert into "audit_log" ("at") values ($1)')).toBe(1);
    expect(hits('WITH c AS (INSERT INTO cases (id) VALUES (1)), a AS (\n  INSERT INTO audit_log (at)')).toBe(
      1,
    );
    expect(hits('select * from "audit_log"')).toBe(0);
    expect(hits('insert into "audit_log_archive" ("at") values ($1)')).toBe(0);
    expect(hits('update audit_log set seq = 1')).toBe(0);
  });

  it('fires after a commit that inserted, never after a rollback, and at once outside a transaction', async () => {
    let fired = 0;
    const stop = afterCommitOf(db, 'watched' as never, () => fired++);
    try {
      await db.transaction().execute(async (trx) => {
        await sql`INSERT INTO watched (n) VALUES (1)`.execute(trx);
        // Not yet: the insert is not visible to anyone else until the commit.
        expect(fired).toBe(0);
      });
      expect(fired).toBe(1);

      await expect(
        db.transaction().execute(async (trx) => {
          await sql`INSERT INTO watched (n) VALUES (2)`.execute(trx);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(fired).toBe(1);

      await db.transaction().execute((trx) => sql`SELECT count(*) FROM watched`.execute(trx));
      expect(fired).toBe(1);

      await sql`INSERT INTO watched (n) VALUES (3)`.execute(db);
      expect(fired).toBe(2);
    } finally {
      stop();
    }
    await sql`INSERT INTO watched (n) VALUES (4)`.execute(db);
    expect(fired).toBe(2);
  });
});
