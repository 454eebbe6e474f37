// The big screens' live map and track playback on the 5,880-grid city (issue 12).
//
// Fix to screen: every worker (city-day's addWorkers, 10,000 by default) sends one fix every 10 s,
// one per POST /api/positions with its own API token, while 100 WebSocket screens watch /api/ws
// (10 city-wide, 45 district and 45 street screens, logged in as the demo's named operators). Its
// baseline in the same run: one fix to one screen on the idle server. When the server does not
// accept ≥ 95 % of the fixes due, the load is run again with 75 %, then 50 % of the workers; the
// last load then runs once more with one screen only, to show what the fan-out costs the server.
// Track playback: a worker's 12-hour day of 5-second fixes through GET /api/patrol/tracks, next to
// the raw SQL query of the same rows.
//
//   npm run bench -- screens [--workers=10000] [--seconds=60]
//
// The server runs in this process, so process.cpuUsage here is the server's CPU. The workers'
// phones (an open loop: fixes leave on schedule whether or not the server keeps up) and the screens
// run in two processes of their own, forked from this file, so neither the generator's CPU nor the
// screens' JSON parsing is counted as the server's. A fix's recordedAt is the moment it is sent;
// a screen's `position` message carries it back as `at`: latency = receipt − send, on one clock.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Geometry, interiorPoint } from '@wangge/rules';
import { sql } from 'kysely';
import pg from 'pg';
import WebSocket from 'ws';
import type { Db } from '../apps/server/src/db/database.ts';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.ts';
import { sha256 } from '../apps/server/src/modules/auth/secrets.ts';
import { generateDemo } from '../apps/server/src/modules/demo/generate.ts';
import { seedDemo } from '../apps/server/src/modules/demo/seed.ts';
import { GridIndex } from '../apps/server/src/modules/grids/grid-index.ts';
import { addDays, dayBounds, dayOf, patrolRepository } from '../apps/server/src/modules/patrol/repository.ts';
import { addWorkers, option } from './city-day.ts';
import { cpuMeter } from './cpu.ts';
import { OpenLoop, type RouteFigures, runFor } from './open-loop.ts';
import { startBenchServer } from './support.ts';

const ROLE_ENV = 'WANGGE_SCREENS_ROLE';
const PERIOD_MS = 10_000;
const WARMUP_S = 12;
const SINGLE_FIXES = 50;
const PLAYBACK_REQUESTS = 50;
const PLAYBACK_FIXES = 12 * 720;
/** Screens: 10 city-wide, the rest at district and street scope, as the demo's named logins. */
const SCREENS: { kind: ScreenKind; usernames: string[]; count: number }[] = [
  { kind: 'city', usernames: ['admin', 'city'], count: 10 },
  { kind: 'district', usernames: ['district', 'leader', 'command'], count: 45 },
  { kind: 'street', usernames: ['street1', 'street2', 'dispatcher'], count: 45 },
];

type ScreenKind = 'city' | 'district' | 'street';

interface Phone {
  token: string;
  lon: number;
  lat: number;
  step: number;
}

interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

interface ScreenStats {
  kinds: Record<string, Percentiles & { screens: number }>;
  all: Percentiles;
  cpuMs: number;
}

