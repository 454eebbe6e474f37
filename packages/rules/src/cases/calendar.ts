// The work calendar time limits are counted in (工作日 / 工作时). All computations are in China
// Standard Time (UTC+8, no daylight saving) wall time; inputs are Dates or epoch milliseconds (UTC)
// and outputs are Dates. No time-zone database is needed: CST is a fixed offset.
//
// A day is a working day when it is listed in `workdays` (a weekend make-up day, 调休上班), or it is
// Monday–Friday and not listed in `holidays`; no date is in both lists. Working time is the union of
// `workingHours` on working days; periods are half-open, [start, end). checkWorkCalendar
// (calendar-check.ts) says what a valid calendar is; every function here refuses an invalid one.
//
// Treat a calendar as immutable: its parsed form is cached per object.

import { checkWorkCalendar, clockMs, dayNumber } from './calendar-check.ts';

export interface WorkCalendar {
  /** Working periods of a working day in CST wall time, 'HH:MM' (end may be '24:00'); sorted, disjoint. */
  readonly workingHours: readonly { readonly start: string; readonly end: string }[];
  /** 'YYYY-MM-DD' weekdays that are off (public holidays and the weekdays moved into them). */
  readonly holidays: readonly string[];
  /** 'YYYY-MM-DD' weekend days that are working days (调休 make-up days). */
  readonly workdays: readonly string[];
}

/** An instant: a Date or epoch milliseconds (UTC). */
export type Instant = Date | number;

export const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// Public holidays and make-up working days as published by the General Office of the State Council
// (国务院办公厅):
// - 2025: 国办发明电〔2024〕12号 of 2024-11-12;
// - 2026: 国务院办公厅关于2026年部分节假日安排的通知 of 2025-11-04
//   (Xinhua, e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm).
// Only weekdays go into `holidays` (weekend days of a holiday are off anyway) and only weekend days
// into `workdays`. Add the next year when the State Council publishes it (usually in November).
const HOLIDAYS_2025 = [
  '2025-01-01', // 元旦
  '2025-01-28', // 春节 1-28 … 2-04
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-02-03',
  '2025-02-04',
  '2025-04-04', // 清明节 4-04 … 4-06
  '2025-05-01', // 劳动节 5-01 … 5-05
  '2025-05-02',
  '2025-05-05',
  '2025-06-02', // 端午节 5-31 … 6-02
  '2025-10-01', // 国庆节、中秋节 10-01 … 10-08
  '2025-10-02',
  '2025-10-03',
  '2025-10-06',
  '2025-10-07',
  '2025-10-08',
];
const WORKDAYS_2025 = ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'];

const HOLIDAYS_2026 = [
  '2026-01-01', // 元旦 1-01 … 1-03
  '2026-01-02',
  '2026-02-16', // 春节 2-15 … 2-23
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-02-23',
  '2026-04-06', // 清明节 4-04 … 4-06
  '2026-05-01', // 劳动节 5-01 … 5-05
  '2026-05-04',
  '2026-05-05',
  '2026-06-19', // 端午节 6-19 … 6-21
  '2026-09-25', // 中秋节 9-25 … 9-27
  '2026-10-01', // 国庆节 10-01 … 10-07
  '2026-10-02',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
];
const WORKDAYS_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

/** 08:30–12:00 and 13:30–17:30 (7.5 working hours a day), with the 2025 and 2026 national holidays. */
export const DEFAULT_CALENDAR: WorkCalendar = Object.freeze({
  workingHours: Object.freeze([
    Object.freeze({ start: '08:30', end: '12:00' }),
    Object.freeze({ start: '13:30', end: '17:30' }),
  ]),
  holidays: Object.freeze([...HOLIDAYS_2025, ...HOLIDAYS_2026]),
  workdays: Object.freeze([...WORKDAYS_2025, ...WORKDAYS_2026]),
});

interface Compiled {
  /** [start, end) in ms after CST midnight. */
  periods: [number, number][];
  holidays: Set<number>;
  workdays: Set<number>;
  dailyMs: number;
}

const compiledCache = new WeakMap<WorkCalendar, Compiled>();

/** 'YYYY-MM-DD' → days since 1970-01-01. */
function parseDay(value: string): number {
  const day = dayNumber(value);
  if (day === null)
    throw new RangeError(`Invalid calendar date ${JSON.stringify(value)}, expected YYYY-MM-DD`);
  return day;
}

function compile(cal: WorkCalendar): Compiled {
  const cached = compiledCache.get(cal);
  if (cached) return cached;
  const check = checkWorkCalendar(cal);
  if (!check.ok) throw new RangeError(`Invalid work calendar at ${check.field}: ${check.reason}`);
  const periods = cal.workingHours.map(({ start, end }): [number, number] => [
    clockMs(start)!,
    clockMs(end)!,
  ]);
  const compiled: Compiled = {
    periods,
    holidays: new Set(cal.holidays.map((d) => dayNumber(d)!)),
    workdays: new Set(cal.workdays.map((d) => dayNumber(d)!)),
    dailyMs: periods.reduce((sum, [start, end]) => sum + end - start, 0),
  };
  compiledCache.set(cal, compiled);
  return compiled;
}

function ms(instant: Instant): number {
  const value = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(value)) throw new RangeError('Invalid date');
  return value;
}

/** CST day number (days since 1970-01-01 CST) of an instant. */
function dayOf(t: number): number {
  return Math.floor((t + CST_OFFSET_MS) / DAY_MS);
}

