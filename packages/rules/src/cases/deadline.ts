// Time limits of the steps of a case, the traffic light (红黄绿灯) and supervision levels (督办).
// All time is working time of a WorkCalendar (see calendar.ts).

import {
  addWorkingMs,
  addWorkingTime,
  dailyWorkingMs,
  type Instant,
  type WorkCalendar,
  workingMsBetween,
} from './calendar.ts';
import type { CaseState } from './states.ts';

/** The time limit of one step, in working hours or working days. */
export interface StepLimit {
  amount: number;
  unit: 'hours' | 'days';
}

export type CaseStep = 'accept' | 'dispatch' | 'handle' | 'verify' | 'close';
export const CASE_STEPS: readonly CaseStep[] = ['accept', 'dispatch', 'handle', 'verify', 'close'];

/**
 * Whose clock runs in each open state. States without an entry stop the clock: void_pending (waiting
 * for approval), suspended (挂账), self_handled (waiting for audit), and the finished states.
 */
export const STEP_OF_STATE: Readonly<Partial<Record<CaseState, CaseStep>>> = {
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

export type TrafficLight = 'green' | 'yellow' | 'red';
export type SupervisionLevel = 'none' | 'ordinary' | 'yellow_card' | 'red_card';

/** The working time a limit stands for: hours × 1 h, or days × dailyWorkingMs. */
export function limitWorkingMs(limit: StepLimit, cal: WorkCalendar): number {
  if (!Number.isFinite(limit.amount) || limit.amount < 0) throw new RangeError('A time limit must be ≥ 0');
  return limit.unit === 'hours' ? Math.round(limit.amount * 3_600_000) : limit.amount * dailyWorkingMs(cal);
}

/** When a step started at `start` with this limit is due (addWorkingTime). */
export function deadlineOf(start: Instant, limit: StepLimit, cal: WorkCalendar): Date {
  return addWorkingTime(start, limit.amount, limit.unit, cal);
}

/**
 * The traffic light of a step started at `start`, seen at `now`. usedRatio = working time used ÷
 * (limit + approved extension), both in working time; green when usedRatio < 0.8, yellow when
 * 0.8 ≤ usedRatio ≤ 1, red when usedRatio > 1. The comparison is exact (integer milliseconds), so
 * exactly 80% is yellow and exactly 100% is still yellow. Because only working time counts, a step
 * whose limit ran out at 17:30 stays yellow overnight and turns red with the first working minute of
 * the next working day. `extensionMs` is approved extra working time (limitWorkingMs of the
 * extension); dueAt is the deadline pushed by it.
 */
export function trafficLight(
  start: Instant,
  now: Instant,
  limit: StepLimit,
  cal: WorkCalendar,
  extensionMs = 0,
): { light: TrafficLight; usedRatio: number; dueAt: Date } {
  if (!Number.isFinite(extensionMs) || extensionMs < 0) throw new RangeError('An extension must be ≥ 0');
  const total = limitWorkingMs(limit, cal) + extensionMs;
  if (total <= 0) throw new RangeError('A time limit must be positive');
  const base = deadlineOf(start, limit, cal);
  const dueAt = extensionMs > 0 ? addWorkingMs(base, extensionMs, cal) : base;
  const used = workingMsBetween(start, now, cal);
  const light: TrafficLight = used * 5 < total * 4 ? 'green' : used <= total ? 'yellow' : 'red';
  return { light, usedRatio: used / total, dueAt };
}

/**
 * Supervision (督办) of an overdue step by how much of its limit it used: none up to 100%, ordinary
 * supervision over 100%, yellow card from 150%, red card from 200%.
 */
export function supervisionLevel(usedRatio: number): SupervisionLevel {
  if (usedRatio >= 2) return 'red_card';
  if (usedRatio >= 1.5) return 'yellow_card';
  if (usedRatio > 1) return 'ordinary';
  return 'none';
}
