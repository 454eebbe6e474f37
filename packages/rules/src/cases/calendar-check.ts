// The one check of a work calendar: the settings route refuses what it finds and the deadline
// computations (calendar.ts) refuse to compile it, so a calendar that passes here can never make a
// deadline computation throw, and one that fails is never used.

/** Limits that keep every deadline search short (and a century of holidays out). */
export const CALENDAR_LIMITS = Object.freeze({ workingPeriods: 6, holidays: 400, workdays: 100 });

export type CalendarCheck = { ok: true } | { ok: false; field: string; reason: string };

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** 'HH:MM' (00:00 … 24:00) → ms after midnight; null when it is no such time. */
export function clockMs(value: unknown): number | null {
  const match = typeof value === 'string' ? /^(\d{2}):(\d{2})$/.exec(value) : null;
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * HOUR_MS + minutes * MINUTE_MS;
}

/** 'YYYY-MM-DD' → days since 1970-01-01; null when the date does not exist (2026-02-30). */
export function dayNumber(value: unknown): number | null {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return null;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(utc).toISOString().slice(0, 10) === value ? utc / DAY_MS : null;
}

const fail = (field: string, reason: string): CalendarCheck => ({ ok: false, field, reason });

function checkPeriods(value: unknown): CalendarCheck {
  if (!Array.isArray(value)) return fail('workingHours', '工作时段应为列表 (working hours must be a list)');
  if (value.length === 0 || value.length > CALENDAR_LIMITS.workingPeriods) {
    return fail(
      'workingHours',
      `工作时段须有 1 至 ${CALENDAR_LIMITS.workingPeriods} 段 (1 to ${CALENDAR_LIMITS.workingPeriods} working periods)`,
    );
  }
  let previousEnd = 0;
  for (const [i, period] of value.entries()) {
    if (typeof period !== 'object' || period === null || Array.isArray(period)) {
      return fail(`workingHours.${i}`, '工作时段应为 {start, end} (a period is {start, end})');
    }
    const { start, end } = period as { start?: unknown; end?: unknown };
    const from = clockMs(start);
    if (from === null)
      return fail(`workingHours.${i}.start`, '时间应为 HH:MM (time must be HH:MM, 00:00–24:00)');
    const to = clockMs(end);
    if (to === null) return fail(`workingHours.${i}.end`, '时间应为 HH:MM (time must be HH:MM, 00:00–24:00)');
    if (to <= from)
      return fail(`workingHours.${i}.end`, '结束时间须晚于开始时间 (the end must follow the start)');
    if (from < previousEnd) {
      return fail(
        `workingHours.${i}.start`,
        '工作时段须按时间先后排列且不重叠 (periods must be in order and must not overlap)',
      );
    }
    previousEnd = to;
  }
  return { ok: true };
}

function checkDays(name: 'holidays' | 'workdays', value: unknown, days: Set<number>): CalendarCheck {
  if (!Array.isArray(value)) return fail(name, '日期应为列表 (dates must be a list)');
  const limit = CALENDAR_LIMITS[name];
  if (value.length > limit) return fail(name, `最多 ${limit} 个日期 (at most ${limit} dates)`);
  for (const [i, date] of value.entries()) {
    const day = dayNumber(date);
    if (day === null)
      return fail(`${name}.${i}`, '日期不存在，应为 YYYY-MM-DD (no such date, expected YYYY-MM-DD)');
    if (days.has(day)) return fail(`${name}.${i}`, `日期 ${date} 重复 (date ${date} is listed twice)`);
    days.add(day);
  }
  return { ok: true };
}

/**
 * Is this a usable work calendar? The first problem is named by its path inside the calendar
 * ('holidays.3', 'workingHours.1.start'). A day may not be both a holiday and a make-up day: which
 * one was meant cannot be guessed.
 */
export function checkWorkCalendar(value: unknown): CalendarCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('', '工作日历应为对象 (a calendar must be an object)');
  }
  const cal = value as { workingHours?: unknown; holidays?: unknown; workdays?: unknown };
  const periods = checkPeriods(cal.workingHours);
  if (!periods.ok) return periods;
  const holidays = new Set<number>();
  const holidaysCheck = checkDays('holidays', cal.holidays, holidays);
  if (!holidaysCheck.ok) return holidaysCheck;
  const workdays = new Set<number>();
  const workdaysCheck = checkDays('workdays', cal.workdays, workdays);
  if (!workdaysCheck.ok) return workdaysCheck;
  for (const [i, date] of (cal.workdays as string[]).entries()) {
    if (holidays.has(dayNumber(date)!)) {
      return fail(
        `workdays.${i}`,
        `${date} 不能既是节假日又是调休上班日 (${date} cannot be both a holiday and a make-up day)`,
      );
    }
  }
  return { ok: true };
}