/** The instant of CST midnight starting that day. */
function midnightOf(day: number): number {
  return day * DAY_MS - CST_OFFSET_MS;
}

function workingDay(day: number, c: Compiled): boolean {
  if (c.holidays.has(day)) return false;
  if (c.workdays.has(day)) return true;
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** The n-th (n ≥ 1) working day strictly after `day`. */
function nthWorkingDayAfter(day: number, n: number, c: Compiled): number {
  let current = day;
  let found = 0;
  // A calendar could in theory list every day as a holiday; give up after a century.
  for (let guard = 0; guard < 36_600 + n * 7; guard++) {
    current += 1;
    if (workingDay(current, c) && ++found === n) return current;
  }
  throw new RangeError('No working day found in the calendar');
}

/** The CST calendar date ('YYYY-MM-DD') of an instant. */
export function cstDateString(instant: Instant): string {
  return new Date(dayOf(ms(instant)) * DAY_MS).toISOString().slice(0, 10);
}

/** Is the CST calendar day of this instant (or this 'YYYY-MM-DD' date) a working day? */
export function isWorkingDay(date: Instant | string, cal: WorkCalendar): boolean {
  const c = compile(cal);
  return workingDay(typeof date === 'string' ? parseDay(date) : dayOf(ms(date)), c);
}

/** Is this instant inside working hours of a working day? */
export function isWorkingTime(instant: Instant, cal: WorkCalendar): boolean {
  const c = compile(cal);
  const t = ms(instant);
  const day = dayOf(t);
  if (!workingDay(day, c)) return false;
  const clock = t - midnightOf(day);
  return c.periods.some(([start, end]) => clock >= start && clock < end);
}

/** Working time of one working day in milliseconds (7.5 h = 27,000,000 for DEFAULT_CALENDAR). */
export function dailyWorkingMs(cal: WorkCalendar): number {
  return compile(cal).dailyMs;
}

/** Working milliseconds in [a, b); 0 if b ≤ a. */
export function workingMsBetween(a: Instant, b: Instant, cal: WorkCalendar): number {
  const c = compile(cal);
  const from = ms(a);
  const to = ms(b);
  if (to <= from) return 0;
  let total = 0;
  const lastDay = dayOf(to);
  for (let day = dayOf(from); day <= lastDay; day++) {
    if (!workingDay(day, c)) continue;
    const midnight = midnightOf(day);
    for (const [start, end] of c.periods) {
      const overlap = Math.min(midnight + end, to) - Math.max(midnight + start, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/**
 * The instant at which `amount` milliseconds of working time have passed since `start`. Time is
 * counted only inside working periods; when the amount runs out exactly at the end of a period the
 * answer is that end (12:00, 17:30), not the start of the next period. An amount of 0 returns start.
 */
export function addWorkingMs(start: Instant, amount: number, cal: WorkCalendar): Date {
  const c = compile(cal);
  const t = ms(start);
  if (!Number.isFinite(amount) || amount < 0)
    throw new RangeError('Working time must be a finite amount ≥ 0');
  if (amount === 0) return new Date(t);
  let remaining = amount;
  let day = dayOf(t);
  if (!workingDay(day, c)) day = nthWorkingDayAfter(day, 1, c);
  for (;;) {
    const midnight = midnightOf(day);
    for (const [start, end] of c.periods) {
      const periodEnd = midnight + end;
      if (periodEnd <= t) continue;
      const from = Math.max(midnight + start, t);
      const available = periodEnd - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
    }
    day = nthWorkingDayAfter(day, 1, c);
  }
}

/**
 * `amount` of working time after `start`.
 *
 * - 'hours': working minutes are counted only inside working hours (see addWorkingMs); fractions
 *   are allowed (0.5 = 30 working minutes).
 * - 'days' (a whole number N ≥ 0), with the CST wall-clock time of day t of start:
 *   - start on a working day with firstStart ≤ t < lastEnd (08:30–17:30, the lunch break included):
 *     the same wall-clock time on the N-th working day after start's day;
 *   - start on a working day before firstStart: the end of the working day (lastEnd) of the N-th
 *     working day counting start's own day as the first;
 *   - start on a working day at or after lastEnd, or on a non-working day: lastEnd of the N-th
 *     working day after start's day.
 *   In every case exactly N × dailyWorkingMs of working time lies between start and the result.
 *   N = 0 returns start.
 */
export function addWorkingTime(
  start: Instant,
  amount: number,
  unit: 'hours' | 'days',
  cal: WorkCalendar,
): Date {
  if (!Number.isFinite(amount) || amount < 0)
    throw new RangeError('Working time must be a finite amount ≥ 0');
  if (unit === 'hours') return addWorkingMs(start, Math.round(amount * HOUR_MS), cal);
  if (!Number.isInteger(amount)) throw new RangeError('Working days must be a whole number');
  const t = ms(start);
  if (amount === 0) return new Date(t);
  const c = compile(cal);
  const day = dayOf(t);
  const clock = t - midnightOf(day);
  const firstStart = c.periods[0]![0];
  const lastEnd = c.periods[c.periods.length - 1]![1];
  if (workingDay(day, c) && clock >= firstStart && clock < lastEnd) {
    return new Date(midnightOf(nthWorkingDayAfter(day, amount, c)) + clock);
  }
  const before = workingDay(day, c) && clock < firstStart;
  return new Date(midnightOf(nthWorkingDayAfter(before ? day - 1 : day, amount, c)) + lastEnd);
}
