import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export interface BasemapRow {
  id: string;
  kind: 'road' | 'building' | 'water' | 'green';
  class: 'main' | 'lane' | null;
  name: string | null;
  levels: number | null;
  geometry: unknown;
}

export const basemapRepository = {
  /**
   * Features shown at this zoom whose bbox overlaps the given one (GiST index on the bbox box),
   * areas and main roads before lanes and buildings, at most `limit`.
   */
  async inBbox(db: Db, options: { bbox: Bbox; zoom: number; limit: number }): Promise<BasemapRow[]> {
    const [w, s, e, n] = options.bbox;
    return db
      .selectFrom('basemap_features')
      .select(['id', 'kind', 'class', 'name', 'levels', 'geometry'])
      .where('min_zoom', '<=', options.zoom)
      .where(
        sql<boolean>`box(point(min_lon, min_lat), point(max_lon, max_lat)) && box(point(${w}, ${s}), point(${e}, ${n}))`,
      )
      .orderBy('min_zoom')
      .orderBy('id')
      .limit(options.limit)
      .execute();
  },
};
