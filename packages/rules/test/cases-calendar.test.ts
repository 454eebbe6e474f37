import { describe, expect, it } from 'vitest';
import {
  addWorkingMs,
  addWorkingTime,
  CST_OFFSET_MS,
  createRandom,
  cstDateString,
  DEFAULT_CALENDAR,
  dailyWorkingMs,
  isWorkingDay,
  isWorkingTime,
  type WorkCalendar,
  workingMsBetween,
} from '../src/index.ts';

const cal = DEFAULT_CALENDAR;
const H = 3_600_000;
const M = 60_000;
/** A CST wall-clock time, 'YYYY-MM-DD HH:MM[:SS]'. */
const cst = (text: string) => new Date(`${text.replace(' ', 'T')}+08:00`);
/** Back to CST wall clock for readable assertions. */
const wall = (date: Date) =>
  new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

// March 2026 has no holidays: Mon 2 … Fri 6, Sat 7, Sun 8, Mon 9.

describe('DEFAULT_CALENDAR', () => {
  it('works 08:30–12:00 and 13:30–17:30, 7.5 hours a day', () => {
    expect(cal.workingHours).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(dailyWorkingMs(cal)).toBe(7.5 * H);
  });

  it('lists the 2026 holidays and make-up days of the State Council', () => {
    expect(cal.holidays.filter((day) => day.startsWith('2026'))).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-23',
      '2026-04-06',
      '2026-05-01',
      '2026-05-04',
      '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01',
      '2026-10-02',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(cal.workdays.filter((day) => day.startsWith('2026'))).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('holidays are weekdays and make-up days are weekend days', () => {
    const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
    for (const day of cal.holidays) expect([1, 2, 3, 4, 5]).toContain(weekday(day));
    for (const day of cal.workdays) expect([0, 6]).toContain(weekday(day));
  });

  it('2026 has 248 working days', () => {
    let count = 0;
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      if (isWorkingDay(new Date(t).toISOString().slice(0, 10), cal)) count++;
    }
    // 2026 has 52 Saturdays and 52 Sundays: 365 − 104 = 261 weekdays; − 19 + 6 = 248.
    expect(count).toBe(248);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(cal)).toBe(true);
    expect(Object.isFrozen(cal.holidays)).toBe(true);
    expect(Object.isFrozen(cal.workingHours[0])).toBe(true);
  });
});

describe('isWorkingDay', () => {
  it('works Monday to Friday, not at weekends', () => {
    expect(isWorkingDay('2026-03-02', cal)).toBe(true);
    expect(isWorkingDay('2026-03-06', cal)).toBe(true);
    expect(isWorkingDay('2026-03-07', cal)).toBe(false);
    expect(isWorkingDay('2026-03-08', cal)).toBe(false);
  });

  it('skips holidays and counts make-up days', () => {
    expect(isWorkingDay('2026-10-01', cal)).toBe(false);
    expect(isWorkingDay('2026-02-16', cal)).toBe(false);
    expect(isWorkingDay('2026-02-14', cal)).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2026-01-04', cal)).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay('2026-02-21', cal)).toBe(false); // Saturday inside the Spring Festival
    expect(isWorkingDay('2025-10-08', cal)).toBe(false);
    expect(isWorkingDay('2025-09-28', cal)).toBe(true);
  });

  it('takes the CST day of an instant, not the UTC day', () => {
    // 2026-03-01T23:30Z is Sunday in UTC and Monday 07:30 in CST.
    expect(isWorkingDay(new Date('2026-03-01T23:30:00Z'), cal)).toBe(true);
    // 2026-03-06T23:30Z is Friday in UTC and Saturday 07:30 in CST.
    expect(isWorkingDay(new Date('2026-03-06T23:30:00Z'), cal)).toBe(false);
    expect(isWorkingDay(Date.parse('2026-03-06T15:59:59Z'), cal)).toBe(true); // Fri 23:59:59 CST
    expect(isWorkingDay(Date.parse('2026-03-06T16:00:00Z'), cal)).toBe(false); // Sat 00:00 CST
  });

  it('refuses a calendar with a date that is both holiday and make-up day', () => {
    const odd: WorkCalendar = { ...cal, holidays: ['2026-03-07'], workdays: ['2026-03-07'] };
    expect(() => isWorkingDay('2026-03-07', odd)).toThrow(RangeError);
  });

  it('rejects malformed dates', () => {
    expect(() => isWorkingDay('2026-02-30', cal)).toThrow(RangeError);
    expect(() => isWorkingDay('2026-3-2', cal)).toThrow(RangeError);
    expect(() => isWorkingDay(new Date('nonsense'), cal)).toThrow(RangeError);
  });
});

