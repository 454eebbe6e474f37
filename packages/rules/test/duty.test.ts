import { describe, expect, it } from 'vitest';
import {
  actionsFor,
  addDays,
  beijingDay,
  DEFAULT_SHIFT_HOURS,
  IllegalWorkflowTransitionError,
  onDutyAt,
  onDutySince,
  parseShiftHours,
  type RotaEntry,
  SHIFT_KINDS,
  type ShiftKind,
  shiftInterval,
  stateAfter,
  TASK_ACTIONS,
  TASK_STATES,
  TASK_WORKFLOW,
  uncoveredGrids,
  weekStart,
} from '../src/index.ts';

/** A Beijing wall-clock time as an instant. */
const bj = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

describe('Beijing days', () => {
  it('an instant late in the UTC day belongs to the next Beijing day', () => {
    expect(beijingDay(new Date('2026-12-04T15:59:59Z'))).toBe('2026-12-04');
    expect(beijingDay(new Date('2026-12-04T16:00:00Z'))).toBe('2026-12-05');
  });
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('the week starts on Monday', () => {
    expect(weekStart('2026-12-04')).toBe('2026-11-30'); // a Friday
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(weekStart('2026-12-06')).toBe('2026-11-30'); // Sunday
  });
});

describe('shift hours', () => {
  it('parses the configuration form and refuses nonsense', () => {
    expect(parseShiftHours('07:30-15:30')).toEqual({ start: 450, end: 930 });
    expect(parseShiftHours('22:00-06:00')).toEqual({ start: 1320, end: 360 });
    expect(parseShiftHours('16:00-24:00')).toEqual({ start: 960, end: 1440 });
    for (const bad of ['', '7-15', '25:00-06:00', '08:60-09:00', '08:00-24:30', 'x']) {
      expect(parseShiftHours(bad), bad).toBeNull();
    }
  });
  it('every kind but rest has an interval; the night patrol and standby cross midnight', () => {
    for (const kind of SHIFT_KINDS) {
      const span = shiftInterval('2026-12-04', kind);
      if (kind === 'rest') expect(span).toBeNull();
      else expect(span!.end.getTime()).toBeGreaterThan(span!.start.getTime());
    }
    expect(shiftInterval('2026-12-04', 'night')).toEqual({
      start: bj('2026-12-04', '22:00'),
      end: bj('2026-12-05', '06:00'),
    });
    const standby = shiftInterval('2026-12-04', 'standby')!;
    expect(standby.end.getTime() - standby.start.getTime()).toBe(24 * 3600_000);
  });
  it('configured hours replace the defaults', () => {
    const hours = { ...DEFAULT_SHIFT_HOURS, morning: { start: 450, end: 930 } };
    expect(shiftInterval('2026-12-04', 'morning', hours)!.start).toEqual(bj('2026-12-04', '07:30'));
  });
});

describe('on duty at an instant', () => {
  const day = '2026-12-04';
  const rota = (kind: ShiftKind, d = day, userId = 'u1'): RotaEntry => ({ userId, day: d, kind });

  it('a morning shift covers 08:00 up to but not including 16:00', () => {
    const entries = [rota('morning')];
    expect(onDutySince(entries, 'u1', bj(day, '07:59'))).toBeNull();
    expect(onDutySince(entries, 'u1', bj(day, '08:00'))).toEqual(bj(day, '08:00'));
    expect(onDutySince(entries, 'u1', bj(day, '15:59'))).toEqual(bj(day, '08:00'));
    expect(onDutySince(entries, 'u1', bj(day, '16:00'))).toBeNull();
  });
  it("yesterday's night patrol still counts after midnight, not after 06:00", () => {
    const entries = [rota('night', addDays(day, -1))];
    expect(onDutySince(entries, 'u1', bj(day, '02:00'))).toEqual(bj(addDays(day, -1), '22:00'));
    expect(onDutySince(entries, 'u1', bj(day, '06:00'))).toBeNull();
  });
  it('a rest day, another worker or another day is not on duty', () => {
    expect(onDutySince([rota('rest')], 'u1', bj(day, '10:00'))).toBeNull();
    expect(onDutySince([rota('morning', day, 'u2')], 'u1', bj(day, '10:00'))).toBeNull();
    expect(onDutySince([rota('morning', addDays(day, -2))], 'u1', bj(day, '10:00'))).toBeNull();
  });
  it('overlapping shifts answer the earliest start', () => {
    const entries = [rota('night', addDays(day, -1)), rota('standby')];
    // 05:00: yesterday's night patrol (22:00) and yesterday's missing standby; today's standby starts 08:00.
    expect(onDutySince(entries, 'u1', bj(day, '05:00'))).toEqual(bj(addDays(day, -1), '22:00'));
    const both = [rota('standby', addDays(day, -1)), rota('night', addDays(day, -1))];
    expect(onDutySince(both, 'u1', bj(day, '05:00'))).toEqual(bj(addDays(day, -1), '08:00'));
  });
  it('onDutyAt lists each worker once', () => {
    const entries = [
      rota('morning'),
      rota('evening', day, 'u2'),
      rota('rest', day, 'u3'),
      rota('standby', day, 'u1'),
    ];
    expect(onDutyAt(entries, bj(day, '10:00'))).toEqual([{ userId: 'u1', since: bj(day, '08:00') }]);
    expect(onDutyAt(entries, bj(day, '17:00')).map((w) => w.userId)).toEqual(['u1', 'u2']);
  });
});

describe('coverage', () => {
  it('lists the grids of which no team member is on duty', () => {
    const members = new Map([
      ['g1', ['u1', 'u2']],
      ['g2', ['u3']],
      ['g3', []],
    ]);
    expect(uncoveredGrids(members, new Set(['u2']))).toEqual(['g2', 'g3']);
    expect(uncoveredGrids(members, new Set(['u1', 'u3']))).toEqual(['g3']);
  });
});

describe('task workflow', () => {
  const expected: Record<string, Record<string, string | null>> = {
    open: { complete: 'done', cancel: 'cancelled', reopen: null },
    done: { complete: null, cancel: null, reopen: 'open' },
    cancelled: { complete: null, cancel: null, reopen: 'open' },
  };
  for (const state of TASK_STATES) {
    for (const action of TASK_ACTIONS) {
      it(`${action} in ${state}`, () => {
        const to = expected[state]![action];
        if (to === null) {
          expect(() => stateAfter(TASK_WORKFLOW, action, state)).toThrow(IllegalWorkflowTransitionError);
        } else {
          expect(stateAfter(TASK_WORKFLOW, action, state)).toBe(to);
        }
      });
    }
  }
  it('the worker ticks off; the assigner cancels and reopens', () => {
    expect(actionsFor(TASK_WORKFLOW, 'open', ['assignee'])).toEqual(['complete']);
    expect(actionsFor(TASK_WORKFLOW, 'open', ['assigner'])).toEqual(['cancel']);
    expect(actionsFor(TASK_WORKFLOW, 'done', ['assignee'])).toEqual([]);
    expect(actionsFor(TASK_WORKFLOW, 'done', ['assigner'])).toEqual(['reopen']);
    expect(actionsFor(TASK_WORKFLOW, 'open', ['assignee', 'assigner'])).toEqual(['complete', 'cancel']);
  });
});
