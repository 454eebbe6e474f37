// Cases at city scale: creation throughput through HTTP (grid routing included, no photos) next
// to a trivial route on the same server, then list/filter and statistics latency on 1,000,000
// generated cases, next to a primary-key fetch through the same API.
import { type Geometry, interiorPoint } from '@wangge/rules';
import { sql } from 'kysely';
import { poolOf } from '../apps/server/src/db/database.ts';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.ts';
import { generateDemo } from '../apps/server/src/modules/demo/generate.ts';
import { seedDemo } from '../apps/server/src/modules/demo/seed.ts';
import { cpuMeter } from './cpu.ts';
import { describe, load, startBenchServer } from './support.ts';

const CREATE_REQUESTS = 2_000;
const CONCURRENCY = 8;
const GENERATED_CASES = 1_000_000;
const LATENCY_REQUESTS = 60;

export async function benchCases(): Promise<void> {
  const server = await startBenchServer('wangge_bench_cases', async (db) => {
    await seedDemo(db, generateDemo({ scale: 'city', seed: 1 }), { hashPassword });
  });
  try {
    const { db, base } = server;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Wangge@2026' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const tokenRes = await fetch(`${base}/api/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'bench' }),
    });
    const { token } = (await tokenRes.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };

    const grids = await db
      .selectFrom('boundaries as b')
      .innerJoin('org_units as o', 'o.id', 'b.org_unit_id')
      .select(['b.geometry'])
      .where('o.level', '=', 'grid')
      .where('b.valid_to', 'is', null)
      .execute();
    const points = grids.map((g) => interiorPoint(g.geometry as Geometry));
    const categories = (
      await db
        .selectFrom('case_categories')
        .select('code')
        .where('parent_code', 'is not', null)
        .where('is_police', '=', false)
        .execute()
    ).map((c) => c.code);
    console.log(
      `city: ${grids.length} grids, ${categories.length} non-police categories; concurrency ${CONCURRENCY}`,
    );

    const report = (i: number) => {
      const [lon, lat] = points[(i * 7919) % points.length]!;
      return fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          categoryCode: categories[i % categories.length],
          description: '基准测试事件',
          source: 'hotline',
          lon,
          lat,
        }),
      });
    };
    const health = () => fetch(`${base}/api/health`);
    await load(200, CONCURRENCY, report);
    await load(200, CONCURRENCY, health);
    // Both sides' CPU a request: on one machine they share its cores, so the rates follow it.
    const meter = cpuMeter(poolOf(db));
    const measured = async (make: (i: number) => Promise<Response>) => {
      await meter.start();
      const result = await load(CREATE_REQUESTS, CONCURRENCY, make);
      return { result, cpu: await meter.stop() };
    };
    const created = await measured(report);
    const trivial = await measured(health);
    const cpu = (m: typeof created) =>
      m.cpu
        ? `  CPU a request: Node (load client + server) ${(m.cpu.serverMs / m.result.count).toFixed(2)} ms, PostgreSQL ${(m.cpu.postgresMs / m.result.count).toFixed(2)} ms`
        : '  CPU a request: PostgreSQL is not on this machine';
    console.log(describe('POST /api/cases (grid routing, no photos)', created.result));
    console.log(cpu(created));
    console.log(describe('GET /api/health (trivial route, baseline)', trivial.result));
    console.log(cpu(trivial));
    console.log(
      `  creation runs at ${((created.result.perSecond / trivial.result.perSecond) * 100).toFixed(1)}% of the trivial route's rate`,
    );
    // `npm run bench -- cases --creation` stops here: the million-case part takes minutes.
    if (process.argv.includes('--creation')) return;

    const started = performance.now();
    await generateCases(db, GENERATED_CASES);
    console.log(
      `generated ${GENERATED_CASES.toLocaleString('en-US')} cases over 3 years in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const district = await db
      .selectFrom('org_units')
      .select(['id', 'name'])
      .where('level', '=', 'district')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const inDistrict = await db
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('grid_path', 'like', sql<string>`(SELECT path FROM org_units WHERE id = ${district.id}) || '%'`)
      .executeTakeFirstOrThrow();
    console.log(`district ${district.name}: ${inDistrict.n.toLocaleString('en-US')} cases`);
    const total = await db
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const ids = (
      await db.selectFrom('cases').select('id').orderBy(sql`random()`).limit(LATENCY_REQUESTS).execute()
    ).map((r) => r.id);
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString();
    const get = (url: string) => () => fetch(`${base}${url}`, { headers: auth });
    const runs: [string, (i: number) => Promise<Response>][] = [
      [
        'GET /api/cases/:id (primary key, baseline)',
        (i) => fetch(`${base}/api/cases/${ids[i % ids.length]}`, { headers: auth }),
      ],
      [
        'GET /api/cases?within=district&state=in_progress',
        get(`/api/cases?within=${district.id}&state=in_progress&pageSize=50`),
      ],
      [
        'GET /api/cases?within=district&overdue=true',
        get(`/api/cases?within=${district.id}&overdue=true&pageSize=50`),
      ],
      ['GET /api/cases?within=district (newest page)', get(`/api/cases?within=${district.id}&pageSize=50`)],
      [
        'GET /api/cases/stats?within=district (last year)',
        get(`/api/cases/stats?within=${district.id}&from=${yearAgo}`),
      ],
      ['GET /api/cases/stats?within=district (all time)', get(`/api/cases/stats?within=${district.id}`)],
      ['GET /api/cases/stats (whole city, all time)', get('/api/cases/stats')],
    ];
    console.log(
      `latency with ${total.n.toLocaleString('en-US')} cases in the database, one request at a time:`,
    );
    for (const [label, make] of runs) {
      await load(5, 1, make);
      console.log(describe(label, await load(LATENCY_REQUESTS, 1, make)));
    }
  } finally {
    await server.close();
  }
}

/** Bulk cases spread over every grid, category and source, 3 years back, in realistic states. */
export async function generateCases(db: Parameters<typeof seedDemo>[0], count: number): Promise<void> {
  // A bulk load bypasses the per-row rollup trigger and rebuilds the rollup once at the end.
  await sql`ALTER TABLE cases DISABLE TRIGGER case_stats_rollup`.execute(db);
  await sql`SELECT setseed(0.42)`.execute(db);
  await sql`
    WITH bg AS (
      SELECT row_number() OVER (ORDER BY o.id) AS n, o.id, o.path, o.parent_id, p.path AS ppath,
             (b.min_lon + b.max_lon) / 2 AS lon, (b.min_lat + b.max_lat) / 2 AS lat
      FROM org_units o JOIN org_units p ON p.id = o.parent_id
      JOIN boundaries b ON b.org_unit_id = o.id AND b.valid_to IS NULL
      WHERE o.level = 'grid'),
    bc AS (SELECT row_number() OVER (ORDER BY code) AS n, code FROM case_categories WHERE parent_code IS NOT NULL),
    sizes AS (SELECT (SELECT count(*) FROM bg) AS ng, (SELECT count(*) FROM bc) AS nc),
    src AS (
      SELECT i, now() - make_interval(days => i % 1095, secs => (i::bigint * 37) % 86400) AS at,
        CASE WHEN i % 100 < 3 THEN 'voided'
             WHEN i % 100 < 15 THEN (ARRAY['reported','filed','dispatched','in_progress','handled','verified'])[1 + i % 6]
             ELSE (ARRAY['archived','evaluated','closed'])[1 + i % 3] END AS state
      FROM generate_series(1, ${count}) i)
    INSERT INTO cases (code, title, description, category_code, source, state, lon, lat, grid_id, grid_path,
      owner_unit_id, owner_path, reported_at, filed_at, closed_at, light, reworked, step_started_at, step_due_at,
      accept_on_time, dispatch_on_time, handle_on_time, verify_on_time)
    SELECT 'BM' || lpad(s.i::text, 10, '0'), '基准事件', '', bc.code,
      (ARRAY['patrol','patrol','patrol','resident_app','hotline','wechat','web','iot'])[1 + s.i % 8],
      s.state, bg.lon, bg.lat, bg.id, bg.path, bg.parent_id, bg.ppath, s.at,
      CASE WHEN s.state NOT IN ('reported', 'voided') THEN s.at + interval '1 hour' END,
      CASE WHEN s.state IN ('archived', 'evaluated', 'closed') THEN s.at + interval '3 days' END,
      CASE WHEN s.state IN ('archived', 'evaluated', 'closed', 'voided') THEN 'green'
           WHEN random() < 0.2 THEN 'red' WHEN random() < 0.3 THEN 'yellow' ELSE 'green' END,
      CASE WHEN random() < 0.03 THEN 1 ELSE 0 END,
      s.at, s.at + interval '2 days',
      CASE WHEN s.state <> 'reported' THEN random() < 0.97 END,
      CASE WHEN s.state NOT IN ('reported', 'filed', 'voided') THEN random() < 0.95 END,
      CASE WHEN s.state IN ('handled', 'verified', 'archived', 'evaluated', 'closed') THEN random() < 0.9 END,
      CASE WHEN s.state IN ('verified', 'archived', 'evaluated', 'closed') THEN random() < 0.96 END
    FROM src s CROSS JOIN sizes
    JOIN bg ON bg.n = 1 + (s.i::bigint * 7919) % sizes.ng
    JOIN bc ON bc.n = 1 + (s.i::bigint * 104729) % sizes.nc`.execute(db);
  await sql`ALTER TABLE cases ENABLE TRIGGER case_stats_rollup`.execute(db);
  const rebuild = performance.now();
  await sql`SELECT case_stats_rebuild()`.execute(db);
  const rollupRows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_stats_monthly`.execute(db);
  console.log(
    `rollup rebuilt in ${((performance.now() - rebuild) / 1000).toFixed(1)} s: ${rollupRows.rows[0]!.n.toLocaleString('en-US')} street × month × category × source rows`,
  );
  await sql`VACUUM ANALYZE cases`.execute(db);
  await sql`VACUUM ANALYZE case_stats_monthly`.execute(db);
}
