import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The registers' data key of every test database (seeded template and apps alike). */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * Names of one test run's databases. Several runs may share one server (developers, CI), so each
 * run has its own templates and clones, and drops only its own.
 */
export function runDatabases(runId: string) {
  return {
    templateEmpty: `wangge_tpl_${runId}_empty`,
    templateDemo: `wangge_tpl_${runId}_demo`,
    clonePrefix: `wangge_t_${runId}_`,
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh database cloned from a template; dropped by the caller (or by global teardown). */
export async function cloneDatabase(
  serverUrl: string,
  template: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      const c = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
