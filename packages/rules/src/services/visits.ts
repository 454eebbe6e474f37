// Door-to-door visits (入户走访, DOMAIN.md §6): Dongli expects at least three hours a day. A worker
// may log overlapping visits (a family visit that runs into a neighbour's); the time counts once.

/** A half-open time interval [start, end) in milliseconds since the epoch. */
export interface TimeInterval {
  readonly start: number;
  readonly end: number;
}

/** The daily visit target unless an org unit configures another (Dongli: 3 hours). */
export const DEFAULT_DAILY_VISIT_MINUTES = 180;
/** The longest single visit accepted. */
export const MAX_VISIT_HOURS = 12;
/** How far in the future an end time may lie (device clocks drift). */
export const VISIT_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The union of the intervals as disjoint intervals sorted by start. Empty and inverted intervals
 * are dropped; touching intervals ([1,2) and [2,3)) merge into one.
 */
export function mergeIntervals(intervals: readonly TimeInterval[]): TimeInterval[] {
  const sorted = intervals
    .filter((i) => Number.isFinite(i.start) && Number.isFinite(i.end) && i.end > i.start)
    .map((i) => ({ start: i.start, end: i.end }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TimeInterval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    if (last && interval.start <= last.end) {
      if (interval.end > last.end) out[out.length - 1] = { start: last.start, end: interval.end };
    } else {
      out.push(interval);
    }
  }
  return out;
}

/**
 * Milliseconds covered by the union of the intervals, optionally clipped to a window (a day): a
 * visit crossing midnight counts on each day only with its part inside that day.
 */
export function coveredMs(intervals: readonly TimeInterval[], window?: TimeInterval): number {
  const clipped = window
    ? intervals.map((i) => ({ start: Math.max(i.start, window.start), end: Math.min(i.end, window.end) }))
    : intervals;
  return mergeIntervals(clipped).reduce((sum, i) => sum + (i.end - i.start), 0);
}

export type VisitTimesCheck = { ok: true } | { ok: false; field: 'startedAt' | 'endedAt'; reason: string };

/** A visit's times: the end after the start, at most MAX_VISIT_HOURS long, not in the future. */
export function checkVisitTimes(startedAt: Date, endedAt: Date, now: Date): VisitTimesCheck {
  const start = startedAt.getTime();
  const end = endedAt.getTime();
  if (!Number.isFinite(start))
    return { ok: false, field: 'startedAt', reason: '开始时间无效 (invalid start)' };
  if (!Number.isFinite(end)) return { ok: false, field: 'endedAt', reason: '结束时间无效 (invalid end)' };
  if (end <= start) {
    return { ok: false, field: 'endedAt', reason: '结束时间须晚于开始时间 (the end must follow the start)' };
  }
  if (end - start > MAX_VISIT_HOURS * 3_600_000) {
    return {
      ok: false,
      field: 'endedAt',
      reason: `一次走访不能超过 ${MAX_VISIT_HOURS} 小时 (a visit lasts at most ${MAX_VISIT_HOURS} hours)`,
    };
  }
  if (end > now.getTime() + VISIT_CLOCK_SKEW_MS) {
    return { ok: false, field: 'endedAt', reason: '结束时间不能晚于当前时间 (the end lies in the future)' };
  }
  return { ok: true };
}

/** The day 'YYYY-MM-DD' on China's calendar (UTC+8, no daylight saving) as an interval. */
export function chinaDayWindow(date: string): TimeInterval {
  const start = Date.parse(`${date}T00:00:00+08:00`);
  return { start, end: start + 86_400_000 };
}

/** Today 'YYYY-MM-DD' on China's calendar. */
export function chinaDayOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
