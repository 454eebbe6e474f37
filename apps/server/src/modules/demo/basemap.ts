// The demo's base map, drawn from its own geometry: grid and community borders are where the roads
// run (shared outline vertices, see geometry-lattice.ts), buildings stand on their seeded points,
// and park grids get a green area with a pond. Deterministic: same data, same map.
import { bboxOf, centroidOf, createRandom, type Geometry, pointInGeometry } from '@wangge/rules';
import type { Transaction } from 'kysely';
import type { BasemapKind, Database } from '../../db/schema.ts';
import { DONGLI_STREETS, roadNames } from './names.ts';
import type { DemoData } from './types.ts';

type Position = [number, number];
type LineString = { type: 'LineString'; coordinates: Position[] };

export interface DemoBasemapFeature {
  kind: BasemapKind;
  class: 'main' | 'lane' | null;
  name: string | null;
  levels: number | null;
  minZoom: number;
  geometry: Geometry | LineString;
}

/** Smallest zoom served: main roads and areas city-wide, lanes and buildings when close. */
export const MIN_ZOOM = { main: 0, lane: 14, building: 15, area: 0 } as const;
const METRES_PER_DEGREE = 111_320;
// A road continues straight through a vertex when it turns by less than this.
const MAX_TURN = (60 * Math.PI) / 180;
const CHINESE_ORDINALS = '一二三四五六七八九十';

const key = (p: Position): string => `${p[0]},${p[1]}`;
const segmentKey = (a: Position, b: Position): string => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
};

function ringsOf(geometry: Geometry): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates as Position[][];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Position[][][]).flat();
  return [];
}

function segmentsOf(geometry: Geometry, visit: (a: Position, b: Position) => void): void {
  for (const ring of ringsOf(geometry)) for (let i = 1; i < ring.length; i++) visit(ring[i - 1]!, ring[i]!);
}

interface Segment {
  a: Position;
  b: Position;
  main: boolean;
  used: boolean;
}

interface Line {
  points: Position[];
  /** Whether the piece from points[i] to points[i + 1] lies on a community border. */
  main: boolean[];
}

/** Chains segments into polylines that run as straight as the lattice lets them. */
function chain(segments: Segment[]): Line[] {
  const at = new Map<string, Segment[]>();
  for (const s of segments) {
    for (const p of [s.a, s.b]) {
      const list = at.get(key(p)) ?? [];
      list.push(s);
      at.set(key(p), list);
    }
  }
  const heading = (from: Position, to: Position) => Math.atan2(to[1] - from[1], to[0] - from[0]);
  const extend = (line: Line) => {
    for (;;) {
      const end = line.points[line.points.length - 1]!;
      const h = heading(line.points[line.points.length - 2]!, end);
      let best: { s: Segment; next: Position; turn: number } | null = null;
      for (const s of at.get(key(end)) ?? []) {
        if (s.used) continue;
        const next = key(s.a) === key(end) ? s.b : s.a;
        let turn = Math.abs(heading(end, next) - h);
        if (turn > Math.PI) turn = 2 * Math.PI - turn;
        if (turn < MAX_TURN && (!best || turn < best.turn)) best = { s, next, turn };
      }
      if (!best) return;
      best.s.used = true;
      line.points.push(best.next);
      line.main.push(best.s.main);
    }
  };
  const lines: Line[] = [];
  for (const s of segments) {
    if (s.used) continue;
    s.used = true;
    const forward: Line = { points: [s.a, s.b], main: [s.main] };
    extend(forward);
    const backward: Line = { points: [s.b, s.a], main: [s.main] };
    extend(backward);
    lines.push({
      points: [...backward.points.slice(2).reverse(), ...forward.points],
      main: [...backward.main.slice(1).reverse(), ...forward.main],
    });
  }
  return lines;
}

/** The runs of a line that are all main or all lane. */
function runs(line: Line): { main: boolean; points: Position[] }[] {
  const out: { main: boolean; points: Position[] }[] = [];
  line.main.forEach((main, i) => {
    const last = out[out.length - 1];
    if (last && last.main === main) last.points.push(line.points[i + 1]!);
    else out.push({ main, points: [line.points[i]!, line.points[i + 1]!] });
  });
  return out;
}

