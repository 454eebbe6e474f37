import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let street1: Client;
let street2: Client;

beforeAll(async () => {
  t = await startTestApp({ config: { exportLimitPerHour: 2 } });
  street1 = await t.login('street1');
  street2 = await t.login('street2');
});
afterAll(async () => {
  await t?.close();
});

const exportsOf = (username: string) =>
  t.db
    .selectFrom('audit_log as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select('a.id')
    .where('a.action', '=', 'registers.export')
    .where('u.username', '=', username)
    .execute();

describe('register download limit', () => {
  it('allows a user the hourly number of exports, then 429 with Retry-After; each download audited', async () => {
    expect((await street1.get('/api/registers/export/units')).statusCode).toBe(200);
    expect((await street1.get('/api/registers/export/houses')).statusCode).toBe(200);
    const refused = await street1.get('/api/registers/export/people');
    expect(refused.statusCode).toBe(429);
    expect(refused.data.error.code).toBe('too_many_requests');
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(3500);
    expect(wait).toBeLessThanOrEqual(3600);
    expect((await exportsOf('street1')).length).toBe(2);
    // Per user: another user's downloads are counted apart.
    expect((await street2.get('/api/registers/export/units')).statusCode).toBe(200);
    expect((await exportsOf('street2')).length).toBe(1);
  });
});
