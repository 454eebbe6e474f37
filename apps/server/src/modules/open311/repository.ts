import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { caseVisible } from '../cases/visibility.ts';

/** Case states that GeoReport v2 reports as status=closed; every other state is open. */
export const CLOSED_STATES = ['closed', 'evaluated', 'archived', 'voided'] as const;

export interface RequestFilters {
  codes?: string[];
  serviceCodes?: string[];
  from?: Date;
  to?: Date;
  status?: ('open' | 'closed')[];
}

/**
 * Who reads requests: the user behind an api_key sees the cases visible to them (the platform's
 * one visibility rule); an anonymous caller sees only the cases that came in through Open311.
 */
export type Reader = { actor: Actor | null };

export const open311Repository = {
  /** Leaf categories with their major category's name: the Open311 services. */
  services(db: Db) {
    return db
      .selectFrom('case_categories as c')
      .innerJoin('case_categories as m', 'm.code', 'c.parent_code')
      .select([
        'c.code',
        'c.name_zh',
        'c.name_en',
        'c.filing_standard',
        'c.limits',
        'c.is_police',
        'm.name_zh as group_name',
      ])
      .orderBy('c.sort')
      .orderBy('c.code')
      .execute();
  },

  service(db: Db, code: string) {
    return db
      .selectFrom('case_categories')
      .select(['code', 'name_zh', 'limits', 'is_police'])
      .where('code', '=', code)
      .where('parent_code', 'is not', null)
      .executeTakeFirst();
  },

  requests(db: Db, reader: Reader, filters: RequestFilters, limit: number) {
    let query = db
      .selectFrom('cases as c')
      .innerJoin('case_categories as cat', 'cat.code', 'c.category_code')
      .innerJoin('org_units as ow', 'ow.id', 'c.owner_unit_id')
      .select([
        'c.id',
        'c.code',
        'c.state',
        'c.category_code',
        'cat.name_zh as category_name',
        'cat.limits',
        'cat.is_police',
        'c.description',
        'c.address',
        'c.media_url',
        'c.lon',
        'c.lat',
        'c.reported_at',
        'c.updated_at',
        'c.closed_at',
        'c.step_due_at',
        'ow.name as owner_name',
      ]);
    query = reader.actor ? query.where(caseVisible(reader.actor)) : query.where('c.source', '=', 'open311');
    if (filters.codes) query = query.where('c.code', 'in', filters.codes.length ? filters.codes : ['-']);
    if (filters.serviceCodes?.length) query = query.where('c.category_code', 'in', filters.serviceCodes);
    if (filters.from) query = query.where('c.reported_at', '>=', filters.from);
    if (filters.to) query = query.where('c.reported_at', '<=', filters.to);
    if (filters.status?.length === 1) {
      query =
        filters.status[0] === 'closed'
          ? query.where('c.state', 'in', CLOSED_STATES)
          : query.where('c.state', 'not in', CLOSED_STATES);
    }
    return query.orderBy('c.reported_at', 'desc').orderBy('c.id', 'desc').limit(limit).execute();
  },

  /** The name of the department or unit leading each case now (active lead assignment). */
  leadAgencies(db: Db, caseIds: string[]) {
    if (!caseIds.length) return Promise.resolve([]);
    return db
      .selectFrom('case_assignments as a')
      .leftJoin('departments as d', 'd.id', 'a.department_id')
      .leftJoin('org_units as o', 'o.id', 'a.org_unit_id')
      .distinctOn('a.case_id')
      .select(['a.case_id', sql<string | null>`coalesce(d.name, o.name)`.as('name')])
      .where('a.case_id', 'in', caseIds)
      .where('a.active', '=', true)
      .where('a.is_lead', '=', true)
      .orderBy('a.case_id')
      .orderBy('a.id', 'desc')
      .execute();
  },

  /** The most recent step note (or reason) of each case: what staff last said about it. */
  /** Only what staff published with an action: step notes and reasons are internal. */
  latestPublicNotes(db: Db, caseIds: string[]) {
    if (!caseIds.length) return Promise.resolve([]);
    return db
      .selectFrom('case_steps')
      .distinctOn('case_id')
      .select(['case_id', sql<string>`btrim(public_note)`.as('note')])
      .where('case_id', 'in', caseIds)
      .where(sql<boolean>`nullif(btrim(public_note), '') IS NOT NULL`)
      .orderBy('case_id')
      .orderBy('seq', 'desc')
      .execute();
  },

  firstPhotos(db: Db, caseIds: string[]) {
    if (!caseIds.length) return Promise.resolve([]);
    return db
      .selectFrom('attachments')
      .distinctOn('case_id')
      .select(['case_id', 'id'])
      .where('case_id', 'in', caseIds)
      .orderBy('case_id')
      .orderBy('id')
      .execute();
  },
};

export type RequestRow = Awaited<ReturnType<typeof open311Repository.requests>>[number];
export type ServiceRow = Awaited<ReturnType<typeof open311Repository.services>>[number];
