import type { Geometry } from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';

export interface GridFilters {
  within?: { path: string };
  kind?: 'base' | 'special';
  q?: string;
  householdStatus?: 'under' | 'ok' | 'over';
  /** Exactly this grid code. */
  code?: string;
  /** Grids whose current boundary's bbox meets [minLon, minLat, maxLon, maxLat]. */
  bbox?: [number, number, number, number];
}

export type GridWithBoundaryRow = GridRow & { geometry: Geometry; valid_from: Date; area_m2: number };

export interface GridRow {
  id: string;
  code: string;
  name: string;
  path: string;
  kind: 'base' | 'special';
  special_type: string | null;
  households: number;
  population: number;
  community_id: string;
  community_code: string;
  community_name: string;
}

export interface CurrentBoundary {
  org_unit_id: string;
  geometry: Geometry;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  area_m2: number;
  valid_from: Date;
}

function gridsQuery(db: Db, actor: Actor, filters: GridFilters) {
  let query = db
    .selectFrom('org_units as o')
    .innerJoin('grids as g', 'g.org_unit_id', 'o.id')
    .innerJoin('org_units as c', 'c.id', 'o.parent_id')
    .where('o.level', '=', 'grid')
    .where(pathInScope(actor, 'o.path'));
  if (filters.within) query = query.where('o.path', 'like', `${filters.within.path}%`);
  if (filters.kind) query = query.where('g.kind', '=', filters.kind);
  if (filters.code) query = query.where('o.code', '=', filters.code);
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) => eb.or([eb('o.name', 'like', like), eb('o.code', 'like', like)]));
  }
  if (filters.householdStatus === 'under') query = query.where('g.households', '<', 300);
  if (filters.householdStatus === 'ok')
    query = query.where('g.households', '>=', 300).where('g.households', '<=', 500);
  if (filters.householdStatus === 'over') query = query.where('g.households', '>', 500);
  return query;
}

const gridColumns = [
  'o.id',
  'o.code',
  'o.name',
  'o.path',
  'g.kind',
  'g.special_type',
  'g.households',
  'g.population',
  'c.id as community_id',
  'c.code as community_code',
  'c.name as community_name',
] as const;

