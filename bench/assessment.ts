// Assessment on the 5,880-grid city with three years of generated cases (300,000): compute and
// freeze one month for every full-time worker of the city (computeMonth + insertResults, the
// work of POST /api/assessment/periods/:period/freeze) next to a raw SQL count of the same month's
// events in the same run; GET /api/assessment/rankings and /scorecard p95 next to a primary-key
// fetch through the same API (GET /api/org/units/:id).
import { addMonths, monthOf, monthRange } from '@wangge/rules';
import { sql } from 'kysely';
import { computeMonth } from '../apps/server/src/modules/assessment/compute.ts';
import { assessmentRepository as repo } from '../apps/server/src/modules/assessment/repository.ts';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.ts';
import { generateDemo } from '../apps/server/src/modules/demo/generate.ts';
import { seedDemo } from '../apps/server/src/modules/demo/seed.ts';
import { generateCases } from './cases.ts';
import { describe, load, startBenchServer } from './support.ts';

const REQUESTS = 60;
const GENERATED_CASES = 300_000;

export async function benchAssessment(): Promise<void> {
  const server = await startBenchServer('wangge_bench_assessment', async (db) => {
    await seedDemo(db, generateDemo({ scale: 'city', seed: 1 }), { hashPassword });
    await generateCases(db, GENERATED_CASES);
    // One full-time worker per grid (the city-scale demo has the organisation, not its teams), who
    // reported the grid's patrol-source cases; steps and visits are not generated.
    const hash = await hashPassword('Wangge@2026');
    await sql`
      WITH g AS (SELECT id FROM org_units WHERE level = 'grid'
                 AND NOT EXISTS (SELECT 1 FROM grid_team_members m WHERE m.grid_id = org_units.id AND m.team_role = 'full_time')),
      made AS (
        INSERT INTO users (username, display_name, password_hash)
        SELECT 'as_' || id, '网格员' || id, ${hash} FROM g RETURNING id, username),
      r AS (INSERT INTO user_roles (user_id, role_code) SELECT id, 'grid_worker_full' FROM made),
      a AS (INSERT INTO user_assignments (user_id, org_unit_id) SELECT id, substr(username, 4)::bigint FROM made)
      INSERT INTO grid_team_members (grid_id, user_id, team_role)
      SELECT substr(username, 4)::bigint, id, 'full_time' FROM made`.execute(db);
    await sql`
      UPDATE cases c SET reporter_user_id = m.user_id FROM grid_team_members m
      WHERE m.grid_id = c.grid_id AND m.team_role = 'full_time' AND c.source = 'patrol'`.execute(db);
    await sql`VACUUM ANALYZE cases`.execute(db);
  });
  try {
    const { db, base } = server;
    const period = addMonths(monthOf(new Date()), -1);
    const { from, to } = monthRange(period);
    const city = await db
      .selectFrom('org_units')
      .select(['id', 'path'])
      .where('level', '=', 'city')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const district = await db
      .selectFrom('org_units')
      .select(['id', 'path'])
      .where('level', '=', 'district')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const size = await sql<{ grids: number; workers: number; cases: number; month: number }>`
      SELECT (SELECT count(*)::int FROM org_units WHERE level = 'grid') AS grids,
        (SELECT count(*)::int FROM grid_team_members WHERE team_role = 'full_time') AS workers,
        (SELECT count(*)::int FROM cases) AS cases,
        (SELECT count(*)::int FROM cases WHERE reported_at >= ${from} AND reported_at < ${to}) AS month`.execute(
      db,
    );
    const s = size.rows[0]!;
    console.log(
      `city: ${s.grids} grids, ${s.workers} full-time workers, ${s.cases.toLocaleString('en-US')} cases (${s.month.toLocaleString('en-US')} reported in ${period})`,
    );

    // Baseline: the raw SQL count of the month's cases by reporter and by grid, in one query each.
    let started = performance.now();
    await sql`SELECT reporter_user_id, count(*), count(*) FILTER (WHERE filed_at IS NOT NULL OR merged_into IS NOT NULL)
      FROM cases WHERE reported_at >= ${from} AND reported_at < ${to} GROUP BY reporter_user_id`.execute(db);
    await sql`SELECT grid_id, count(*) FROM cases WHERE reported_at >= ${from} AND reported_at < ${to}
      AND state <> 'voided' GROUP BY grid_id`.execute(db);
    const rawMs = performance.now() - started;
    console.log(`  raw SQL count of ${period}'s cases by reporter and by grid: ${rawMs.toFixed(0)} ms`);

    // Compute and freeze the month for every worker of the city (per district, as freezing does).
    started = performance.now();
    const subjects = await repo.subjects(db, 'worker', city.path, String(city.id));
    const loaded = performance.now() - started;
    const results = await computeMonth({ db, subjectType: 'worker', subjects, period, live: true });
    const computed = performance.now() - started;
    const byDistrict = new Map<string, typeof results>();
    for (const r of results) byDistrict.set(r.districtId, [...(byDistrict.get(r.districtId) ?? []), r]);
    await db.transaction().execute(async (trx) => {
      for (const [districtId, rows] of byDistrict) {
        await repo.insertResults(trx, period, 'worker', districtId, rows);
        await repo.insertPeriod(trx, districtId, period, '1');
      }
    });
    const total = performance.now() - started;
    console.log(
      `  compute + freeze ${period} for ${results.length} workers in ${byDistrict.size} districts: ${(total / 1000).toFixed(2)} s (subjects ${loaded.toFixed(0)} ms, counts + scores ${(computed - loaded).toFixed(0)} ms, insert ${(total - computed).toFixed(0)} ms; target ≤ 10 s)`,
    );

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Wangge@2026' }),
    });
    const headers = { cookie: login.headers.get('set-cookie')!.split(';')[0]! };
    const get = (path: string) => async () => {
      const res = await fetch(`${base}${path}`, { headers });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res;
    };
    const open = addMonths(period, -1);
    for (const [label, path] of [
      ['GET /api/org/units/:id (primary key, baseline)', `/api/org/units/${district.id}`],
      [
        'GET /api/assessment/rankings (district, frozen)',
        `/api/assessment/rankings?period=${period}&unitId=${district.id}&subject=worker`,
      ],
      [
        'GET /api/assessment/rankings (district, open)',
        `/api/assessment/rankings?period=${open}&unitId=${district.id}&subject=worker`,
      ],
      [
        'GET /api/assessment/rankings (city, frozen)',
        `/api/assessment/rankings?period=${period}&unitId=${city.id}&subject=worker`,
      ],
      [
        'GET /api/assessment/scorecard (district, open)',
        `/api/assessment/scorecard?period=${open}&unitId=${district.id}`,
      ],
      [
        'GET /api/assessment/scorecard (city, open)',
        `/api/assessment/scorecard?period=${open}&unitId=${city.id}`,
      ],
    ] as const) {
      await load(3, 1, get(path));
      console.log(describe(label, await load(REQUESTS, 1, get(path))));
    }
  } finally {
    await server.close();
  }
}
