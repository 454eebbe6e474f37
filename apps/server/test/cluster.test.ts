import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { NatsBus } from '../src/events/nats-bus.ts';
import { act, pointIn, unitId } from '../src/modules/cases/test-helpers.ts';
import { TEST_DATA_KEY } from './databases.ts';
import { startTestApp, type TestApp } from './harness.ts';

/**
 * Two instances on one database and one NATS: A runs in this process (the test harness, so the
 * test can drive it and read the database), B is a real server process started with tsx. Every
 * check acts on A and observes B through HTTP or its WebSocket, within the 1 s the issue allows.
 */
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PORT_B = 4300 + Math.floor(Math.random() * 90);
const B = `http://127.0.0.1:${PORT_B}`;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const prefix = `wangge_cluster_${randomUUID().replaceAll('-', '')}`;

let a: TestApp;
let b: ChildProcess;
let dataDir: string;

async function loginB(username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${B}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Wangge@2026' }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: body.csrfToken };
}

function socketOnB(
  cookie: string,
): Promise<{ socket: WebSocket; messages: { at: number; m: Record<string, unknown> }[] }> {
  const socket = new WebSocket(`ws://127.0.0.1:${PORT_B}/api/ws`, { headers: { cookie, origin: B } });
  const messages: { at: number; m: Record<string, unknown> }[] = [];
  socket.on('message', (data) => messages.push({ at: Date.now(), m: JSON.parse(String(data)) }));
  return new Promise((resolve, reject) => {
    socket.on('open', () => resolve({ socket, messages }));
    socket.on('error', reject);
  });
}

async function within<T>(
  ms: number,
  read: () => Promise<T | undefined>,
): Promise<{ value: T; after: number }> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (value !== undefined) return { value, after: Date.now() - start };
    if (Date.now() - start > ms) throw new Error(`not seen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  a = await startTestApp({ config: { natsUrl: NATS_URL, natsPrefix: prefix } });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'wangge-cluster-'));
  b = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: a.databaseUrl,
      NATS_URL,
      WANGGE_NATS_PREFIX: prefix,
      WANGGE_DATA_KEY: TEST_DATA_KEY,
      WANGGE_DATA_DIR: dataDir,
      PORT: String(PORT_B),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
    },
  });
  await within(45_000, async () => {
    const ok = await fetch(`${B}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    return ok ? true : undefined;
  });
}, 60_000);

