// Position ingest (issue: field app, position pipeline): positions per second through
// POST /api/positions (batches from many simulated workers) and through /track/osmand (one fix
// per request), each beside a raw COPY of the same rows into the same table in the same run.
// Every measurement starts from an empty positions table; the COPY baseline carries the grid ids
// the pipeline computes, so both write identical rows. The baseline is the best of four raw
// COPYs — text and binary format, before and after the endpoint's run — so that a quiet moment of
// the shared machine favours the baseline, never the endpoint. The load generator runs in a process
// of its own, as remote clients would, on the same 2 cores as the server and PostgreSQL.

import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../apps/server/src/db/database.ts';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.ts';
import { sha256 } from '../apps/server/src/modules/auth/secrets.ts';
import { generateDemo } from '../apps/server/src/modules/demo/generate.ts';
import { seedDemo } from '../apps/server/src/modules/demo/seed.ts';
import { GridIndex } from '../apps/server/src/modules/grids/grid-index.ts';
import {
  COPY_HEADER,
  COPY_TRAILER,
  POSITION_COPY_COLUMNS,
  PositionTuples,
} from '../apps/server/src/modules/patrol/copy-binary.ts';
import { type CpuSplit, cpuMeter } from './cpu.ts';
import type { LoadClient, RemoteLoad } from './load.ts';
import { describe, startBenchServer, startLoadClient } from './support.ts';

const BATCH_REQUESTS = 600;
const BATCH_SIZES = [100, 500];
const BATCH_CONCURRENCY = 8;
const OSMAND_REQUESTS = 20_000;
const OSMAND_CONCURRENCY = 32;
/** Unmeasured first: one batch per worker and some OsmAnd fixes, so that JIT and caches are warm. */
const WARMUP_BATCH = 100;
const WARMUP_OSMAND = 2_000;
const STEP_S = 15;
const STEP_M = 15;

interface Worker {
  id: string;
  token: string;
  device: string;
  lon: number;
  lat: number;
}

