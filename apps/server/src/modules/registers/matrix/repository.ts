import { personSummaryColumns } from '../people/repository.ts';
import type { Executor } from '../shared.ts';

export const matrixRepository = {
  building(db: Executor, id: string) {
    return db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select([
        'b.id',
        'b.code',
        'b.name',
        'b.address',
        'b.floors',
        'b.units',
        'b.households',
        'b.grid_id',
        'o.path',
        'o.name as grid_name',
      ])
      .where('b.id', '=', id)
      .executeTakeFirst();
  },
  rooms(db: Executor, buildingId: string) {
    return db
      .selectFrom('addresses as a')
      .leftJoin('houses as h', (j) => j.onRef('h.address_id', '=', 'a.id').on('h.retired_at', 'is', null))
      .select([
        'a.id',
        'a.unit_no',
        'a.floor',
        'a.room',
        'h.id as house_id',
        'h.is_rental',
        'h.rental_hazard',
        'h.is_dangerous',
        'h.use',
      ])
      .where('a.building_id', '=', buildingId)
      .where('a.level', '=', 'room')
      .where('a.retired_at', 'is', null)
      .orderBy('a.unit_no')
      .orderBy('a.floor', 'desc')
      .orderBy('a.room')
      .execute();
  },
  occupants(db: Executor, houseIds: string[]) {
    if (!houseIds.length) return Promise.resolve([]);
    return db
      .selectFrom('person_house_links as l')
      .innerJoin('people as p', 'p.id', 'l.person_id')
      .select(['l.house_id', 'l.kind', ...personSummaryColumns])
      .where('l.house_id', 'in', houseIds)
      .where('l.valid_to', 'is', null)
      .orderBy('l.id')
      .execute();
  },
  openGroups(
    db: Executor,
    table: 'special_group_records' | 'care_group_records',
    personIds: string[],
    types?: string[],
  ) {
    if (!personIds.length || (types && !types.length)) return Promise.resolve([]);
    let q = db
      .selectFrom(table)
      .select(['person_id', 'type_code'])
      .where('person_id', 'in', personIds)
      .where('closed_on', 'is', null);
    if (types) q = q.where('type_code', 'in', types);
    return q.execute();
  },
  roles(db: Executor, personIds: string[]) {
    if (!personIds.length) return Promise.resolve([]);
    return db
      .selectFrom('person_roles')
      .select(['person_id', 'kind'])
      .where('person_id', 'in', personIds)
      .where('valid_to', 'is', null)
      .execute();
  },
};
