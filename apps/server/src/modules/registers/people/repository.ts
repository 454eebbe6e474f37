import { sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import { pathInScope } from '../../access/scope-sql.ts';
import { listPage, type Page } from '../paging.ts';
import type { Executor } from '../shared.ts';

export const personColumns = [
  'p.id',
  'p.name',
  'p.gender',
  'p.birth_date',
  'p.ethnicity',
  'p.id_number_enc',
  'p.phone_enc',
  'p.hukou_place',
  'p.address_id',
  'p.grid_id',
  'p.grid_path',
  'p.status',
  'p.status_date',
  'p.created_at',
  'p.updated_at',
] as const;

/** What presentPersonSummary needs: the masked line for a person linked to a house, unit or room. */
export const personSummaryColumns = [
  'p.id',
  'p.name',
  'p.gender',
  'p.birth_date',
  'p.id_number_enc',
  'p.phone_enc',
  'p.grid_id',
  'p.status',
] as const;

export const peopleRepository = {
  find(db: Executor, id: string) {
    return db
      .selectFrom('people as p')
      .leftJoin('addresses as a', 'a.id', 'p.address_id')
      .innerJoin('org_units as o', 'o.id', 'p.grid_id')
      .select([...personColumns, 'a.full_name as address', 'o.name as grid_name'])
      .where('p.id', '=', id)
      .executeTakeFirst();
  },
  findForUpdate(db: Executor, id: string) {
    return db
      .selectFrom('people as p')
      .select(personColumns)
      .where('p.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },
  byIdHash(db: Executor, hash: Buffer) {
    return db
      .selectFrom('people')
      .select(['id', 'grid_path'])
      .where('id_number_hash', '=', hash)
      .executeTakeFirst();
  },
  /** Which of these ID hashes are registered already (bulk import: one query per batch). */
  byIdHashes(db: Executor, hashes: Buffer[]) {
    if (hashes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('people')
      .select(['id', 'grid_path', 'id_number_hash'])
      .where('id_number_hash', '=', sql<Buffer>`ANY(${hashes}::bytea[])`)
      .execute();
  },
  insert(
    db: Executor,
    values: {
      name: string;
      gender: 'male' | 'female';
      birth_date: string;
      ethnicity: string | null;
      id_number_enc: Buffer;
      id_number_hash: Buffer;
      phone_enc: Buffer | null;
      phone_hash: Buffer | null;
      hukou_place: string | null;
      address_id: string | null;
      grid_id: string;
      grid_path: string;
    },
  ) {
    return db.insertInto('people').values(values).returning('id').executeTakeFirstOrThrow();
  },
  update(
    db: Executor,
    id: string,
    values: Partial<{
      name: string;
      ethnicity: string | null;
      hukou_place: string | null;
      phone_enc: Buffer | null;
      phone_hash: Buffer | null;
      address_id: string | null;
      grid_id: string;
      grid_path: string;
      status: 'active' | 'moved_out' | 'deregistered' | 'deceased';
      status_date: string | null;
    }>,
  ) {
    return db
      .updateTable('people')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },
  list(
    db: Executor,
    actor: Actor,
    filters: { withinPath?: string; status?: string; addressId?: string },
    page: Page,
  ) {
    let q = db
      .selectFrom('people as p')
      .leftJoin('addresses as a', 'a.id', 'p.address_id')
      .where(pathInScope(actor, 'p.grid_path'));
    if (filters.withinPath) q = q.where(sql<boolean>`starts_with(p.grid_path, ${filters.withinPath})`);
    if (filters.status) q = q.where('p.status', '=', filters.status as 'active');
    if (filters.addressId) q = q.where('p.address_id', '=', filters.addressId);
    return listPage(q, (q) => q.select([...personColumns, 'a.full_name as address']).orderBy('p.id'), page);
  },
  roles(db: Executor, personId: string) {
    return db
      .selectFrom('person_roles')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('id')
      .execute();
  },
  role(db: Executor, id: string) {
    return db.selectFrom('person_roles').selectAll().where('id', '=', id).executeTakeFirst();
  },
  houseLinks(db: Executor, personId: string) {
    return db
      .selectFrom('person_house_links as l')
      .innerJoin('houses as h', 'h.id', 'l.house_id')
      .innerJoin('addresses as a', 'a.id', 'h.address_id')
      .select([
        'l.id',
        'l.house_id',
        'l.kind',
        'l.valid_from',
        'l.valid_to',
        'a.full_name as address',
        'h.grid_path',
      ])
      .where('l.person_id', '=', personId)
      .orderBy('l.id')
      .execute();
  },
  unitLinks(db: Executor, personId: string) {
    return db
      .selectFrom('unit_people as l')
      .innerJoin('units as u', 'u.id', 'l.unit_id')
      .select([
        'l.id',
        'l.unit_id',
        'l.role',
        'l.valid_from',
        'l.valid_to',
        'u.name as unit_name',
        'u.grid_path',
      ])
      .where('l.person_id', '=', personId)
      .orderBy('l.id')
      .execute();
  },
  specialRecords(db: Executor, personId: string, types: readonly string[]) {
    if (types.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('special_group_records')
      .selectAll()
      .where('person_id', '=', personId)
      .where('type_code', 'in', types)
      .orderBy('id')
      .execute();
  },
  careRecords(db: Executor, personId: string) {
    return db
      .selectFrom('care_group_records')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('id')
      .execute();
  },
};

export type PersonRow = NonNullable<Awaited<ReturnType<typeof peopleRepository.find>>>;
