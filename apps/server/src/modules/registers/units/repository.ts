import { sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import { pathInScope } from '../../access/scope-sql.ts';
import { listPage, type Page } from '../paging.ts';
import { personSummaryColumns } from '../people/repository.ts';
import type { Executor } from '../shared.ts';

const unitColumns = [
  'u.id',
  'u.kind',
  'u.name',
  'u.credit_code',
  'u.legal_rep_person_id',
  'u.employees',
  'u.supervising_department_id',
  'u.fire_safety_level',
  'u.address_id',
  'u.grid_id',
  'u.grid_path',
  'u.retired_at',
  'a.full_name as address',
  'd.name as department_name',
  'lr.name as legal_rep_name',
] as const;

function base(db: Executor) {
  return db
    .selectFrom('units as u')
    .leftJoin('addresses as a', 'a.id', 'u.address_id')
    .leftJoin('departments as d', 'd.id', 'u.supervising_department_id')
    .leftJoin('people as lr', 'lr.id', 'u.legal_rep_person_id');
}

export const unitRepository = {
  find(db: Executor, id: string) {
    return base(db).select(unitColumns).where('u.id', '=', id).executeTakeFirst();
  },
  lock(db: Executor, id: string) {
    return db.selectFrom('units').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },
  people(db: Executor, unitId: string) {
    return db
      .selectFrom('unit_people as l')
      .innerJoin('people as p', 'p.id', 'l.person_id')
      .select(['l.id as link_id', 'l.role', 'l.valid_from', ...personSummaryColumns])
      .where('l.unit_id', '=', unitId)
      .where('l.valid_to', 'is', null)
      .orderBy('l.id')
      .execute();
  },
  list(db: Executor, actor: Actor, filters: { withinPath?: string; kind?: string }, page: Page) {
    let q = base(db).where(pathInScope(actor, 'u.grid_path')).where('u.retired_at', 'is', null);
    if (filters.withinPath) q = q.where(sql<boolean>`starts_with(u.grid_path, ${filters.withinPath})`);
    if (filters.kind) q = q.where('u.kind', '=', filters.kind);
    return listPage(q, (q) => q.select(unitColumns).orderBy('u.id'), page);
  },
};

export type UnitRow = NonNullable<Awaited<ReturnType<typeof unitRepository.find>>>;
