import type { Db } from '../../db/database.ts';

/** A worker on shift now, and since when. */
export interface OnDuty {
  userId: string;
  since: Date;
}

/**
 * Who is on shift at `now`: the duty rota answers it in the platform (duty/on-duty.ts
 * rotaOnDuty); tests hand in the shifts they craft.
 */
export type OnDutyWorkers = (db: Db, now: Date) => Promise<OnDuty[]>;