interface RunResult {
  sent: number;
  accepted: number;
  refused: number;
  notSent: number;
  elapsed: number;
  http: RouteFigures;
  failures: [string, number][];
  cpuMs: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const load = () =>
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')} (1 / 5 / 15 min) on ${os.cpus().length} cores`;

function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

const describePct = (p: Percentiles) =>
  `p50 ${ms(p.p50)} ms, p95 ${ms(p.p95)} ms, p99 ${ms(p.p99)} ms, max ${ms(p.max)} ms`;

export async function benchScreens(): Promise<void> {
  const wantWorkers = option('workers', 10_000);
  const seconds = option('seconds', 60);
  // Forked first, while this process is small.
  const phones = new Child('workers');
  const screens = new Child('screens');
  const started = performance.now();
  const server = await startBenchServer('wangge_bench_screens', async (db) => {
    await seedDemo(db, generateDemo({ scale: 'city', seed: 1 }), { hashPassword });
    await addWorkers(db, wantWorkers);
  });
  const pool = new pg.Pool({ connectionString: await benchDatabaseUrl(server.db), max: 2 });
  try {
    const { db, base } = server;
    const setup = await prepare(db, wantWorkers);
    console.log(
      `city: ${setup.grids} grids, ${fmt(setup.phones.length)} workers with API tokens (of ${fmt(wantWorkers)} asked), prepared in ${((performance.now() - started) / 1000).toFixed(0)} s; ${load()}`,
    );
    await phones.ask({ cmd: 'setup', base, phones: setup.phones });
    const cookies = new Map<string, string>();
    for (const s of SCREENS) for (const u of s.usernames) cookies.set(u, await logIn(base, u));

    // 1a. Baseline: one screen (street1's operator) on the idle server, one fix at a time from a
    // worker of street 1; the first fixes unmeasured (the server loads the worker on first sight).
    await screens.ask({
      cmd: 'connect',
      base,
      screens: [{ kind: 'street', cookie: cookies.get('street1')! }],
    });
    await phones.ask({ cmd: 'single', index: setup.street1Phone, count: 5, gapMs: 200 });
    await screens.ask({ cmd: 'reset' });
    const single = (await phones.ask({
      cmd: 'single',
      index: setup.street1Phone,
      count: SINGLE_FIXES,
      gapMs: 200,
    })) as { accepted: number };
    await sleep(500);
    const idle = (await screens.ask({ cmd: 'stats' })) as ScreenStats;
    console.log(
      `baseline — one fix to one screen on the idle server (${single.accepted} of ${SINGLE_FIXES} single fixes accepted, 200 ms apart, ${idle.all.count} received): ${describePct(idle.all)}`,
    );

    // 2. Track playback on the idle server.
    await playback(server.base, db, pool, setup.street1Worker, cookies.get('street1')!);

    // 1b. Under load: all 100 screens, every worker a fix every 10 s.
    const rest: { kind: ScreenKind; cookie: string }[] = [];
    for (const s of SCREENS) {
      for (let i = 0; i < s.count; i++) {
        if (s.kind === 'street' && i === 0) continue; // connected for the baseline already
        rest.push({ kind: s.kind, cookie: cookies.get(s.usernames[i % s.usernames.length]!)! });
      }
    }
    await screens.ask({ cmd: 'connect', base, screens: rest });
    console.log(
      `screens: ${SCREENS.map((s) => `${s.count} ${s.kind} (${s.usernames.join(', ')})`).join(', ')} connected to /api/ws; workers in scope: district ${fmt(setup.inDistrict)}, streets 1–2 ${fmt(setup.inStreets)} of ${fmt(setup.phones.length)}`,
    );
    const all = Math.min(wantWorkers, setup.phones.length);
    let last: Phase | null = null;
    let workers = all;
    for (const share of [1, 0.75, 0.5]) {
      workers = Math.round(all * share);
      if (share < 1) console.log(`  the machine did not keep the rate: again with ${fmt(workers)} workers`);
      last = await loaded({ phones, screens, pool, workers, seconds, label: '100 screens' });
      if (last.kept) break;
    }
    // 1c. The last load again with only the baseline's screen (street1) connected: what the ingest
    // costs the server without the fan-out to 100 screens.
    await screens.ask({ cmd: 'keep', count: 1 });
    const alone = await loaded({ phones, screens, pool, workers, seconds, label: '1 screen (street1) only' });
    if (last?.serverUsPerFix && alone.serverUsPerFix) {
      const fanOut = last.serverUsPerFix - alone.serverUsPerFix;
      console.log(
        `fan-out to 100 screens: server ${last.serverUsPerFix.toFixed(0)} µs per fix against ${alone.serverUsPerFix.toFixed(0)} µs with one screen — ${fanOut.toFixed(0)} µs per fix, ${(fanOut / Math.max(1, last.deliveriesPerFix - alone.deliveriesPerFix)).toFixed(1)} µs per extra delivery (${last.deliveriesPerFix.toFixed(1)} deliveries per fix against ${alone.deliveriesPerFix.toFixed(2)})`,
      );
    }
  } finally {
    phones.close();
    screens.close();
    await pool.end();
    await server.close();
  }
}

interface Phase {
  /** The server accepted ≥ 95 % of the fixes due. */
  kept: boolean;
  serverUsPerFix: number | null;
  deliveriesPerFix: number;
}

/** One phase under load. */
async function loaded(o: {
  phones: Child;
  screens: Child;
  pool: pg.Pool;
  workers: number;
  seconds: number;
  label: string;
}): Promise<Phase> {
  const { phones, screens, pool, workers, seconds } = o;
  const rate = (workers * 1000) / PERIOD_MS;
  console.log(
    `load with ${o.label}: ${fmt(workers)} workers, each a fix every ${PERIOD_MS / 1000} s (${fmt(rate)} fixes/s, one per POST /api/positions), ${WARMUP_S} s unmeasured warm-up then ${seconds} s measured; ${load()}`,
  );
  await phones.ask({ cmd: 'run', workers, seconds: WARMUP_S });
  await sleep(1_000);
  await screens.ask({ cmd: 'reset' });
  const meter = cpuMeter(pool);
  await meter.start();
  const busy0 = machineBusy();
  const run = (await phones.ask({ cmd: 'run', workers, seconds })) as RunResult;
  const busy = machineBusy(busy0);
  await sleep(2_000); // the last pushes on their way
  const cpu = await meter.stop();
  const stats = (await screens.ask({ cmd: 'stats' })) as ScreenStats;
  const acceptedPerS = run.accepted / run.elapsed;
  console.log(
    `  fixes: ${fmt(run.sent)} sent (${fmt(run.sent / run.elapsed)}/s), ${fmt(run.accepted)} accepted (${fmt(acceptedPerS)}/s), ${run.refused} refused, ${run.notSent} not sent (generator at its in-flight cap); POST /api/positions p50 ${ms(run.http.p50)} ms, p95 ${ms(run.http.p95)} ms, p99 ${ms(run.http.p99)} ms${run.http.errors ? `, ${run.http.errors} errors` : ''}`,
  );
  for (const [why, n] of run.failures) console.log(`    ${n}× ${why}`);
  console.log(`  fix-to-screen latency, all ${fmt(stats.all.count)} deliveries: ${describePct(stats.all)}`);
  for (const [kind, k] of Object.entries(stats.kinds)) {
    console.log(
      `    ${kind.padEnd(8)} ${k.screens} screens: ${fmt(k.count)} messages (${fmt(k.count / k.screens / run.elapsed)}/s per screen), ${describePct(k)}`,
    );
  }
  const cores = (cpuMs: number) => cpuMs / 1000 / run.elapsed;
  let ours = cores(run.cpuMs + stats.cpuMs);
  if (cpu) {
    const us = (v: number, n: number) => `${((v * 1000) / Math.max(1, n)).toFixed(0)} µs`;
    ours += cores(cpu.serverMs + cpu.postgresMs);
    console.log(
      `  CPU per fix pushed: server ${us(cpu.serverMs, run.accepted)} (${cores(cpu.serverMs).toFixed(2)} cores), PostgreSQL ${us(cpu.postgresMs, run.accepted)} (${cores(cpu.postgresMs).toFixed(2)} cores); phones' process ${us(run.cpuMs, run.sent)} per fix, screens' process ${us(stats.cpuMs, stats.all.count)} per message`,
    );
  }
  console.log(
    `  machine: ${busy.toFixed(2)} of ${os.cpus().length} cores busy during the run, ${ours.toFixed(2)} of them this bench's (server, PostgreSQL, phones, screens), ${Math.max(0, busy - ours).toFixed(2)} other jobs'; ${load()}`,
  );
  return {
    kept: run.accepted >= 0.95 * rate * run.elapsed,
    serverUsPerFix: cpu ? (cpu.serverMs * 1000) / Math.max(1, run.accepted) : null,
    deliveriesPerFix: stats.all.count / Math.max(1, run.accepted),
  };
}

/** A worker's 12-hour day yesterday, 8,640 fixes 5 s apart, played back through the API and in SQL. */
async function playback(base: string, db: Db, pool: pg.Pool, userId: string, cookie: string): Promise<void> {
  const day = addDays(dayOf(Date.now()), -1);
  await patrolRepository.ensurePartitions(db, [day]);
  const { start, end } = dayBounds(day);
  const home = await sql<{ lon: number; lat: number }>`
    SELECT p.lon, p.lat FROM positions p WHERE p.user_id = ${userId} ORDER BY recorded_at LIMIT 1`.execute(
    db,
  );
  const { lon: lon0, lat: lat0 } = home.rows[0]!;
  const gridIndex = new GridIndex(db);
  await gridIndex.rebuild();
  // From 08:00: walking 6 m per fix (1.2 m/s) to and fro along 40 fixes, and a 10-minute stop every hour.
  const t0 = start.getTime() + 8 * 3_600_000;
  const metre = 1 / (111_320 * Math.cos((lat0 * Math.PI) / 180));
  const rows = Array.from({ length: PLAYBACK_FIXES }, (_, i) => {
    const moving = i % 720 < 600 ? i - Math.floor(i / 720) * 120 : (Math.floor(i / 720) + 1) * 600;
    const leg = moving % 80;
    const lon = lon0 + (leg < 40 ? leg : 80 - leg) * 6 * metre;
    const lat = lat0 + (Math.floor(moving / 80) % 3) * 20 * metre * Math.cos((lat0 * Math.PI) / 180);
    return {
      t: new Date(t0 + i * 5_000).toISOString(),
      lon,
      lat,
      grid: gridIndex.locate(lon, lat)?.id ?? null,
    };
  });
  await sql`
    INSERT INTO positions (user_id, recorded_at, lon, lat, accuracy_m, speed_mps, grid_id, source)
    SELECT ${userId}, t, lon, lat, 8, 1.2, grid, 'app'
    FROM unnest(${rows.map((r) => r.t)}::timestamptz[], ${rows.map((r) => r.lon)}::float8[],
      ${rows.map((r) => r.lat)}::float8[], ${rows.map((r) => r.grid)}::bigint[]) AS x(t, lon, lat, grid)`.execute(
    db,
  );
  const url = `${base}/api/patrol/tracks?userId=${userId}&date=${day}`;
  let bytes = 0;
  let fixes = 0;
  let stops = 0;
  const api = await timed(async () => {
    const res = await fetch(url, { headers: { cookie } });
    if (!res.ok) throw new Error(`tracks: ${res.status} ${await res.text()}`);
    const body = await res.text();
    bytes = body.length;
    const parsed = JSON.parse(body) as { fixes: number; stops: unknown[] };
    fixes = parsed.fixes;
    stops = parsed.stops.length;
  });
  let rawRows = 0;
  const raw = await timed(async () => {
    const r = await pool.query(
      `SELECT recorded_at, lon, lat, accuracy_m, speed_mps, grid_id, source, device_id FROM positions
       WHERE user_id = $1 AND recorded_at >= $2 AND recorded_at < $3 ORDER BY recorded_at`,
      [userId, start, end],
    );
    rawRows = r.rowCount ?? 0;
  });
  console.log(
    `track playback — ${fmt(PLAYBACK_FIXES)} fixes of one worker (12 h, every 5 s) on ${day}, as street1's operator, ${PLAYBACK_REQUESTS} requests one at a time after 5 unmeasured:`,
  );
  console.log(
    `  GET /api/patrol/tracks?userId&date: ${describePct(api)} (${fmt(fixes)} fixes and ${stops} stops in the answer, ${(bytes / 1e6).toFixed(2)} MB JSON)`,
  );
  console.log(
    `  baseline, the same rows in SQL through pg (${fmt(rawRows)} rows): ${describePct(raw)}; ${load()}`,
  );
}

async function timed(run: () => Promise<void>): Promise<Percentiles> {
  for (let i = 0; i < 5; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < PLAYBACK_REQUESTS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return percentiles(times);
}

interface Setup {
  grids: number;
  phones: Phone[];
  street1Phone: number;
  street1Worker: string;
  inDistrict: number;
  inStreets: number;
}

/** The added workers with an API token each, starting inside their grid; and who is in which scope. */
async function prepare(db: Db, wantWorkers: number): Promise<Setup> {
  const grids = await db
    .selectFrom('boundaries as b')
    .innerJoin('org_units as o', 'o.id', 'b.org_unit_id')
    .select(['o.id', 'o.path', 'b.geometry'])
    .where('o.level', '=', 'grid')
    .where('b.valid_to', 'is', null)
    .execute();
  const point = new Map(grids.map((g) => [String(g.id), interiorPoint(g.geometry as Geometry)]));
  const gridPath = new Map(grids.map((g) => [String(g.id), g.path]));
  const people = await sql<{ id: string; grid: string }>`
    SELECT u.id::text AS id, a.org_unit_id::text AS grid FROM users u
    JOIN user_assignments a ON a.user_id = u.id
    WHERE u.username LIKE 'day\_%' ORDER BY md5(u.id::text) LIMIT ${wantWorkers}`.execute(db);
  const scopes = await sql<{ username: string; path: string }>`
    SELECT u.username, o.path FROM users u JOIN user_assignments a ON a.user_id = u.id
    JOIN org_units o ON o.id = a.org_unit_id WHERE u.username IN ('district', 'street1', 'street2')`.execute(
    db,
  );
  const scope = new Map(scopes.rows.map((r) => [r.username, r.path]));
  const phones: Phone[] = people.rows.map((p) => {
    const [lon, lat] = point.get(p.grid)!;
    return { token: `wgt_${randomBytes(16).toString('hex')}`, lon, lat, step: 0 };
  });
  for (let i = 0; i < phones.length; i += 5_000) {
    await db
      .insertInto('api_tokens')
      .values(
        people.rows.slice(i, i + 5_000).map((p, k) => ({
          user_id: p.id,
          name: 'screens bench',
          token_hash: sha256(phones[i + k]!.token),
        })),
      )
      .execute();
  }
  const within = (grid: string, name: string) => gridPath.get(grid)!.startsWith(scope.get(name)!);
  const street1Phone = people.rows.findIndex((p) => within(p.grid, 'street1'));
  return {
    grids: grids.length,
    phones,
    street1Phone,
    street1Worker: people.rows[street1Phone]!.id,
    inDistrict: people.rows.filter((p) => within(p.grid, 'district')).length,
    inStreets: people.rows.filter((p) => within(p.grid, 'street1') || within(p.grid, 'street2')).length,
  };
}

async function logIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Wangge@2026' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** The bench database's URL for a pg pool of its own (DATABASE_URL's credentials, or the embedded server's). */
async function benchDatabaseUrl(db: Db): Promise<string> {
  const { rows } = await sql<{ db: string; port: number }>`
    SELECT current_database() AS db, inet_server_port() AS port`.execute(db);
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres:wangge-local@127.0.0.1/');
  url.port = String(rows[0]!.port);
  url.pathname = `/${rows[0]!.db}`;
  return url.toString();
}

/** Cores busy on the whole machine since `since` (from /proc/stat), or the counters to start from. */
function machineBusy(): { busy: number; total: number };
function machineBusy(since: { busy: number; total: number }): number;
function machineBusy(since?: { busy: number; total: number }): number | { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3]! + f[4]!;
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  const now = { busy: total - idle, total };
  if (!since) return now;
  return ((now.busy - since.busy) / Math.max(1, now.total - since.total)) * os.cpus().length;
}

const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

/** A process forked from this file in one role, asked one thing at a time. */
class Child {
  private readonly child: ChildProcess;
  private next = 0;

