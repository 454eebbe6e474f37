// A city's day as a load test (issue 15 point 7): the 5,880-grid city with a year of cases,
// served by `npm run cluster` (one instance, then two behind its proxy, in the same run), under the
// load of a compressed day — every worker's phone sending a fix every 10–30 s (OsmAnd, one fix per
// request), case reports and their first actions at five times the seeds' daily rate, and console
// users browsing lists, statistics, register search, case pages and the big screen. It prints per
// route p50/p95/p99 and errors, each instance's largest RSS and the CPU PostgreSQL spent.
//
//   npm run bench -- load [--seconds=60] [--day=600] [--workers=10000] [--users=200]
//
// PostgreSQL is an embedded server of its own, so its CPU is the bench's alone; NATS is the
// machine's (NATS_URL, default nats://127.0.0.1:4222). The load generator runs in this process,
// on the same cores as the instances and PostgreSQL — the figures are what one small machine does.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Geometry, interiorPoint } from '@wangge/rules';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb, type Db } from '../apps/server/src/db/database.ts';
import { startEmbeddedPostgres } from '../apps/server/src/db/embedded.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.ts';
import { sha256 } from '../apps/server/src/modules/auth/secrets.ts';
import { generateDemo } from '../apps/server/src/modules/demo/generate.ts';
import { seedDemo } from '../apps/server/src/modules/demo/seed.ts';
import { generateCases } from './cases.ts';
import { childPids, OpenLoop, rssMb, runFor, treeCpuSeconds } from './open-loop.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** 300,000 cases a year (the city the guide sizes for) is 822 a day; the day runs at five times that. */
const CASES_PER_DAY = 5 * Math.round(300_000 / 365);
const HISTORY_CASES = 300_000;
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆'];

