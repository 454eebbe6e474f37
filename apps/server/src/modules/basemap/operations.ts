import type { Db } from '../../db/database.ts';
import { type BasemapRow, type Bbox, basemapRepository as repo } from './repository.ts';

/** Enough for a dense neighbourhood at street zoom; a city-wide view is main roads only. */
export const BASEMAP_LIMIT = 5000;

/** The base map features to draw for a view; `truncated` when the limit cut some off. */
export async function readBasemap(options: {
  db: Db;
  bbox: Bbox;
  zoom: number;
}): Promise<{ rows: BasemapRow[]; truncated: boolean }> {
  const rows = await repo.inBbox(options.db, {
    bbox: options.bbox,
    zoom: options.zoom,
    limit: BASEMAP_LIMIT + 1,
  });
  return { rows: rows.slice(0, BASEMAP_LIMIT), truncated: rows.length > BASEMAP_LIMIT };
}
