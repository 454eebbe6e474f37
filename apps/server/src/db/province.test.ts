import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runDatabases, TEST_DATA_KEY, withDatabase } from '../../test/databases.ts';
import { copyDatabase, type PgCluster, pgTool, query, startPrimary } from '../../test/pg-cluster.ts';
import { loadConfig } from '../config.ts';
import { buildApp } from '../http/app.ts';
import type { App } from '../http/app-types.ts';
import { DEMO_PASSWORD } from '../modules/demo/logins.ts';
import { createDb, type Db } from './database.ts';

// ARCHITECTURE.md "A province": a city's cases reach the province by logical replication. Both
// databases live on our own cluster (port 4710, wal_level=logical); the province has the same
// schema and no data of its own.
const GRID = '120110001001001';
// This city's block of ids (city number 7 × 2^40): unique province-wide.
const CITY_BLOCK = 7n * 2n ** 40n;
let cluster: PgCluster | undefined;
let db: Db | undefined;
let app: App | undefined;

beforeAll(async () => {
  const started = Date.now();
  cluster = await startPrimary(4710, 'logical');
  const template = withDatabase(inject('pgServerUrl'), runDatabases(inject('pgRunId')).templateDemo);
  await copyDatabase(template, cluster, 'city');
  await query(cluster.url(), 'CREATE DATABASE province');
  const schema = path.join(cluster.dir, 'schema.sql');
  await pgTool('pg_dump', ['-d', template, '--schema-only', '--no-owner', '-f', schema]);
  await pgTool('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-d', cluster.url('province'), '-f', schema]);
  const city = cluster.url('city');
  for (const table of ['cases', 'case_steps']) {
    await query(
      city,
      `ALTER TABLE ${table} ALTER COLUMN id SET START WITH ${CITY_BLOCK} SET MINVALUE ${CITY_BLOCK} RESTART WITH ${CITY_BLOCK}`,
    );
  }
  await query(city, 'CREATE PUBLICATION province FOR TABLE cases, case_steps');
  // A subscription to a database of the same cluster cannot create its slot itself (it would
  // wait for its own transaction), so the slot is made first.
  await query(city, "SELECT pg_create_logical_replication_slot('province_city7', 'pgoutput')");
  await query(
    cluster.url('province'),
    `CREATE SUBSCRIPTION city7 CONNECTION 'host=127.0.0.1 port=${cluster.port} user=postgres dbname=city'
      PUBLICATION province WITH (create_slot = false, slot_name = 'province_city7', copy_data = false)`,
  );
  db = createDb(city, { max: 5 });
  const config = loadConfig({ databaseUrl: city, port: 0, host: '127.0.0.1', dataKey: TEST_DATA_KEY });
  app = (await buildApp({ db, config, logger: { level: 'error' } })).app;
  await app.ready();
  console.log(`city + province ready in ${Date.now() - started} ms`);
}, 240_000);

afterAll(async () => {
  await app?.close();
  await db?.destroy();
  await query(cluster!.url('province'), 'DROP SUBSCRIPTION IF EXISTS city7').catch(() => {});
  await cluster?.stop();
});

describe('province feed', () => {
  it('a case reported on the city appears in the province within seconds, with a province-unique id', async () => {
    const login = await app!.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'wangge_session')!.value;
    const [at] = await query<{ lon: number; lat: number }>(
      cluster!.url('city'),
      'SELECT b.lon, b.lat FROM buildings b JOIN org_units o ON o.id = b.grid_id WHERE o.code = $1 ORDER BY b.code LIMIT 1',
      [GRID],
    );
    const created = await app!.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: `wangge_session=${cookie}`, 'x-csrf-token': login.json().csrfToken },
      payload: {
        categoryCode: 'SG02-01',
        description: '省级汇聚测试：楼道堆放杂物',
        source: 'patrol',
        ...at,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, code } = created.json();
    expect(BigInt(id) >= CITY_BLOCK).toBe(true);

    const started = Date.now();
    let rows: { code: string; grid_path: string; steps: number }[] = [];
    while (Date.now() - started < 10_000) {
      rows = await query(
        cluster!.url('province'),
        `SELECT c.code, c.grid_path, (SELECT count(*)::int FROM case_steps s WHERE s.case_id = c.id) AS steps
           FROM cases c WHERE c.id = $1`,
        [id],
      );
      if (rows.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log(`case reached the province in ${Date.now() - started} ms`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code).toBe(code);
    expect(rows[0]!.grid_path).toContain(`/${GRID}/`);
    expect(rows[0]!.steps).toBeGreaterThan(0);
  }, 30_000);
});
