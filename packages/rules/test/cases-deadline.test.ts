import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  CASE_STATES,
  CASE_STEPS,
  CST_OFFSET_MS,
  DEFAULT_CALENDAR,
  deadlineOf,
  limitWorkingMs,
  STEP_OF_STATE,
  type StepLimit,
  supervisionLevel,
  trafficLight,
} from '../src/index.ts';

const cal = DEFAULT_CALENDAR;
const H = 3_600_000;
const cst = (text: string) => new Date(`${text.replace(' ', 'T')}+08:00`);
const wall = (date: Date) =>
  new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
const hours = (amount: number): StepLimit => ({ amount, unit: 'hours' });
const days = (amount: number): StepLimit => ({ amount, unit: 'days' });

describe('STEP_OF_STATE', () => {
  it('runs the clock of the right step in each state and none elsewhere', () => {
    const expected: Record<string, string | undefined> = {
      reported: 'accept',
      confirming: 'accept',
      accepted: 'accept',
      filed: 'dispatch',
      dispatched: 'handle',
      in_progress: 'handle',
      rework: 'handle',
      handled: 'verify',
      verified: 'close',
    };
    for (const state of CASE_STATES) expect(STEP_OF_STATE[state]).toBe(expected[state]);
    expect(new Set(Object.values(STEP_OF_STATE))).toEqual(new Set(CASE_STEPS));
  });
});

describe('deadlineOf and limitWorkingMs', () => {
  it('adds the limit in working time', () => {
    // Mon 2 Mar 08:30 + 10 h: 7.5 h on Monday, 2.5 h on Tuesday.
    expect(wall(deadlineOf(cst('2026-03-02 08:30'), hours(10), cal))).toBe('2026-03-03 11:00');
    expect(wall(deadlineOf(cst('2026-03-02 10:00'), days(2), cal))).toBe('2026-03-04 10:00');
    expect(deadlineOf(cst('2026-03-02 10:00'), days(3), cal)).toEqual(
      addWorkingTime(cst('2026-03-02 10:00'), 3, 'days', cal),
    );
  });

  it('converts limits to working milliseconds', () => {
    expect(limitWorkingMs(hours(10), cal)).toBe(10 * H);
    expect(limitWorkingMs(hours(0.5), cal)).toBe(0.5 * H);
    expect(limitWorkingMs(days(2), cal)).toBe(15 * H);
    expect(() => limitWorkingMs(hours(-1), cal)).toThrow(RangeError);
  });
});