function roads(data: DemoData): DemoBasemapFeature[] {
  const rng = createRandom(0x6d617073);
  const border = new Set<string>();
  for (const u of data.orgUnits) {
    if (u.level === 'community' && u.boundary) segmentsOf(u.boundary, (a, b) => border.add(segmentKey(a, b)));
  }
  const seen = new Set<string>();
  const segments: Segment[] = [];
  for (const u of data.orgUnits) {
    if (u.level !== 'grid' || !u.boundary) continue;
    segmentsOf(u.boundary, (a, b) => {
      const k = segmentKey(a, b);
      if (seen.has(k)) return;
      seen.add(k);
      segments.push({ a, b, main: border.has(k), used: false });
    });
  }
  // Road names come from the street the road starts in (DONGLI_STREETS lists real ones).
  const streets = data.orgUnits
    .filter((u) => u.level === 'street' && u.boundary)
    .map((u) => ({ code: u.code, name: u.name, boundary: u.boundary!, bbox: bboxOf(u.boundary!) }));
  const pools = new Map(
    streets.map((s) => [
      s.code,
      { names: DONGLI_STREETS.find((d) => d.name === s.name)?.roads ?? roadNames(rng, 6), next: 0, lanes: 0 },
    ]),
  );
  const fallback = { names: roadNames(rng, 6), next: 0, lanes: 0 };
  const poolAt = (p: Position) => {
    const street = streets.find(
      ({ bbox: [w, s, e, n], boundary }) =>
        p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n && pointInGeometry(p, boundary) !== -1,
    );
    return (street && pools.get(street.code)) ?? fallback;
  };
  const features: DemoBasemapFeature[] = [];
  // Long lines through several communities are named roads; short ones inside one are lanes
  // named after a road of their street, as 支路 are.
  for (const line of chain(segments)) {
    const pool = poolAt(line.points[Math.floor(line.points.length / 2)]!);
    const road = line.main.some(Boolean)
      ? pool.names[pool.next++ % pool.names.length]!
      : `${pool.names[pool.lanes % pool.names.length]}${CHINESE_ORDINALS[pool.lanes++ % CHINESE_ORDINALS.length]}支路`;
    for (const run of runs(line)) {
      features.push({
        kind: 'road',
        class: run.main ? 'main' : 'lane',
        name: road,
        levels: null,
        minZoom: run.main ? MIN_ZOOM.main : MIN_ZOOM.lane,
        geometry: { type: 'LineString', coordinates: run.points },
      });
    }
  }
  return features;
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** A rectangle of width × depth metres around a point, turned by angle radians. */
function rectangle(center: Position, width: number, depth: number, angle: number): Geometry {
  const mLat = 1 / METRES_PER_DEGREE;
  const mLon = mLat / Math.cos((center[1] * Math.PI) / 180);
  const corners: Position[] = [
    [-width / 2, -depth / 2],
    [width / 2, -depth / 2],
    [width / 2, depth / 2],
    [-width / 2, depth / 2],
  ].map(([x, y]) => [
    round6(center[0] + (x! * Math.cos(angle) - y! * Math.sin(angle)) * mLon),
    round6(center[1] + (x! * Math.sin(angle) + y! * Math.cos(angle)) * mLat),
  ]);
  return { type: 'Polygon', coordinates: [[...corners, corners[0]!]] };
}

function buildings(data: DemoData): DemoBasemapFeature[] {
  const rng = createRandom(0x62646e67);
  return data.buildings.map((b) => {
    // One stairwell (unit) is about 16 m of frontage; towers get a deeper plan.
    const width = 16 * Math.max(1, b.units);
    const depth = b.floors > 11 ? 18 : 12;
    const angle = ((rng.next() - 0.5) * Math.PI) / 9;
    return {
      kind: 'building' as const,
      class: null,
      name: b.name,
      levels: b.floors,
      minZoom: MIN_ZOOM.building,
      geometry: rectangle([b.lon, b.lat], width, depth, angle),
    };
  });
}

/** A park grid is green, with an oval pond around its centre if that lies inside it. */
function parks(data: DemoData): DemoBasemapFeature[] {
  const parkCodes = new Set(data.grids.filter((g) => g.specialType === 'park').map((g) => g.code));
  return data.orgUnits.flatMap((u): DemoBasemapFeature[] => {
    if (!parkCodes.has(u.code) || !u.boundary) return [];
    const green: DemoBasemapFeature = {
      kind: 'green',
      class: null,
      name: u.name,
      levels: null,
      minZoom: MIN_ZOOM.area,
      geometry: u.boundary,
    };
    const center = centroidOf(u.boundary) as Position;
    if (pointInGeometry(center, u.boundary) !== 1) return [green];
    const [minLon, minLat, maxLon, maxLat] = bboxOf(u.boundary);
    const rx = (maxLon - minLon) / 8;
    const ry = (maxLat - minLat) / 10;
    const ring: Position[] = [];
    for (let i = 0; i < 24; i++) {
      const t = (2 * Math.PI * i) / 24;
      ring.push([round6(center[0] + rx * Math.cos(t)), round6(center[1] + ry * Math.sin(t))]);
    }
    ring.push(ring[0]!);
    const pond: DemoBasemapFeature = {
      kind: 'water',
      class: null,
      name: null,
      levels: null,
      minZoom: MIN_ZOOM.area,
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
    return [green, pond];
  });
}

export function demoBasemap(data: DemoData): DemoBasemapFeature[] {
  return [...parks(data), ...roads(data), ...buildings(data)];
}

function bboxOfAny(geometry: Geometry | LineString): [number, number, number, number] {
  if (geometry.type !== 'LineString') return bboxOf(geometry);
  const xs = geometry.coordinates.map((p) => p[0]);
  const ys = geometry.coordinates.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Writes the demo's base map inside the seed's transaction. */
export async function seedBasemap(trx: Transaction<Database>, data: DemoData): Promise<number> {
  const rows = demoBasemap(data).map((f) => {
    const [minLon, minLat, maxLon, maxLat] = bboxOfAny(f.geometry);
    return {
      kind: f.kind,
      class: f.class,
      name: f.name,
      levels: f.levels,
      min_zoom: f.minZoom,
      geometry: JSON.stringify(f.geometry),
      min_lon: minLon,
      min_lat: minLat,
      max_lon: maxLon,
      max_lat: maxLat,
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('basemap_features')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  return rows.length;
}
