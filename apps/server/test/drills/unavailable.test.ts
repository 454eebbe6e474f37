// While the database is away the API answers 503 + Retry-After in the one error shape, fast,
// instead of hanging or answering 500. The full kill -9 drills are `npm run drills`.
import { createServer, type Server, type Socket } from 'node:net';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/database.ts';
import { isDatabaseUnavailable, registerErrorHandling } from '../../src/http/errors.ts';

/** Accepts connections and never answers: a database host that hangs. */
let silent: Server;
const sockets: Socket[] = [];
let silentPort = 0;
beforeAll(async () => {
  silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

async function appOver(url: string, connectionTimeoutMillis: number) {
  const db = createDb(url, { connectionTimeoutMillis });
  const app = Fastify();
  registerErrorHandling(app);
  app.get('/probe', async () => (await sql<{ one: number }>`SELECT 1 AS one`.execute(db)).rows[0]);
  return { app, db };
}

describe('database unavailable', () => {
  it('answers 503 with Retry-After when nothing listens on the database port', async () => {
    // Port 1 on loopback: connection refused at once.
    const { app, db } = await appOver('postgres://postgres@127.0.0.1:1/postgres', 2000);
    const res = await app.inject({ method: 'GET', url: '/probe' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json().error.code).toBe('database_unavailable');
    await app.close();
    await db.destroy();
  });

  it('gives up on a database that hangs after the connection timeout, then answers 503', async () => {
    const { app, db } = await appOver(`postgres://postgres@127.0.0.1:${silentPort}/postgres`, 300);
    const started = Date.now();
    const res = await app.inject({ method: 'GET', url: '/probe' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.statusCode).toBe(503);
    expect(res.json().error.details.retryAfterSeconds).toBe(5);
    await app.close();
    await db.destroy();
  });

  it('tells connection failures from query failures', () => {
    const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    expect(
      isDatabaseUnavailable(pgError('57P01', 'terminating connection due to administrator command')),
    ).toBe(true);
    expect(isDatabaseUnavailable(pgError('57P03', 'the database system is starting up'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('08006'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('23505', 'duplicate key'))).toBe(false);
    expect(isDatabaseUnavailable(pgError('42P01', 'relation does not exist'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