  constructor(role: 'workers' | 'screens') {
    this.child = fork(fileURLToPath(import.meta.url), {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      env: { ...process.env, [ROLE_ENV]: role },
    });
  }

  ask(message: Record<string, unknown>): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench child exited with code ${code}`));
      const onMessage = (m: { id: number; result?: unknown; error?: string }) => {
        if (m.id !== id) return;
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        if (m.error) reject(new Error(m.error));
        else resolve(m.result);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send({ ...message, id });
    });
  }

  close(): void {
    this.child.kill();
  }
}

// ---- the children ------------------------------------------------------------------------------

function serve(handle: (m: Record<string, unknown>) => Promise<unknown>): void {
  process.on('message', (m: Record<string, unknown>) => {
    handle(m).then(
      (result) => process.send!({ id: m.id, result }),
      (err: unknown) => process.send!({ id: m.id, error: String((err as Error)?.stack ?? err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

/** The phones: one fix per POST, recordedAt = the moment it leaves. */
function phonesProcess(): void {
  let base = '';
  let phones: Phone[] = [];
  const body = (p: Phone, moves: boolean) => {
    if (moves) p.step++;
    // To and fro along 20 steps of 15 m (1.5 m/s at one fix per 10 s).
    const leg = p.step % 40;
    const east = ((leg < 20 ? leg : 40 - leg) * 15) / (111_320 * Math.cos((p.lat * Math.PI) / 180));
    return {
      positions: [{ recordedAt: new Date().toISOString(), lon: p.lon + east, lat: p.lat, accuracy: 8 }],
    };
  };
  const headers = (p: Phone) => ({ authorization: `Bearer ${p.token}` });
  const acceptedOf = (answer: { status: number; body: string } | null) =>
    answer && answer.status < 300 ? ((JSON.parse(answer.body) as { accepted: number }).accepted ?? 0) : 0;
  serve(async (m) => {
    if (m.cmd === 'setup') {
      base = m.base as string;
      phones = m.phones as Phone[];
      return null;
    }
    if (m.cmd === 'single') {
      const loop = new OpenLoop(base);
      const p = phones[m.index as number]!;
      let accepted = 0;
      for (let i = 0; i < (m.count as number); i++) {
        accepted += acceptedOf(
          await loop.send('single', 'POST', '/api/positions', headers(p), body(p, false)),
        );
        await sleep(m.gapMs as number);
      }
      loop.close();
      return { accepted };
    }
    if (m.cmd === 'run') {
      const workers = m.workers as number;
      const loop = new OpenLoop(base);
      const cpu0 = process.cpuUsage();
      let sent = 0;
      let accepted = 0;
      let refused = 0;
      const t0 = performance.now();
      // Worker k sends at k × period / workers into each period: an even stream.
      await runFor(m.seconds as number, 10, () => {
        const due = Math.floor(((performance.now() - t0) * workers) / PERIOD_MS);
        while (sent < due) {
          const p = phones[sent % workers]!;
          sent++;
          void loop
            .send('POST /api/positions', 'POST', '/api/positions', headers(p), body(p, true))
            .then((a) => {
              const n = acceptedOf(a);
              accepted += n;
              if (a && a.status < 300 && n === 0) refused++;
            });
        }
      });
      const elapsed = (performance.now() - t0) / 1000;
      await loop.drain();
      const { user, system } = process.cpuUsage(cpu0);
      const f = loop.figures().get('POST /api/positions');
      loop.close();
      return {
        sent,
        accepted,
        refused,
        notSent: loop.notSent,
        elapsed,
        http: f ?? { count: 0, p50: 0, p95: 0, p99: 0, errors: 0 },
        failures: loop.failureSamples(),
        cpuMs: (user + system) / 1000,
      } satisfies RunResult;
    }
    throw new Error(`unknown command ${String(m.cmd)}`);
  });
}

/** The screens: WebSockets with the session cookie and the page's Origin; latency per message. */
function screensProcess(): void {
  const sockets: { kind: ScreenKind; socket: WebSocket }[] = [];
  let latencies = new Map<ScreenKind, number[]>();
  let cpu0 = process.cpuUsage();
  serve(async (m) => {
    if (m.cmd === 'connect') {
      const base = m.base as string;
      for (const s of m.screens as { kind: ScreenKind; cookie: string }[]) {
        const socket = new WebSocket(`${base.replace('http', 'ws')}/api/ws`, {
          headers: { cookie: s.cookie, origin: base },
        });
        socket.on('message', (data) => {
          const received = Date.now();
          const message = JSON.parse(String(data)) as { type: string; at?: string };
          if (message.type !== 'position' || !message.at) return;
          const list = latencies.get(s.kind) ?? [];
          if (list.length === 0) latencies.set(s.kind, list);
          list.push(received - Date.parse(message.at));
        });
        await new Promise((resolve, reject) => {
          socket.once('open', resolve);
          socket.once('error', reject);
          socket.once('close', (code) => reject(new Error(`socket closed: ${code}`)));
        });
        sockets.push({ kind: s.kind, socket });
      }
      return sockets.length;
    }
    if (m.cmd === 'keep') {
      for (const s of sockets.splice(m.count as number)) s.socket.close();
      return sockets.length;
    }
    if (m.cmd === 'reset') {
      latencies = new Map();
      cpu0 = process.cpuUsage();
      return null;
    }
    if (m.cmd === 'stats') {
      const { user, system } = process.cpuUsage(cpu0);
      const kinds: ScreenStats['kinds'] = {};
      for (const kind of ['city', 'district', 'street'] as const) {
        const n = sockets.filter((s) => s.kind === kind).length;
        if (n) kinds[kind] = { screens: n, ...percentiles(latencies.get(kind) ?? []) };
      }
      return {
        kinds,
        all: percentiles([...latencies.values()].flat()),
        cpuMs: (user + system) / 1000,
      } satisfies ScreenStats;
    }
    throw new Error(`unknown command ${String(m.cmd)}`);
  });
}

if (process.env[ROLE_ENV] === 'workers') phonesProcess();
else if (process.env[ROLE_ENV] === 'screens') screensProcess();
