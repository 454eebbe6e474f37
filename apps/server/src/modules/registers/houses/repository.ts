import { sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import { pathInScope } from '../../access/scope-sql.ts';
import { listPage, type Page } from '../paging.ts';
import { personSummaryColumns } from '../people/repository.ts';
import type { Executor } from '../shared.ts';

const houseColumns = [
  'h.id',
  'h.address_id',
  'h.grid_id',
  'h.grid_path',
  'h.use',
  'h.structure',
  'h.area_m2',
  'h.is_rental',
  'h.rental_hazard',
  'h.is_dangerous',
  'h.note',
  'h.ownership',
  'h.occupancy',
  'h.created_at',
  'h.updated_at',
  'h.retired_at',
  'a.full_name as address',
  'a.building_id',
] as const;

export const houseRepository = {
  find(db: Executor, id: string) {
    return db
      .selectFrom('houses as h')
      .innerJoin('addresses as a', 'a.id', 'h.address_id')
      .select(houseColumns)
      .where('h.id', '=', id)
      .executeTakeFirst();
  },
  lock(db: Executor, id: string) {
    return db
      .selectFrom('houses')
      .select(['id', 'grid_path', 'grid_id', 'address_id', 'retired_at'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },
  occupants(db: Executor, houseId: string) {
    return db
      .selectFrom('person_house_links as l')
      .innerJoin('people as p', 'p.id', 'l.person_id')
      .select(['l.id as link_id', 'l.kind', 'l.valid_from', ...personSummaryColumns])
      .where('l.house_id', '=', houseId)
      .where('l.valid_to', 'is', null)
      .orderBy('l.id')
      .execute();
  },
  list(
    db: Executor,
    actor: Actor,
    filters: { withinPath?: string; buildingId?: string; isRental?: boolean },
    page: Page,
  ) {
    let q = db
      .selectFrom('houses as h')
      .innerJoin('addresses as a', 'a.id', 'h.address_id')
      .where(pathInScope(actor, 'h.grid_path'))
      .where('h.retired_at', 'is', null);
    if (filters.withinPath) q = q.where(sql<boolean>`starts_with(h.grid_path, ${filters.withinPath})`);
    if (filters.buildingId) q = q.where('a.building_id', '=', filters.buildingId);
    if (filters.isRental !== undefined) q = q.where('h.is_rental', '=', filters.isRental);
    return listPage(q, (q) => q.select(houseColumns).orderBy('a.code'), page);
  },
};

export type HouseRow = NonNullable<Awaited<ReturnType<typeof houseRepository.find>>>;
