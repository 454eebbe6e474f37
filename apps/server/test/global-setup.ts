import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { hashPassword } from '../src/modules/auth/passwords.ts';
import { generateDemo } from '../src/modules/demo/generate.ts';
import { seedDemo } from '../src/modules/demo/seed.ts';
import { runDatabases, TEST_DATA_KEY, withDatabase } from './databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL with the database part to be replaced per test database. */
    pgServerUrl: string;
    /** This run's database names (templates and clone prefix). */
    pgRunId: string;
  }
}

/**
 * One PostgreSQL for the whole run — the machine's (DATABASE_URL) or an embedded one — holding
 * two migrated templates: empty and with the demo district. Every test file clones its own.
 */
export default async function setup(project: TestProject) {
  let embedded: ChildProcess | null = null;
  let tmp: string | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'wangge-test-pg-'));
    // Below the ephemeral port range, where a client socket could hold the port already.
    const started = await startEmbeddedServer(tmp, 21_000 + Math.floor(Math.random() * 900));
    embedded = started.child;
    serverUrl = started.url;
  }
  const runId = randomBytes(4).toString('hex');
  const { templateEmpty, templateDemo, clonePrefix } = runDatabases(runId);
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  for (const name of [templateEmpty, templateDemo]) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await migrate(withDatabase(serverUrl, name));
  }
  const db = createDb(withDatabase(serverUrl, templateDemo), { max: 2 });
  const started = Date.now();
  await seedDemo(db, generateDemo({ scale: 'district' }), {
    hashPassword,
    dataKey: Buffer.from(TEST_DATA_KEY, 'base64'),
    tracks: false,
  });
  console.log(`demo template seeded in ${Date.now() - started} ms`);
  await db.destroy();
  await admin.end();
  project.provide('pgServerUrl', serverUrl);
  project.provide('pgRunId', runId);

  return async () => {
    const cleanup = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname IN ($2, $3)',
      [clonePrefix, templateEmpty, templateDemo],
    );
    for (const row of rows) await cleanup.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await cleanup.end();
    await stopEmbeddedServer(embedded);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
}

function startEmbeddedServer(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const script = path.join(import.meta.dirname, 'embedded-server.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.on('exit', (code) => reject(new Error(`embedded PostgreSQL exited with ${code}`)));
  });
}

function stopEmbeddedServer(child: ChildProcess | null): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
