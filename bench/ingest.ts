// Position ingest (issue: field app, position pipeline): positions per second through
// POST /api/positions (batches from many simulated workers) and through /track/osmand (one fix
// per request), each beside a raw COPY of the same rows into the same table in the same run.
// Every run starts from an empty positions table; the COPY baseline carries the grid ids the
// pipeline computes, so both write identical rows.

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
import { describe, load, startBenchServer } from './support.ts';

const BATCH_REQUESTS = 600;
const BATCH_SIZES = [100, 500];
const BATCH_CONCURRENCY = 8;
const OSMAND_REQUESTS = 20_000;
const OSMAND_CONCURRENCY = 32;
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
    const totalSteps = batchSteps + Math.ceil(OSMAND_REQUESTS / W) + 10;
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

    let stepBase = 0;
    for (const size of BATCH_SIZES) {
      const requests = Array.from({ length: BATCH_REQUESTS }, (_, i) => {
        const w = workers[i % W]!;
        const first = stepBase + Math.floor(i / W) * size;
        return { w, rows: Array.from({ length: size }, (_, j) => at(w, first + j)) };
      });
      stepBase += Math.ceil(BATCH_REQUESTS / W) * size;
      const rows = requests.flatMap((r) => r.rows);
      const copy = await copyRows(pool, gridIndex, rows, 'app');
      await truncate(pool);
      const bodies = requests.map((r) =>
        JSON.stringify({
          positions: r.rows.map((x) => ({
            recordedAt: new Date(x.t).toISOString(),
            lon: x.lon,
            lat: x.lat,
            accuracy: 8,
          })),
        }),
      );
      let accepted = 0;
      const result = await load(BATCH_REQUESTS, BATCH_CONCURRENCY, async (i) => {
        const res = await fetch(`${base}/api/positions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${requests[i]!.w.token}` },
          body: bodies[i],
        });
        if (res.ok) accepted += ((await res.clone().json()) as { accepted: number }).accepted;
        return res;
      });
      const stored = await count(pool);
      const perSecond = (rows.length / result.ms) * 1000;
      console.log(
        `  POST /api/positions, batches of ${size}, ${BATCH_CONCURRENCY} in flight (${fmt(rows.length)} positions):`,
      );
      console.log(`    ${describe('requests', result)}`);
      console.log(
        `    endpoint ${fmt(perSecond)} positions/s (accepted ${fmt(accepted)}, stored ${fmt(stored)}) | raw COPY of the same rows ${fmt(copy)} positions/s | endpoint = ${((perSecond / copy) * 100).toFixed(1)} % of COPY`,
      );
      await truncate(pool);
    }

    const osmand = Array.from({ length: OSMAND_REQUESTS }, (_, i) => {
      const w = workers[i % W]!;
      return { ...at(w, stepBase + Math.floor(i / W)), device: w.device };
    });
    const copy = await copyRows(pool, gridIndex, osmand, 'osmand');
    await truncate(pool);
    const result = await load(OSMAND_REQUESTS, OSMAND_CONCURRENCY, (i) => {
      const r = osmand[i]!;
      return fetch(
        `${base}/track/osmand?id=${r.device}&lat=${r.lat}&lon=${r.lon}&timestamp=${r.t / 1000}&speed=2.3&accuracy=8&batt=77`,
      );
    });
    const stored = await count(pool);
    console.log(
      `  GET /track/osmand, one fix per request, ${OSMAND_CONCURRENCY} in flight (${fmt(OSMAND_REQUESTS)} positions):`,
    );
    console.log(`    ${describe('requests', result)}`);
    console.log(
      `    endpoint ${fmt(result.perSecond)} positions/s (stored ${fmt(stored)}) | raw COPY of the same rows ${fmt(copy)} positions/s | endpoint = ${((result.perSecond / copy) * 100).toFixed(1)} % of COPY`,
    );
  } finally {
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

async function truncate(pool: pg.Pool): Promise<void> {
  await pool.query('TRUNCATE positions');
}

async function count(pool: pg.Pool): Promise<number> {
  return Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM positions')).rows[0]!.n);
}

/** COPY positions FROM STDIN of the rows (text format), with the grid each lies in; positions/s. */
async function copyRows(
  pool: pg.Pool,
  gridIndex: GridIndex,
  rows: readonly Row[],
  source: 'app' | 'osmand',
): Promise<number> {
  const received = new Date().toISOString();
  const lines = rows.map(
    (r) =>
      `${r.userId}\t${r.device ?? '\\N'}\t${new Date(r.t).toISOString()}\t${received}\t${r.lon}\t${r.lat}\t8\t\\N\t\\N\t\\N\t\\N\t${gridIndex.locate(r.lon, r.lat)?.id ?? '\\N'}\t${source}\n`,
  );
  const client = await pool.connect();
  try {
    const started = performance.now();
    const stream = client.query(
      copyFrom(
        'COPY positions (user_id, device_id, recorded_at, received_at, lon, lat, accuracy_m, speed_mps, heading, altitude, battery, grid_id, source) FROM STDIN',
      ),
    );
    const chunks = function* () {
      for (let i = 0; i < lines.length; i += 1000) yield lines.slice(i, i + 1000).join('');
    };
    await pipeline(Readable.from(chunks()), stream);
    const ms = performance.now() - started;
    return (rows.length / ms) * 1000;
  } finally {
    client.release();
  }
}
