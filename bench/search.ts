// Register search at Pidu's scale: p50/p95 of the one-box search through HTTP for each kind of
// query workers type (names, an address fragment, phone and ID digits, a unit name), as a grid
// worker, a street, a district and a city operator, next to the primary-key fetch of one person
// (GET /api/people/:id) through the same API in the same run. Requests are interleaved round by
// round, one at a time, so every series sees the same machine load.
//
//   DATABASE_URL=postgres://… npm run bench -- search [--people=2740000] [--units=150000] [--rounds=300]
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../apps/server/src/config.ts';
import { createDb } from '../apps/server/src/db/database.ts';
import { startEmbeddedPostgres } from '../apps/server/src/db/embedded.ts';
import { buildApp } from '../apps/server/src/http/app.ts';
import { DEMO_PASSWORD } from '../apps/server/src/modules/demo/logins.ts';
import { DataCipher, resolveDataKey } from '../apps/server/src/modules/registers/privacy/crypto.ts';
import { openSearchDatabase } from './search-data.ts';

const PIDU_PEOPLE = 2_740_000;
const FULL_UNITS = 150_000;
const WARM_UP_ROUNDS = 20;
const SAMPLE = 300;

function flag(name: string): number | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.split('=')[1]!.replaceAll(/[_,]/g, '')) : undefined;
  if (value !== undefined && !(Number.isInteger(value) && value > 0))
    throw new Error(`--${name} needs a positive integer`);
  return value;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

interface Series {
  kind: string;
  scope: string;
  make: (i: number) => string;
  cookie: (i: number) => string;
  latencies: number[];
  items: number;
  more: number;
  errors: number;
}

