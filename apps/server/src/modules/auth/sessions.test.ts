import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ config: { sessionIdleMinutes: 30 } });
});
afterAll(() => t?.close());

const lastSeen = async (username: string) =>
  (
    await t.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select('last_seen_at')
      .where('users.username', '=', username)
      .executeTakeFirstOrThrow()
  ).last_seen_at;

describe('session idle timeout', () => {
  it('ends a session left unused past the idle limit, before its absolute expiry', async () => {
    const s = await t.login('community1');
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 29 * 60_000) })
      .where('user_id', '=', (await s.get('/api/auth/me')).data.user.id)
      .execute();
    // Still within the limit: the request keeps it alive and records the activity.
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    expect(Date.now() - (await lastSeen('community1')).getTime()).toBeLessThan(10_000);

    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('user_id', '=', (await s.get('/api/auth/me')).data.user.id)
      .execute();
    const res = await s.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.data.error.code).toBe('unauthenticated');
  });

  it('records activity at most once a minute, not on every request', async () => {
    const s = await t.login('command');
    const seen = new Date(Date.now() - 20_000);
    const { id } = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'command')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('sessions').set({ last_seen_at: seen }).where('user_id', '=', id).execute();
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    expect((await lastSeen('command')).getTime()).toBe(seen.getTime());
  });
});

describe('my sessions', () => {
  it('lists my sessions without their tokens, marks the current one, and ends another', async () => {
    const laptop = await t.login('dispatcher');
    const phone = await t.login('dispatcher');
    const other = await t.login('street2');
    const list = await laptop.get('/api/auth/sessions');
    expect(list.statusCode).toBe(200);
    expect(list.data.items).toHaveLength(2);
    const current = list.data.items.find((i: { current: boolean }) => i.current);
    const elsewhere = list.data.items.find((i: { current: boolean }) => !i.current);
    expect(current).toMatchObject({
      id: expect.any(String),
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      ip: '127.0.0.1',
    });
    expect(Object.keys(current).sort()).toEqual([
      'createdAt',
      'current',
      'id',
      'ip',
      'lastSeenAt',
      'userAgent',
    ]);
    const hashes = await t.db.selectFrom('sessions').select(['token_hash', 'csrf_token']).execute();
    for (const h of hashes) {
      expect(list.body).not.toContain(h.token_hash);
      expect(list.body).not.toContain(h.csrf_token);
    }

    // Somebody else's session is not mine to end: it does not exist for me.
    const theirs = (await other.get('/api/auth/sessions')).data.items[0].id;
    expect((await laptop.delete(`/api/auth/sessions/${theirs}`)).statusCode).toBe(404);
    expect((await other.get('/api/auth/me')).statusCode).toBe(200);

    expect((await laptop.delete(`/api/auth/sessions/${elsewhere.id}`)).statusCode).toBe(204);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(200);
    expect((await laptop.get('/api/auth/sessions')).data.items).toHaveLength(1);

    const admin = await t.login('admin');
    const audit = await admin.get('/api/audit?action=auth.session_ended&pageSize=5');
    expect(audit.data.items[0]).toMatchObject({ action: 'auth.session_ended', targetId: elsewhere.id });
  });

  it('ends all my other sessions at once and keeps the current one', async () => {
    const keep = await t.login('district');
    const a = await t.login('district');
    const b = await t.login('district');
    const res = await keep.post('/api/auth/sessions/revoke-others');
    expect(res.statusCode).toBe(204);
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    expect((await keep.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('needs a session cookie and the CSRF header to end sessions', async () => {
    const s = await t.login('city');
    const id = (await s.get('/api/auth/sessions')).data.items[0].id;
    const login = await t.anon.post('/api/auth/login', { username: 'city', password: 'Wangge@2026' });
    const cookie = login.cookies.find((c) => c.name === 'wangge_session')!;
    const forged = await t.anon.request('DELETE', `/api/auth/sessions/${id}`, undefined, {
      cookie: `wangge_session=${cookie.value}`,
    });
    expect(forged.statusCode).toBe(403);
    expect((await t.anon.get('/api/auth/sessions')).statusCode).toBe(401);
  });
});
