// Inspection cycles of listed venues (列管对象, DOMAIN.md §6), e.g. the monthly fire check of the
// "three small" venues. The cycle rolls: each inspection starts a new one, so a venue inspected
// late is next due a full cycle after that inspection, not at a fixed calendar date.

export type InspectionStatus = 'due' | 'overdue' | 'done';
export const INSPECTION_STATUSES: readonly InspectionStatus[] = ['overdue', 'due', 'done'];

/** A venue whose cycle ends within this many days is due again. */
export const DUE_SOON_DAYS = 7;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcMs(date: string): number {
  const m = ISO_DATE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return ms;
}

/** 'YYYY-MM-DD' plus whole days (negative goes back). */
export function addIsoDays(date: string, days: number): string {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` ('YYYY-MM-DD'), negative when `to` is earlier. */
export function isoDaysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/**
 * High-risk venues (fire_safety_level high_risk) are checked twice as often: half the checklist's
 * cycle, rounded up so a one-day cycle stays one day. General and key venues keep the cycle.
 */
export function effectiveCycleDays(cycleDays: number, fireSafetyLevel: string): number {
  if (!Number.isInteger(cycleDays) || cycleDays < 1) throw new RangeError(`bad cycle: ${cycleDays}`);
  return fireSafetyLevel === 'high_risk' ? Math.ceil(cycleDays / 2) : cycleDays;
}

/**
 * The window before the end of a cycle in which the venue counts as due: DUE_SOON_DAYS, but at
 * most half the cycle, so a short cycle still shows "done" right after an inspection.
 */
export function dueSoonDays(cycleDays: number): number {
  return Math.min(DUE_SOON_DAYS, Math.floor(cycleDays / 2));
}

/**
 * Where a venue stands for one checklist on `today` (all dates China calendar days):
 * never inspected → due today; otherwise due on the last inspection's day plus the cycle,
 * overdue after that day, due within the last days of the cycle, done before.
 */
export function inspectionDue(options: {
  lastInspectedOn: string | null;
  cycleDays: number;
  today: string;
}): { dueOn: string; status: InspectionStatus } {
  const { lastInspectedOn, cycleDays, today } = options;
  if (lastInspectedOn === null) return { dueOn: today, status: 'due' };
  const dueOn = addIsoDays(lastInspectedOn, cycleDays);
  const left = isoDaysBetween(today, dueOn);
  if (left < 0) return { dueOn, status: 'overdue' };
  return { dueOn, status: left <= dueSoonDays(cycleDays) ? 'due' : 'done' };
}

/** Work-list order: overdue first, then by due date (earliest first). */
export function compareDue(
  a: { status: InspectionStatus; dueOn: string },
  b: { status: InspectionStatus; dueOn: string },
): number {
  const overdue = Number(b.status === 'overdue') - Number(a.status === 'overdue');
  return overdue || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0);
}
