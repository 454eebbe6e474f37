import { describe, expect, it } from 'vitest';
import {
  areaM2,
  checkTiling,
  type Polygon,
  pointInGeometry,
  type Ring,
  type TilingIssue,
} from '../src/index.ts';
import { jitteredLattice, rect } from './fixtures.ts';

// A community of 0.01° × 0.01° near Dongli (about 860 m × 1,110 m) split into 2 × 2 grids.
const X0 = 117.3;
const Y0 = 39.1;
const D = 0.005;
const community = rect(X0, Y0, X0 + 2 * D, Y0 + 2 * D);

function quadrant(i: number, j: number): Polygon {
  return rect(X0 + i * D, Y0 + j * D, X0 + (i + 1) * D, Y0 + (j + 1) * D);
}

const perfect = [
  { key: '120110001001001', geometry: quadrant(0, 1) },
  { key: '120110001001002', geometry: quadrant(1, 1) },
  { key: '120110001001003', geometry: quadrant(0, 0) },
  { key: '120110001001004', geometry: quadrant(1, 0) },
];

function expectLocated(issue: TilingIssue): void {
  expect(pointInGeometry(issue.at, issue.geometry)).toBe(1);
  expect(issue.areaM2).toBeCloseTo(areaM2(issue.geometry), 6);
  expect(issue.message).toMatch(/^[\u4e00-\u9fff].*\(.+\)$/);
}

