import type { BasemapRow } from './repository.ts';

type Position = [number, number];
type Geometry =
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/**
 * Snaps positions to a grid of about half a screen pixel at this zoom and drops repeats: far out a
 * road of many lattice vertices becomes a few points, and what shrinks below a pixel vanishes.
 */
export function simplifyForZoom(geometry: Geometry, zoom: number): Geometry | null {
  const step = 360 / 2 ** (zoom + 9);
  const snap = (p: Position): Position => [Math.round(p[0] / step) * step, Math.round(p[1] / step) * step];
  const path = (positions: Position[]): Position[] => {
    const out: Position[] = [];
    for (const p of positions) {
      const q: Position = [round7(snap(p)[0]), round7(snap(p)[1])];
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    return out;
  };
  // A ring that snapped flat (no area left) is below a pixel: gone.
  const ring = (positions: Position[]) => {
    const out = path(positions);
    let area = 0;
    for (let i = 1; i < out.length; i++) area += out[i - 1]![0] * out[i]![1] - out[i]![0] * out[i - 1]![1];
    return out.length >= 4 && area !== 0 ? out : null;
  };
  const polygon = (rings: Position[][]) => {
    const shell = ring(rings[0] ?? []);
    return shell
      ? [
          shell,
          ...rings.slice(1).flatMap((r) => {
            const hole = ring(r);
            return hole ? [hole] : [];
          }),
        ]
      : null;
  };
  if (geometry.type === 'LineString') {
    const line = path(geometry.coordinates);
    return line.length >= 2 ? { type: 'LineString', coordinates: line } : null;
  }
  if (geometry.type === 'Polygon') {
    const rings = polygon(geometry.coordinates);
    return rings ? { type: 'Polygon', coordinates: rings } : null;
  }
  const parts = geometry.coordinates.flatMap((p) => {
    const rings = polygon(p);
    return rings ? [rings] : [];
  });
  return parts.length ? { type: 'MultiPolygon', coordinates: parts } : null;
}

const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;

export function presentBasemap(rows: BasemapRow[], zoom: number, truncated: boolean) {
  const features = rows.flatMap((row) => {
    const geometry = simplifyForZoom(row.geometry as Geometry, zoom);
    if (!geometry) return [];
    return [
      {
        type: 'Feature' as const,
        id: row.id,
        geometry,
        properties: { kind: row.kind, class: row.class, name: row.name, levels: row.levels },
      },
    ];
  });
  return { type: 'FeatureCollection' as const, features, truncated };
}
