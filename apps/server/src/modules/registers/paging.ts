// One page of a register list (addresses, houses, units, people): the rows and the total count of
// the same filtered query, so the two can never disagree.
import type { SelectQueryBuilder } from 'kysely';

export interface Page {
  limit: number;
  offset: number;
}

/** `page` / `pageSize` of a list request (50 a page unless asked) → LIMIT / OFFSET. */
export function pageOf(query: { page?: number; pageSize?: number }): Page {
  const pageSize = query.pageSize ?? 50;
  return { limit: pageSize, offset: ((query.page ?? 1) - 1) * pageSize };
}

/**
 * Runs `rows(filtered)` limited to the page and `count(*)` of `filtered` side by side.
 * `rows` adds the columns and the order; the filters stay in `filtered` alone.
 */
export async function listPage<DB, TB extends keyof DB, Row>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  rows: (q: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, Row>,
  page: Page,
): Promise<{ items: Row[]; total: number }> {
  const [items, total] = await Promise.all([
    rows(filtered).limit(page.limit).offset(page.offset).execute(),
    // $castTo: TypeScript cannot resolve the selection's shape while DB and TB are still generic.
    filtered
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .$castTo<{ n: string }>()
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
