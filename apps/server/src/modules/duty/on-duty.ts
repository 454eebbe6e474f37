import { DEFAULT_SHIFT_HOURS, onDutyAt, type ShiftHoursTable } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { dutyRepository as repo } from './repository.ts';

/** A worker on shift at an instant, and since when (the shift's start). */
export interface OnDutyWorker {
  userId: string;
  since: Date;
}

// The questions other modules ask the duty rota (command overview, nearest workers, alerts). The
// signatures stay as they are: callers pass the configured hours (config.shiftHours).

/** Every worker on shift at `now` by the rota, with the start of the shift. */
export async function onDutyUserIds(
  db: Db,
  now: Date = new Date(),
  hours: ShiftHoursTable = DEFAULT_SHIFT_HOURS,
): Promise<OnDutyWorker[]> {
  return onDutyAt(await repo.entriesAround(db, now), now, hours);
}

/** Is this worker on shift at `now` by the rota? */
export async function isOnDuty(
  db: Db,
  userId: string,
  now: Date = new Date(),
  hours: ShiftHoursTable = DEFAULT_SHIFT_HOURS,
): Promise<boolean> {
  return onDutyAt(await repo.entriesAround(db, now, [userId]), now, hours).length > 0;
}

/** The rota as the alerts' "who is on shift" source: `(db, now) => workers on shift`. */
export function rotaOnDuty(hours: ShiftHoursTable = DEFAULT_SHIFT_HOURS) {
  return (db: Db, now: Date): Promise<OnDutyWorker[]> => onDutyUserIds(db, now, hours);
}