afterAll(async () => {
  if (b && b.exitCode === null) {
    const exited = new Promise((r) => b.once('exit', r));
    b.kill('SIGTERM');
    await exited;
  }
  await a?.close();
  const cleaner = await NatsBus.connect({ url: NATS_URL, prefix, log: { error: () => {} } });
  await cleaner.deleteStream();
  await cleaner.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('two instances over NATS', () => {
  it('a fix accepted on A is in B’s live positions and on B’s monitor socket within 1 s', async () => {
    const gridCode = '120110001001001';
    const worker = await a.login(`w${gridCode}`);
    const monitor = await loginB('admin');
    const ws = await socketOnB(monitor.cookie);
    // The demo's worker has walked today: a fix far from their last one would be refused as
    // too fast, so the new fix stands where they were last seen (or in the grid if never).
    const me = (await worker.get('/api/auth/me')).data as { user: { id: string } };
    const seen = (await (await a.login('admin')).get('/api/positions/live')).data as {
      items: { userId: string; lon: number; lat: number }[];
    };
    const last = seen.items.find((x) => x.userId === me.user.id);
    const p = last ?? (await pointIn(a, gridCode));
    const recordedAt = new Date().toISOString();
    const sent = Date.now();
    const res = await worker.post('/api/positions', {
      positions: [{ recordedAt, lon: p.lon, lat: p.lat, accuracy: 5 }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ accepted: 1, rejected: [] });
    const live = await within(1000, async () => {
      const body = await (
        await fetch(`${B}/api/positions/live`, { headers: { cookie: monitor.cookie } })
      ).text();
      return body.includes(recordedAt.slice(0, 19)) ? body : undefined;
    });
    const pushed = await within(1000, async () => ws.messages.find((x) => x.m.type === 'position'));
    console.log(`fix A→B: live after ${live.after} ms, socket after ${pushed.value.at - sent} ms`);
    ws.socket.close();
  });

  it('a boundary changed on A is used by /api/locate on B within 1 s', async () => {
    const gridCode = '120110001001002';
    const admin = await a.login('admin');
    const id = await unitId(a, gridCode);
    const inside = await pointIn(a, gridCode, 0);
    const elsewhere = await pointIn(a, gridCode, 1);
    const onB = await loginB('admin');
    const locateOnB = async (pt: { lon: number; lat: number }) =>
      (await (
        await fetch(`${B}/api/locate?lon=${pt.lon}&lat=${pt.lat}`, { headers: { cookie: onB.cookie } })
      ).json()) as {
        grid?: { code: string } | null;
      };
    expect(JSON.stringify(await locateOnB(elsewhere))).toContain(gridCode);
    // The grid shrinks to a small square around its first building: its second one falls outside.
    const d = 0.00005;
    const ring = [
      [inside.lon - d, inside.lat - d],
      [inside.lon + d, inside.lat - d],
      [inside.lon + d, inside.lat + d],
      [inside.lon - d, inside.lat + d],
      [inside.lon - d, inside.lat - d],
    ];
    const res = await admin.put(`/api/grids/${id}/boundary`, {
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const seen = await within(1000, async () =>
      JSON.stringify(await locateOnB(elsewhere)).includes(gridCode) ? undefined : true,
    );
    expect(JSON.stringify(await locateOnB(inside))).toContain(gridCode);
    console.log(`boundary A→B: after ${seen.after} ms`);
  });

  it('a boundary changed while A was away from NATS is used by A after it reconnects', async () => {
    const gridCode = '120110001002001';
    const id = await unitId(a, gridCode);
    const inside = await pointIn(a, gridCode, 0);
    const elsewhere = await pointIn(a, gridCode, 1);
    const admin = await a.login('admin');
    const locateOnA = async (pt: { lon: number; lat: number }) =>
      JSON.stringify((await admin.get(`/api/locate?lon=${pt.lon}&lat=${pt.lat}`)).data);
    expect(await locateOnA(elsewhere)).toContain(gridCode);
    // Written straight into PostgreSQL: the change whose event A missed while disconnected.
    const d = 0.00005;
    const ring = [
      [inside.lon - d, inside.lat - d],
      [inside.lon + d, inside.lat - d],
      [inside.lon + d, inside.lat + d],
      [inside.lon - d, inside.lat + d],
      [inside.lon - d, inside.lat - d],
    ];
    await a.db
      .updateTable('boundaries')
      .set({
        geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
        min_lon: inside.lon - d,
        min_lat: inside.lat - d,
        max_lon: inside.lon + d,
        max_lat: inside.lat + d,
      })
      .where('org_unit_id', '=', id)
      .where('valid_to', 'is', null)
      .execute();
    expect(await locateOnA(elsewhere)).toContain(gridCode); // no event, so A still has the old one
    await (a.context.bus as NatsBus).reconnect();
    const seen = await within(5000, async () =>
      (await locateOnA(elsewhere)).includes(gridCode) ? undefined : true,
    );
    expect(await locateOnA(inside)).toContain(gridCode);
    console.log(`resync after reconnect: boundary used after ${seen.after} ms`);
  });

  it('a notification written by an action on A reaches the user’s socket on B', async () => {
    const gridCode = '120110001002002';
    const onB = await loginB(`w${gridCode}`);
    const ws = await socketOnB(onB.cookie);
    const reporter = await a.login(`w${gridCode}`);
    const dispatcher = await a.login('dispatcher');
    const kase = (
      await reporter.post('/api/cases', {
        categoryCode: 'CG01-01',
        description: '垃圾',
        source: 'patrol',
        ...(await pointIn(a, gridCode)),
      })
    ).data as { id: string };
    await act(dispatcher, kase.id, 'accept');
    await act(dispatcher, kase.id, 'file');
    await act(dispatcher, kase.id, 'dispatch', { target: { type: 'unit', id: await unitId(a, gridCode) } });
    await within(1000, async () =>
      ws.messages.find(
        (x) => (x.m.item as { caseId?: string; kind?: string } | undefined)?.kind === 'dispatched',
      ),
    );
    ws.socket.close();
  });
});
