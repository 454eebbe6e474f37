import { describe, expect, it } from 'vitest';
import {
  CALENDAR_LIMITS,
  checkWorkCalendar,
  clockMs,
  DEFAULT_CALENDAR,
  dailyWorkingMs,
  dayNumber,
  type WorkCalendar,
} from '../src/index.ts';

const hours = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];
const valid = { workingHours: hours, holidays: ['2026-10-01'], workdays: ['2026-10-10'] };
/** The field the check names, or 'ok'. */
const fieldOf = (value: unknown) => {
  const check = checkWorkCalendar(value);
  return check.ok ? 'ok' : check.field;
};
const withHours = (workingHours: unknown) => fieldOf({ ...valid, workingHours });

describe('checkWorkCalendar', () => {
  it('accepts the default calendar and ordinary ones', () => {
    expect(fieldOf(DEFAULT_CALENDAR)).toBe('ok');
    expect(fieldOf(valid)).toBe('ok');
    expect(fieldOf({ workingHours: [{ start: '00:00', end: '24:00' }], holidays: [], workdays: [] })).toBe(
      'ok',
    );
    // Periods that touch do not overlap: [start, end) is half-open.
    expect(
      withHours([
        { start: '08:00', end: '12:00' },
        { start: '12:00', end: '18:00' },
      ]),
    ).toBe('ok');
  });

  it('refuses what is not a calendar', () => {
    expect(fieldOf(null)).toBe('');
    expect(fieldOf([])).toBe('');
    expect(fieldOf('calendar')).toBe('');
    expect(fieldOf({ ...valid, workingHours: undefined })).toBe('workingHours');
    expect(fieldOf({ ...valid, holidays: '2026-10-01' })).toBe('holidays');
    expect(fieldOf({ ...valid, workdays: { 0: '2026-10-10' } })).toBe('workdays');
  });

  it('refuses impossible dates, leap days included', () => {
    const holiday = (date: unknown) => fieldOf({ ...valid, holidays: ['2026-10-01', date] });
    expect(holiday('2026-02-30')).toBe('holidays.1');
    expect(holiday('2026-02-29')).toBe('holidays.1'); // 2026 is no leap year
    expect(holiday('2028-02-29')).toBe('ok');
    expect(holiday('2000-02-29')).toBe('ok'); // divisible by 400
    expect(holiday('2100-02-29')).toBe('holidays.1'); // divisible by 100, not by 400
    expect(holiday('2026-04-31')).toBe('holidays.1');
    expect(holiday('2026-13-01')).toBe('holidays.1');
    expect(holiday('2026-00-10')).toBe('holidays.1');
    expect(holiday('2026-01-00')).toBe('holidays.1');
    expect(holiday('2026-1-5')).toBe('holidays.1');
    expect(holiday('2026-01-05T00:00')).toBe('holidays.1');
    expect(holiday(20260105)).toBe('holidays.1');
    expect(holiday(null)).toBe('holidays.1');
    expect(fieldOf({ ...valid, workdays: ['2026-10-10', '2026-10-11', '2026-02-30'] })).toBe('workdays.2');
  });

  it('refuses dates listed twice, and a day both holiday and make-up day', () => {
    expect(fieldOf({ ...valid, holidays: ['2026-10-01', '2026-10-02', '2026-10-01'] })).toBe('holidays.2');
    expect(fieldOf({ ...valid, workdays: ['2026-10-10', '2026-10-10'] })).toBe('workdays.1');
    expect(fieldOf({ ...valid, holidays: ['2026-10-01', '2026-10-10'] })).toBe('workdays.0');
  });

  it('refuses malformed, inverted, zero-length, unsorted and overlapping hours', () => {
    expect(withHours([])).toBe('workingHours');
    expect(withHours('08:00-12:00')).toBe('workingHours');
    expect(withHours(['08:00-12:00'])).toBe('workingHours.0');
    expect(withHours([null])).toBe('workingHours.0');
    expect(withHours([{ start: '8:00', end: '12:00' }])).toBe('workingHours.0.start');
    expect(withHours([{ start: 800, end: '12:00' }])).toBe('workingHours.0.start');
    expect(withHours([{ start: '09:60', end: '12:00' }])).toBe('workingHours.0.start');
    expect(withHours([{ start: '25:00', end: '26:00' }])).toBe('workingHours.0.start');
    expect(withHours([{ start: '08:00' }])).toBe('workingHours.0.end');
    expect(withHours([{ start: '08:00', end: '24:30' }])).toBe('workingHours.0.end');
    expect(withHours([{ start: '17:00', end: '09:00' }])).toBe('workingHours.0.end');
    expect(withHours([{ start: '09:00', end: '09:00' }])).toBe('workingHours.0.end');
    expect(
      withHours([
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ]),
    ).toBe('workingHours.1.start');
    expect(
      withHours([
        { start: '13:00', end: '17:00' },
        { start: '08:00', end: '12:00' },
      ]),
    ).toBe('workingHours.1.start');
  });

  it('refuses more than the limits', () => {
    const periods = Array.from({ length: CALENDAR_LIMITS.workingPeriods + 1 }, (_, i) => ({
      start: `${String(i * 2).padStart(2, '0')}:00`,
      end: `${String(i * 2 + 1).padStart(2, '0')}:00`,
    }));
    expect(withHours(periods.slice(0, -1))).toBe('ok');
    expect(withHours(periods)).toBe('workingHours');
    const days = (n: number) =>
      Array.from({ length: n }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    expect(fieldOf({ ...valid, holidays: days(CALENDAR_LIMITS.holidays), workdays: [] })).toBe('ok');
    expect(fieldOf({ ...valid, holidays: days(CALENDAR_LIMITS.holidays + 1), workdays: [] })).toBe(
      'holidays',
    );
    expect(fieldOf({ ...valid, holidays: [], workdays: days(CALENDAR_LIMITS.workdays + 1) })).toBe(
      'workdays',
    );
  });

  it('is the check the deadline computations apply', () => {
    const bad: WorkCalendar = { ...valid, holidays: ['2026-02-30'] };
    expect(() => dailyWorkingMs(bad)).toThrow(/holidays\.0/);
  });
});

describe('clockMs and dayNumber', () => {
  it('parse what exists and nothing else', () => {
    expect(clockMs('00:00')).toBe(0);
    expect(clockMs('24:00')).toBe(86_400_000);
    expect(clockMs('24:01')).toBeNull();
    expect(clockMs('12:5')).toBeNull();
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2024-02-29')).not.toBeNull();
    expect(dayNumber('2023-02-29')).toBeNull();
  });
});