interface Row {
  userId: string;
  device: string | null;
  t: number;
  lon: number;
  lat: number;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export async function benchIngest(): Promise<void> {
  const client = startLoadClient();
  const server = await startBenchServer('wangge_bench_ingest', async (db) => {
    await seedDemo(db, generateDemo({ scale: 'district', seed: 1 }), { hashPassword });
  });
  const pool = new pg.Pool({ connectionString: await benchDatabaseUrl(server.db), max: 2 });
  const gridIndex = new GridIndex(server.db);
  await gridIndex.rebuild();
  try {
    const { db, base } = server;
    // Every worker (patrol.report) gets an API token and an OsmAnd device, and starts at a building.
    const people = await sql<{ id: string; lon: number; lat: number }>`
      SELECT DISTINCT ON (u.id) u.id::text AS id, b.lon, b.lat
      FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.code = ur.role_code
      JOIN user_assignments a ON a.user_id = u.id JOIN buildings b ON b.grid_id = a.org_unit_id
      WHERE 'patrol.report' = ANY (r.permissions) ORDER BY u.id, b.code`.execute(db);
    const workers: Worker[] = people.rows.map((p) => ({
      id: p.id,
      token: `wgt_${randomBytes(16).toString('hex')}`,
      device: `bench-${p.id}`,
      lon: p.lon,
      lat: p.lat,
    }));
    await db
      .insertInto('api_tokens')
      .values(workers.map((w) => ({ user_id: w.id, name: 'bench', token_hash: sha256(w.token) })))
      .execute();
    await db
      .insertInto('tracker_devices')
      .values(workers.map((w) => ({ device_id: w.device, user_id: w.id, protocol: 'osmand' as const })))
      .execute();
    const W = workers.length;

    // A walk per worker: step s is STEP_S seconds after t0 and STEP_M metres further east/west,
    // turning back every 20 steps, so it stays near the worker's building and is always plausible.
    const batchSteps = BATCH_SIZES.reduce((n, size) => n + Math.ceil(BATCH_REQUESTS / W) * size, 0);
    const warmupSteps = WARMUP_BATCH + Math.ceil(WARMUP_OSMAND / W);
    const totalSteps = warmupSteps + batchSteps + Math.ceil(OSMAND_REQUESTS / W) + 10;
    const t0 = Math.floor((Date.now() - totalSteps * STEP_S * 1000 - 600_000) / 1000) * 1000;
    const at = (w: Worker, step: number): Row => {
      const leg = step % 40;
      const offset = (leg < 20 ? leg : 40 - leg) * STEP_M;
      return {
        userId: w.id,
        device: null,
        t: t0 + step * STEP_S * 1000,
        lon: w.lon + offset / (111_320 * Math.cos((w.lat * Math.PI) / 180)),
        lat: w.lat,
      };
    };
    console.log(
      `ingest: district demo, ${W} simulated workers (tokens, one OsmAnd device each), a fix every ${STEP_S} s per worker`,
    );

    const table = await tableShape(pool);
    console.log(`  table: ${table}; every measurement starts from an empty table`);

    /** `count` batches of `size` fixes, worker after worker, each walking on from `stepBase`. */
    const batches = (count: number, size: number, stepBase: number) =>
      Array.from({ length: count }, (_, i) => {
        const w = workers[i % W]!;
        const first = stepBase + Math.floor(i / W) * size;
        return { w, rows: Array.from({ length: size }, (_, j) => at(w, first + j)) };
      });
    const batchJob = (requests: { w: Worker; rows: Row[] }[]): RemoteLoad => ({
      concurrency: BATCH_CONCURRENCY,
      sum: 'accepted',
      requests: requests.map((r) => ({
        url: `${base}/api/positions`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${r.w.token}` },
        body: JSON.stringify({
          positions: r.rows.map((x) => ({
            recordedAt: new Date(x.t).toISOString(),
            lon: x.lon,
            lat: x.lat,
            accuracy: 8,
          })),
        }),
      })),
    });
    const osmandFixes = (count: number, stepBase: number) =>
      Array.from({ length: count }, (_, i) => {
        const w = workers[i % W]!;
        return { ...at(w, stepBase + Math.floor(i / W)), device: w.device };
      });
    const osmandJob = (rows: Row[]): RemoteLoad => ({
      concurrency: OSMAND_CONCURRENCY,
      requests: rows.map((r) => ({
        url: `${base}/track/osmand?id=${r.device}&lat=${r.lat}&lon=${r.lon}&timestamp=${r.t / 1000}&speed=2.3&accuracy=8&batt=77`,
      })),
    });

    await client.run(batchJob(batches(W, WARMUP_BATCH, 0)));
    await client.run(osmandJob(osmandFixes(WARMUP_OSMAND, WARMUP_BATCH)));
    await truncate(pool);
    console.log(
      `  warm-up (not measured): ${W} batches of ${WARMUP_BATCH} and ${fmt(WARMUP_OSMAND)} OsmAnd fixes, then the table emptied`,
    );

    let stepBase = warmupSteps;
    for (const size of BATCH_SIZES) {
      const requests = batches(BATCH_REQUESTS, size, stepBase);
      stepBase += Math.ceil(BATCH_REQUESTS / W) * size;
      const rows = requests.flatMap((r) => r.rows);
      const before = await baseline(pool, gridIndex, rows, 'app');
      const { result, cpu } = await measure(client, pool, batchJob(requests));
      const stored = await storedSize(pool);
      await truncate(pool);
      const after = await baseline(pool, gridIndex, rows, 'app');
      const perSecond = (rows.length / result.ms) * 1000;
      console.log(
        `  POST /api/positions, batches of ${size}, ${BATCH_CONCURRENCY} in flight (${fmt(rows.length)} positions):`,
      );
      console.log(`    ${describe('requests', result)}`);
      report(perSecond, `accepted ${fmt(result.sum)}, stored ${stored}`, [...before, ...after]);
      reportCpu(rows.length, cpu, result.cpuMs, [...before, ...after]);
    }

    const osmand = osmandFixes(OSMAND_REQUESTS, stepBase);
    const before = await baseline(pool, gridIndex, osmand, 'osmand');
    const { result, cpu } = await measure(client, pool, osmandJob(osmand));
    const stored = await storedSize(pool);
    await truncate(pool);
    const after = await baseline(pool, gridIndex, osmand, 'osmand');
    console.log(
      `  GET /track/osmand, one fix per request, ${OSMAND_CONCURRENCY} in flight (${fmt(OSMAND_REQUESTS)} positions):`,
    );
    console.log(`    ${describe('requests', result)}`);
    report(result.perSecond, `stored ${stored}`, [...before, ...after]);
    reportCpu(OSMAND_REQUESTS, cpu, result.cpuMs, [...before, ...after]);
  } finally {
    client.close();
    await pool.end();
    await server.close();
  }
}

/**
 * A URL of the bench database for the raw COPY client: startBenchServer keeps its own, so it is
 * rebuilt from the server's answer (DATABASE_URL's credentials, or the embedded server's).
 */
async function benchDatabaseUrl(db: Db): Promise<string> {
  const { rows } = await sql<{ db: string; port: number }>`
    SELECT current_database() AS db, inet_server_port() AS port`.execute(db);
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres:wangge-local@127.0.0.1/');
  url.port = String(rows[0]!.port);
  url.pathname = `/${rows[0]!.db}`;
  return url.toString();
}

/** The load from the client process, and the CPU the server and PostgreSQL spent on it. */
async function measure(client: LoadClient, pool: pg.Pool, job: RemoteLoad) {
  const meter = cpuMeter(pool);
  const result = await client.run(job, () => meter.start());
  return { result, cpu: await meter.stop() };
}

async function truncate(pool: pg.Pool): Promise<void> {
  await pool.query('TRUNCATE positions');
}

/** Rows and bytes (heap and indexes of every partition) the positions table holds. */
async function storedSize(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ n: string; bytes: string }>(`
    SELECT (SELECT count(*) FROM positions) AS n,
      (SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits
        WHERE inhparent = 'positions'::regclass) AS bytes`);
  return `${fmt(Number(rows[0]!.n))} rows, ${(Number(rows[0]!.bytes) / 2 ** 20).toFixed(1)} MiB with indexes`;
}

/** The indexes the positions table carries, so that the report says what both writes maintained. */
async function tableShape(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ def: string }>(
    `SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'positions' ORDER BY indexname`,
  );
  return `positions, partitioned by day, ${rows.map((r) => r.def.replace(/^.* USING /, '')).join('; ')}`;
}

interface CopyRun {
  format: 'text' | 'binary';
  perSecond: number;
  cpu: CpuSplit | null;
}

/** Raw COPY of the rows in both formats, each into the emptied table; leaves it empty. */
async function baseline(
  pool: pg.Pool,
  gridIndex: GridIndex,
  rows: readonly Row[],
  source: 'app' | 'osmand',
): Promise<CopyRun[]> {
  const runs: CopyRun[] = [];
  for (const format of ['text', 'binary'] as const) {
    await truncate(pool);
    const meter = cpuMeter(pool);
    await meter.start();
    const perSecond = await copyRows(pool, gridIndex, rows, source, format);
    runs.push({ format, perSecond, cpu: await meter.stop() });
  }
  await truncate(pool);
  return runs;
}

function report(perSecond: number, stored: string, copies: CopyRun[]): void {
  const best = Math.max(...copies.map((c) => c.perSecond));
  const runs = copies.map((c) => `${c.format} ${fmt(c.perSecond)}`).join(', ');
  console.log(
    `    endpoint ${fmt(perSecond)} positions/s (${stored}) | raw COPY of the same rows, best ${fmt(best)} positions/s (${runs}) | endpoint = ${((perSecond / best) * 100).toFixed(1)} % of COPY`,
  );
}

/** Where the CPU went per position: server, PostgreSQL and load client, beside COPY's PostgreSQL. */
function reportCpu(positions: number, cpu: CpuSplit | null, clientMs: number, copies: CopyRun[]): void {
  const copyMs = copies.flatMap((c) => (c.cpu ? [c.cpu.postgresMs] : []));
  if (!cpu || copyMs.length === 0) return;
  const us = (ms: number) => `${((ms * 1000) / positions).toFixed(1)} µs`;
  console.log(
    `    CPU per position: server ${us(cpu.serverMs)} + PostgreSQL ${us(cpu.postgresMs)} (load client ${us(clientMs)}) | raw COPY: PostgreSQL ${us(Math.min(...copyMs))} (least of the four)`,
  );
}

/**
 * COPY positions FROM STDIN of the rows, with the grid each lies in; positions/s. The data is
 * formatted before the clock starts: the figure is PostgreSQL's, plus the socket.
 */
async function copyRows(
  pool: pg.Pool,
  gridIndex: GridIndex,
  rows: readonly Row[],
  source: 'app' | 'osmand',
  format: 'text' | 'binary',
): Promise<number> {
  const receivedAt = new Date();
  const parts: Buffer[] = format === 'binary' ? [COPY_HEADER] : [];
  let tuples: PositionTuples | null = null;
  let lines: string[] = [];
  for (const [i, r] of rows.entries()) {
    const gridId = gridIndex.locate(r.lon, r.lat)?.id ?? null;
    if (format === 'text') {
      lines.push(
        `${r.userId}\t${r.device ?? '\\N'}\t${new Date(r.t).toISOString()}\t${receivedAt.toISOString()}\t${r.lon}\t${r.lat}\t8\t\\N\t\\N\t\\N\t\\N\t${gridId ?? '\\N'}\t${source}\n`,
      );
      if (lines.length === 1000 || i === rows.length - 1) {
        parts.push(Buffer.from(lines.join('')));
        lines = [];
      }
      continue;
    }
    // Tuples share their worker's columns: one run of them for each request's worth of rows.
    if (rows[i - 1]?.userId !== r.userId) {
      let end = i;
      while (rows[end]?.userId === r.userId) end++;
      tuples = new PositionTuples(end - i, { userId: r.userId, deviceId: r.device, source, receivedAt });
    }
    tuples!.add(r.t, { recordedAt: new Date(r.t), lon: r.lon, lat: r.lat, accuracy: 8 }, gridId);
    if (rows[i + 1]?.userId !== r.userId) parts.push(tuples!.bytes);
  }
  if (format === 'binary') parts.push(COPY_TRAILER);
  // Both formats stream in the same 1 MiB messages.
  const data = Buffer.concat(parts);
  const chunks: Buffer[] = [];
  for (let at = 0; at < data.length; at += 2 ** 20) chunks.push(data.subarray(at, at + 2 ** 20));
  const client = await pool.connect();
  try {
    const started = performance.now();
    const stream = client.query(
      copyFrom(
        `COPY positions (${POSITION_COPY_COLUMNS}) FROM STDIN${format === 'binary' ? ' (FORMAT binary)' : ''}`,
      ),
    );
    await pipeline(Readable.from(chunks), stream);
    return (rows.length / (performance.now() - started)) * 1000;
  } finally {
    client.release();
  }
}
