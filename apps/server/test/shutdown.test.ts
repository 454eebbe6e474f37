import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildServer, SERVER_ENTRY } from '../../../scripts/build-server.mjs';
import { DEMO_PASSWORD } from '../src/modules/demo/logins.ts';
import { cloneDatabase, runDatabases, TEST_DATA_KEY } from './databases.ts';

// SIGTERM as systemd, Docker and `npm start` send it: the platform stops taking connections, lets
// the requests in flight finish (their fixes stored), closes everything and exits 0. Runs main.ts
// as a child process on a clone of the demo database, once from source (tsx) and once compiled.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const port = 4600 + Math.floor(Math.random() * 40);
const base = `http://127.0.0.1:${port}`;
const FIXES = 400;
let database: { url: string; drop(): Promise<void> };
let filesDir: string;
let child: ChildProcess | null = null;
let output = '';

beforeAll(async () => {
  database = await cloneDatabase(
    inject('pgServerUrl'),
    runDatabases(inject('pgRunId')).templateDemo,
    runDatabases(inject('pgRunId')).clonePrefix,
  );
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'wangge-shutdown-'));
});

afterEach(async () => {
  const running = child;
  child = null;
  if (running && running.exitCode === null && running.signalCode === null) {
    running.kill('SIGKILL');
    await exited(running);
  }
});

afterAll(async () => {
  await database?.drop();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

function exited(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve(proc.exitCode);
    else proc.on('exit', (code) => resolve(code));
  });
}

/** Starts the platform with `node <args>` and waits for its banner. */
async function start(args: string[]): Promise<ChildProcess> {
  output = '';
  const proc = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      WANGGE_DATA_KEY: TEST_DATA_KEY,
      WANGGE_FILES_DIR: filesDir,
      LOG_LEVEL: 'warn',
    },
  });
  child = proc;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const deadline = Date.now() + 60_000;
  while (!output.includes('Demo logins')) {
    if (proc.exitCode !== null) throw new Error(`exited ${proc.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`no start within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return proc;
}

const fromSource = () => start(['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')]);

/** A grid worker of the demo district, logged in: session cookie and CSRF header. */
async function loginWorker(): Promise<{ username: string; headers: Record<string, string> }> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query<{ username: string }>(
    "SELECT username FROM users WHERE username ~ '^w[0-9]{15}$' ORDER BY username LIMIT 1",
  );
  await client.end();
  const username = rows[0]!.username;
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { username, headers: { cookie, 'x-csrf-token': csrfToken } };
}

async function storedFixes(username: string): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(
    'SELECT count(*) AS n FROM positions WHERE user_id = (SELECT id FROM users WHERE username = $1)',
    [username],
  );
  await client.end();
  return Number(rows[0]!.n);
}

/**
 * POST /api/positions whose body arrives in two halves: the server has the request (headers and
 * half the body) before `between` runs, and cannot answer it before the second half is sent.
 */
function slowPositions(
  headers: Record<string, string>,
  between: () => Promise<void>,
): Promise<{ status: number; body: string }> {
  const t0 = Date.now() - 30 * 60_000;
  // One worker standing still near the district's centre: every fix is plausible and new.
  const body = Buffer.from(
    JSON.stringify({
      positions: Array.from({ length: FIXES }, (_, i) => ({
        recordedAt: new Date(t0 + i * 2000).toISOString(),
        lon: 117.3 + i * 1e-6,
        lat: 39.08,
        accuracy: 5,
      })),
    }),
  );
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/positions`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(body.length) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.subarray(0, half));
    setTimeout(() => {
      between().then(() => req.end(body.subarray(half)), reject);
    }, 300);
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown', () => {
  it('on SIGTERM refuses new connections, finishes the request in flight with its fixes stored, exits 0', async () => {
    const proc = await fromSource();
    const { username, headers } = await loginWorker();
    const before = await storedFixes(username);
    const code = exited(proc);
    const answer = await slowPositions(headers, async () => {
      proc.kill('SIGTERM');
      await pause(300);
      // Still finishing the request above, but no longer listening.
      await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    });
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ accepted: FIXES, duplicates: 0, rejected: [] });
    expect(await code).toBe(0);
    expect(await storedFixes(username)).toBe(before + FIXES);
  });

  it('a second signal exits at once, without waiting for the request in flight', async () => {
    const proc = await fromSource();
    const { headers } = await loginWorker();
    const code = exited(proc);
    // The request's second half never comes, so only the second signal can end the process.
    const hanging = slowPositions(headers, async () => {
      proc.kill('SIGTERM');
      await pause(300);
      expect(proc.exitCode).toBeNull();
      proc.kill('SIGINT');
      await code;
      throw new Error('stopped');
    });
    await expect(hanging).rejects.toThrow();
    expect(await code).toBe(1);
    expect(output).toContain('second SIGINT: exiting now');
  });
});

describe('compiled build (npm run build, npm run start:prod)', () => {
  it('runs with plain node from the bundle: migrations and web bundle found, health answered, SIGTERM exits 0', async () => {
    await buildServer();
    const proc = await start(['--enable-source-maps', SERVER_ENTRY]);
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok' });
    // The console is served when it was built (npm run build builds both halves).
    if (existsSync(path.join(root, 'apps/web/dist/index.html'))) {
      const page = await fetch(`${base}/`);
      expect(page.headers.get('content-type')).toContain('text/html');
    }
    proc.kill('SIGTERM');
    expect(await exited(proc)).toBe(0);
  });
});