describe('isWorkingTime', () => {
  it('is true inside the half-open working periods of working days', () => {
    expect(isWorkingTime(cst('2026-03-02 08:29:59'), cal)).toBe(false);
    expect(isWorkingTime(cst('2026-03-02 08:30'), cal)).toBe(true);
    expect(isWorkingTime(cst('2026-03-02 11:59:59'), cal)).toBe(true);
    expect(isWorkingTime(cst('2026-03-02 12:00'), cal)).toBe(false);
    expect(isWorkingTime(cst('2026-03-02 13:29'), cal)).toBe(false);
    expect(isWorkingTime(cst('2026-03-02 13:30'), cal)).toBe(true);
    expect(isWorkingTime(cst('2026-03-02 17:30'), cal)).toBe(false);
    expect(isWorkingTime(cst('2026-03-07 10:00'), cal)).toBe(false);
    expect(isWorkingTime(cst('2026-02-14 10:00'), cal)).toBe(true);
  });
});

describe('cstDateString', () => {
  it('gives the CST calendar date', () => {
    expect(cstDateString(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(cstDateString(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(cstDateString(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

describe('workingMsBetween', () => {
  it('is 0 when b is not after a', () => {
    expect(workingMsBetween(cst('2026-03-02 10:00'), cst('2026-03-02 10:00'), cal)).toBe(0);
    expect(workingMsBetween(cst('2026-03-02 11:00'), cst('2026-03-02 10:00'), cal)).toBe(0);
  });

  it('counts inside one period', () => {
    expect(workingMsBetween(cst('2026-03-02 09:00'), cst('2026-03-02 10:15'), cal)).toBe(75 * M);
  });

  it('does not count the lunch break', () => {
    expect(workingMsBetween(cst('2026-03-02 11:00'), cst('2026-03-02 14:00'), cal)).toBe(1.5 * H);
    expect(workingMsBetween(cst('2026-03-02 12:10'), cst('2026-03-02 13:20'), cal)).toBe(0);
  });

  it('counts a whole day as 7.5 hours and nothing outside hours', () => {
    expect(workingMsBetween(cst('2026-03-02 00:00'), cst('2026-03-03 00:00'), cal)).toBe(7.5 * H);
    expect(workingMsBetween(cst('2026-03-02 18:00'), cst('2026-03-03 08:00'), cal)).toBe(0);
    expect(workingMsBetween(cst('2026-03-02 06:00'), cst('2026-03-02 09:00'), cal)).toBe(30 * M);
  });

  it('skips weekends', () => {
    expect(workingMsBetween(cst('2026-03-06 16:00'), cst('2026-03-09 09:00'), cal)).toBe(2 * H);
    expect(workingMsBetween(cst('2026-03-07 00:00'), cst('2026-03-09 00:00'), cal)).toBe(0);
  });

  it('skips holidays and counts make-up days', () => {
    // Wed 30 Sep 17:00 → Thu 8 Oct 09:00: National Day 1–7 Oct off.
    expect(workingMsBetween(cst('2026-09-30 17:00'), cst('2026-10-08 09:00'), cal)).toBe(1 * H);
    // Fri 13 Feb 17:00 → Sat 14 Feb (make-up day) 09:00.
    expect(workingMsBetween(cst('2026-02-13 17:00'), cst('2026-02-14 09:00'), cal)).toBe(1 * H);
    // The whole Spring Festival week, Sun 15 … Mon 23 Feb, has no working time.
    expect(workingMsBetween(cst('2026-02-15 00:00'), cst('2026-02-24 00:00'), cal)).toBe(0);
  });

  it('counts long spans day by day', () => {
    // March 2026: 22 working days.
    expect(workingMsBetween(cst('2026-03-01 00:00'), cst('2026-04-01 00:00'), cal)).toBe(22 * 7.5 * H);
    // All of 2026: 248 working days.
    expect(workingMsBetween(cst('2026-01-01 00:00'), cst('2027-01-01 00:00'), cal)).toBe(248 * 7.5 * H);
  });

  it('works in CST across the UTC date line', () => {
    // 2026-03-01T23:30Z = Mon 07:30 CST, 2026-03-02T01:30Z = Mon 09:30 CST.
    expect(workingMsBetween(new Date('2026-03-01T23:30:00Z'), new Date('2026-03-02T01:30:00Z'), cal)).toBe(H);
    // Fri 23:00 UTC … Sat 03:00 UTC is Sat 07:00 … 11:00 CST: nothing.
    expect(
      workingMsBetween(Date.parse('2026-03-06T23:00:00Z'), Date.parse('2026-03-07T03:00:00Z'), cal),
    ).toBe(0);
  });
});

describe('addWorkingTime in hours', () => {
  const add = (start: string, hours: number) => wall(addWorkingTime(cst(start), hours, 'hours', cal));

  it('adds inside a period', () => {
    expect(add('2026-03-02 09:00', 2)).toBe('2026-03-02 11:00');
    expect(add('2026-03-02 09:00', 0.25)).toBe('2026-03-02 09:15');
  });

  it('ends at the end of a period, not at the start of the next', () => {
    expect(add('2026-03-02 09:00', 3)).toBe('2026-03-02 12:00');
    expect(add('2026-03-02 08:30', 7.5)).toBe('2026-03-02 17:30');
  });

  it('crosses the lunch break', () => {
    expect(add('2026-03-02 11:00', 2)).toBe('2026-03-02 14:30');
    expect(add('2026-03-02 12:30', 1)).toBe('2026-03-02 14:30'); // started during lunch
  });

  it('starts before hours, after hours and on non-working days at the next working moment', () => {
    expect(add('2026-03-02 07:00', 1)).toBe('2026-03-02 09:30');
    expect(add('2026-03-02 20:00', 1)).toBe('2026-03-03 09:30');
    expect(add('2026-03-02 17:30', 1)).toBe('2026-03-03 09:30');
    expect(add('2026-03-07 10:00', 1)).toBe('2026-03-09 09:30'); // Saturday
    expect(add('2026-10-01 10:00', 1)).toBe('2026-10-08 09:30'); // National Day
    expect(add('2026-09-19 10:00', 1)).toBe('2026-09-20 09:30'); // Sat → make-up Sunday
  });

  it('skips weekends and holidays over several days', () => {
    expect(add('2026-03-06 16:00', 4)).toBe('2026-03-09 11:00');
    expect(add('2026-03-02 09:00', 20)).toBe('2026-03-04 15:30');
    // Thu 24 Sep 16:00 + 8 h: 1.5 h Thu, Fri 25 holiday, weekend, 6.5 h Mon 28 Sep.
    expect(add('2026-09-24 16:00', 8)).toBe('2026-09-28 16:30');
    // Across the Spring Festival: Fri 13 Feb 17:00 + 1 h → make-up Sat 14 Feb; + 10 h → Tue 24 Feb.
    expect(add('2026-02-13 17:00', 1)).toBe('2026-02-14 09:00');
    expect(add('2026-02-13 17:00', 10)).toBe('2026-02-24 10:30');
  });

  it('computes in CST: 23:30 UTC is 07:30 CST the next day', () => {
    const start = new Date('2026-03-01T23:30:00Z'); // Mon 07:30 CST (Sunday in UTC)
    expect(addWorkingTime(start, 1, 'hours', cal).toISOString()).toBe('2026-03-02T01:30:00.000Z');
    const saturday = new Date('2026-03-06T23:30:00Z'); // Sat 07:30 CST (Friday in UTC)
    expect(wall(addWorkingTime(saturday, 1, 'hours', cal))).toBe('2026-03-09 09:30');
  });

  it('returns the start for 0 and rejects negative or non-finite amounts', () => {
    expect(addWorkingTime(cst('2026-03-07 10:00'), 0, 'hours', cal).getTime()).toBe(
      cst('2026-03-07 10:00').getTime(),
    );
    expect(() => addWorkingTime(cst('2026-03-02 10:00'), -1, 'hours', cal)).toThrow(RangeError);
    expect(() => addWorkingTime(cst('2026-03-02 10:00'), Number.NaN, 'hours', cal)).toThrow(RangeError);
    expect(() => addWorkingTime(cst('2026-03-02 10:00'), Number.POSITIVE_INFINITY, 'hours', cal)).toThrow(
      RangeError,
    );
    expect(() => addWorkingMs(cst('2026-03-02 10:00'), -1, cal)).toThrow(RangeError);
  });

  it('accepts epoch milliseconds', () => {
    expect(wall(addWorkingTime(cst('2026-03-02 09:00').getTime(), 1, 'hours', cal))).toBe('2026-03-02 10:00');
  });
});

describe('addWorkingTime in days', () => {
  const add = (start: string, days: number) => wall(addWorkingTime(cst(start), days, 'days', cal));

  it('inside the working day: the same wall-clock time N working days later', () => {
    expect(add('2026-03-02 10:00', 1)).toBe('2026-03-03 10:00');
    expect(add('2026-03-02 08:30', 1)).toBe('2026-03-03 08:30');
    expect(add('2026-03-02 10:00', 5)).toBe('2026-03-09 10:00');
    expect(add('2026-03-05 15:00', 2)).toBe('2026-03-09 15:00'); // Thu → Mon
    expect(add('2026-03-02 12:30', 3)).toBe('2026-03-05 12:30'); // lunch counts as inside the day
  });

  it('skips holidays and counts make-up days', () => {
    expect(add('2026-09-24 10:00', 1)).toBe('2026-09-28 10:00'); // Fri 25 Sep is Mid-Autumn
    expect(add('2026-09-18 10:00', 1)).toBe('2026-09-20 10:00'); // Sun 20 Sep is a make-up day
    expect(add('2026-09-30 10:00', 2)).toBe('2026-10-09 10:00'); // National Day; Thu 8, Fri 9 Oct
    expect(add('2026-09-30 10:00', 3)).toBe('2026-10-10 10:00'); // Sat 10 Oct is a make-up day
  });

  it('before opening: the end of the N-th working day counting the start day', () => {
    expect(add('2026-03-02 07:00', 1)).toBe('2026-03-02 17:30');
    expect(add('2026-03-02 08:29', 2)).toBe('2026-03-03 17:30');
  });

  it('after closing or on a non-working day: the end of the N-th following working day', () => {
    expect(add('2026-03-02 17:30', 1)).toBe('2026-03-03 17:30');
    expect(add('2026-03-02 20:00', 1)).toBe('2026-03-03 17:30');
    expect(add('2026-03-06 18:00', 1)).toBe('2026-03-09 17:30'); // Friday evening → Monday
    expect(add('2026-03-07 10:00', 1)).toBe('2026-03-09 17:30'); // Saturday
    expect(add('2026-10-01 10:00', 1)).toBe('2026-10-08 17:30'); // National Day
    expect(add('2026-02-15 10:00', 1)).toBe('2026-02-24 17:30'); // Spring Festival
  });

  it('computes in CST: 23:30 UTC is 07:30 CST the next day', () => {
    // Mon 07:30 CST is before opening: the end of Monday.
    expect(addWorkingTime(new Date('2026-03-01T23:30:00Z'), 1, 'days', cal).toISOString()).toBe(
      '2026-03-02T09:30:00.000Z',
    );
  });

  it('returns the start for 0 days and rejects fractions', () => {
    expect(addWorkingTime(cst('2026-03-07 10:00'), 0, 'days', cal).getTime()).toBe(
      cst('2026-03-07 10:00').getTime(),
    );
    expect(() => addWorkingTime(cst('2026-03-02 10:00'), 1.5, 'days', cal)).toThrow(RangeError);
    expect(() => addWorkingTime(cst('2026-03-02 10:00'), -1, 'days', cal)).toThrow(RangeError);
  });

  it('N working days always hold exactly N × 7.5 working hours, and hours are exact too', () => {
    const random = createRandom(2026);
    const from = cst('2025-12-20 00:00').getTime();
    for (let i = 0; i < 500; i++) {
      // Random minute in the year, biased to land on period boundaries now and then.
      let start = from + random.int(0, 380 * 24 * 60) * M;
      if (random.chance(0.1))
        start = cst(
          `2026-03-0${random.int(2, 6)} ${random.pick(['08:30', '12:00', '13:30', '17:30'])}`,
        ).getTime();
      const days = random.int(1, 15);
      const due = addWorkingTime(start, days, 'days', cal);
      expect(workingMsBetween(start, due, cal)).toBe(days * 7.5 * H);
      const hours = random.int(1, 200) / 4;
      const dueHours = addWorkingTime(start, hours, 'hours', cal);
      expect(workingMsBetween(start, dueHours, cal)).toBe(hours * H);
      // The answer is the earliest such instant: a minute earlier is short of the amount.
      expect(workingMsBetween(start, dueHours.getTime() - M, cal)).toBeLessThan(hours * H);
    }
  });
});

describe('custom calendars', () => {
  it('supports round-the-clock working hours', () => {
    const allDay: WorkCalendar = {
      workingHours: [{ start: '00:00', end: '24:00' }],
      holidays: [],
      workdays: [],
    };
    expect(dailyWorkingMs(allDay)).toBe(24 * H);
    expect(wall(addWorkingTime(cst('2026-03-06 22:00'), 4, 'hours', allDay))).toBe('2026-03-09 02:00');
    expect(wall(addWorkingTime(cst('2026-03-06 22:00'), 1, 'days', allDay))).toBe('2026-03-09 22:00');
    expect(wall(addWorkingTime(cst('2026-03-07 22:00'), 1, 'days', allDay))).toBe('2026-03-10 00:00');
  });

  it('rejects malformed calendars', () => {
    const bad =
      (workingHours: { start: string; end: string }[], holidays: string[] = []) =>
      () =>
        dailyWorkingMs({ workingHours, holidays, workdays: [] });
    expect(bad([])).toThrow(RangeError);
    expect(bad([{ start: '9:00', end: '12:00' }])).toThrow(RangeError);
    expect(bad([{ start: '09:00', end: '24:30' }])).toThrow(RangeError);
    expect(bad([{ start: '09:60', end: '12:00' }])).toThrow(RangeError);
    expect(bad([{ start: '12:00', end: '09:00' }])).toThrow(RangeError);
    expect(bad([{ start: '09:00', end: '09:00' }])).toThrow(RangeError);
    expect(
      bad([
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ]),
    ).toThrow(RangeError);
    expect(bad([{ start: '08:00', end: '12:00' }], ['2026-13-01'])).toThrow(RangeError);
  });
});
