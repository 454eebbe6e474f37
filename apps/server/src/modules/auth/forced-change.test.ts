import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { DEMO_PASSWORD } from '../demo/logins.ts';
import { authRepository } from './repository.ts';
import { sha256 } from './secrets.ts';

// Production: WANGGE_DEMO=false. The demo seed's published password must be changed first.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ config: { demo: false } });
});
afterAll(() => t?.close());

async function changeFirst(username: string, password: string): Promise<Client> {
  const session = await t.login(username);
  const res = await session.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, password });
  expect(res.statusCode).toBe(204);
  return session;
}

describe('forced password change outside demo mode', () => {
  it('a seeded account logs in, is refused everywhere but me, logout and the change, then works', async () => {
    const login = await t.anon.post('/api/auth/login', { username: 'street1', password: DEMO_PASSWORD });
    expect(login.statusCode).toBe(200);
    expect(login.data.user.passwordChangeRequired).toBe(true);
    const session = await t.login('street1');
    for (const [method, url] of [
      ['GET', '/api/org/units'],
      ['GET', '/api/auth/tokens'],
      ['POST', '/api/auth/tokens'],
      ['GET', '/api/users'],
    ] as const) {
      const res = await session.request(method, url, method === 'POST' ? { name: 'x' } : undefined);
      expect(res.statusCode, url).toBe(403);
      expect(res.data.error.code, url).toBe('password_change_required');
    }
    const me = await session.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.data.user.passwordChangeRequired).toBe(true);

    const changed = await session.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      password: 'Street-Lantern-7',
    });
    expect(changed.statusCode).toBe(204);
    expect((await session.get('/api/auth/me')).data.user.passwordChangeRequired).toBe(false);
    expect((await session.get('/api/org/units')).statusCode).toBe(200);
    const again = await t.login('street1', 'Street-Lantern-7');
    expect((await again.get('/api/org/units')).statusCode).toBe(200);
  });

  it('lets an API token made before the change was required through: the gate is about the password', async () => {
    const user = await t.db
      .selectFrom('users')
      .select(['id', 'must_change_password'])
      .where('username', '=', 'patroller')
      .executeTakeFirstOrThrow();
    expect(user.must_change_password).toBe(true);
    const token = 'wg_made-before-the-upgrade-0123456789';
    await authRepository.insertApiToken(t.db, {
      userId: user.id,
      name: 'old device',
      tokenHash: sha256(token),
      expiresInDays: null,
    });
    const res = await t.app.inject({ url: '/api/org/units', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    const session = await t.login('patroller');
    expect((await session.get('/api/org/units')).data.error.code).toBe('password_change_required');
  });

  it('logging out stays open while the change is required', async () => {
    const session = await t.login('leader');
    expect((await session.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('a password an administrator set must be changed by its user too', async () => {
    const admin = await changeFirst('admin', 'Chief-Harbor-2026');
    const handler = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'handler')
      .executeTakeFirstOrThrow();
    await changeFirst('handler', 'Kite-own-choice-1');
    expect(
      (await admin.post(`/api/users/${handler.id}/password`, { password: 'Temp-Lantern-42' })).statusCode,
    ).toBe(204);
    const session = await t.login('handler', 'Temp-Lantern-42');
    expect((await session.get('/api/auth/me')).data.user.passwordChangeRequired).toBe(true);
    expect((await session.get('/api/org/units')).data.error.code).toBe('password_change_required');
    const own = await session.post('/api/auth/password', {
      currentPassword: 'Temp-Lantern-42',
      password: 'Kite-River-2026',
    });
    expect(own.statusCode).toBe(204);
    expect((await session.get('/api/org/units')).statusCode).toBe(200);
  });

  it('keeps the live notification socket closed until the password is changed', async () => {
    const base = await t.listen();
    const login = await t.anon.post('/api/auth/login', { username: 'street2', password: DEMO_PASSWORD });
    const cookie = `wangge_session=${login.cookies.find((c) => c.name === 'wangge_session')!.value}`;
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/ws`, {
      headers: { cookie, origin: base },
    });
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(code).toBe(4403);
  });
});