export const gridRepository = {
  async list(db: Db, actor: Actor, filters: GridFilters, page: { limit: number; offset: number }) {
    const query = gridsQuery(db, actor, filters);
    const [items, total] = await Promise.all([
      query.select(gridColumns).orderBy('o.code').limit(page.limit).offset(page.offset).execute(),
      query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as GridRow[], total: total.n };
  },

  /** Grids with their current boundary, for the map, export and OGC API; paged when asked. */
  async withBoundaries(db: Db, actor: Actor, filters: GridFilters, page?: { limit: number; offset: number }) {
    let query = gridsQuery(db, actor, filters).innerJoin('boundaries as b', (join) =>
      join.onRef('b.org_unit_id', '=', 'o.id').on('b.valid_to', 'is', null),
    );
    if (filters.bbox) {
      const [minLon, minLat, maxLon, maxLat] = filters.bbox;
      query = query
        .where('b.max_lon', '>=', minLon)
        .where('b.min_lon', '<=', maxLon)
        .where('b.max_lat', '>=', minLat)
        .where('b.min_lat', '<=', maxLat);
    }
    let rows = query.select([...gridColumns, 'b.geometry', 'b.valid_from', 'b.area_m2']).orderBy('o.code');
    if (page) rows = rows.limit(page.limit).offset(page.offset);
    const [items, matched] = await Promise.all([
      rows.execute() as Promise<GridWithBoundaryRow[]>,
      page ? query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow() : null,
    ]);
    return { items, matched: matched?.n ?? items.length };
  },

  /** Bounding box of all current grid boundaries in scope; nulls when there are none. */
  extent(db: Db, actor: Actor) {
    return gridsQuery(db, actor, {})
      .innerJoin('boundaries as b', (join) =>
        join.onRef('b.org_unit_id', '=', 'o.id').on('b.valid_to', 'is', null),
      )
      .select([
        sql<number | null>`min(b.min_lon)`.as('min_lon'),
        sql<number | null>`min(b.min_lat)`.as('min_lat'),
        sql<number | null>`max(b.max_lon)`.as('max_lon'),
        sql<number | null>`max(b.max_lat)`.as('max_lat'),
      ])
      .executeTakeFirstOrThrow();
  },

  findGrid(db: Db, id: string) {
    return db
      .selectFrom('org_units as o')
      .innerJoin('grids as g', 'g.org_unit_id', 'o.id')
      .innerJoin('org_units as c', 'c.id', 'o.parent_id')
      .select(gridColumns)
      .where('o.id', '=', id)
      .where('o.level', '=', 'grid')
      .executeTakeFirst() as Promise<GridRow | undefined>;
  },

  /** Street, district and city above a community, by path. */
  ancestors(db: Db, path: string) {
    return db
      .selectFrom('org_units')
      .select(['id', 'code', 'name', 'level'])
      .where(sql<boolean>`${path} LIKE path || '%'`)
      .where('level', 'in', ['city', 'district', 'street'])
      .execute();
  },

  currentBoundary(db: Db, orgUnitId: string) {
    return db
      .selectFrom('boundaries')
      .select([
        'org_unit_id',
        'geometry',
        'min_lon',
        'min_lat',
        'max_lon',
        'max_lat',
        'area_m2',
        'valid_from',
      ])
      .where('org_unit_id', '=', orgUnitId)
      .where('valid_to', 'is', null)
      .executeTakeFirst() as Promise<CurrentBoundary | undefined>;
  },

  boundaryHistory(db: Db, orgUnitId: string) {
    return db
      .selectFrom('boundaries as b')
      .leftJoin('users as u', 'u.id', 'b.changed_by')
      .select([
        'b.id',
        'b.geometry',
        'b.valid_from',
        'b.valid_to',
        'b.note',
        'b.area_m2',
        'u.display_name as changed_by',
      ])
      .where('b.org_unit_id', '=', orgUnitId)
      .orderBy('b.valid_from', 'desc')
      .orderBy('b.id', 'desc')
      .$narrowType<{ geometry: Geometry; valid_to: Date | null }>()
      .execute();
  },

  buildings(db: Db, gridId: string) {
    return db.selectFrom('buildings').selectAll().where('grid_id', '=', gridId).orderBy('code').execute();
  },

  team(db: Db, gridId: string) {
    return db
      .selectFrom('grid_team_members as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select(['u.id as user_id', 'u.display_name', 'u.phone', 't.team_role', 't.since'])
      .where('t.grid_id', '=', gridId)
      .orderBy(sql`array_position(array['leader','instructor','full_time','part_time'], t.team_role)`)
      .orderBy('u.id')
      .execute();
  },

  /** Locks the community row so two boundary changes inside one community are serialised. */
  lockCommunity(db: Db, communityId: string) {
    return db
      .selectFrom('org_units')
      .select(['id', 'code', 'path'])
      .where('id', '=', communityId)
      .forUpdate()
      .executeTakeFirst();
  },

  /** Every grid of a community with its current boundary, for tiling checks. */
  communityGrids(db: Db, communityId: string) {
    return db
      .selectFrom('org_units as o')
      .innerJoin('grids as g', 'g.org_unit_id', 'o.id')
      .leftJoin('boundaries as b', (join) =>
        join.onRef('b.org_unit_id', '=', 'o.id').on('b.valid_to', 'is', null),
      )
      .select(['o.id', 'o.code', 'o.name', 'g.kind', 'g.special_type', 'g.households', 'b.geometry'])
      .where('o.parent_id', '=', communityId)
      .execute() as Promise<
      {
        id: string;
        code: string;
        name: string;
        kind: string;
        special_type: string | null;
        households: number;
        geometry: Geometry | null;
      }[]
    >;
  },

  async replaceBoundary(
    db: Db,
    values: {
      orgUnitId: string;
      geometry: Geometry;
      bbox: [number, number, number, number];
      areaM2: number;
      changedBy: string;
      note: string | null;
    },
  ) {
    await db
      .updateTable('boundaries')
      .set({ valid_to: sql`now()` })
      .where('org_unit_id', '=', values.orgUnitId)
      .where('valid_to', 'is', null)
      .execute();
    await db
      .insertInto('boundaries')
      .values({
        org_unit_id: values.orgUnitId,
        geometry: JSON.stringify(values.geometry),
        min_lon: values.bbox[0],
        min_lat: values.bbox[1],
        max_lon: values.bbox[2],
        max_lat: values.bbox[3],
        area_m2: values.areaM2,
        changed_by: values.changedBy,
        note: values.note,
      })
      .execute();
  },
};
