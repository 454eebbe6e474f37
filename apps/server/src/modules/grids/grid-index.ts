import { type Geometry, GridLocator } from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export interface LocatedGrid {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  chain: { id: string; code: string; name: string; level: string }[];
}

interface IndexRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  geometry: Geometry;
  chain: { id: string; code: string; name: string; level: string }[];
}

/**
 * Point → grid in memory: every case report and position fix asks this, so it must not touch
 * the database. Rebuilt whole after any boundary change (a city's 6,000 grids build in well
 * under a second); lookups keep using the old index until the new one is ready.
 */
export class GridIndex {
  private locator: GridLocator<LocatedGrid> = GridLocator.build<LocatedGrid>([]);
  private building: Promise<void> | null = null;
  builtAt: Date | null = null;
  buildMs = 0;

  constructor(private readonly db: Db) {}

  get size(): number {
    return this.locator.size;
  }

  locate(lon: number, lat: number): LocatedGrid | null {
    return this.locator.locate(lon, lat);
  }

  /** Coalesces concurrent requests for a rebuild into one pass over the database. */
  rebuild(): Promise<void> {
    this.building ??= this.load().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  private async load(): Promise<void> {
    const started = performance.now();
    const { rows } = await sql<IndexRow>`
      SELECT o.id, o.code, o.name, g.kind, o.path, b.geometry,
        (SELECT json_agg(json_build_object('id', a.id::text, 'code', a.code, 'name', a.name, 'level', a.level)
                         ORDER BY length(a.path))
           FROM org_units a WHERE o.path LIKE a.path || '%' AND a.id <> o.id) AS chain
      FROM org_units o
      JOIN grids g ON g.org_unit_id = o.id
      JOIN boundaries b ON b.org_unit_id = o.id AND b.valid_to IS NULL
      WHERE o.level = 'grid'`.execute(this.db);
    this.locator = GridLocator.build(
      rows.map((r) => ({
        key: { id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path, chain: r.chain ?? [] },
        order: r.code,
        geometry: r.geometry,
      })),
    );
    this.builtAt = new Date();
    this.buildMs = performance.now() - started;
  }
}