describe('trafficLight', () => {
  const start = cst('2026-03-02 08:30'); // Monday
  const limit = hours(10); // due Tue 11:00; 80% = 8 h = Tue 09:00

  it('is green under 80% of the limit', () => {
    expect(trafficLight(start, start, limit, cal)).toMatchObject({ light: 'green', usedRatio: 0 });
    expect(trafficLight(start, cst('2026-03-02 17:30'), limit, cal)).toMatchObject({
      light: 'green',
      usedRatio: 0.75,
    });
    expect(trafficLight(start, cst('2026-03-03 09:00').getTime() - 1, limit, cal).light).toBe('green');
    // Before the start nothing is used.
    expect(trafficLight(start, cst('2026-03-01 10:00'), limit, cal)).toMatchObject({
      light: 'green',
      usedRatio: 0,
    });
  });

  it('is yellow from exactly 80% up to exactly 100%', () => {
    expect(trafficLight(start, cst('2026-03-03 09:00'), limit, cal)).toMatchObject({
      light: 'yellow',
      usedRatio: 0.8,
    });
    expect(trafficLight(start, cst('2026-03-03 10:00'), limit, cal)).toMatchObject({
      light: 'yellow',
      usedRatio: 0.9,
    });
    expect(trafficLight(start, cst('2026-03-03 11:00'), limit, cal)).toMatchObject({
      light: 'yellow',
      usedRatio: 1,
    });
  });

  it('is red over 100%', () => {
    const late = trafficLight(start, cst('2026-03-03 11:00').getTime() + 1, limit, cal);
    expect(late.light).toBe('red');
    expect(late.usedRatio).toBeGreaterThan(1);
    // Mon 7.5 h + Tue 3.5 h + 2 h = 13 h of 10.
    expect(trafficLight(start, cst('2026-03-03 15:30'), limit, cal)).toMatchObject({
      light: 'red',
      usedRatio: 1.3,
    });
  });

  it('is exact at 80% where floating point would not be', () => {
    // 7 h limit: 80% = 5.6 h = 5 h 36 min; 0.8 × 7 is 5.6000000000000005 in floating point.
    const seven = hours(7);
    expect(trafficLight(start, cst('2026-03-02 15:36'), seven, cal).light).toBe('yellow');
    expect(trafficLight(start, cst('2026-03-02 15:36').getTime() - 1, seven, cal).light).toBe('green');
  });

  it('gives dueAt, and only working time turns a step red', () => {
    const day = trafficLight(start, cst('2026-03-02 20:00'), days(1), cal);
    expect(wall(day.dueAt)).toBe('2026-03-03 08:30');
    const oneDayFromBeforeOpening = trafficLight(
      cst('2026-03-02 07:00'),
      cst('2026-03-02 20:00'),
      days(1),
      cal,
    );
    expect(wall(oneDayFromBeforeOpening.dueAt)).toBe('2026-03-02 17:30');
    // Due Monday 17:30: still yellow (exactly 100%) all night and all weekend …
    expect(oneDayFromBeforeOpening.light).toBe('yellow');
    expect(trafficLight(cst('2026-03-06 07:00'), cst('2026-03-08 23:00'), days(1), cal).light).toBe('yellow');
    // … and red with the first working minute after.
    expect(trafficLight(cst('2026-03-02 07:00'), cst('2026-03-03 08:31'), days(1), cal).light).toBe('red');
    expect(wall(trafficLight(start, start, limit, cal).dueAt)).toBe('2026-03-03 11:00');
  });

  it('counts days limits in working days', () => {
    const result = trafficLight(cst('2026-03-02 10:00'), cst('2026-03-03 10:00'), days(2), cal);
    expect(result).toMatchObject({ light: 'green', usedRatio: 0.5 });
    expect(wall(result.dueAt)).toBe('2026-03-04 10:00');
    // Over National Day no time is used: only the 6 h of Wed 30 Sep after 10:00 count.
    const holiday = trafficLight(cst('2026-09-30 10:00'), cst('2026-10-07 23:00'), days(2), cal);
    expect(holiday.usedRatio).toBe(0.4);
    expect(holiday.light).toBe('green');
    expect(wall(holiday.dueAt)).toBe('2026-10-09 10:00');
  });

  it('adds an approved extension to the limit and the due time', () => {
    const extended = trafficLight(start, cst('2026-03-03 11:00'), limit, cal, 2 * H);
    expect(extended.light).toBe('yellow');
    expect(extended.usedRatio).toBeCloseTo(10 / 12, 12);
    expect(wall(extended.dueAt)).toBe('2026-03-03 14:30'); // 11:00 + 1 h to 12:00 + 1 h after lunch
    expect(trafficLight(start, cst('2026-03-03 09:00'), limit, cal, 2 * H).light).toBe('green');
    expect(trafficLight(start, cst('2026-03-03 14:30'), limit, cal, 2 * H).light).toBe('yellow');
    expect(trafficLight(start, cst('2026-03-03 14:31'), limit, cal, 2 * H).light).toBe('red');
    // An extension of one working day on a days limit.
    const dayExtension = trafficLight(
      cst('2026-03-02 10:00'),
      cst('2026-03-04 10:00'),
      days(2),
      cal,
      7.5 * H,
    );
    expect(wall(dayExtension.dueAt)).toBe('2026-03-05 10:00');
    expect(dayExtension.usedRatio).toBeCloseTo(2 / 3, 12);
  });

  it('rejects a zero limit and negative extensions', () => {
    expect(() => trafficLight(start, start, hours(0), cal)).toThrow(RangeError);
    expect(() => trafficLight(start, start, limit, cal, -1)).toThrow(RangeError);
    expect(() => trafficLight(start, start, limit, cal, Number.NaN)).toThrow(RangeError);
    // A zero limit with an extension is a limit.
    expect(trafficLight(start, cst('2026-03-02 09:30'), hours(0), cal, 2 * H)).toMatchObject({
      light: 'green',
      usedRatio: 0.5,
    });
  });
});

describe('supervisionLevel', () => {
  it('none up to 100%, ordinary over, yellow card from 150%, red card from 200%', () => {
    const cases: [number, string][] = [
      [0, 'none'],
      [0.8, 'none'],
      [1, 'none'],
      [1.0001, 'ordinary'],
      [1.4999, 'ordinary'],
      [1.5, 'yellow_card'],
      [1.9999, 'yellow_card'],
      [2, 'red_card'],
      [12, 'red_card'],
    ];
    for (const [ratio, level] of cases) expect(supervisionLevel(ratio)).toBe(level);
  });

  it('reads the ratio of a traffic light', () => {
    const start = cst('2026-03-02 08:30');
    const at = (now: string) => supervisionLevel(trafficLight(start, cst(now), hours(10), cal).usedRatio);
    expect(at('2026-03-03 11:00')).toBe('none');
    expect(at('2026-03-03 11:01')).toBe('ordinary');
    expect(at('2026-03-03 17:29')).toBe('ordinary');
    expect(at('2026-03-03 17:30')).toBe('yellow_card'); // 7.5 + 7.5 = 15 h of 10
    expect(at('2026-03-04 14:59')).toBe('yellow_card');
    expect(at('2026-03-04 15:00')).toBe('red_card'); // 15 + 3.5 + 1.5 = 20 h of 10
  });
});