export function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.split('=')[1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

interface Phone {
  device: string;
  lon: number;
  lat: number;
  step: number;
  next: number;
}

interface City {
  db: Db;
  url: string;
  phones: Phone[];
  reportPoints: [number, number][];
  categories: string[];
  units: string[];
  caseIds: string[];
  token: string;
}

export async function benchCityDay(): Promise<void> {
  const seconds = option('seconds', 60);
  const daySeconds = option('day', 600);
  const wantWorkers = option('workers', 10_000);
  const users = option('users', 200);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'wangge-day-'));
  const port = 57_000 + Math.floor(Math.random() * 900);
  const embedded = await startEmbeddedPostgres({ dataDir: tmp, port });
  const postmaster = Number(readFileSync(path.join(tmp, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  try {
    const started = performance.now();
    const city = await prepareCity(embedded.url, wantWorkers);
    console.log(
      `city: ${city.reportPoints.length} grids, ${(HISTORY_CASES).toLocaleString('en-US')} cases of history, ${city.phones.length} phones (of ${wantWorkers} asked: one per demo worker), ${users} console users; prepared in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    console.log(
      `day: ${CASES_PER_DAY} reports (5× the seeds' rate) in ${daySeconds} s, so ${(CASES_PER_DAY / daySeconds).toFixed(1)} reports/s, each accepted and filed; fixes every 10–30 s per phone (${Math.round(city.phones.length / 20)}/s); each console user a request every 2–8 s; ${seconds} s per phase`,
    );
    for (const instances of [1, 2]) {
      await phase({ city, instances, seconds, daySeconds, users, postmaster });
    }
    await city.db.destroy();
  } finally {
    await embedded.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

async function prepareCity(serverUrl: string, wantWorkers: number): Promise<City> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE wangge_day');
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/wangge_day';
  await migrate(url.toString());
  const db = createDb(url.toString(), { max: 4 });
  await seedDemo(db, generateDemo({ scale: 'city', seed: 1 }), { hashPassword });
  await generateCases(db, HISTORY_CASES);
  const grids = await db
    .selectFrom('boundaries as b')
    .innerJoin('org_units as o', 'o.id', 'b.org_unit_id')
    .select(['o.id', 'b.geometry'])
    .where('o.level', '=', 'grid')
    .where('b.valid_to', 'is', null)
    .execute();
  const gridPoint = new Map(grids.map((g) => [String(g.id), interiorPoint(g.geometry as Geometry)]));
  await addWorkers(db, wantWorkers);
  // Every worker who reports positions, starting inside the (first) grid they are assigned to.
  const people = await sql<{ id: string; grid: string }>`
    SELECT DISTINCT ON (u.id) u.id::text AS id, a.org_unit_id::text AS grid
    FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.code = ur.role_code
    JOIN user_assignments a ON a.user_id = u.id JOIN org_units o ON o.id = a.org_unit_id AND o.level = 'grid'
    WHERE 'patrol.report' = ANY (r.permissions) ORDER BY u.id, a.org_unit_id LIMIT ${wantWorkers}`.execute(
    db,
  );
  const phones = people.rows.map((p) => {
    const [lon, lat] = gridPoint.get(p.grid)!;
    return { device: `day-${p.id}`, lon, lat, step: 0, next: 0 };
  });
  for (let i = 0; i < phones.length; i += 5_000) {
    await db
      .insertInto('tracker_devices')
      .values(
        people.rows
          .slice(i, i + 5_000)
          .map((p) => ({ device_id: `day-${p.id}`, user_id: p.id, protocol: 'osmand' as const })),
      )
      .execute();
  }
  const adminUser = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const token = `wgt_${randomBytes(16).toString('hex')}`;
  await db
    .insertInto('api_tokens')
    .values({ user_id: adminUser.id, name: 'city day', token_hash: sha256(token) })
    .execute();
  const categories = await db
    .selectFrom('case_categories')
    .select('code')
    .where('parent_code', 'is not', null)
    .where('is_police', '=', false)
    .execute();
  const units = await db
    .selectFrom('org_units')
    .select('id')
    .where('level', 'in', ['district', 'street'])
    .execute();
  const cases = await sql<{
    id: string;
  }>`SELECT id::text AS id FROM cases TABLESAMPLE SYSTEM (1) LIMIT 2000`.execute(db);
  return {
    db,
    url: url.toString(),
    phones,
    reportPoints: [...gridPoint.values()],
    categories: categories.map((c) => c.code),
    units: units.map((u) => String(u.id)),
    caseIds: cases.rows.map((r) => r.id),
    token,
  };
}

/**
 * The city-scale demo has the organisation but not its grid teams: give the grids `count` full-time
 * workers (one per grid, then a second in the first grids), who never log in.
 */
export async function addWorkers(db: Db, count: number): Promise<void> {
  const hash = await hashPassword(randomBytes(12).toString('hex'));
  await sql`
    WITH g AS (
      SELECT id, row_number() OVER (ORDER BY code) AS n, count(*) OVER () AS total
      FROM org_units WHERE level = 'grid'),
    slots AS (
      SELECT g.id AS grid_id, s AS slot FROM g, generate_series(0, 1) s
      WHERE s * g.total + g.n <= ${count}),
    made AS (
      INSERT INTO users (username, display_name, password_hash)
      SELECT 'day_' || grid_id || '_' || slot, '网格员' || grid_id || '-' || slot, ${hash} FROM slots
      RETURNING id, username),
    roles AS (
      INSERT INTO user_roles (user_id, role_code) SELECT id, 'grid_worker_full' FROM made)
    INSERT INTO user_assignments (user_id, org_unit_id)
    SELECT id, split_part(username, '_', 2)::bigint FROM made`.execute(db);
}

interface PhaseOptions {
  city: City;
  instances: number;
  seconds: number;
  daySeconds: number;
  users: number;
  postmaster: number;
}

async function phase(options: PhaseOptions): Promise<void> {
  const { city, instances, seconds, daySeconds, users, postmaster } = options;
  const proxyPort = 58_000 + Math.floor(Math.random() * 900);
  const cluster = startCluster(city.url, instances, proxyPort);
  try {
    const base = `http://127.0.0.1:${proxyPort}`;
    await waitHealthy(instances, proxyPort);
    const loop = new OpenLoop(base);
    const sessions = await logIn(base, users);
    const auth = { authorization: `Bearer ${city.token}` };
    const rss = new Map<number, number>();
    const sample = () => {
      for (const pid of childPids(cluster.pid!)) rss.set(pid, Math.max(rss.get(pid) ?? 0, rssMb(pid) ?? 0));
    };
    // Unmeasured warm-up: every route once, so JIT, caches and the device cache are warm.
    const warm = new OpenLoop(base);
    await Promise.all(
      city.phones.slice(0, 500).map((p) => warm.send('warm', 'GET', osmandPath(p, Date.now()))),
    );
    await browse(warm, sessions[0]!, city, 0);
    await warm.drain();
    warm.close();

    // Each phase starts the phones' schedules afresh, spread over the first 30 s.
    city.phones.forEach((p, i) => {
      p.next = (i * 7_919) % 30_000;
    });
    const userNext = sessions.map((_, i) => (i * 2_654) % 8_000);
    let reportsDue = 0;
    let reportCount = 0;
    const cpu0 = treeCpuSeconds(postmaster);
    const t0 = performance.now();
    let clock = 0;
    let samples = 0;
    await runFor(seconds, 50, (dt) => {
      clock += dt * 1000;
      const now = Date.now();
      for (const p of city.phones) {
        if (p.next > clock) continue;
        p.step++;
        p.next = clock + 10_000 + ((p.step * 7_919 + Number(p.device.slice(4))) % 20_000);
        void loop.send('GET /track/osmand', 'GET', osmandPath(p, now));
      }
      reportsDue += (CASES_PER_DAY / daySeconds) * dt;
      while (reportsDue >= 1) {
        reportsDue--;
        void report(loop, city, auth, reportCount++);
      }
      sessions.forEach((cookie, i) => {
        if (userNext[i]! > clock) return;
        userNext[i] = clock + 2_000 + ((i * 7_919 + Math.floor(clock)) % 6_000);
        void browse(loop, cookie, city, i + Math.floor(clock));
      });
      if (++samples % 20 === 0) sample();
    });
    await loop.drain();
    const elapsed = (performance.now() - t0) / 1000;
    const pgCores = (treeCpuSeconds(postmaster) - cpu0) / elapsed;
    sample();
    printPhase({ loop, instances, elapsed, pgCores, rss });
    loop.close();
  } finally {
    await stopCluster(cluster);
  }
}

function osmandPath(p: Phone, now: number): string {
  // A walk to and fro along the street beside the worker's building: always a plausible speed.
  const leg = p.step % 40;
  const east = ((leg < 20 ? leg : 40 - leg) * 15) / (111_320 * Math.cos((p.lat * Math.PI) / 180));
  return `/track/osmand?id=${p.device}&lat=${p.lat}&lon=${(p.lon + east).toFixed(7)}&timestamp=${Math.floor(now / 1000)}&speed=1.2&accuracy=8&batt=80`;
}

/** A hotline report, then the dispatcher's accept and file, each on the version the last answer gave. */
async function report(loop: OpenLoop, city: City, auth: Record<string, string>, i: number): Promise<void> {
  const [lon, lat] = city.reportPoints[(i * 7_919) % city.reportPoints.length]!;
  let answer = await loop.send('POST /api/cases', 'POST', '/api/cases', auth, {
    categoryCode: city.categories[i % city.categories.length],
    description: '负载测试：市民来电反映的问题',
    source: 'hotline',
    lon,
    lat,
  });
  for (const action of ['accept', 'file']) {
    if (!answer || answer.status >= 300) return;
    const kase = JSON.parse(answer.body) as { id: string; version: number; actions: string[] };
    if (!kase.actions.includes(action)) continue;
    answer = await loop.send(
      `POST /api/cases/:id/actions/${action}`,
      'POST',
      `/api/cases/${kase.id}/actions/${action}`,
      auth,
      { version: kase.version },
    );
  }
}

/** One request of a console user: lists, statistics, search, a case page or the big screen. */
function browse(loop: OpenLoop, cookie: string, city: City, i: number): Promise<unknown> {
  const headers = { cookie };
  const unit = city.units[i % city.units.length]!;
  const pick = i % 20;
  if (pick < 6)
    return loop.send(
      'GET /api/cases (list)',
      'GET',
      `/api/cases?within=${unit}&state=filed&pageSize=20`,
      headers,
    );
  if (pick < 9) return loop.send('GET /api/cases/stats', 'GET', `/api/cases/stats?within=${unit}`, headers);
  if (pick < 12) {
    const q = encodeURIComponent(NAMES[i % NAMES.length]!);
    return loop.send('GET /api/registers/search', 'GET', `/api/registers/search?q=${q}&limit=20`, headers);
  }
  if (pick < 15) {
    const id = city.caseIds[i % city.caseIds.length]!;
    return loop.send('GET /api/cases/:id', 'GET', `/api/cases/${id}`, headers);
  }
  if (pick < 18)
    return loop.send('GET /api/command/overview', 'GET', `/api/command/overview?unitId=${unit}`, headers);
  return loop.send(
    'GET /api/positions/live',
    'GET',
    `/api/positions/live?within=${unit}&sinceMinutes=10`,
    headers,
  );
}

async function logIn(base: string, users: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < users; i++) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Wangge@2026' }),
    });
    if (!res.ok) throw new Error(`login ${i}: ${res.status} ${await res.text()}`);
    cookies.push(res.headers.get('set-cookie')!.split(';')[0]!);
  }
  return cookies;
}

