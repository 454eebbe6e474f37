import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('login and sessions', () => {
  it('logs in, sets an HttpOnly strict cookie and returns the user with scope and permissions', async () => {
    const res = await t.anon.post('/api/auth/login', { username: 'street1', password: 'Wangge@2026' });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'wangge_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(res.data.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(res.data.user.username).toBe('street1');
    expect(res.data.user.roles.map((r: { code: string }) => r.code)).toEqual(['street_operator']);
    expect(res.data.user.scope).toEqual([expect.objectContaining({ code: '120110001000', level: 'street' })]);
    expect(res.data.user.permissions).toContain('grids.write');
    expect(res.data.user.permissions).not.toContain('audit.read');
  });

  it('rejects a wrong password with 401 naming the field, and an unknown user the same way', async () => {
    const wrong = await t.anon.post('/api/auth/login', { username: 'leader', password: 'nope-nope-1' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.data.error).toMatchObject({ code: 'invalid_credentials', details: { field: 'password' } });
    const unknown = await t.anon.post('/api/auth/login', {
      username: 'nobody-here',
      password: 'nope-nope-1',
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.data.error.code).toBe('invalid_credentials');
  });

  it('requires the CSRF header on cookie-authenticated writes', async () => {
    const s = await t.login('admin');
    const ok = await s.post('/api/auth/tokens', { name: 'csrf check' });
    expect(ok.statusCode).toBe(201);
    const login = await t.anon.post('/api/auth/login', { username: 'admin', password: 'Wangge@2026' });
    const cookie = login.cookies.find((c) => c.name === 'wangge_session')!;
    const forged = await t.anon.request(
      'POST',
      '/api/auth/tokens',
      { name: 'forged' },
      { cookie: `wangge_session=${cookie.value}` },
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.data.error.code).toBe('csrf_failed');
  });

  it('lets a browser with a stale session cookie log in again without the CSRF header', async () => {
    const first = await t.anon.post('/api/auth/login', { username: 'leader', password: 'Wangge@2026' });
    const stale = first.cookies.find((c) => c.name === 'wangge_session')!.value;
    const again = await t.anon.request(
      'POST',
      '/api/auth/login',
      { username: 'leader', password: 'Wangge@2026' },
      { cookie: `wangge_session=${stale}` },
    );
    expect(again.statusCode).toBe(200);
    expect(again.data.user.username).toBe('leader');
    // Only the route marked for it skips the check: logging out still needs the header.
    const out = await t.anon.request('POST', '/api/auth/logout', {}, { cookie: `wangge_session=${stale}` });
    expect(out.statusCode).toBe(403);
    expect(out.data.error.code).toBe('csrf_failed');
  });

  it('logs out: the cookie no longer works', async () => {
    const s = await t.login('leader');
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    expect((await s.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('expires sessions', async () => {
    const s = await t.login('leader');
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const res = await s.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.data.error.code).toBe('unauthenticated');
    await t.login('leader');
    const expired = await t.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select('token_hash')
      .where('users.username', '=', 'leader')
      .where('expires_at', '<=', new Date())
      .execute();
    expect(expired).toEqual([]);
  });

  it('validates the login body and names the field', async () => {
    const res = await t.anon.post('/api/auth/login', { username: 'admin' });
    expect(res.statusCode).toBe(400);
    expect(res.data.error).toMatchObject({ code: 'validation_failed', details: { field: 'password' } });
    const bad = await t.anon.request('POST', '/api/auth/login', '{"username": ', {
      'content-type': 'application/json',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.code).toBe('invalid_json');
  });
});

describe('API tokens', () => {
  it('creates a bearer token shown once, lists it without the secret, and revokes it', async () => {
    const s = await t.login('district');
    const created = await s.post('/api/auth/tokens', { name: '巡查终端', expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const token = created.data.token as string;
    expect(token).toMatch(/^wg_/);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.anon.get('/api/auth/me', bearer);
    expect(me.statusCode).toBe(200);
    expect(me.data.user.username).toBe('district');
    // Bearer writes need no CSRF token: no browser sends them on its own.
    expect(
      (await t.anon.request('POST', '/api/auth/tokens', { name: 'from token' }, bearer)).statusCode,
    ).toBe(201);
    const list = await s.get('/api/auth/tokens');
    expect(list.body).not.toContain(token);
    expect(list.data.items.map((i: { name: string }) => i.name)).toContain('巡查终端');
    expect((await s.delete(`/api/auth/tokens/${created.data.id}`)).statusCode).toBe(204);
    expect((await t.anon.get('/api/auth/me', bearer)).statusCode).toBe(401);
    expect((await s.delete(`/api/auth/tokens/${created.data.id}`)).statusCode).toBe(404);
  });

  it('refuses malformed and unknown bearer tokens', async () => {
    expect((await t.anon.get('/api/auth/me', { authorization: 'Bearer' })).statusCode).toBe(401);
    expect((await t.anon.get('/api/auth/me', { authorization: 'Bearer wg_not-a-token' })).statusCode).toBe(
      401,
    );
  });

  it('cannot revoke somebody else’s token', async () => {
    const a = await t.login('street1');
    const b = await t.login('street2');
    const created = await a.post('/api/auth/tokens', { name: 'mine' });
    expect((await b.delete(`/api/auth/tokens/${created.data.id}`)).statusCode).toBe(404);
  });
});

describe('audit', () => {
  it('records logins, failures and writes with who, when and from where', async () => {
    const admin = await t.login('admin');
    const res = await admin.get('/api/audit?action=auth.login&pageSize=200');
    expect(res.statusCode).toBe(200);
    const actions = new Set(res.data.items.map((i: { action: string }) => i.action));
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.login_failed');
    const entry = res.data.items.find((i: { action: string }) => i.action === 'auth.login');
    expect(entry).toMatchObject({ userId: expect.any(String), ip: expect.any(String) });
    expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now());
  });

  it('is closed to roles without audit.read', async () => {
    const s = await t.login('street1');
    expect((await s.get('/api/audit')).statusCode).toBe(403);
  });
});
