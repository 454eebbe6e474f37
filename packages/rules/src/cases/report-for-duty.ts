// 吹哨报到: when the street blows the whistle, every department sent for must report for duty
// (报到) before it handles. How soon follows the category's urgency, in working time.

import { dailyWorkingMs, type WorkCalendar } from './calendar.ts';
import { type CaseStep, limitWorkingMs, type StepLimit } from './deadline.ts';

/** A category without a handling limit still gets a report-for-duty limit: one working day. */
export const REPORT_FOR_DUTY_CAP: Readonly<StepLimit> = Object.freeze({ amount: 1, unit: 'days' });

/**
 * The report-for-duty limit of a whistle: the category's handling limit, never longer than one
 * working day. A gas leak handled within 2 hours must be reported for within 2 hours; a manhole
 * cover handled within a day, within a day; a dispute with ten days to handle, within a day.
 */
export function reportForDutyLimit(
  limits: Readonly<Partial<Record<CaseStep, StepLimit>>>,
  cal: WorkCalendar,
): StepLimit {
  const handle = limits.handle;
  if (!handle) return { ...REPORT_FOR_DUTY_CAP };
  const cap = REPORT_FOR_DUTY_CAP.amount * dailyWorkingMs(cal);
  return limitWorkingMs(handle, cal) <= cap ? { ...handle } : { ...REPORT_FOR_DUTY_CAP };
}

/** Whether one of the caller's departments was sent for and has not reported for duty yet. */
export function owesReportForDuty(
  assignments: readonly { active: boolean; department_id: string | null; acknowledged_at: unknown }[],
  departmentIds: readonly string[],
): boolean {
  return assignments.some(
    (a) =>
      a.active && a.department_id !== null && departmentIds.includes(a.department_id) && !a.acknowledged_at,
  );
}
