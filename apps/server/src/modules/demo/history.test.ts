import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { DEMO_LOGINS, DEMO_PASSWORD } from './logins.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** The seeded demo as a newcomer meets it: every login works and the inboxes hold real work. */
describe('demo history through the API', () => {
  it('lets the new department and community logins sign in', async () => {
    const fresh = DEMO_LOGINS.filter((l) =>
      ['dept_heating', 'street3_police', 'community4'].includes(l.username),
    );
    expect(fresh.length).toBe(3);
    for (const login of fresh) {
      const res = await t.anon.post('/api/auth/login', { username: login.username, password: DEMO_PASSWORD });
      expect(res.statusCode, login.username).toBe(200);
    }
  });

  it('fills the inboxes of the dispatcher, the departments, community 1 and the first grid’s worker', async () => {
    for (const username of [
      'dispatcher',
      'street1_enforcement',
      'dept_water',
      'community1',
      'w120110001001001',
    ]) {
      const client = await t.login(username);
      const inbox = await client.get('/api/cases?view=inbox');
      expect(inbox.statusCode, username).toBe(200);
      expect(inbox.data.total, username).toBeGreaterThan(0);
    }
  });

  it('shows a year of statistics at Dongli’s closure rate, from every channel', async () => {
    const district = await t.login('district');
    const stats = await district.get('/api/cases/stats');
    expect(stats.statusCode).toBe(200);
    expect(stats.data.reported).toBeGreaterThan(2000);
    expect(stats.data.closureRate).toBeGreaterThan(0.97);
    expect(stats.data.closureRate).toBeLessThan(0.995);
    expect(stats.data.bySource.map((s: { source: string }) => s.source).sort()).toEqual([
      'department',
      'hotline',
      'iot',
      'leader',
      'open311',
      'patrol',
      'resident_app',
      'web',
      'wechat',
    ]);
    for (const step of ['accept', 'dispatch', 'handle', 'verify']) {
      expect(stats.data.onTime[step], step).toBeGreaterThan(0.8);
    }
  });

  it('keeps the monthly rollup equal to the cases it counts', async () => {
    const [rollup, cases] = await Promise.all([
      sql<{ n: string }>`SELECT sum(reported) AS n FROM case_stats_monthly`
        .execute(t.db)
        .then((r) => r.rows[0]!),
      t.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    expect(Number(rollup.n)).toBe(Number(cases.n));
  });

  it('lets the first grid’s worker verify a handled case, with its full history shown', async () => {
    const worker = await t.login('w120110001001001');
    const inbox = await worker.get('/api/cases?view=inbox&state=handled');
    const handled = inbox.data.items.find((c: { state: string }) => c.state === 'handled');
    expect(handled).toBeDefined();
    const detail = await worker.get(`/api/cases/${handled.id}`);
    expect(detail.data.actions).toContain('verifyPass');
    const actions = detail.data.steps.map((s: { action: string }) => s.action);
    expect(actions[0]).toBe('report');
    expect(actions.slice(-3)).toEqual(['dispatch', 'acceptTask', 'handle']);
    const pass = await worker.post(`/api/cases/${handled.id}/actions/verifyPass`, {
      version: detail.data.version,
      note: '现场复核，问题已解决',
    });
    expect(pass.statusCode).toBe(200);
  });

  it('has visits for the year by the grid workers', async () => {
    const row = await t.db
      .selectFrom('visits')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('started_at').as('first')])
      .executeTakeFirstOrThrow();
    expect(Number(row.n)).toBeGreaterThan(10_000);
    expect(Date.now() - new Date(row.first as Date).getTime()).toBeGreaterThan(300 * 86_400_000);
  });
});
