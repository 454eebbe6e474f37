import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { createDb, poolOf } from './database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: 'none' });
});
afterAll(() => t?.close());

describe('the pool', () => {
  it('lives on when the connection drops in the middle of a query, and opens a new one', async () => {
    const db = createDb(t.databaseUrl, { max: 1 });
    try {
      const { pid } = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]!;
      const slow = sql`SELECT pg_sleep(30)`.execute(db).then(
        () => null,
        (err: unknown) => err,
      );
      await new Promise((r) => setTimeout(r, 200));
      // The socket closes under the checked-out client, as when the server stops: with nobody
      // listening, the client's 'error' event would end this process (the drill's PostgreSQL stop).
      const [client] = (
        poolOf(db) as unknown as { _clients: { connection: { stream: { destroy(): void } } }[] }
      )._clients;
      client!.connection.stream.destroy();
      expect(await slow).toMatchObject({ message: expect.stringMatching(/Connection terminated/) });
      const again = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
      expect(again.rows[0]!.pid).not.toBe(pid);
    } finally {
      await db.destroy();
    }
  });
});
