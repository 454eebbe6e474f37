import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { act, pointIn } from './test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('a stored work calendar that is invalid', () => {
  it('is logged and replaced by the default calendar; reports, Open311 and actions go on', async () => {
    const admin = await t.login('admin');
    // Written by hand (or before the settings route checked it): an impossible date and
    // overlapping hours, a list given as a string.
    const city = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('level', '=', 'city')
      .executeTakeFirstOrThrow();
    const broken = {
      workingHours: [
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ],
      holidays: ['2026-02-30'],
      workdays: '2026-10-10',
    };
    await t.db
      .insertInto('work_calendars')
      .values({ city_id: city.id, calendar: JSON.stringify(broken) })
      .onConflict((oc) => oc.column('city_id').doUpdateSet({ calendar: JSON.stringify(broken) }))
      .execute();
    const logged = vi.spyOn(t.app.log, 'error');

    const worker = await t.login('w120110001001001');
    const at = await pointIn(t, '120110001001001');
    const reported = await worker.post('/api/cases', {
      categoryCode: 'CG06-01',
      description: '井盖破损',
      source: 'patrol',
      ...at,
    });
    expect(reported.statusCode, reported.body).toBe(201);
    expect(reported.data.stepDueAt).not.toBeNull();
    await act(await t.login('dispatcher'), reported.data.id, 'accept');

    const created = await admin.post('/api/users', {
      username: 'open311.calendar',
      displayName: '市民随手拍接入',
      password: 'Open311pass2026',
      roles: ['resident'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const integration = await t.login('open311.calendar', 'Open311pass2026');
    const apiKey = (await integration.post('/api/auth/tokens', { name: 'open311' })).data.token;
    const open311 = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: apiKey,
        service_code: 'CG06-01',
        lat: String(at.lat),
        long: String(at.lon),
        description: '路灯不亮',
      }).toString(),
    });
    expect(open311.statusCode, open311.body).toBe(201);

    const messages = logged.mock.calls.map((call) => JSON.stringify(call));
    expect(messages.some((m) => m.includes('work calendar') && m.includes('workingHours.1.start'))).toBe(
      true,
    );
    expect((await admin.get('/api/work-calendar')).statusCode).toBe(200);
  });
});

describe('stored category time limits', () => {
  it('the database refuses limits no deadline can be computed from', async () => {
    const refused = [
      { handle: { amount: -1, unit: 'hours' } },
      { handle: { amount: 0, unit: 'hours' } },
      { handle: { amount: '2', unit: 'hours' } },
      { handle: { amount: 2, unit: 'weeks' } },
      { handle: { amount: 1.5, unit: 'days' } },
      { handle: { amount: 2 } },
      { handel: { amount: 2, unit: 'hours' } },
      { handle: 2 },
    ];
    for (const limits of refused) {
      await expect(
        t.db
          .updateTable('case_categories')
          .set({ limits: JSON.stringify(limits) })
          .where('code', '=', 'CG06-01')
          .execute(),
        JSON.stringify(limits),
      ).rejects.toThrow(/case_categories_limits_valid/);
    }
    await t.db
      .updateTable('case_categories')
      .set({
        limits: JSON.stringify({
          accept: { amount: 0.5, unit: 'hours' },
          handle: { amount: 3, unit: 'days' },
        }),
      })
      .where('code', '=', 'CG06-01')
      .execute();
  });
});
