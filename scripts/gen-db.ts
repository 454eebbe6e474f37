// Generates apps/server/src/db/generated.ts from the migrated schema: a scratch database is
// created beside DATABASE_URL's (or in an embedded PostgreSQL when none is given and none
// answers on 127.0.0.1:5432), migrated, read by kysely-codegen, then dropped.
// Usage: tsx scripts/gen-db.ts [--out <file>]
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../apps/server/src/db/embedded.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DB_TYPES_FILE = path.join(root, 'apps/server/src/db/generated.ts');
const MACHINE_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function generateDbTypes(outFile: string): Promise<void> {
  await withMigratedScratch(async (url) => {
    // numeric → number matches database.ts's NUMERIC type parser; bigint stays string (Int8).
    execFileSync(
      path.join(root, 'node_modules/.bin/kysely-codegen'),
      [
        '--dialect=postgres',
        `--url=${url}`,
        `--out-file=${outFile}`,
        '--numeric-parser=number',
        '--exclude-pattern=schema_migrations',
        '--log-level=warn',
      ],
      { stdio: 'inherit' },
    );
  });
  formatGenerated(outFile);
}

/** The repo's formatter owns layout, so the committed file and a fresh one compare equal. */
export function formatGenerated(file: string): void {
  execFileSync(path.join(root, 'node_modules/.bin/biome'), ['format', '--write', file], { stdio: 'ignore' });
}

/** Runs `work` on a scratch database migrated to the current schema, dropped afterwards. */
export async function withMigratedScratch<T>(work: (url: string) => Promise<T>): Promise<T> {
  const server = await adminServer();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const scratch = `wangge_gen_${process.pid}_${Date.now()}`;
  const scratchUrl = new URL(server.url);
  scratchUrl.pathname = `/${scratch}`;
  await admin.query(`CREATE DATABASE ${scratch}`);
  try {
    await migrate(scratchUrl.toString());
    return await work(scratchUrl.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
    await server.stop();
  }
}

async function adminServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, stop: async () => {} };
  if (await answers(MACHINE_PG)) return { url: MACHINE_PG, stop: async () => {} };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wangge-gen-'));
  const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  return {
    url: embedded.url,
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port the OS has just handed out, so a running dev server's database is never in the way. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outArg = process.argv.indexOf('--out');
  await generateDbTypes(outArg > 0 ? path.resolve(process.argv[outArg + 1] ?? '') : DB_TYPES_FILE);
}