export async function benchSearch(): Promise<void> {
  const people = flag('people') ?? PIDU_PEOPLE;
  const sizes = { people, units: flag('units') ?? Math.round((FULL_UNITS * people) / PIDU_PEOPLE) };
  const rounds = flag('rounds') ?? 300;
  let serverUrl = process.env.DATABASE_URL;
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  if (!serverUrl) {
    // Kept between runs like the cached database inside it.
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), 'wangge-bench-search-pg'),
      port: 56_990,
    });
    serverUrl = embedded.url;
  }
  const baseConfig = loadConfig({ port: 0, host: '127.0.0.1', logLevel: 'error' });
  const dataKey = await resolveDataKey(baseConfig);
  console.log(`size: ${fmt(sizes.people)} people, ${fmt(sizes.units)} units on the 5,880-grid city demo`);
  const started = performance.now();
  const city = await openSearchDatabase(serverUrl, sizes, dataKey);
  const r = city.report;
  console.log(
    city.cached
      ? `database ${city.name}: cached from an earlier run (opened in ${((performance.now() - started) / 1000).toFixed(1)} s); when it was built:`
      : `database ${city.name}: built now:`,
  );
  console.log(
    `  rows: ${Object.entries(r.rows)
      .map(([t, n]) => `${t} ${fmt(n)}`)
      .join(', ')}; ${(r.databaseBytes / 2 ** 30).toFixed(1)} GiB`,
  );
  console.log(
    `  generate ${r.generateSeconds.toFixed(0)} s, data load ${r.loadSeconds.toFixed(0)} s, index build (postings + indexes) ${r.indexSeconds.toFixed(0)} s`,
  );

  const db = createDb(city.url, { max: 10 });
  const config = { ...baseConfig, databaseUrl: city.url };
  const { app } = await buildApp({ db, config, logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const cipher = new DataCipher(dataKey);
  try {
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    };
    const pathOf = async (username: string) =>
      (
        await sql<{ path: string }>`
          SELECT o.path FROM users u JOIN user_assignments a ON a.user_id = u.id
          JOIN org_units o ON o.id = a.org_unit_id WHERE u.username = ${username}`.execute(db)
      ).rows[0]!.path;

    const common = (
      await sql<{ name: string }>`
        SELECT name FROM people WHERE char_length(name) = 2 GROUP BY name ORDER BY count(*) DESC, name LIMIT 20`.execute(
        db,
      )
    ).rows.map((x) => x.name);
    if (!common.includes('张伟')) common.unshift('张伟');

    /** Values of every kind drawn from the people, addresses and units under one scope path. */
    const valuesIn = async (scopePath: string) => {
      const hi = `${scopePath.slice(0, -1)}0`;
      const sample = (
        await sql<{ id: string; name: string; id_number_enc: Buffer; phone_enc: Buffer | null }>`
          SELECT id, name, id_number_enc, phone_enc FROM people
          WHERE grid_path >= ${scopePath} AND grid_path < ${hi}
          ORDER BY md5(id::text) LIMIT ${SAMPLE}`.execute(db)
      ).rows;
      const ids = sample.map((p) => cipher.decrypt(p.id_number_enc));
      const phones = sample.flatMap((p) => (p.phone_enc ? [cipher.decrypt(p.phone_enc)] : []));
      const twos = [...new Set(sample.map((p) => p.name).filter((n) => [...n].length === 2))];
      const rare = (
        await sql<{ name: string }>`
          SELECT n AS name FROM unnest(${twos}::text[]) n
          ORDER BY (SELECT count(*) FROM people WHERE (name COLLATE "C") = n), n LIMIT 20`.execute(db)
      ).rows.map((x) => x.name);
      const places = (
        await sql<{ name: string }>`
          SELECT DISTINCT regexp_replace(name, '\\d+号楼$', '') AS name FROM addresses
          WHERE level = 'building' AND grid_path >= ${scopePath} AND grid_path < ${hi} LIMIT 40`.execute(db)
      ).rows.map((x) => x.name);
      const units = (
        await sql<{ name: string }>`
          SELECT name FROM units WHERE grid_path >= ${scopePath} AND grid_path < ${hi}
          ORDER BY md5(id::text) LIMIT 60`.execute(db)
      ).rows
        .map((u) => [...u.name.replace(/^(呼和浩特市?|内蒙古|.{1,4}?(区|县|旗))/, '')].slice(0, 4).join(''))
        .filter((u) => u.length > 1);
      return {
        'name, 2 chars, common (张伟 …)': common,
        'name, 2 chars, rare': rare,
        'name, 3 chars (full name)': [
          ...new Set(sample.map((p) => p.name).filter((n) => [...n].length === 3)),
        ],
        'address fragment (科技园, compounds)': ['科技园', ...places],
        'phone, last 4': phones.map((p) => p.slice(-4)),
        'ID, 6 digits (region)': ids.map((i) => i.slice(0, 6)),
        'ID, 8 digits (birth date)': ids.map((i) => i.slice(6, 14)),
        'ID, last 4': ids.map((i) => i.slice(-4)),
        'ID, last 6': ids.map((i) => i.slice(-6)),
        // A grid may have no units of its own; then the worker types a generic one.
        'unit name fragment': units.length ? units : ['便利店', '超市'],
        keys: sample.map((p) => p.id),
      };
    };

    const workers = city.workerGrids.map((code) => `w${code}`);
    const scopes: { label: string; users: string[] }[] = [
      { label: 'grid worker', users: workers },
      { label: 'street', users: ['street1'] },
      { label: 'district', users: ['district'] },
      { label: 'city', users: ['city'] },
    ];
    const series: Series[] = [];
    for (const scope of scopes) {
      const cookies = await Promise.all(scope.users.map(login));
      const values = await Promise.all(scope.users.map(async (u) => valuesIn(await pathOf(u))));
      const cookie = (i: number) => cookies[i % cookies.length]!;
      const pickValue = (list: (v: (typeof values)[number]) => string[]) => (i: number) => {
        const own = list(values[i % values.length]!);
        return own[Math.floor(i / values.length) % own.length] ?? '';
      };
      series.push({
        kind: 'GET /api/people/:id (key fetch, baseline)',
        scope: scope.label,
        make: (i) => `/api/people/${pickValue((v) => v.keys)(i)}`,
        cookie,
        latencies: [],
        items: 0,
        more: 0,
        errors: 0,
      });
      for (const kind of Object.keys(values[0]!).filter(
        (k) => k !== 'keys',
      ) as (keyof (typeof values)[number])[]) {
        const value = pickValue((v) => v[kind]);
        series.push({
          kind,
          scope: scope.label,
          make: (i) => `/api/registers/search?q=${encodeURIComponent(value(i))}&limit=20`,
          cookie,
          latencies: [],
          items: 0,
          more: 0,
          errors: 0,
        });
      }
    }

    const run = async (s: Series, i: number, record: boolean) => {
      const t0 = performance.now();
      const res = await fetch(`${base}${s.make(i)}`, { headers: { cookie: s.cookie(i) } });
      const body = (await res.json()) as { items?: unknown[]; more?: boolean };
      const ms = performance.now() - t0;
      if (!record) return;
      s.latencies.push(ms);
      if (!res.ok) s.errors++;
      s.items += body.items?.length ?? 0;
      if (body.more) s.more++;
    };
    for (let i = 0; i < WARM_UP_ROUNDS; i++) for (const s of series) await run(s, i, false);
    const measured = performance.now();
    for (let i = 0; i < rounds; i++) for (const s of series) await run(s, i + WARM_UP_ROUNDS, true);
    console.log(
      `${fmt(rounds * series.length)} requests in ${((performance.now() - measured) / 1000).toFixed(0)} s, one at a time, interleaved (${rounds} per series after ${WARM_UP_ROUNDS} warm-up rounds); ${workers.length} grid workers in grids across the city, limit 20`,
    );
    report(
      series,
      scopes.map((s) => s.label),
    );
  } finally {
    await app.close();
    await db.destroy();
    await embedded?.stop();
  }
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function report(series: Series[], scopes: string[]): void {
  const kinds = [...new Set(series.map((s) => s.kind))];
  const stats = new Map(
    series.map((s) => {
      const sorted = [...s.latencies].sort((a, b) => a - b);
      return [`${s.kind}|${s.scope}`, { s, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) }];
    }),
  );
  const key = (scope: string) => stats.get(`${kinds[0]}|${scope}`)!.p95;
  console.log(
    `\n| query kind | ${scopes.map((s) => `${s} p50 / p95 (ms)`).join(' | ')} | worst p95 ÷ key-fetch p95 |`,
  );
  console.log(`| --- | ${scopes.map(() => '---').join(' | ')} | --- |`);
  for (const kind of kinds) {
    const cells = scopes.map((scope) => stats.get(`${kind}|${scope}`)!);
    const ratio = Math.max(...cells.map((c) => c.p95 / key(c.s.scope)));
    console.log(
      `| ${kind} | ${cells.map((c) => `${c.p50.toFixed(1)} / ${c.p95.toFixed(1)}${c.s.errors ? ` (${c.s.errors} errors)` : ''}`).join(' | ')} | ${kind === kinds[0] ? '—' : `${ratio.toFixed(1)}×`} |`,
    );
  }
  console.log('\nresults per search (mean items of 20; share of searches with more):');
  for (const kind of kinds.slice(1)) {
    const cells = scopes.map((scope) => stats.get(`${kind}|${scope}`)!.s);
    console.log(
      `  ${kind.padEnd(38)} ${cells.map((c) => `${c.scope} ${(c.items / c.latencies.length).toFixed(1)} (${Math.round((c.more / c.latencies.length) * 100)} %)`).join(', ')}`,
    );
  }
  const worst = Math.max(
    ...series
      .filter((s) => s.kind !== kinds[0])
      .map((s) => stats.get(`${s.kind}|${s.scope}`)!.p95 / key(s.scope)),
  );
  console.log(
    `\nworst search p95 = ${worst.toFixed(1)}× the key fetch's p95 in the same scope (target ≤ 5×)`,
  );
}
