// Pages of register rows for export, in id order (keyset: never OFFSET), within the caller's scope.
import { sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import { pathInScope } from '../../access/scope-sql.ts';
import type { Executor } from '../shared.ts';

export interface ExportFilter {
  actor: Actor;
  withinPath?: string;
}

export const exportRepository = {
  count(db: Executor, table: 'people' | 'houses' | 'units', f: ExportFilter) {
    let q = db
      .selectFrom(`${table} as t` as 'people as t')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(pathInScope(f.actor, 't.grid_path'));
    if (f.withinPath) q = q.where(sql<boolean>`starts_with(t.grid_path, ${f.withinPath})`);
    if (table !== 'people') q = q.where(sql<boolean>`t.retired_at IS NULL`);
    return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
  },

  people(db: Executor, f: ExportFilter, after: string, limit: number) {
    let q = db
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
      ])
      .where(pathInScope(f.actor, 'p.grid_path'))
      .where('p.id', '>', after);
    if (f.withinPath) q = q.where(sql<boolean>`starts_with(p.grid_path, ${f.withinPath})`);
    return q.orderBy('p.id').limit(limit).execute();
  },

  houses(db: Executor, f: ExportFilter, after: string, limit: number) {
    let q = db
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
      ])
      .where(pathInScope(f.actor, 'h.grid_path'))
      .where('h.retired_at', 'is', null)
      .where('h.id', '>', after);
    if (f.withinPath) q = q.where(sql<boolean>`starts_with(h.grid_path, ${f.withinPath})`);
    return q.orderBy('h.id').limit(limit).execute();
  },

  units(db: Executor, f: ExportFilter, after: string, limit: number) {
    let q = db
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
      ])
      .where(pathInScope(f.actor, 'u.grid_path'))
      .where('u.retired_at', 'is', null)
      .where('u.id', '>', after);
    if (f.withinPath) q = q.where(sql<boolean>`starts_with(u.grid_path, ${f.withinPath})`);
    return q.orderBy('u.id').limit(limit).execute();
  },
};
