import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createUser } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { pointIn } from '../cases/test-helpers.ts';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp();
  base = await t.listen();
});
afterAll(() => t?.close());

async function screen(username: string) {
  const res = await t.anon.post('/api/auth/login', { username, password: 'Wangge@2026' });
  const cookie = `wangge_session=${res.cookies.find((c) => c.name === 'wangge_session')!.value}`;
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/ws`, { headers: { cookie, origin: base } });
  const messages: { type: string; item?: { kind: string; ref: { id: string } }; userId?: string }[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => {
    socket.on('open', resolve);
    socket.on('error', reject);
  });
  return { socket, messages };
}

describe('the command centre live feed and dots', () => {
  it('pushes a new case to the screens whose scope holds it, and a worker’s fix as a moving dot', async () => {
    const street2 = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', '120110002000')
      .executeTakeFirstOrThrow();
    await createUser(t.db, {
      username: 'feed_street2',
      roles: ['command_operator'],
      orgUnitIds: [street2.id],
    });
    const city = await screen('command');
    const other = await screen('feed_street2');
    const GRID = '120110001001001';
    const at = await pointIn(t, GRID);
    const worker = await t.login(`w${GRID}`);
    const report = await worker.post('/api/cases', {
      categoryCode: 'CG01-02',
      description: '乱堆乱放',
      source: 'patrol',
      ...at,
    });
    expect(report.statusCode, report.body).toBe(201);
    await expect
      .poll(
        () => city.messages.find((m) => m.type === 'feed' && m.item?.ref.id === report.data.id)?.item?.kind,
      )
      .toBe('case.reported');
    const fix = await worker.post('/api/positions', {
      positions: [{ recordedAt: new Date().toISOString(), ...at, accuracy: 5 }],
    });
    expect(fix.statusCode, fix.body).toBe(200);
    await expect.poll(() => city.messages.some((m) => m.type === 'position')).toBe(true);
    // The other street's screen heard of neither.
    expect(other.messages.filter((m) => m.type === 'feed' || m.type === 'position')).toEqual([]);
    city.socket.close();
    other.socket.close();
  });
});
