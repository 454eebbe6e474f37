// Pages of register rows for export, in id order (keyset: never OFFSET), within the caller's scope.
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import { pathInScope } from '../../access/scope-sql.ts';
import type { Executor } from '../shared.ts';

export interface ExportFilter {
  actor: Actor;
  withinPath?: string;
}

export const exportRepository = {
  count(db: Executor, table: 'addresses' | 'people' | 'houses' | 'units', f: ExportFilter) {
    const q = db
      .selectFrom(`${table} as t` as 'people as t')
      .select((eb) => eb.fn.countAll<string>().as('n'));
    return inExport(q, 't', f, table !== 'people')
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },

  /** Parents come before their children: an element is always created after its parent. */
  addresses(db: Executor, f: ExportFilter, after: string, limit: number) {
    const q = db
      .selectFrom('addresses as a')
      .innerJoin('org_units as o', 'o.id', 'a.grid_id')
      .leftJoin('addresses as p', 'p.id', 'a.parent_id')
      // The building itself carries its link and location; the rooms below only inherit them.
      .leftJoin('buildings as b', (join) =>
        join.onRef('b.id', '=', 'a.building_id').on('a.level', '=', 'building'),
      )
      .select([
        'a.id',
        'a.code',
        'p.code as parent_code',
        'a.level',
        'a.name',
        'a.full_name',
        'o.code as grid_code',
        'b.code as building_code',
        'b.lon',
        'b.lat',
        'a.unit_no',
        'a.floor',
        'a.room',
      ]);
    return nextPage(q, 'a', f, after, limit);
  },

  people(db: Executor, f: ExportFilter, after: string, limit: number) {
    const q = db
      .selectFrom('people as p')
      .leftJoin('addresses as a', 'a.id', 'p.address_id')
      .innerJoin('org_units as o', 'o.id', 'p.grid_id')
      .select([
        'p.id',
        'p.name',
        'p.gender',
        'p.birth_date',
        'p.ethnicity',
        'p.id_number_enc',
        'p.phone_enc',
        'p.hukou_place',
        'p.status',
        'a.code as address_code',
        'a.full_name as address',
        'o.code as grid_code',
        sql<string | null>`(SELECT string_agg(r.kind, ',' ORDER BY r.kind) FROM person_roles r
          WHERE r.person_id = p.id AND r.valid_to IS NULL)`.as('roles'),
      ]);
    // The people table has no retired_at: a person's status says whether they still live here.
    return nextPage(q, 'p', f, after, limit, false);
  },

  houses(db: Executor, f: ExportFilter, after: string, limit: number) {
    const q = db
      .selectFrom('houses as h')
      .innerJoin('addresses as a', 'a.id', 'h.address_id')
      .innerJoin('org_units as o', 'o.id', 'h.grid_id')
      .select([
        'h.id',
        'h.use',
        'h.structure',
        'h.area_m2',
        'h.is_rental',
        'h.rental_hazard',
        'h.is_dangerous',
        'h.note',
        'a.code as address_code',
        'a.full_name as address',
        'o.code as grid_code',
      ]);
    return nextPage(q, 'h', f, after, limit);
  },

  units(db: Executor, f: ExportFilter, after: string, limit: number) {
    const q = db
      .selectFrom('units as u')
      .leftJoin('addresses as a', 'a.id', 'u.address_id')
      .innerJoin('org_units as o', 'o.id', 'u.grid_id')
      .select([
        'u.id',
        'u.name',
        'u.kind',
        'u.credit_code',
        'u.employees',
        'u.fire_safety_level',
        'a.code as address_code',
        'a.full_name as address',
        'o.code as grid_code',
      ]);
    return nextPage(q, 'u', f, after, limit);
  },
};

/** The rows an export may see: in the caller's scope, under `withinPath` if given, live if `live`. */
function inExport<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  alias: string,
  f: ExportFilter,
  live: boolean,
): SelectQueryBuilder<DB, TB, O> {
  let out = q.where(pathInScope(f.actor, `${alias}.grid_path`));
  if (live) out = out.where(sql<boolean>`${sql.ref(`${alias}.retired_at`)} IS NULL`);
  if (f.withinPath)
    out = out.where(sql<boolean>`starts_with(${sql.ref(`${alias}.grid_path`)}, ${f.withinPath})`);
  return out;
}

/** The next `limit` of those rows after id `after`, in id order. */
function nextPage<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  alias: string,
  f: ExportFilter,
  after: string,
  limit: number,
  live = true,
): Promise<O[]> {
  return inExport(q, alias, f, live)
    .where(sql<boolean>`${sql.ref(`${alias}.id`)} > ${after}`)
    .orderBy(sql.ref(`${alias}.id`))
    .limit(limit)
    .execute();
}
