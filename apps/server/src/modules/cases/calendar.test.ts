import { addWorkingTime, cstDateString } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { act, pointIn } from './test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('work calendar', () => {
  it('is configurable per city by a city-level user, and deadlines follow it', async () => {
    const admin = await t.login('admin');
    const current = (await admin.get('/api/work-calendar')).data.calendar;
    expect(current.workingHours.length).toBeGreaterThan(0);
    expect(current.holidays).toContain('2026-10-01');

    // A city that works around the clock on weekdays, and this weekend too (make-up days).
    const today = Date.now();
    const weekend = [0, 1, 2, 3, 4, 5, 6].map((d) => cstDateString(today + d * 86_400_000));
    const allDay = {
      workingHours: [{ start: '00:00', end: '24:00' }],
      holidays: [],
      workdays: weekend.filter((d) => [0, 6].includes(new Date(`${d}T12:00:00+08:00`).getUTCDay())),
    };
    const saved = await admin.put('/api/work-calendar', { calendar: allDay });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await admin.get('/api/work-calendar')).data.calendar).toEqual(allDay);
    const worker = await t.login('w120110001001001');
    const at = await pointIn(t, '120110001001001');
    const kase = (
      await worker.post('/api/cases', {
        categoryCode: 'CG05-03',
        description: '火情',
        source: 'patrol',
        ...at,
      })
    ).data;
    // The fire category's accept limit is one working hour: around the clock, one hour.
    const dueIn = Date.parse(kase.stepDueAt) - Date.parse(kase.reportedAt);
    expect(Math.abs(dueIn - 3_600_000)).toBeLessThan(5_000);
    // The clock starts in the server's process, a moment before the database stamps reportedAt.
    const expected = addWorkingTime(new Date(kase.reportedAt), 1, 'hours', allDay).getTime();
    expect(Math.abs(Date.parse(kase.stepDueAt) - expected)).toBeLessThan(1_000);
    const accepted = await act(await t.login('dispatcher'), kase.id, 'accept');
    expect(Date.parse(accepted.stepDueAt)).toBeGreaterThan(Date.parse(kase.stepDueAt) - 5_000);
  });

  it('refuses bad calendars and users below the city', async () => {
    const admin = await t.login('admin');
    const backwards = await admin.put('/api/work-calendar', {
      calendar: { workingHours: [{ start: '17:00', end: '09:00' }], holidays: [], workdays: [] },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.data.error.details.field).toBe('calendar.workingHours.0.end');
    const badDate = await admin.put('/api/work-calendar', {
      calendar: { workingHours: [{ start: '09:00', end: '17:00' }], holidays: ['2026-13-45x'], workdays: [] },
    });
    expect(badDate.statusCode).toBe(400);
    const before = (await admin.get('/api/work-calendar')).data.calendar;
    const hours = [
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ];
    const refused: [unknown, string][] = [
      [{ workingHours: hours, holidays: ['2026-10-01', '2026-02-30'], workdays: [] }, 'calendar.holidays.1'],
      [{ workingHours: hours, holidays: ['2027-02-29'], workdays: [] }, 'calendar.holidays.0'],
      [{ workingHours: hours, holidays: '2026-10-01', workdays: [] }, 'calendar.holidays'],
      [{ workingHours: hours, holidays: [], workdays: ['2026-10-10', '2026-10-10'] }, 'calendar.workdays.1'],
      [{ workingHours: hours, holidays: ['2026-10-10'], workdays: ['2026-10-10'] }, 'calendar.workdays.0'],
      [
        {
          workingHours: [
            { start: '08:00', end: '12:00' },
            { start: '11:00', end: '17:00' },
          ],
          holidays: [],
          workdays: [],
        },
        'calendar.workingHours.1.start',
      ],
      [
        { workingHours: [{ start: '09:00', end: '09:00' }], holidays: [], workdays: [] },
        'calendar.workingHours.0.end',
      ],
      [
        { workingHours: [{ start: '09:00', end: '24:30' }], holidays: [], workdays: [] },
        'calendar.workingHours.0.end',
      ],
    ];
    for (const [calendar, field] of refused) {
      const res = await admin.put('/api/work-calendar', { calendar });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.data.error.details.field).toBe(field);
    }
    expect((await admin.get('/api/work-calendar')).data.calendar).toEqual(before);
    const district = await t.login('district');
    const res = await district.put('/api/work-calendar', {
      calendar: { workingHours: [{ start: '09:00', end: '17:00' }], holidays: [], workdays: [] },
    });
    expect(res.statusCode).toBe(403);
  });
});
