import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

// The worker card's reads; the track, visits and rota come from their own modules' repositories.
export const workerCardRepository = {
  /** Name, phone and the names of the grids the worker is assigned to (directly or below a unit). */
  async person(db: Db, userId: string, gridIds: readonly string[]) {
    const [user, grids] = await Promise.all([
      db.selectFrom('users').select(['display_name', 'phone']).where('id', '=', userId).executeTakeFirst(),
      gridIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('org_units')
            .select(['id', 'code', 'name'])
            .where('id', 'in', [...gridIds])
            .orderBy('code')
            .execute(),
    ]);
    return { user: user ?? null, grids };
  },

  /** The latest fix since `since` (any day partition), with the battery it reported. */
  async lastFix(db: Db, userId: string, since: Date) {
    return (
      (await db
        .selectFrom('positions')
        .select(['recorded_at', 'lon', 'lat', 'battery'])
        .where('user_id', '=', userId)
        .where('recorded_at', '>=', since)
        .orderBy('recorded_at', 'desc')
        .limit(1)
        .executeTakeFirst()) ?? null
    );
  },

  /** Cases the worker reported in [from, to). */
  async casesReported(db: Db, userId: string, from: Date, to: Date): Promise<number> {
    const row = await db
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('reporter_user_id', '=', userId)
      .where('reported_at', '>=', from)
      .where('reported_at', '<', to)
      .executeTakeFirstOrThrow();
    return row.n;
  },
};
