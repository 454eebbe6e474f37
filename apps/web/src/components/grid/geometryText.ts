import type { Geometry } from 'geojson';

export type ParsedGeometry =
  | { ok: true; geometry: Geometry }
  | { ok: false; reason: 'json' | 'type'; message: string };

/** Parse the editor text; accepts a bare Geometry, or a Feature wrapping one. */
export function parseGeometry(text: string): ParsedGeometry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'json', message: error instanceof Error ? error.message : String(error) };
  }
  const candidate =
    value && typeof value === 'object' && (value as { type?: unknown }).type === 'Feature'
      ? (value as { geometry?: unknown }).geometry
      : value;
  const type = (candidate as { type?: unknown } | null)?.type;
  if (
    (type === 'Polygon' || type === 'MultiPolygon') &&
    Array.isArray((candidate as { coordinates?: unknown }).coordinates)
  ) {
    return { ok: true, geometry: candidate as Geometry };
  }
  return { ok: false, reason: 'type', message: String(type ?? typeof candidate) };
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?`;
const POSITION = new RegExp(String.raw`\[\s*(${NUMBER})\s*,\s*(${NUMBER})(?:\s*,\s*(${NUMBER}))?\s*\]`, 'g');

/** Indented JSON with one position per line: `[lon, lat]`. */
export function formatGeometry(geometry: Geometry | null): string {
  if (!geometry) return '';
  return JSON.stringify(geometry, null, 2).replace(POSITION, (_, lon: string, lat: string, z?: string) =>
    z === undefined ? `[${lon}, ${lat}]` : `[${lon}, ${lat}, ${z}]`,
  );
}
