import { describe, expect, it } from 'vitest';
import {
  addIsoDays,
  compareDue,
  DUE_SOON_DAYS,
  dueSoonDays,
  effectiveCycleDays,
  INSPECTION_STATUSES,
  type InspectionStatus,
  inspectionDue,
  isoDaysBetween,
} from '../src/index.ts';

describe('calendar-day arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addIsoDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addIsoDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addIsoDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addIsoDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addIsoDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addIsoDays('2026-05-10', 0)).toBe('2026-05-10');
    expect(addIsoDays('2026-05-10', 30)).toBe('2026-06-09');
  });

  it('counts whole days either way', () => {
    expect(isoDaysBetween('2026-05-10', '2026-06-09')).toBe(30);
    expect(isoDaysBetween('2026-06-09', '2026-05-10')).toBe(-30);
    expect(isoDaysBetween('2026-05-10', '2026-05-10')).toBe(0);
    expect(isoDaysBetween('2027-12-31', '2028-12-31')).toBe(366);
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-01', '20260101', '', 'x']) {
      expect(() => addIsoDays(bad, 1), bad).toThrow(RangeError);
      expect(() => isoDaysBetween(bad, '2026-01-01'), bad).toThrow(RangeError);
    }
  });

  it('round-trips: adding the days between two dates lands on the second', () => {
    const start = '2025-11-20';
    for (let n = -400; n <= 400; n += 17) {
      const other = addIsoDays(start, n);
      expect(isoDaysBetween(start, other)).toBe(n);
    }
  });
});

describe('effectiveCycleDays', () => {
  it('keeps the cycle for general and key venues, halves it (rounded up) for high-risk ones', () => {
    expect(effectiveCycleDays(30, 'general')).toBe(30);
    expect(effectiveCycleDays(30, 'key')).toBe(30);
    expect(effectiveCycleDays(30, 'high_risk')).toBe(15);
    expect(effectiveCycleDays(90, 'high_risk')).toBe(45);
    expect(effectiveCycleDays(7, 'high_risk')).toBe(4);
    expect(effectiveCycleDays(1, 'high_risk')).toBe(1);
  });

  it('refuses a cycle that is not a positive whole number of days', () => {
    for (const bad of [0, -30, 1.5, Number.NaN]) {
      expect(() => effectiveCycleDays(bad, 'general'), String(bad)).toThrow(RangeError);
    }
  });
});

describe('dueSoonDays', () => {
  it('is seven days for the usual cycles and at most half a short one', () => {
    expect(DUE_SOON_DAYS).toBe(7);
    expect(dueSoonDays(90)).toBe(7);
    expect(dueSoonDays(30)).toBe(7);
    expect(dueSoonDays(15)).toBe(7);
    expect(dueSoonDays(14)).toBe(7);
    expect(dueSoonDays(13)).toBe(6);
    expect(dueSoonDays(4)).toBe(2);
    expect(dueSoonDays(1)).toBe(0);
  });
});

describe('inspectionDue', () => {
  const today = '2026-06-15';

  it('a venue never inspected is due today', () => {
    expect(inspectionDue({ lastInspectedOn: null, cycleDays: 30, today })).toEqual({
      dueOn: today,
      status: 'due',
    });
  });

  it('walks a 30-day cycle day by day: done, then due for the last seven days, then overdue', () => {
    const seen: Record<InspectionStatus, number[]> = { done: [], due: [], overdue: [] };
    for (let ago = 0; ago <= 40; ago++) {
      const result = inspectionDue({ lastInspectedOn: addIsoDays(today, -ago), cycleDays: 30, today });
      expect(result.dueOn).toBe(addIsoDays(today, 30 - ago));
      seen[result.status].push(ago);
    }
    expect(seen.done).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(seen.due).toEqual([23, 24, 25, 26, 27, 28, 29, 30]);
    expect(seen.overdue).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
  });

  it('is due, not overdue, on the due day itself', () => {
    expect(inspectionDue({ lastInspectedOn: '2026-05-16', cycleDays: 30, today })).toEqual({
      dueOn: today,
      status: 'due',
    });
  });

  it('a one-day cycle inspected today is done, and due the next day', () => {
    expect(inspectionDue({ lastInspectedOn: today, cycleDays: 1, today })).toEqual({
      dueOn: '2026-06-16',
      status: 'done',
    });
    expect(inspectionDue({ lastInspectedOn: '2026-06-14', cycleDays: 1, today }).status).toBe('due');
    expect(inspectionDue({ lastInspectedOn: '2026-06-13', cycleDays: 1, today }).status).toBe('overdue');
  });

  it('a high-risk venue on the halved monthly cycle is overdue after 15 days', () => {
    const cycleDays = effectiveCycleDays(30, 'high_risk');
    expect(inspectionDue({ lastInspectedOn: '2026-05-31', cycleDays, today }).status).toBe('due');
    expect(inspectionDue({ lastInspectedOn: '2026-05-30', cycleDays, today }).status).toBe('overdue');
    expect(inspectionDue({ lastInspectedOn: '2026-06-08', cycleDays, today }).status).toBe('done');
  });

  it('an inspection dated after today (clock skew) is simply done', () => {
    expect(inspectionDue({ lastInspectedOn: '2026-06-16', cycleDays: 30, today }).status).toBe('done');
  });
});

describe('compareDue', () => {
  it('puts overdue first, then sorts by due date', () => {
    const rows = [
      { id: 'a', status: 'done' as const, dueOn: '2026-07-20' },
      { id: 'b', status: 'due' as const, dueOn: '2026-06-15' },
      { id: 'c', status: 'overdue' as const, dueOn: '2026-06-01' },
      { id: 'd', status: 'due' as const, dueOn: '2026-06-20' },
      { id: 'e', status: 'overdue' as const, dueOn: '2026-05-01' },
      { id: 'f', status: 'done' as const, dueOn: '2026-06-30' },
    ];
    expect([...rows].sort(compareDue).map((r) => r.id)).toEqual(['e', 'c', 'b', 'd', 'f', 'a']);
  });

  it('ties are equal', () => {
    expect(compareDue({ status: 'due', dueOn: '2026-06-15' }, { status: 'due', dueOn: '2026-06-15' })).toBe(
      0,
    );
  });

  it('lists every status once', () => {
    expect([...INSPECTION_STATUSES].sort()).toEqual(['done', 'due', 'overdue']);
  });
});
