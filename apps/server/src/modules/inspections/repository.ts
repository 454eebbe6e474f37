import { type Insertable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { InspectionsTable } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';

export interface InspectionFilters {
  unitId?: string;
  withinPath?: string;
  from?: Date;
  to?: Date;
}

const inspectionColumns = [
  'i.id',
  'i.unit_id',
  'un.name as unit_name',
  'un.kind as unit_kind',
  'i.checklist_code',
  'c.name_zh as checklist_name',
  'i.inspector_id',
  'us.display_name as inspector_name',
  'i.grid_id',
  'i.observed_at',
  'i.created_at',
  'i.outcome',
  'i.failed_count',
  'i.results',
  'i.note',
  'i.lon',
  'i.lat',
  'i.case_id',
  'k.code as case_code',
] as const;

export type InspectionRow = NonNullable<Awaited<ReturnType<typeof inspectionRepository.findVisible>>>;
export type ChecklistWithItems = Awaited<ReturnType<typeof inspectionRepository.checklists>>[number];
export type UnitForInspection = NonNullable<Awaited<ReturnType<typeof inspectionRepository.unit>>>;
export type DueCandidate = Awaited<ReturnType<typeof inspectionRepository.dueCandidates>>[number];

/** Inspections the caller may read: those in their scope and their own. */
function readable(actor: Actor) {
  return sql<SqlBool>`(${pathInScope(actor, 'i.grid_path')} OR i.inspector_id = ${actor.userId})`;
}

function inspectionsQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('inspections as i')
    .innerJoin('units as un', 'un.id', 'i.unit_id')
    .innerJoin('inspection_checklists as c', 'c.code', 'i.checklist_code')
    .innerJoin('users as us', 'us.id', 'i.inspector_id')
    .leftJoin('cases as k', 'k.id', 'i.case_id')
    .where(readable(actor));
}

/**
 * Units with their address and a point: the building of their address, else the first building
 * under it (a shop registered at a house number stands among that number's buildings).
 */
function locatedUnits(db: Db) {
  return db
    .selectFrom('units as u')
    .leftJoin('addresses as a', 'a.id', 'u.address_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('addresses as x')
          .innerJoin('buildings as b', 'b.id', 'x.building_id')
          .select(['b.lon', 'b.lat'])
          .where(sql<SqlBool>`(x.id = u.address_id OR x.parent_id = u.address_id)`)
          .orderBy(sql`x.id = u.address_id`, 'desc')
          .orderBy('x.code')
          .limit(1)
          .as('loc'),
      (join) => join.onTrue(),
    );
}

