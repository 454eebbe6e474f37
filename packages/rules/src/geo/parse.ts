// Validation of untrusted GeoJSON geometry (uploads, API bodies) before it becomes a grid
// boundary. Structure first; topology only once the structure is sound, because the topology
// tests assume closed rings of finite numbers.

import polygonClipping from 'polygon-clipping';
import { areaM2, bboxOf } from './measure.ts';
import { pointInRing } from './point-in.ts';
import { findSegmentHits, type SegmentHit } from './segments.ts';
import type { Geometry, Position, Ring } from './types.ts';

export type GeometryIssueRule = 'invalid_geometry' | 'self_intersection';

export interface GeometryIssue {
  rule: GeometryIssueRule;
  /** Chinese first, English in parentheses. */
  message: string;
  /** Where in the input, e.g. 'coordinates[0][3]'. */
  path?: string;
  at?: Position;
}

export type GeometryParseResult = { ok: true; geometry: Geometry } | { ok: false; issues: GeometryIssue[] };

/** Enough to fix the input; a broken 10,000-point ring should not produce 10,000 messages. */
const MAX_ISSUES = 50;
/** Multipolygon parts may overlap by rounding noise of the clipping library, not by more. */
const PART_OVERLAP_TOLERANCE_M2 = 0.01;

class Issues {
  readonly list: GeometryIssue[] = [];

  add(issue: GeometryIssue): void {
    if (this.list.length < MAX_ISSUES) this.list.push(issue);
  }

  get full(): boolean {
    return this.list.length >= MAX_ISSUES;
  }
}

function invalid(issues: Issues, message: string, path?: string, at?: Position): void {
  issues.add({
    rule: 'invalid_geometry',
    message,
    ...(path === undefined ? {} : { path }),
    ...(at === undefined ? {} : { at }),
  });
}

/**
 * Parses a GeoJSON Polygon or MultiPolygon. On success the geometry is a fresh copy with 2-D
 * positions only (altitude and foreign members dropped); winding order is accepted either way,
 * as RFC 7946 §3.1.6 asks of parsers.
 */
export function parseGeometry(value: unknown): GeometryParseResult {
  const issues = new Issues();
  const geometry = parseStructure(value, issues);
  if (geometry && issues.list.length === 0) checkTopology(geometry, issues);
  if (geometry && issues.list.length === 0) return { ok: true, geometry };
  return { ok: false, issues: issues.list };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseStructure(value: unknown, issues: Issues): Geometry | null {
  if (!isRecord(value)) {
    invalid(issues, '几何对象必须是 JSON 对象 (geometry must be a JSON object)');
    return null;
  }
  const type = value.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    const got = typeof type === 'string' ? type : (JSON.stringify(type) ?? 'undefined');
    const hint = type === 'Feature' ? '，请传入其 geometry' : '';
    const hintEn = type === 'Feature' ? '; pass its geometry' : '';
    invalid(
      issues,
      `几何类型必须是 Polygon 或 MultiPolygon，实际为 ${got}${hint} (type must be Polygon or MultiPolygon, got ${got}${hintEn})`,
      'type',
    );
    return null;
  }
  const coordinates = value.coordinates;
  if (type === 'Polygon') {
    const polygon = parsePolygon(coordinates, 'coordinates', issues);
    return polygon ? { type, coordinates: polygon } : null;
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    invalid(
      issues,
      'MultiPolygon 至少需要一个多边形 (MultiPolygon needs at least one polygon)',
      'coordinates',
    );
    return null;
  }
  const polygons: Ring[][] = [];
  coordinates.forEach((item, i) => {
    if (issues.full) return;
    const polygon = parsePolygon(item, `coordinates[${i}]`, issues);
    if (polygon) polygons.push(polygon);
  });
  return polygons.length === coordinates.length ? { type, coordinates: polygons } : null;
}

function parsePolygon(value: unknown, path: string, issues: Issues): Ring[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    invalid(issues, '多边形至少需要一个环 (polygon needs at least one ring)', path);
    return null;
  }
  const rings: Ring[] = [];
  value.forEach((item, i) => {
    if (issues.full) return;
    const ring = parseRing(item, `${path}[${i}]`, issues);
    if (ring) rings.push(ring);
  });
  return rings.length === value.length ? rings : null;
}

function parseRing(value: unknown, path: string, issues: Issues): Ring | null {
  if (!Array.isArray(value)) {
    invalid(issues, '环必须是坐标数组 (ring must be an array of positions)', path);
    return null;
  }
  const ring: Ring = [];
  value.forEach((item, i) => {
    if (issues.full) return;
    const position = parsePosition(item, `${path}[${i}]`, issues);
    if (position) ring.push(position);
  });
  if (ring.length !== value.length) return null;
  if (ring.length < 4) {
    invalid(
      issues,
      `环至少需要 4 个坐标，实际 ${ring.length} 个 (ring needs at least 4 positions, got ${ring.length})`,
      path,
    );
    return null;
  }
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    invalid(
      issues,
      '环未闭合：首尾坐标必须相同 (ring not closed: first and last positions must be equal)',
      `${path}[${ring.length - 1}]`,
      last,
    );
    return null;
  }
  const distinct = new Set(ring.map(([x, y]) => `${x},${y}`));
  if (distinct.size < 3) {
    invalid(
      issues,
      `环至少需要 3 个不同的点，实际 ${distinct.size} 个 (ring needs at least 3 distinct positions, got ${distinct.size})`,
      path,
    );
    return null;
  }
  return ring;
}

