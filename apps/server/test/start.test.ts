import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The fresh-machine promise: the platform starts on an embedded PostgreSQL, seeds the demo once,
// and a second start reuses the data. Runs main.ts exactly as `npm start` does.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const port = 18_000 + Math.floor(Math.random() * 1000);
const pgPort = 55_000 + Math.floor(Math.random() * 1000);
let dataDir = '';
let child: ChildProcess | null = null;

function start(): Promise<{ output: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    WANGGE_DATA_DIR: dataDir,
    WANGGE_EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 240 s:\n${output}`)), 240_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Demo logins')) {
        clearTimeout(timer);
        resolve({ output });
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    child!.on('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
}

function stop(): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

afterAll(async () => {
  await stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start on embedded PostgreSQL', () => {
  it('starts, seeds the demo district once, serves health and logins, and restarts on the same data', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'wangge-start-'));
    const first = await start();
    expect(first.output).toContain(`http://localhost:${port}`);
    expect(first.output).toContain('demo district loaded');
    expect(first.output).toMatch(/admin\s+系统管理员/);
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok' });
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

    const second = await start();
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
});
