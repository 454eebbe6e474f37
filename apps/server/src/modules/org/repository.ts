import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { OrgLevel } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';

export interface OrgNodeRow {
  id: string;
  parent_id: string | null;
  level: OrgLevel | 'building';
  code: string;
  name: string;
  path: string;
  child_count: number;
}

const childCount = sql<number>`(
  CASE WHEN o.level = 'grid'
    THEN (SELECT count(*) FROM buildings b WHERE b.grid_id = o.id)
    ELSE (SELECT count(*) FROM org_units c WHERE c.parent_id = o.id) END)::int`;

export const orgRepository = {
  findById(db: Db, id: string) {
    return db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByCode(db: Db, code: string) {
    return db.selectFrom('org_units').selectAll().where('code', '=', code).executeTakeFirst();
  },

  findNode(db: Db, id: string) {
    return db
      .selectFrom('org_units as o')
      .select(['o.id', 'o.parent_id', 'o.level', 'o.code', 'o.name', 'o.path', childCount.as('child_count')])
      .where('o.id', '=', id)
      .executeTakeFirst() as Promise<OrgNodeRow | undefined>;
  },

  /** The top of the caller's scope: the assigned units themselves. */
  scopeRoots(db: Db, actor: Actor) {
    if (actor.scopePaths.length === 0) return Promise.resolve([] as OrgNodeRow[]);
    return db
      .selectFrom('org_units as o')
      .select(['o.id', 'o.parent_id', 'o.level', 'o.code', 'o.name', 'o.path', childCount.as('child_count')])
      .where('o.path', 'in', actor.scopePaths)
      .orderBy('o.path')
      .execute() as Promise<OrgNodeRow[]>;
  },

  children(db: Db, parentId: string) {
    return db
      .selectFrom('org_units as o')
      .select(['o.id', 'o.parent_id', 'o.level', 'o.code', 'o.name', 'o.path', childCount.as('child_count')])
      .where('o.parent_id', '=', parentId)
      .orderBy('o.code')
      .execute() as Promise<OrgNodeRow[]>;
  },

  /** Buildings are the leaves under a grid in the level tree. */
  async buildingNodes(db: Db, grid: { id: string; path: string }): Promise<OrgNodeRow[]> {
    const rows = await db
      .selectFrom('buildings')
      .select(['id', 'code', 'name'])
      .where('grid_id', '=', grid.id)
      .orderBy('code')
      .execute();
    return rows.map((b) => ({
      id: b.id,
      parent_id: grid.id,
      level: 'building' as const,
      code: b.code,
      name: b.name,
      path: grid.path,
      child_count: 0,
    }));
  },

  /** Ancestors (root first) that the actor may see, ending with the unit itself. */
  chainInScope(db: Db, actor: Actor, path: string) {
    return db
      .selectFrom('org_units as o')
      .select(['o.id', 'o.parent_id', 'o.level', 'o.code', 'o.name', 'o.path', childCount.as('child_count')])
      .where(sql<boolean>`${path} LIKE o.path || '%'`)
      .where(pathInScope(actor, 'o.path'))
      .orderBy(sql`length(o.path)`)
      .execute() as Promise<OrgNodeRow[]>;
  },

  insert(db: Db, values: { parentId: string; level: OrgLevel; code: string; name: string; path: string }) {
    return db
      .insertInto('org_units')
      .values({
        parent_id: values.parentId,
        level: values.level,
        code: values.code,
        name: values.name,
        path: values.path,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  },

  rename(db: Db, id: string, name: string) {
    return db.updateTable('org_units').set({ name, updated_at: sql`now()` }).where('id', '=', id).execute();
  },
};