function startCluster(url: string, instances: number, proxyPort: number): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'scripts/cluster.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: url,
      NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      WANGGE_NATS_PREFIX: `wangge_day_${process.pid}`,
      CLUSTER_INSTANCES: String(instances),
      CLUSTER_PORT: String(proxyPort),
      CLUSTER_BASE_PORT: String(proxyPort + 1),
      WANGGE_DEMO_SIMULATION: '0',
      LOG_LEVEL: 'warn',
    },
  });
}

async function waitHealthy(instances: number, proxyPort: number): Promise<void> {
  const until = Date.now() + 180_000;
  for (;;) {
    const up = await Promise.all(
      Array.from({ length: instances }, (_, i) =>
        fetch(`http://127.0.0.1:${proxyPort + 1 + i}/api/health`).then(
          (r) => r.ok,
          () => false,
        ),
      ),
    );
    // The proxy checks its instances every 2 s: give it one round after they all answer.
    if (up.every(Boolean)) return new Promise((r) => setTimeout(r, 2_500));
    if (Date.now() > until) throw new Error('the cluster did not come up within 3 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stopCluster(cluster: ChildProcess): Promise<void> {
  if (cluster.exitCode !== null) return;
  const exited = new Promise((r) => cluster.once('exit', r));
  cluster.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  if (cluster.exitCode === null) cluster.kill('SIGKILL');
}

function printPhase(r: {
  loop: OpenLoop;
  instances: number;
  elapsed: number;
  pgCores: number;
  rss: Map<number, number>;
}): void {
  const figures = r.loop.figures();
  let total = 0;
  let errors = 0;
  console.log(
    `\n${r.instances} instance${r.instances > 1 ? 's' : ''} behind the proxy, ${r.elapsed.toFixed(0)} s:`,
  );
  console.log(
    `  ${'route'.padEnd(40)} ${'requests'.padStart(8)} ${'/s'.padStart(6)}  p50 ms  p95 ms  p99 ms  errors`,
  );
  for (const [route, f] of figures) {
    total += f.count;
    errors += f.errors;
    console.log(
      `  ${route.padEnd(40)} ${String(f.count).padStart(8)} ${(f.count / r.elapsed).toFixed(1).padStart(6)}  ${f.p50.toFixed(1).padStart(6)}  ${f.p95.toFixed(1).padStart(6)}  ${f.p99.toFixed(1).padStart(6)}  ${f.errors}`,
    );
  }
  console.log(
    `  all: ${total} requests (${(total / r.elapsed).toFixed(0)}/s), error rate ${((errors / Math.max(1, total)) * 100).toFixed(2)} %, not sent (generator at its in-flight cap): ${r.loop.notSent}`,
  );
  for (const [why, n] of r.loop.failureSamples()) console.log(`    ${n}× ${why}`);
  console.log(
    `  largest RSS per instance: ${[...r.rss.values()].map((mb) => `${mb.toFixed(0)} MB`).join(', ')}; PostgreSQL CPU ${r.pgCores.toFixed(2)} cores; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
  );
}