function parsePosition(value: unknown, path: string, issues: Issues): Position | null {
  if (!Array.isArray(value) || value.length < 2) {
    invalid(issues, '坐标必须是 [经度, 纬度] 数组 (position must be a [lon, lat] array)', path);
    return null;
  }
  const [lon, lat] = value as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    invalid(issues, '坐标必须是有限数字 (coordinates must be finite numbers)', path);
    return null;
  }
  if (lon < -180 || lon > 180) {
    invalid(issues, `经度 ${lon} 超出 [-180, 180] (longitude ${lon} out of range [-180, 180])`, path);
    return null;
  }
  if (lat < -90 || lat > 90) {
    invalid(issues, `纬度 ${lat} 超出 [-90, 90] (latitude ${lat} out of range [-90, 90])`, path);
    return null;
  }
  return [lon, lat];
}

/** A ring without repeated consecutive positions, and the input index of each kept position. */
function dedupe(ring: Ring): { ring: Ring; index: number[] } {
  const out: Ring = [];
  const index: number[] = [];
  ring.forEach((p, i) => {
    const prev = out[out.length - 1];
    if (prev && prev[0] === p[0] && prev[1] === p[1]) return;
    out.push(p);
    index.push(i);
  });
  return { ring: out, index };
}

function checkTopology(geometry: Geometry, issues: Issues): void {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const prefix = (p: number): string => (geometry.type === 'Polygon' ? 'coordinates' : `coordinates[${p}]`);
  polygons.forEach((polygon, p) => {
    if (!issues.full) checkPolygon(polygon, prefix(p), issues);
  });
  if (geometry.type === 'MultiPolygon' && issues.list.length === 0) checkParts(polygons, issues);
}

function hitIssue(hit: SegmentHit, path: string, index: number[][]): GeometryIssue {
  const a = `${path}[${hit.ringA}][${index[hit.ringA]![hit.segA]}]`;
  const b = `${path}[${hit.ringB}][${index[hit.ringB]![hit.segB]}]`;
  const where = `[${hit.at[0]}, ${hit.at[1]}]`;
  let message: string;
  if (hit.ringA === hit.ringB) {
    message =
      hit.kind === 'cross'
        ? `环自相交：${a} 起的边与 ${b} 起的边交于 ${where} (ring self-intersects: edges starting at ${a} and ${b} cross at ${where})`
        : hit.kind === 'touch'
          ? `环自相接：${a} 起的边与 ${b} 起的边接触于 ${where} (ring touches itself: edges starting at ${a} and ${b} meet at ${where})`
          : `环的边共线重叠：${a} 起的边与 ${b} 起的边 (ring edges overlap collinearly: edges starting at ${a} and ${b}, at ${where})`;
  } else {
    const what = hit.ringA === 0 ? '内环与外环' : '两个内环';
    const whatEn = hit.ringA === 0 ? 'a hole and the shell' : 'two holes';
    message = `${what}相交于 ${where}：${a} 与 ${b} (${whatEn} intersect at ${where}: edges starting at ${a} and ${b})`;
  }
  return { rule: 'self_intersection', message, path: a, at: hit.at };
}

function checkPolygon(polygon: Ring[], path: string, issues: Issues): void {
  const deduped = polygon.map(dedupe);
  const rings = deduped.map((d) => d.ring);
  const index = deduped.map((d) => d.index);
  const hits = findSegmentHits(rings, 20);
  let crossing = false;
  for (const hit of hits) {
    // Rings of one polygon may meet at a single point (OGC simple feature rules), not cross.
    if (hit.ringA !== hit.ringB && hit.kind === 'touch') continue;
    crossing = true;
    issues.add(hitIssue(hit, path, index));
  }
  if (crossing || polygon.length < 2) return;

  const shell = polygon[0]!;
  const holeBoxes = polygon.map((ring) => bboxOf({ type: 'Polygon', coordinates: [ring] }));
  for (let h = 1; h < polygon.length; h++) {
    const hole = polygon[h]!;
    const outside = hole.find((p) => pointInRing(p, shell) === -1);
    if (outside) {
      invalid(issues, '内环不在外环之内 (hole lies outside its shell)', `${path}[${h}]`, outside);
      continue;
    }
    for (let g = 1; g < polygon.length; g++) {
      if (g === h || !boxesOverlap(holeBoxes[g]!, holeBoxes[h]!)) continue;
      const nested = hole.find((p) => pointInRing(p, polygon[g]!) === 1);
      if (nested) {
        invalid(
          issues,
          `内环 ${h} 位于内环 ${g} 之内 (hole ${h} lies inside hole ${g})`,
          `${path}[${h}]`,
          nested,
        );
        break;
      }
    }
  }
}

function boxesOverlap(a: readonly number[], b: readonly number[]): boolean {
  return a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;
}

function checkParts(polygons: Ring[][], issues: Issues): void {
  const boxes = polygons.map((polygon) => bboxOf({ type: 'Polygon', coordinates: polygon }));
  for (let i = 0; i < polygons.length; i++) {
    for (let j = i + 1; j < polygons.length; j++) {
      if (!boxesOverlap(boxes[i]!, boxes[j]!)) continue;
      const common = polygonClipping.intersection(polygons[i]!, polygons[j]!);
      if (common.length === 0) continue;
      const area = areaM2({ type: 'MultiPolygon', coordinates: common });
      if (area <= PART_OVERLAP_TOLERANCE_M2) continue;
      const at = common[0]?.[0]?.[0];
      invalid(
        issues,
        `多边形 ${i} 与多边形 ${j} 重叠约 ${area.toFixed(1)} 平方米 (polygons ${i} and ${j} of the MultiPolygon overlap by about ${area.toFixed(1)} m²)`,
        `coordinates[${j}]`,
        at ? [at[0], at[1]] : undefined,
      );
    }
  }
}
