import { sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import { pathInScope } from '../../access/scope-sql.ts';
import { listPage, type Page } from '../paging.ts';
import type { Executor } from '../shared.ts';

export const addressColumns = [
  'a.id',
  'a.parent_id',
  'a.level',
  'a.code',
  'a.name',
  'a.full_name',
  'a.grid_id',
  'a.grid_path',
  'a.building_id',
  'a.unit_no',
  'a.floor',
  'a.room',
  'a.created_at',
  'a.updated_at',
  'a.retired_at',
] as const;

export const addressRepository = {
  find(db: Executor, id: string) {
    return db.selectFrom('addresses as a').select(addressColumns).where('a.id', '=', id).executeTakeFirst();
  },

  findForUpdate(db: Executor, id: string) {
    return db
      .selectFrom('addresses as a')
      .select(addressColumns)
      .where('a.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  orgUnit(db: Executor, id: string) {
    return db
      .selectFrom('org_units')
      .select(['id', 'level', 'path', 'name'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  building(db: Executor, id: string) {
    return db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select([
        'b.id',
        'b.name',
        'b.code',
        'b.grid_id',
        'b.floors',
        'b.units',
        'b.households',
        'b.address',
        'o.path',
      ])
      .where('b.id', '=', id)
      .executeTakeFirst();
  },

  async childCount(db: Executor, parentId: string | null) {
    const q = db.selectFrom('addresses').select((eb) => eb.fn.countAll<string>().as('n'));
    const row = await (parentId === null
      ? q.where('parent_id', 'is', null)
      : q.where('parent_id', '=', parentId)
    ).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async activeDependants(db: Executor, id: string) {
    const { rows } = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM addresses WHERE parent_id = ${id} AND retired_at IS NULL)
           + (SELECT count(*) FROM houses WHERE address_id = ${id} AND retired_at IS NULL)
           + (SELECT count(*) FROM people WHERE address_id = ${id} AND status = 'active')
           + (SELECT count(*) FROM units WHERE address_id = ${id} AND retired_at IS NULL) AS n`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },

  insert(
    db: Executor,
    values: {
      parent_id: string | null;
      level: 'road' | 'number' | 'building' | 'unit' | 'floor' | 'room';
      code: string;
      name: string;
      full_name: string;
      grid_id: string;
      grid_path: string;
      building_id: string | null;
      unit_no: number | null;
      floor: number | null;
      room: string | null;
    },
  ) {
    return db.insertInto('addresses').values(values).returning('id').executeTakeFirstOrThrow();
  },

  /** Renames one element: its own full name and every descendant's prefix; returns the ids touched. */
  async rename(db: Executor, id: string, name: string, oldFull: string, newFull: string) {
    await db.updateTable('addresses').set({ name, updated_at: new Date() }).where('id', '=', id).execute();
    const { rows } = await sql<{ id: string; full_name: string; grid_path: string }>`
      WITH RECURSIVE sub AS (
        SELECT id FROM addresses WHERE id = ${id}
        UNION ALL SELECT a.id FROM addresses a JOIN sub ON a.parent_id = sub.id)
      UPDATE addresses a SET full_name = ${newFull} || substr(a.full_name, ${oldFull.length + 1})
      FROM sub WHERE a.id = sub.id AND starts_with(a.full_name, ${oldFull})
      RETURNING a.id, a.full_name, a.grid_path`.execute(db);
    return rows;
  },

  retire(db: Executor, id: string) {
    return db
      .updateTable('addresses')
      .set({ retired_at: new Date(), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  list(
    db: Executor,
    actor: Actor,
    filters: { parentId?: string; withinPath?: string; level?: string; includeRetired?: boolean },
    page: Page,
  ) {
    let q = db.selectFrom('addresses as a').where(pathInScope(actor, 'a.grid_path'));
    if (filters.parentId) q = q.where('a.parent_id', '=', filters.parentId);
    if (filters.withinPath) q = q.where(sql<boolean>`starts_with(a.grid_path, ${filters.withinPath})`);
    if (filters.level) q = q.where('a.level', '=', filters.level as 'road');
    if (!filters.includeRetired) q = q.where('a.retired_at', 'is', null);
    return listPage(q, (q) => q.select(addressColumns).orderBy('a.code'), page);
  },

  ancestors(db: Executor, id: string) {
    return sql<{ id: string; level: string; name: string; code: string }>`
      WITH RECURSIVE up AS (
        SELECT id, parent_id, level, name, code, 0 AS depth FROM addresses WHERE id = ${id}
        UNION ALL SELECT a.id, a.parent_id, a.level, a.name, a.code, up.depth + 1
        FROM addresses a JOIN up ON a.id = up.parent_id)
      SELECT id, level, name, code FROM up WHERE depth > 0 ORDER BY depth DESC`
      .execute(db)
      .then((r) => r.rows);
  },
};

export type AddressRow = NonNullable<Awaited<ReturnType<typeof addressRepository.find>>>;