describe('checkTiling', () => {
  it('finds nothing wrong with a perfect 2 × 2 tiling', () => {
    expect(checkTiling({ container: community, parts: perfect })).toEqual([]);
  });

  it('finds nothing when shared edges carry extra vertices on one side only', () => {
    // The west grid's east edge has a vertex at its midpoint; the east grids do not (a T-junction).
    const west: Ring = [
      [X0, Y0],
      [X0 + D, Y0],
      [X0 + D, Y0 + D],
      [X0 + D, Y0 + 2 * D],
      [X0, Y0 + 2 * D],
      [X0, Y0],
    ];
    const parts = [
      { key: 'w', geometry: { type: 'Polygon' as const, coordinates: [west] } },
      { key: 'ne', geometry: quadrant(1, 1) },
      { key: 'se', geometry: quadrant(1, 0) },
    ];
    expect(checkTiling({ container: community, parts })).toEqual([]);
  });

  it('finds an overlap, with its area and both keys', () => {
    const shifted = rect(X0 + D * 0.9, Y0 + D, X0 + 2 * D, Y0 + 2 * D);
    const parts = perfect.map((p) => (p.key === '120110001001002' ? { key: p.key, geometry: shifted } : p));
    const issues = checkTiling({ container: community, parts });
    expect(issues).toHaveLength(1);
    const [overlap] = issues;
    expect(overlap).toMatchObject({ rule: 'overlap', keys: ['120110001001001', '120110001001002'] });
    const expected = areaM2(rect(X0 + D * 0.9, Y0 + D, X0 + D, Y0 + 2 * D));
    expect(overlap!.areaM2 / expected).toBeCloseTo(1, 4);
    expectLocated(overlap!);
  });

  it('finds a gap, naming the grids around it', () => {
    const parts = perfect.filter((p) => p.key !== '120110001001004');
    const issues = checkTiling({ container: community, parts });
    expect(issues).toHaveLength(1);
    const [gap] = issues;
    expect(gap).toMatchObject({ rule: 'coverage_gap' });
    expect(gap!.areaM2 / areaM2(quadrant(1, 0))).toBeCloseTo(1, 4);
    // Grids whose boxes touch the gap, including the one meeting it only at a corner.
    expect(gap!.keys).toEqual(['120110001001001', '120110001001002', '120110001001003']);
    expectLocated(gap!);
  });

  it('finds a grid sticking out of its community', () => {
    const bulging = rect(X0 + D, Y0 - D * 0.1, X0 + 2 * D, Y0 + D);
    const parts = perfect.map((p) => (p.key === '120110001001004' ? { key: p.key, geometry: bulging } : p));
    const issues = checkTiling({ container: community, parts });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ rule: 'outside_container', keys: ['120110001001004'] });
    expect(issues[0]!.areaM2 / areaM2(rect(X0 + D, Y0 - D * 0.1, X0 + 2 * D, Y0))).toBeCloseTo(1, 4);
    expectLocated(issues[0]!);
  });

  it('finds a grid entirely outside', () => {
    const far = { key: 'far', geometry: rect(X0 + 1, Y0 + 1, X0 + 1 + D, Y0 + 1 + D) };
    const issues = checkTiling({ container: community, parts: [...perfect, far] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ rule: 'outside_container', keys: ['far'] });
    expect(issues[0]!.areaM2).toBeCloseTo(areaM2(far.geometry), 3);
  });

  it('reports every kind at once in a stable order', () => {
    const parts = [
      { key: 'a', geometry: quadrant(0, 0) },
      { key: 'b', geometry: rect(X0 + D * 0.5, Y0, X0 + D * 1.5, Y0 + D) },
      { key: 'c', geometry: rect(X0, Y0 + D, X0 + D, Y0 + 2.2 * D) },
    ];
    const rules = checkTiling({ container: community, parts }).map((i) => `${i.rule}:${i.keys.join('+')}`);
    expect(rules[0]).toBe('outside_container:c');
    expect(rules[1]).toBe('overlap:a+b');
    expect(rules.slice(2).every((r) => r.startsWith('coverage_gap'))).toBe(true);
    expect(rules.length).toBeGreaterThan(2);
  });

  it('ignores differences within the tolerance and reports them below it', () => {
    // A sliver of 0.00000001° × 0.005° is about 0.5 m².
    const sliver = rect(X0 + D - 1e-8, Y0 + D, X0 + 2 * D, Y0 + 2 * D);
    const parts = perfect.map((p) => (p.key === '120110001001002' ? { key: p.key, geometry: sliver } : p));
    expect(checkTiling({ container: community, parts })).toEqual([]);
    const strict = checkTiling({ container: community, parts, toleranceM2: 0.1 });
    expect(strict.map((i) => i.rule)).toEqual(['overlap']);
    expect(strict[0]!.areaM2).toBeGreaterThan(0.1);
    expect(strict[0]!.areaM2).toBeLessThan(1);
  });

  it('checks only overlaps without a container', () => {
    const parts = [
      { key: 'a', geometry: rect(0, 0, 0.01, 0.01) },
      { key: 'b', geometry: rect(0.005, 0, 0.015, 0.01) },
      { key: 'c', geometry: rect(1, 1, 1.01, 1.01) },
    ];
    expect(checkTiling({ container: null, parts }).map((i) => i.rule)).toEqual(['overlap']);
  });

  it('reports the whole container as a gap when there are no parts', () => {
    const issues = checkTiling({ container: community, parts: [] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ rule: 'coverage_gap', keys: [] });
    expect(issues[0]!.areaM2).toBeCloseTo(areaM2(community), 3);
    expect(checkTiling({ container: null, parts: [] })).toEqual([]);
  });

  it('accepts a community with a hole left uncovered, and a MultiPolygon grid', () => {
    const lake = rect(X0 + D * 0.8, Y0 + D * 0.8, X0 + D * 1.2, Y0 + D * 1.2).coordinates[0]!;
    const withLake = rect(X0, Y0, X0 + 2 * D, Y0 + 2 * D, lake);
    const holed = perfect.map((p) => ({
      key: p.key,
      geometry: { type: 'MultiPolygon' as const, coordinates: [p.geometry.coordinates] },
    }));
    // The grids cover the lake, so they stick out of the community there: one issue per grid.
    const issues = checkTiling({ container: withLake, parts: holed });
    expect(issues.map((i) => i.rule)).toEqual(Array(4).fill('outside_container'));
  });

  it('passes 50 irregular grids, and spots one moved vertex', () => {
    const cells = jitteredLattice({ nx: 10, ny: 5, origin: [111.6, 40.8], cell: 0.003, steps: 6 });
    const container = rect(111.6, 40.8, 111.63, 40.815);
    expect(checkTiling({ container, parts: cells })).toEqual([]);

    // Move the north-east corner of one grid, in that grid only: outwards it overlaps the three
    // grids meeting there, inwards it leaves a gap.
    const moveCorner = (dx: number, dy: number) => {
      const moved = cells.map((c) => ({ key: c.key, geometry: structuredClone(c.geometry) }));
      const ring = moved[22]!.geometry.coordinates[0]!;
      const corner = ring[12]!;
      ring[12] = [corner[0] + dx, corner[1] + dy];
      return checkTiling({ container, parts: moved });
    };
    const victim = cells[22]!.key;
    const outwards = moveCorner(0.0004, 0.0002);
    expect(outwards.map((i) => i.rule)).toEqual(['overlap', 'overlap', 'overlap']);
    expect(outwards.every((i) => i.keys[0] === victim)).toBe(true);
    const inwards = moveCorner(-0.0004, -0.0002);
    expect(inwards.map((i) => i.rule)).toEqual(['coverage_gap']);
    expect(inwards[0]!.keys).toContain(victim);
    expect(inwards[0]!.areaM2).toBeGreaterThan(100);
  });

  it('unions thousands of parts pairwise: 60 × 60 cells cover the community, one missing is one gap', () => {
    const n = 60;
    const step = (2 * D) / n;
    const cells = Array.from({ length: n * n }, (_, k) => {
      const [i, j] = [k % n, Math.floor(k / n)];
      return {
        key: String(k),
        geometry: rect(X0 + i * step, Y0 + j * step, X0 + (i + 1) * step, Y0 + (j + 1) * step),
      };
    });
    expect(checkTiling({ container: community, parts: cells, toleranceM2: 0.01 })).toEqual([]);
    const gaps = checkTiling({ container: community, parts: cells.slice(1), toleranceM2: 0.01 });
    expect(gaps.map((g) => g.rule)).toEqual(['coverage_gap']);
    expect(gaps[0]!.keys).toContain('1');
  });
});
