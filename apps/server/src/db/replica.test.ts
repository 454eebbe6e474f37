import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runDatabases, TEST_DATA_KEY, withDatabase } from '../../test/databases.ts';
import { copyDatabase, type PgCluster, query, startPrimary, startReplica } from '../../test/pg-cluster.ts';
import { loadConfig } from '../config.ts';
import { buildApp } from '../http/app.ts';
import type { App } from '../http/app-types.ts';
import { DEMO_PASSWORD } from '../modules/demo/logins.ts';
import { createDb, type Db } from './database.ts';
import { createReadRouter } from './replica.ts';

// A real streaming replica: our own primary (the shared server has no replication entry in
// pg_hba) on ports 4700/4701, the demo district copied in, pg_basebackup -R for the standby.
const GRID = '120110001001001';
const STICKY_MS = 3000;
let primary: PgCluster | undefined;
let replica: PgCluster | undefined;
let db: Db | undefined;
let app: App | undefined;

beforeAll(async () => {
  const started = Date.now();
  primary = await startPrimary(4700, 'replica');
  const template = runDatabases(inject('pgRunId')).templateDemo;
  await copyDatabase(withDatabase(inject('pgServerUrl'), template), primary, 'wangge');
  console.log(`primary up and demo copied in ${Date.now() - started} ms`);
  replica = await startReplica(primary, 4701);
  db = createDb(primary.url('wangge'), { max: 5 });
  const config = loadConfig({
    databaseUrl: primary.url('wangge'),
    databaseReplicaUrl: replica.url('wangge'),
    replicaStickyMs: STICKY_MS,
    port: 0,
    host: '127.0.0.1',
    dataKey: TEST_DATA_KEY,
  });
  app = (await buildApp({ db, config, logger: { level: 'error' } })).app;
  await app.ready();
  console.log(`primary + replica ready in ${Date.now() - started} ms`);
}, 240_000);

afterAll(async () => {
  await app?.close();
  await db?.destroy();
  await replica?.stop();
  await primary?.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read parsed JSON of a few shapes; assertions check it.
type Call = (method: 'GET' | 'POST', url: string, payload?: object) => Promise<{ status: number; data: any }>;

async function login(username: string): Promise<Call> {
  const res = await app!.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'wangge_session')!.value;
  const headers = { cookie: `wangge_session=${cookie}`, 'x-csrf-token': res.json().csrfToken };
  return async (method, url, payload) => {
    const r = await app!.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: r.statusCode, data: r.body ? r.json() : null };
  };
}

async function reported(call: Call): Promise<number> {
  const res = await call('GET', '/api/cases/stats');
  expect(res.status, JSON.stringify(res.data)).toBe(200);
  return res.data.reported;
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('read replica', () => {
  it('serves statistics from the replica, and a writer reads their own write from the primary', async () => {
    const district = await login('district');
    const admin = await login('admin');
    const count = 'SELECT count(*)::int AS n FROM cases';
    const onPrimary = async () => (await query<{ n: number }>(primary!.url('wangge'), count))[0]!.n;
    const onReplica = async () => (await query<{ n: number }>(replica!.url('wangge'), count))[0]!.n;
    await until(async () => (await onReplica()) === (await onPrimary()), 10_000);
    const before = await reported(district);
    expect(await reported(admin)).toBe(before);

    // Replication paused: from now on the replica lags the primary.
    await query(replica!.url('wangge'), 'SELECT pg_wal_replay_pause()');
    const [at] = await query<{ lon: number; lat: number }>(
      primary!.url('wangge'),
      `SELECT b.lon, b.lat FROM buildings b JOIN org_units o ON o.id = b.grid_id WHERE o.code = $1 ORDER BY b.code LIMIT 1`,
      [GRID],
    );
    const created = await admin('POST', '/api/cases', {
      categoryCode: 'SG02-01',
      description: '副本测试：楼道堆放杂物',
      source: 'patrol',
      ...at,
    });
    expect(created.status, JSON.stringify(created.data)).toBe(201);
    expect(await onPrimary()).toBe((await onReplica()) + 1);

    // Another user's statistics come from the paused replica; the writer's from the primary.
    expect(await reported(district)).toBe(before);
    expect(await reported(admin)).toBe(before + 1);

    // After the window the writer is back on the replica (still paused), so it was the window.
    await new Promise((resolve) => setTimeout(resolve, STICKY_MS + 200));
    expect(await reported(admin)).toBe(before);

    await query(replica!.url('wangge'), 'SELECT pg_wal_replay_resume()');
    await until(async () => (await reported(district)) === before + 1, 10_000);
  }, 30_000);

  it('reads from the primary when no replica is configured', async () => {
    const reads = createReadRouter({ primary: db!, replicaUrl: null, stickyMs: STICKY_MS });
    const request = { actor: { userId: '1' } } as unknown as FastifyRequest;
    expect(reads.for(request)).toBe(db);
    reads.noteWrite('1');
    expect(reads.for(request)).toBe(db);
    await reads.close();
  });
});
