import { type CaseState, deadlineOf, STEP_OF_STATE, type StepLimit, type WorkCalendar } from '@wangge/rules';

export type Limits = Record<string, StepLimit | undefined>;

/** A new step's clock: started now, due after the category's limit for that step in working time. */
export function startClock(state: CaseState, limits: Limits, calendar: WorkCalendar, now: Date) {
  const step = STEP_OF_STATE[state];
  const limit = step ? limits[step] : undefined;
  return {
    step_started_at: now,
    step_due_at: limit ? deadlineOf(now, limit, calendar) : null,
    light: 'green' as const,
    supervision: 'none' as const,
    extension_ms: 0,
  };
}
