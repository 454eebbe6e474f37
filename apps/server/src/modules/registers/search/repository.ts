import { sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import { pathInScope } from '../../access/scope-sql.ts';
import type { Executor } from '../shared.ts';

export interface Hit {
  entity_type: number;
  entity_id: string;
}

/** Postings of one gram within scope, counted up to a cap: enough to pick the rarest gram. */
const COUNT_CAP = 5000;

export const searchRepository = {
  async gramCount(db: Executor, actor: Actor, gram: string, types: number[]) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM register_grams g
        WHERE g.gram = ${gram} AND ${pathInScope(actor, 'g.grid_path')} AND g.entity_type = ANY(${types}::smallint[])
        LIMIT ${COUNT_CAP}) t`.execute(db);
    return rows[0]?.n ?? 0;
  },

  /** Entities holding every gram: the rarest drives, the others are checked per candidate. */
  async intersect(db: Executor, actor: Actor, grams: string[], types: number[], limit: number) {
    const [driver, ...others] = grams;
    const checks = others.map(
      (g) => sql`AND EXISTS (SELECT 1 FROM register_grams o
                  WHERE o.entity_type = g.entity_type AND o.entity_id = g.entity_id AND o.gram = ${g})`,
    );
    const { rows } = await sql<Hit>`
      SELECT g.entity_type, g.entity_id FROM register_grams g
      WHERE g.gram = ${driver} AND ${pathInScope(actor, 'g.grid_path')} AND g.entity_type = ANY(${types}::smallint[])
      ${sql.join(checks, sql` `)}
      LIMIT ${limit}`.execute(db);
    return rows;
  },

  async digests(db: Executor, actor: Actor, digests: Buffer[], limit: number) {
    if (digests.length === 0) return [];
    const { rows } = await sql<Hit>`
      SELECT DISTINCT k.entity_type, k.entity_id FROM register_digit_keys k
      WHERE k.digest = ANY(${digests}::bytea[]) AND ${pathInScope(actor, 'k.grid_path')}
      LIMIT ${limit}`.execute(db);
    return rows;
  },

  /** Exact name and name prefix through the C-collation name indexes. */
  async namePrefix(db: Executor, actor: Actor, q: string, limit: number) {
    const like = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const { rows } = await sql<Hit>`
      (SELECT 1::smallint AS entity_type, p.id AS entity_id FROM people p
        WHERE (p.name COLLATE "C") LIKE ${like} AND ${pathInScope(actor, 'p.grid_path')} LIMIT ${limit})
      UNION ALL
      (SELECT 3::smallint, u.id FROM units u
        WHERE (u.name COLLATE "C") LIKE ${like} AND u.retired_at IS NULL AND ${pathInScope(actor, 'u.grid_path')} LIMIT ${limit})`.execute(
      db,
    );
    return rows;
  },

  people(db: Executor, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db
      .selectFrom('people as p')
      .leftJoin('addresses as a', 'a.id', 'p.address_id')
      .select([
        'p.id',
        'p.name',
        'p.gender',
        'p.birth_date',
        'p.id_number_enc',
        'p.phone_enc',
        'p.grid_id',
        'p.grid_path',
        'p.status',
        'p.address_id',
        'a.full_name as address',
      ])
      .where('p.id', 'in', ids)
      .execute();
  },
  units(db: Executor, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db
      .selectFrom('units as u')
      .leftJoin('addresses as a', 'a.id', 'u.address_id')
      .select([
        'u.id',
        'u.name',
        'u.kind',
        'u.credit_code',
        'u.grid_id',
        'u.grid_path',
        'a.full_name as address',
      ])
      .where('u.id', 'in', ids)
      .where('u.retired_at', 'is', null)
      .execute();
  },
  addresses(db: Executor, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db
      .selectFrom('addresses as a')
      .leftJoin('houses as h', (j) => j.onRef('h.address_id', '=', 'a.id').on('h.retired_at', 'is', null))
      .select([
        'a.id',
        'a.level',
        'a.full_name',
        'a.grid_id',
        'a.grid_path',
        'h.id as house_id',
        'h.is_rental',
      ])
      .where('a.id', 'in', ids)
      .where('a.retired_at', 'is', null)
      .execute();
  },
  openSpecialTypes(db: Executor, personIds: string[], types: string[]) {
    if (!personIds.length || !types.length) return Promise.resolve([]);
    return db
      .selectFrom('special_group_records')
      .select(['person_id', 'type_code'])
      .where('person_id', 'in', personIds)
      .where('type_code', 'in', types)
      .where('closed_on', 'is', null)
      .execute();
  },
};
