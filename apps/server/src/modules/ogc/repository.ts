import type { Geometry } from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';
import type { GridRow } from '../grids/repository.ts';

type Bbox = [number, number, number, number];

function itemsQuery(db: Db, actor: Actor, bbox: Bbox | null) {
  let query = db
    .selectFrom('org_units as o')
    .innerJoin('grids as g', 'g.org_unit_id', 'o.id')
    .innerJoin('org_units as c', 'c.id', 'o.parent_id')
    .innerJoin('boundaries as b', (join) =>
      join.onRef('b.org_unit_id', '=', 'o.id').on('b.valid_to', 'is', null),
    )
    .where('o.level', '=', 'grid')
    .where(pathInScope(actor, 'o.path'));
  if (bbox) {
    query = query
      .where('b.max_lon', '>=', bbox[0])
      .where('b.min_lon', '<=', bbox[2])
      .where('b.max_lat', '>=', bbox[1])
      .where('b.min_lat', '<=', bbox[3]);
  }
  return query;
}

const columns = [
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
  'b.geometry',
  'b.valid_from',
  'b.area_m2',
] as const;

export type OgcGridRow = GridRow & { geometry: Geometry; valid_from: Date; area_m2: number };

export const ogcRepository = {
  async items(db: Db, actor: Actor, options: { bbox: Bbox | null; limit: number; offset: number }) {
    const query = itemsQuery(db, actor, options.bbox);
    const [rows, matched] = await Promise.all([
      query.select(columns).orderBy('o.code').limit(options.limit).offset(options.offset).execute(),
      query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows as OgcGridRow[], matched: matched.n };
  },

  item(db: Db, actor: Actor, code: string) {
    return itemsQuery(db, actor, null)
      .select(columns)
      .where('o.code', '=', code)
      .executeTakeFirst() as Promise<OgcGridRow | undefined>;
  },

  extent(db: Db, actor: Actor) {
    return itemsQuery(db, actor, null)
      .select([
        sql<number | null>`min(b.min_lon)`.as('min_lon'),
        sql<number | null>`min(b.min_lat)`.as('min_lat'),
        sql<number | null>`max(b.max_lon)`.as('max_lon'),
        sql<number | null>`max(b.max_lat)`.as('max_lat'),
      ])
      .executeTakeFirstOrThrow();
  },
};
