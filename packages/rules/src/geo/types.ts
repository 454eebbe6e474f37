// GeoJSON geometry (RFC 7946) restricted to what grid boundaries use. Positions are WGS-84
// [longitude, latitude]; a ring repeats its first position at the end.

export type Position = [lon: number, lat: number];
export type Ring = Position[];

export interface Polygon {
  type: 'Polygon';
  /** The shell first, then holes. */
  coordinates: Ring[];
}

export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}

export type Geometry = Polygon | MultiPolygon;

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** The polygons of either geometry type, as lists of rings. */
export function polygonsOf(geometry: Geometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
