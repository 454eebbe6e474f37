import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { DEMO_PASSWORD } from '../demo/logins.ts';

let t: TestApp;
let admin: Client;
const userId = async (username: string) =>
  (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

describe('credentials after a password is set (demo mode)', () => {
  it('an administrator’s reset ends the user’s sessions and revokes their API tokens', async () => {
    const token = await t.withToken('patroller');
    const session = await t.login('patroller');
    expect((await token.get('/api/auth/me')).statusCode).toBe(200);
    const reset = await admin.post(`/api/users/${await userId('patroller')}/password`, {
      password: 'Harbor7Lantern',
    });
    expect(reset.statusCode).toBe(204);
    expect((await token.get('/api/auth/me')).statusCode).toBe(401);
    expect((await token.get('/api/org/units')).statusCode).toBe(401);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    const tokens = await t.db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('user_id', '=', await userId('patroller'))
      .execute();
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((row) => row.revoked_at !== null)).toBe(true);
    // Demo mode: the reset marks the user, but nothing is enforced.
    const after = await t.login('patroller', 'Harbor7Lantern');
    expect((await after.get('/api/org/units')).statusCode).toBe(200);
  });

  it('changing one’s own password keeps this session, ends the others and keeps the old password out', async () => {
    const here = await t.login('dispatcher');
    const elsewhere = await t.login('dispatcher');
    const res = await here.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      password: 'Lantern-Harbor-7',
    });
    expect(res.statusCode).toBe(204);
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    const old = await t.anon.post('/api/auth/login', { username: 'dispatcher', password: DEMO_PASSWORD });
    expect(old.statusCode).toBe(401);
    await t.login('dispatcher', 'Lantern-Harbor-7');
    const dispatcherId = await userId('dispatcher');
    const audit = await admin.get('/api/audit?action=auth.password_changed');
    expect(audit.data.items.some((i: { targetId: string }) => i.targetId === dispatcherId)).toBe(true);
  });

  it('refuses a wrong current password, the policy’s failures and an unchanged password', async () => {
    const session = await t.login('handler');
    const wrong = await session.post('/api/auth/password', {
      currentPassword: 'not-my-password-1',
      password: 'Lantern-Harbor-7',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.data.error.details).toMatchObject({ field: 'currentPassword', reason: 'wrong_password' });
    const cases: [string, string][] = [
      ['handler-2026!', 'username'],
      ['qwerty12345', 'common'],
      [DEMO_PASSWORD, 'common'],
      ['short-1', 'too_short'],
      ['lanternharborriver', 'too_few_kinds'],
    ];
    for (const [password, reason] of cases) {
      const res = await session.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, password });
      expect(res.statusCode, password).toBe(400);
      expect(res.data.error.details, password).toMatchObject({ field: 'password', reason });
    }
    expect(
      (
        await session.post('/api/auth/password', {
          currentPassword: DEMO_PASSWORD,
          password: 'River-Kite-2026',
        })
      ).statusCode,
    ).toBe(204);
    const unchanged = await session.post('/api/auth/password', {
      currentPassword: 'River-Kite-2026',
      password: 'River-Kite-2026',
    });
    expect(unchanged.data.error.details).toMatchObject({ field: 'password', reason: 'unchanged' });
  });

  it('backs off guessing the current password through a session', async () => {
    const session = await t.login('street2');
    const guess = (currentPassword: string) =>
      session.post('/api/auth/password', { currentPassword, password: 'Copper-Finch-2026' });
    for (const n of [1, 2, 3]) expect((await guess(`guess-number-${n}`)).statusCode).toBe(400);
    const held = await guess(DEMO_PASSWORD);
    expect(held.statusCode).toBe(429);
    expect(held.data.error.code).toBe('too_many_attempts');
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
  });
});
