// Shared by the HTTP benchmarks: a fresh database (external or embedded), the app listening on
// loopback, and the load generator of load.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config.ts';
import { createDb, type Db } from '../apps/server/src/db/database.ts';
import { startEmbeddedPostgres } from '../apps/server/src/db/embedded.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { buildApp } from '../apps/server/src/http/app.ts';
import type { App } from '../apps/server/src/http/app-types.ts';

export { describe, type LoadResult, load, startLoadClient } from './load.ts';

export interface BenchServer {
  app: App;
  db: Db;
  base: string;
  close(): Promise<void>;
}

/** A new database named `name` (dropped first) on DATABASE_URL's server, or an embedded one. */
export async function startBenchServer(name: string, seed: (db: Db) => Promise<void>): Promise<BenchServer> {
  let tmp: string | null = null;
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'wangge-bench-'));
    embedded = await startEmbeddedPostgres({ dataDir: tmp, port: 56_000 + Math.floor(Math.random() * 900) });
    serverUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  await migrate(url);
  const db = createDb(url, { max: 10 });
  await seed(db);
  const config = loadConfig({ databaseUrl: url, port: 0, host: '127.0.0.1', logLevel: 'error' });
  const { app } = await buildApp({ db, config, logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    db,
    base,
    async close() {
      await app.close();
      await db.destroy();
      const c = new pg.Client({ connectionString: withDatabase(serverUrl!, 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      await embedded?.stop();
      if (tmp) await rm(tmp, { recursive: true, force: true });
    },
  };
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