export const inspectionRepository = {
  async checklists(db: Db, code?: string) {
    let q = db.selectFrom('inspection_checklists').selectAll().where('active', '=', true);
    if (code) q = q.where('code', '=', code);
    const lists = await q.orderBy('code').execute();
    if (!lists.length) return [];
    const items = await db
      .selectFrom('inspection_checklist_items')
      .selectAll()
      .where(
        'checklist_code',
        'in',
        lists.map((l) => l.code),
      )
      .orderBy('checklist_code')
      .orderBy('sort')
      .execute();
    return lists.map((l) => ({ ...l, items: items.filter((i) => i.checklist_code === l.code) }));
  },

  async checklist(db: Db, code: string) {
    return (await inspectionRepository.checklists(db, code))[0];
  },

  unit(db: Db, id: string) {
    return locatedUnits(db)
      .select([
        'u.id',
        'u.name',
        'u.kind',
        'u.fire_safety_level',
        'u.grid_id',
        'u.grid_path',
        'u.retired_at',
        'a.full_name as address',
        'loc.lon',
        'loc.lat',
      ])
      .where('u.id', '=', id)
      .executeTakeFirst();
  },

  byKey(db: Db, userId: string, key: string) {
    return db
      .selectFrom('inspections')
      .select('id')
      .where('inspector_id', '=', userId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  },

  /** Of the given photos, those the user uploaded that no case, errand or inspection uses yet. */
  async unusedPhotosOf(db: Db, userId: string, ids: string[]) {
    if (!ids.length) return new Set<string>();
    const rows = await db
      .selectFrom('attachments as a')
      .select('a.id')
      .where('a.id', 'in', ids)
      .where('a.uploaded_by', '=', userId)
      .where('a.case_id', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('errand_documents as ed').select('ed.id').whereRef('ed.attachment_id', '=', 'a.id'),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('inspection_photos as ip')
              .select('ip.item_key')
              .whereRef('ip.attachment_id', '=', 'a.id'),
          ),
        ),
      )
      .execute();
    return new Set(rows.map((r) => r.id));
  },

  insert(db: Db, row: Insertable<InspectionsTable>) {
    return db.insertInto('inspections').values(row).returning('id').executeTakeFirstOrThrow();
  },

  async insertPhotos(db: Db, rows: { attachment_id: string; inspection_id: string; item_key: string }[]) {
    if (rows.length) await db.insertInto('inspection_photos').values(rows).execute();
  },

  findVisible(db: Db, actor: Actor, id: string) {
    return inspectionsQuery(db, actor).select(inspectionColumns).where('i.id', '=', id).executeTakeFirst();
  },

  async list(db: Db, actor: Actor, filters: InspectionFilters, page: { limit: number; offset: number }) {
    let q = inspectionsQuery(db, actor);
    if (filters.unitId) q = q.where('i.unit_id', '=', filters.unitId);
    if (filters.withinPath) q = q.where(sql<SqlBool>`starts_with(i.grid_path, ${filters.withinPath})`);
    if (filters.from) q = q.where('i.observed_at', '>=', filters.from);
    if (filters.to) q = q.where('i.observed_at', '<', filters.to);
    const [items, total] = await Promise.all([
      q
        .select(inspectionColumns)
        .orderBy('i.observed_at', 'desc')
        .orderBy('i.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: total.n };
  },

  /** A photo of the inspection (any item), if it is one. */
  photo(db: Db, inspectionId: string, attachmentId: string) {
    return db
      .selectFrom('inspection_photos as ip')
      .innerJoin('attachments as a', 'a.id', 'ip.attachment_id')
      .selectAll('a')
      .where('ip.inspection_id', '=', inspectionId)
      .where('ip.attachment_id', '=', attachmentId)
      .executeTakeFirst();
  },

  /**
   * Every (current unit in scope, applicable checklist) pair with the latest inspection of it:
   * the light rows the due list computes status and order from before it loads one page.
   */
  dueCandidates(db: Db, actor: Actor, withinPath?: string) {
    let q = db
      .selectFrom('units as u')
      .innerJoin('inspection_checklists as c', (join) =>
        join.on(sql<SqlBool>`u.kind = ANY (c.unit_kinds)`).on('c.active', '=', true),
      )
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('inspections as i')
            .select(['i.observed_at', 'i.outcome'])
            .whereRef('i.unit_id', '=', 'u.id')
            .whereRef('i.checklist_code', '=', 'c.code')
            .orderBy('i.observed_at', 'desc')
            .limit(1)
            .as('li'),
        (join) => join.onTrue(),
      )
      .select([
        'u.id as unit_id',
        'u.fire_safety_level',
        'c.code as checklist_code',
        'c.name_zh as checklist_name',
        'c.cycle_days',
        'li.observed_at as last_observed_at',
        'li.outcome as last_outcome',
      ])
      .where('u.retired_at', 'is', null)
      .where(pathInScope(actor, 'u.grid_path'));
    if (withinPath) q = q.where(sql<SqlBool>`starts_with(u.grid_path, ${withinPath})`);
    return q.execute();
  },

  /** What the due list shows of each unit: name, kind, address, grid and point. */
  dueUnits(db: Db, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return locatedUnits(db)
      .innerJoin('org_units as g', 'g.id', 'u.grid_id')
      .select([
        'u.id',
        'u.name',
        'u.kind',
        'u.fire_safety_level',
        'a.full_name as address',
        'u.grid_id',
        'g.name as grid_name',
        'loc.lon',
        'loc.lat',
      ])
      .where('u.id', 'in', ids)
      .execute();
  },
};
