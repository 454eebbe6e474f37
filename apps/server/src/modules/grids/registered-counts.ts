// The registered figures of a grid, counted from the registers (一标三实). The grid page and the
// registers' statistics both use these expressions, so the two screens cannot disagree.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Households: houses someone lives in now (an owner who lives elsewhere does not count). */
export function registeredHouseholdsSql(gridId: RawBuilder<unknown>) {
  return sql<number>`(SELECT count(DISTINCT l.house_id)::int FROM person_house_links l JOIN houses h ON h.id = l.house_id
    WHERE h.grid_id = ${gridId} AND l.valid_to IS NULL AND l.kind <> 'owner')`;
}

/** Population: active people registered in the grid. */
export function registeredPeopleSql(gridId: RawBuilder<unknown>) {
  return sql<number>`(SELECT count(*)::int FROM people p WHERE p.grid_id = ${gridId} AND p.status = 'active')`;
}

export async function registeredCounts(
  db: Db,
  gridId: string,
): Promise<{ households: number; people: number }> {
  const id = sql`${gridId}::bigint`;
  const { rows } = await sql<{ households: number; people: number }>`
    SELECT ${registeredHouseholdsSql(id)} AS households, ${registeredPeopleSql(id)} AS people`.execute(db);
  return rows[0]!;
}
