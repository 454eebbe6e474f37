// The command centre on the 5,880-grid city: GET /api/command/overview at city, district and
// street scope next to a primary-key fetch through the same API (GET /api/org/units/:id), and the bytes
// of the big screen's first load at city scope (page bundle + overview + trend + grid GeoJSON).
import http from 'node:http';
import { sql } from 'kysely';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.ts';
import { generateDemo } from '../apps/server/src/modules/demo/generate.ts';
import { seedDemo } from '../apps/server/src/modules/demo/seed.ts';
import { generateCases } from './cases.ts';
import { describe, load, startBenchServer } from './support.ts';

const REQUESTS = 60;
const GENERATED_CASES = 300_000;

export async function benchCommand(): Promise<void> {
  const server = await startBenchServer('wangge_bench_command', async (db) => {
    await seedDemo(db, generateDemo({ scale: 'city', seed: 1 }), { hashPassword });
    await generateCases(db, GENERATED_CASES);
  });
  try {
    const { db, base } = server;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Wangge@2026' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const headers = { cookie };
    const unit = async (level: string) =>
      (
        await db
          .selectFrom('org_units')
          .select('id')
          .where('level', '=', level as never)
          .orderBy('code')
          .limit(1)
          .executeTakeFirstOrThrow()
      ).id;
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases`.execute(db);
    const grids = await db
      .selectFrom('org_units')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('level', '=', 'grid')
      .executeTakeFirstOrThrow();
    console.log(`city: ${grids.n} grids, ${rows[0]!.n} cases`);
    const city = await unit('city');
    const get = (path: string) => () => fetch(`${base}${path}`, { headers });
    for (const [label, path] of [
      ['GET /api/org/units/:id (primary key, baseline)', `/api/org/units/${city}`],
      ['GET /api/command/overview (city)', `/api/command/overview?unitId=${city}`],
      ['GET /api/command/overview (district)', `/api/command/overview?unitId=${await unit('district')}`],
      ['GET /api/command/overview (street)', `/api/command/overview?unitId=${await unit('street')}`],
      ['GET /api/command/trend (city, 30 days)', `/api/command/trend?unitId=${city}`],
    ] as const) {
      await load(5, 1, get(path));
      console.log(describe(label, await load(REQUESTS, 1, get(path))));
    }
    // First load at city scope: what the browser fetches for /command, counted on the wire as a
    // browser asks for it (br, gzip) next to the same answers uncompressed.
    const html = await (await fetch(`${base}/command`, { headers })).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    const paths = [
      ...assets,
      `/api/command/overview?unitId=${city}`,
      `/api/command/trend?unitId=${city}`,
      `/api/grids/geojson?within=${city}`,
      `/api/positions/live?within=${city}&sinceMinutes=480`,
    ];
    for (const encoding of ['br, gzip', 'identity']) {
      let bytes = 0;
      let geojson = 0;
      const started = performance.now();
      for (const path of paths) {
        const n = await wireBytes(`${base}${path}`, { ...headers, 'accept-encoding': encoding });
        bytes += n;
        if (path.startsWith('/api/grids/geojson')) geojson = n;
      }
      console.log(
        `  first load at city scope (accept-encoding ${encoding}): ${(bytes / 1e6).toFixed(2)} MB over ${assets.length} entry assets + 4 API calls (grid GeoJSON ${(geojson / 1e6).toFixed(2)} MB), ${(performance.now() - started).toFixed(0)} ms sequential (lazy page chunks not counted)`,
      );
    }
  } finally {
    await server.close();
  }
}

/** The bytes of a response's body as they crossed the wire (fetch would hand them over decoded). */
function wireBytes(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let n = 0;
        res.on('data', (chunk: Buffer) => {
          n += chunk.length;
        });
        res.on('end', () => resolve(n));
      })
      .on('error', reject);
  });
}
