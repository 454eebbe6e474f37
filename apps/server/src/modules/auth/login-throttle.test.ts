import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Response, startTestApp, type TestApp } from '../../../test/harness.ts';

const limits = {
  freeFailures: 3,
  maxBackoffMinutes: 15,
  windowMinutes: 15,
  perAddress: 20,
  perAccount: 30,
  overall: 1000,
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ config: { loginThrottle: limits } });
});
afterAll(() => t?.close());

// Requests injected in tests come from loopback, a trusted proxy, so their address is X-Forwarded-For.
const logIn = (username: string, password: string, address: string) =>
  t.anon.request('POST', '/api/auth/login', { username, password }, { 'x-forwarded-for': address });

const answer = (r: Response) => ({ status: r.statusCode, error: r.data?.error ?? null });

describe('login throttling', () => {
  it('refuses a spray of 200 names from one address with 429 too_many_attempts and Retry-After', async () => {
    const results: Response[] = [];
    for (let batch = 0; batch < 10; batch++) {
      results.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, (_, i) => logIn(`spray-${batch}-${i}`, 'Guess@2026-x', '203.0.113.7')),
        )),
      );
    }
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(limits.perAddress);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - limits.perAddress);
    const refused = results.find((r) => r.statusCode === 429)!;
    expect(refused.data.error).toMatchObject({
      code: 'too_many_attempts',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    expect(refused.data.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBe(refused.data.error.details.retryAfterSeconds);

    // The address is held back, not the names or anybody else.
    expect((await logIn('leader', 'Wangge@2026', '203.0.113.7')).statusCode).toBe(429);
    expect((await logIn('leader', 'Wangge@2026', '198.51.100.1')).statusCode).toBe(200);

    const admin = await t.login('admin');
    const audit = await admin.get('/api/audit?action=auth.throttled&pageSize=5');
    expect(audit.data.items[0]).toMatchObject({ action: 'auth.throttled', ip: '203.0.113.7' });
  });

  it('answers the same for a name that exists and one that does not, failure by failure', async () => {
    const run = async (username: string, address: string) => {
      const answers = [];
      const hashedMs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const a = answer(await logIn(username, 'Wrong@2026-x', address));
        if (a.status === 401) hashedMs.push(performance.now() - started);
        answers.push(a);
      }
      // The quickest of the checked attempts: a busy machine only ever slows an answer down.
      return { answers, ms: Math.min(...hashedMs) };
    };
    const known = await run('patroller', '192.0.2.10');
    const unknown = await run('patroller-nobody', '192.0.2.11');
    const strip = (a: { status: number; error: { details?: { retryAfterSeconds?: number } } | null }[]) =>
      a.map((x) => ({
        ...x,
        error: x.error && { ...x.error, details: { ...x.error.details, retryAfterSeconds: undefined } },
      }));
    expect(strip(unknown.answers)).toEqual(strip(known.answers));
    expect(known.answers.map((a) => a.status)).toEqual([401, 401, 401, 429, 429]);
    expect(known.answers[0]!.error).toMatchObject({
      code: 'invalid_credentials',
      details: { field: 'password' },
    });
    // Both check a password hash: neither is answered much faster than the other. Skipping the
    // hash for an unknown name would answer it some thirty times sooner.
    expect(unknown.ms / known.ms).toBeGreaterThan(0.25);
    expect(unknown.ms / known.ms).toBeLessThan(4);
  });

  it('does not let failures from one address lock the real user out at theirs', async () => {
    for (let i = 0; i < 12; i++) await logIn('admin', `Wrong@2026-${i}`, '203.0.113.66');
    expect((await logIn('admin', 'Wangge@2026', '203.0.113.66')).statusCode).toBe(429);
    expect((await logIn('admin', 'Wangge@2026', '198.51.100.2')).statusCode).toBe(200);
  });

  it('holds a name back everywhere past the looser per-name limit, until an administrator unlocks it', async () => {
    for (let i = 0; i < limits.perAccount; i++) {
      expect((await logIn('handler', 'Wrong@2026-x', `10.9.0.${i + 1}`)).statusCode).toBe(401);
    }
    const right = await logIn('handler', 'Wangge@2026', '198.51.100.3');
    expect(right.statusCode).toBe(429);
    expect(right.data.error.code).toBe('too_many_attempts');

    const admin = await t.login('admin');
    const listed = (await admin.get('/api/users?q=handler')).data.items.find(
      (u: { username: string }) => u.username === 'handler',
    );
    expect(Date.parse(listed.lockedUntil)).toBeGreaterThan(Date.now());
    expect((await admin.post(`/api/users/${listed.id}/unlock`)).statusCode).toBe(204);
    expect((await logIn('handler', 'Wangge@2026', '198.51.100.3')).statusCode).toBe(200);
    const after = (await admin.get('/api/users?q=handler')).data.items.find(
      (u: { username: string }) => u.username === 'handler',
    );
    expect(after.lockedUntil).toBeNull();
  });

  it('counts only failures: repeated successful logins from one address are never throttled', async () => {
    for (let i = 0; i < limits.perAddress + 5; i++) {
      expect((await logIn('street1', 'Wangge@2026', '198.51.100.4')).statusCode).toBe(200);
    }
  });
});
