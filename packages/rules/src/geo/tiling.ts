// "One network, full coverage" (一张网、全覆盖): the grids of a community must stay inside it,
// must not overlap, and together must cover it. Boolean operations come from polygon-clipping;
// every finding is measured in m² and compared with a tolerance, because imported boundaries
// that were digitised separately never agree to the last bit.

import Flatbush from 'flatbush';
import polygonClipping from 'polygon-clipping';
import { areaM2, bboxOf, interiorPoint } from './measure.ts';
import {
  type BBox,
  type Geometry,
  type MultiPolygon,
  type Position,
  polygonsOf,
  type Ring,
} from './types.ts';

export type TilingRule = 'outside_container' | 'overlap' | 'coverage_gap';

export interface TilingIssue {
  rule: TilingRule;
  /** The parts involved: the part sticking out, the overlapping pair, or the parts around a gap. */
  keys: string[];
  areaM2: number;
  /** Chinese first, English in parentheses. */
  message: string;
  /** A point inside the offending area, for a map marker. */
  at: Position;
  /** The offending area itself. */
  geometry: MultiPolygon;
}

export interface TilingInput {
  /** The area to be tiled (a community); null checks only overlaps between the parts. */
  container: Geometry | null;
  parts: readonly { key: string; geometry: Geometry }[];
  /** Areas at or below this are rounding noise, not findings. Default 1 m². */
  toleranceM2?: number;
}

type ClipGeometry = Ring[] | Ring[][];

function clip(geometry: Geometry): ClipGeometry {
  return geometry.coordinates;
}

function formatArea(m2: number): string {
  return m2 >= 100 ? String(Math.round(m2)) : m2.toFixed(1);
}

interface Region {
  geometry: MultiPolygon;
  areaM2: number;
  at: Position;
}

/** The region when it is larger than the tolerance; null for rounding noise. */
function region(polygons: Ring[][], tolerance: number): Region | null {
  const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: polygons };
  const area = polygons.length === 0 ? 0 : areaM2(geometry);
  if (area <= tolerance) return null;
  return { geometry, areaM2: area, at: interiorPoint(geometry) };
}

function boxesOverlap(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/**
 * Issues in a stable order: parts outside the container (input order), overlapping pairs
 * (input order of the first, then the second), then gaps (largest first). Parts that share
 * edges exactly produce nothing.
 */
export function checkTiling(input: TilingInput): TilingIssue[] {
  const tolerance = input.toleranceM2 ?? 1;
  const { container, parts } = input;
  const issues: TilingIssue[] = [];
  const boxes = parts.map((part) => bboxOf(part.geometry));
  const containerBox = container ? bboxOf(container) : null;

  if (container && containerBox) {
    parts.forEach((part, i) => {
      // Disjoint boxes mean the whole part is outside; no clipping needed to say so.
      const outside = boxesOverlap(boxes[i]!, containerBox)
        ? polygonClipping.difference(clip(part.geometry), clip(container))
        : polygonsOf(part.geometry);
      const r = region(outside, tolerance);
      if (r) issues.push(outsideIssue(part.key, r));
    });
  }

  const index = parts.length > 0 ? new Flatbush(parts.length) : null;
  if (index) {
    for (const [minX, minY, maxX, maxY] of boxes) index.add(minX, minY, maxX, maxY);
    index.finish();
    parts.forEach((part, i) => {
      const [minX, minY, maxX, maxY] = boxes[i]!;
      // Only pairs whose boxes meet can overlap; each pair is checked once, from its lower index.
      const candidates = index.search(minX, minY, maxX, maxY, (j) => j > i).sort((a, b) => a - b);
      for (const j of candidates) {
        const other = parts[j]!;
        const r = region(polygonClipping.intersection(clip(part.geometry), clip(other.geometry)), tolerance);
        if (!r) continue;
        issues.push({
          rule: 'overlap',
          keys: [part.key, other.key],
          ...r,
          message: `网格 ${part.key} 与 ${other.key} 重叠约 ${formatArea(r.areaM2)} 平方米 (parts ${part.key} and ${other.key} overlap by about ${formatArea(r.areaM2)} m²)`,
        });
      }
    });
  }

  if (container) {
    const covered = unionAll(parts.map((p) => clip(p.geometry)));
    const gaps =
      covered.length > 0 ? polygonClipping.difference(clip(container), covered) : polygonsOf(container);
    const found = gaps
      .map((polygon) => region([polygon], tolerance))
      .filter((r): r is Region => r !== null)
      .sort((a, b) => b.areaM2 - a.areaM2);
    for (const r of found) {
      const gapBox = bboxOf(r.geometry);
      const keys = parts.filter((_, i) => boxesOverlap(boxes[i]!, gapBox)).map((p) => p.key);
      issues.push({
        rule: 'coverage_gap',
        keys,
        ...r,
        message: `上级区域内约 ${formatArea(r.areaM2)} 平方米未被任何网格覆盖 (about ${formatArea(r.areaM2)} m² of the container is covered by no part)`,
      });
    }
  }
  return issues;
}

/**
 * The union of any number of geometries, merged pairwise in rounds (a balanced tree): spreading
 * thousands of geometries into one union(...) call can overflow the call stack.
 */
function unionAll(geometries: ClipGeometry[]): Ring[][] {
  let round: ClipGeometry[] = geometries;
  while (round.length > 1) {
    const next: ClipGeometry[] = [];
    for (let i = 0; i < round.length; i += 2) {
      const a = round[i]!;
      const b = round[i + 1];
      next.push(b ? polygonClipping.union(a, b) : a);
    }
    round = next;
  }
  const only = round[0];
  return only ? polygonClipping.union(only) : [];
}

function outsideIssue(key: string, r: Region): TilingIssue {
  return {
    rule: 'outside_container',
    keys: [key],
    ...r,
    message: `网格 ${key} 超出上级区域约 ${formatArea(r.areaM2)} 平方米 (part ${key} extends about ${formatArea(r.areaM2)} m² beyond its container)`,
  };
}
