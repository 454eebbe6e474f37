import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALENDAR,
  dailyWorkingMs,
  deadlineOf,
  owesReportForDuty,
  REPORT_FOR_DUTY_CAP,
  reportForDutyLimit,
} from '../src/index.ts';

const cal = DEFAULT_CALENDAR;
const cst = (text: string) => new Date(`${text.replace(' ', 'T')}+08:00`);
const day = dailyWorkingMs(cal) / 3_600_000;

describe('reportForDutyLimit', () => {
  it('follows an urgent category: a gas leak handled in 2 hours is reported for in 2 hours', () => {
    expect(reportForDutyLimit({ handle: { amount: 2, unit: 'hours' } }, cal)).toEqual({
      amount: 2,
      unit: 'hours',
    });
  });

  it('keeps a one-day handling limit and caps longer ones at one working day', () => {
    expect(reportForDutyLimit({ handle: { amount: 1, unit: 'days' } }, cal)).toEqual({
      amount: 1,
      unit: 'days',
    });
    expect(reportForDutyLimit({ handle: { amount: 3, unit: 'days' } }, cal)).toEqual(REPORT_FOR_DUTY_CAP);
    expect(reportForDutyLimit({ handle: { amount: day + 1, unit: 'hours' } }, cal)).toEqual(
      REPORT_FOR_DUTY_CAP,
    );
    expect(reportForDutyLimit({ handle: { amount: day, unit: 'hours' } }, cal)).toEqual({
      amount: day,
      unit: 'hours',
    });
  });

  it('gives a category without a handling limit one working day', () => {
    expect(reportForDutyLimit({}, cal)).toEqual({ amount: 1, unit: 'days' });
    expect(reportForDutyLimit({ accept: { amount: 1, unit: 'hours' } }, cal)).toEqual({
      amount: 1,
      unit: 'days',
    });
  });

  it('is a working-time deadline: 2 hours from Friday 17:00 end on Monday morning', () => {
    const limit = reportForDutyLimit({ handle: { amount: 2, unit: 'hours' } }, cal);
    const due = deadlineOf(cst('2026-12-04 17:00'), limit, cal);
    expect(due.getTime()).toBeGreaterThan(cst('2026-12-07 08:00').getTime());
    expect(due.getTime()).toBeLessThan(cst('2026-12-07 12:00').getTime());
  });
});

describe('owesReportForDuty', () => {
  const row = (department_id: string | null, acknowledged_at: Date | null, active = true) => ({
    active,
    department_id,
    acknowledged_at,
  });

  it('is true only while one of my active department assignments has not reported', () => {
    expect(owesReportForDuty([row('7', null)], ['7'])).toBe(true);
    expect(owesReportForDuty([row('7', new Date())], ['7'])).toBe(false);
    expect(owesReportForDuty([row('7', null, false)], ['7'])).toBe(false);
    expect(owesReportForDuty([row('8', null)], ['7'])).toBe(false);
    expect(owesReportForDuty([row(null, null)], [])).toBe(false);
    expect(owesReportForDuty([row('7', new Date()), row('9', null)], ['7', '9'])).toBe(true);
  });
});
