import { type Insertable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { VisitsTable } from '../../../db/schema.ts';
import type { Actor } from '../../access/actor.ts';
import { pathInScope } from '../../access/scope-sql.ts';

const visitColumns = [
  'v.id',
  'v.user_id',
  'u.display_name as user_name',
  'v.person_id',
  'p.name as person_name',
  'v.house_id',
  'v.grid_id',
  'g.code as grid_code',
  'g.name as grid_name',
  'v.household_key',
  'v.started_at',
  'v.ended_at',
  'v.lon',
  'v.lat',
  'v.note',
  'v.created_at',
] as const;

export type VisitRow = NonNullable<Awaited<ReturnType<typeof visitRepository.findById>>>;

/** Visits the caller may read: those in their scope and their own. */
function readable(actor: Actor) {
  return sql<SqlBool>`(${pathInScope(actor, 'v.grid_path')} OR v.user_id = ${actor.userId})`;
}

export const visitRepository = {
  byKey(db: Db, userId: string, key: string) {
    return db
      .selectFrom('visits')
      .select('id')
      .where('user_id', '=', userId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  },

  house(db: Db, id: string) {
    return db
      .selectFrom('houses')
      .select(['id', 'grid_id', 'grid_path'])
      .where('id', '=', id)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
  },

  houseAt(db: Db, addressId: string) {
    return db
      .selectFrom('houses')
      .select('id')
      .where('address_id', '=', addressId)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
  },

  person(db: Db, id: string) {
    return db
      .selectFrom('people')
      .select(['id', 'grid_id', 'grid_path', 'address_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  insert(db: Db, row: Insertable<VisitsTable>) {
    return db
      .insertInto('visits')
      .values(row)
      .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
  },

  findById(db: Db, id: string) {
    return db
      .selectFrom('visits as v')
      .innerJoin('users as u', 'u.id', 'v.user_id')
      .innerJoin('org_units as g', 'g.id', 'v.grid_id')
      .leftJoin('people as p', 'p.id', 'v.person_id')
      .select(visitColumns)
      .where('v.id', '=', id)
      .executeTakeFirst();
  },

  list(db: Db, actor: Actor, filters: { userId?: string; from: Date; to: Date; ownOnly: boolean }) {
    let q = db
      .selectFrom('visits as v')
      .innerJoin('users as u', 'u.id', 'v.user_id')
      .innerJoin('org_units as g', 'g.id', 'v.grid_id')
      .leftJoin('people as p', 'p.id', 'v.person_id')
      .select(visitColumns)
      .where('v.started_at', '<', filters.to)
      .where('v.ended_at', '>', filters.from);
    q = filters.ownOnly ? q.where('v.user_id', '=', actor.userId) : q.where(readable(actor));
    if (filters.userId) q = q.where('v.user_id', '=', filters.userId);
    return q.orderBy('v.started_at').orderBy('v.id').limit(2000).execute();
  },

  /** Users who record visits (visits.record) assigned to grids in scope (and under withinPath). */
  workersInScope(db: Db, actor: Actor, withinPath?: string) {
    let q = db
      .selectFrom('users as u')
      .innerJoin('user_assignments as a', 'a.user_id', 'u.id')
      .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
      .select([
        'u.id as user_id',
        'u.username',
        'u.display_name',
        'o.id as grid_id',
        'o.code as grid_code',
        'o.name as grid_name',
        'o.path as grid_path',
      ])
      .where('u.active', '=', true)
      .where('o.level', '=', 'grid')
      .where(pathInScope(actor, 'o.path'))
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('user_roles as ur')
            .innerJoin('roles as r', 'r.code', 'ur.role_code')
            .whereRef('ur.user_id', '=', 'u.id')
            .where(sql<SqlBool>`'visits.record' = ANY (r.permissions)`),
        ),
      );
    if (withinPath) q = q.where('o.path', 'like', `${withinPath}%`);
    return q.orderBy('u.username').orderBy('o.code').execute();
  },

  visitsInWindow(db: Db, actor: Actor, filters: { from: Date; to: Date; withinPath?: string }) {
    let q = db
      .selectFrom('visits as v')
      .innerJoin('users as u', 'u.id', 'v.user_id')
      .innerJoin('org_units as g', 'g.id', 'v.grid_id')
      .select([
        'v.user_id',
        'u.username',
        'u.display_name',
        'v.grid_id',
        'g.code as grid_code',
        'g.name as grid_name',
        'v.grid_path',
        'v.household_key',
        'v.started_at',
        'v.ended_at',
      ])
      .where('v.started_at', '<', filters.to)
      .where('v.ended_at', '>', filters.from)
      .where(pathInScope(actor, 'v.grid_path'));
    if (filters.withinPath) q = q.where('v.grid_path', 'like', `${filters.withinPath}%`);
    return q.execute();
  },

  /** One worker's visits overlapping [from, to), whatever the grid (their own day), earliest first. */
  intervalsOf(db: Db, userId: string, from: Date, to: Date) {
    return db
      .selectFrom('visits')
      .select(['started_at', 'ended_at', 'household_key', 'grid_path'])
      .where('user_id', '=', userId)
      .where('started_at', '<', to)
      .where('ended_at', '>', from)
      .orderBy('started_at')
      .execute();
  },

  targets(db: Db) {
    return db
      .selectFrom('visit_targets as t')
      .innerJoin('org_units as o', 'o.id', 't.org_unit_id')
      .select(['o.path', 't.daily_minutes'])
      .execute();
  },
};
