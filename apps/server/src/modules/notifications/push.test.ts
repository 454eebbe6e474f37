import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { act, pointIn, unitId } from '../cases/test-helpers.ts';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp();
  base = await t.listen();
});
afterAll(() => t?.close());

async function sessionCookie(username: string): Promise<string> {
  const res = await t.anon.post('/api/auth/login', { username, password: 'Wangge@2026' });
  return `wangge_session=${res.cookies.find((c) => c.name === 'wangge_session')!.value}`;
}

/** The console's own page sends its origin; a cookie alone (no Origin) is a foreign or forged caller. */
function connect(
  cookie?: string,
  headers: Record<string, string> = { origin: base },
): Promise<{ socket: WebSocket; messages: unknown[]; closed: Promise<number> }> {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/ws`, {
    headers: cookie ? { cookie, ...headers } : headers,
  });
  const messages: unknown[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    socket.on('open', () => resolve({ socket, messages, closed }));
    socket.on('error', reject);
  });
}

describe('WebSocket push', () => {
  it('pushes a dispatched case to the receiving worker after commit, and nothing to others', async () => {
    const gridCode = '120110001002002';
    const worker = await connect(await sessionCookie(`w${gridCode}`));
    const bystander = await connect(await sessionCookie('w120110002001001'));
    const reporter = await t.login(`w${gridCode}`);
    const dispatcher = await t.login('dispatcher');
    const at = await pointIn(t, gridCode);
    const kase = (
      await reporter.post('/api/cases', {
        categoryCode: 'CG01-01',
        description: '垃圾',
        source: 'patrol',
        ...at,
      })
    ).data;
    await act(dispatcher, kase.id, 'accept');
    await act(dispatcher, kase.id, 'file');
    await act(dispatcher, kase.id, 'dispatch', { target: { type: 'unit', id: await unitId(t, gridCode) } });
    await expect
      .poll(() =>
        worker.messages.some(
          (m) => (m as { type: string; item?: { caseId: string; kind: string } }).item?.caseId === kase.id,
        ),
      )
      .toBe(true);
    const pushed = worker.messages.find(
      (m) => (m as { item?: { kind: string } }).item?.kind === 'dispatched',
    ) as {
      item: { title: string; id: string };
    };
    expect(pushed.item.title).toContain('新派遣事件');
    const inbox = (await reporter.get('/api/notifications?unread=true')).data;
    expect(inbox.items.map((n: { id: string }) => n.id)).toContain(pushed.item.id);
    expect(bystander.messages).toEqual([]);
    worker.socket.close();
    bystander.socket.close();
  });

  it('refuses a cookie-authenticated upgrade from a foreign or missing Origin', async () => {
    const cookie = await sessionCookie('dispatcher');
    const refused: Record<string, string>[] = [{ origin: 'https://evil.example' }, {}];
    for (const headers of refused) {
      await expect(connect(cookie, headers)).rejects.toThrow(/403/);
    }
    (await connect(cookie)).socket.close();
  });

  it('accepts a bearer-token upgrade without an Origin (a non-browser client)', async () => {
    const session = await t.login('dispatcher');
    const token = (await session.post('/api/auth/tokens', { name: 'ws' })).data.token;
    const client = await connect(undefined, { authorization: `Bearer ${token}` });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    client.socket.close();
  });

  it('accepts only the configured public origins when WANGGE_PUBLIC_ORIGINS is set', async () => {
    const other = await startTestApp({ config: { publicOrigins: ['https://wangge.example.gov.cn'] } });
    try {
      const otherBase = await other.listen();
      const login = await other.anon.post('/api/auth/login', {
        username: 'dispatcher',
        password: 'Wangge@2026',
      });
      const cookie = `wangge_session=${login.cookies.find((c) => c.name === 'wangge_session')!.value}`;
      const open = (origin: string) =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = new WebSocket(`${otherBase.replace('http', 'ws')}/api/ws`, {
            headers: { cookie, origin },
          });
          socket.on('open', () => resolve(socket));
          socket.on('error', reject);
        });
      (await open('https://wangge.example.gov.cn')).close();
      // The request's own origin no longer counts once public origins are configured.
      await expect(open(otherBase)).rejects.toThrow(/403/);
    } finally {
      await other.close();
    }
  });

  it('closes an unauthenticated socket with 4401', async () => {
    const anon = await connect();
    expect(await anon.closed).toBe(4401);
  });
});
