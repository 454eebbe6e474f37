import { describe, expect, it } from 'vitest';
import { type GeometryIssue, type Polygon, type Position, parseGeometry, type Ring } from '../src/index.ts';
import { rect, rectRing } from './fixtures.ts';

function issuesOf(value: unknown): GeometryIssue[] {
  const result = parseGeometry(value);
  if (result.ok) throw new Error('expected the geometry to be rejected');
  return result.issues;
}

function polygon(...rings: Ring[]): Polygon {
  return { type: 'Polygon', coordinates: rings };
}

/** A regular n-gon around (lon, lat), counter-clockwise and closed. */
function circle(n: number, lon: number, lat: number, r: number): Ring {
  const ring: Ring = [];
  for (let k = 0; k < n; k++) {
    const a = (k / n) * 2 * Math.PI;
    ring.push([lon + r * Math.cos(a), lat + r * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return ring;
}

describe('parseGeometry accepts', () => {
  it('a simple polygon, returning a clean 2-D copy', () => {
    const input = {
      type: 'Polygon',
      bbox: [0, 0, 1, 1],
      coordinates: [
        [
          [117.1, 39.1, 5],
          [117.2, 39.1, 5],
          [117.2, 39.2, 5],
          [117.1, 39.1, 5],
        ],
      ],
    };
    const result = parseGeometry(input);
    expect(result).toEqual({
      ok: true,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [117.1, 39.1],
            [117.2, 39.1],
            [117.2, 39.2],
            [117.1, 39.1],
          ],
        ],
      },
    });
    if (result.ok) expect(result.geometry.coordinates[0]).not.toBe(input.coordinates[0]);
  });

  it('either winding order', () => {
    expect(parseGeometry(polygon([...rectRing(0, 0, 1, 1)].reverse())).ok).toBe(true);
  });

  it('a polygon with holes, including one touching the shell at a single point', () => {
    const hole: Ring = [
      [1, 1],
      [1, 2],
      [2, 2],
      [2, 1],
      [1, 1],
    ];
    const touching: Ring = [
      [0, 3],
      [0.5, 3.5],
      [0.5, 2.5],
      [0, 3],
    ];
    expect(parseGeometry(rect(0, 0, 4, 4, hole)).ok).toBe(true);
    expect(parseGeometry(rect(0, 0, 4, 4, hole, touching)).ok).toBe(true);
  });

  it('repeated consecutive positions', () => {
    const ring: Ring = [
      [0, 0],
      [1, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    expect(parseGeometry(polygon(ring)).ok).toBe(true);
  });

  it('a MultiPolygon whose parts are apart or share an edge', () => {
    const multi = {
      type: 'MultiPolygon',
      coordinates: [rect(0, 0, 1, 1).coordinates, rect(1, 0, 2, 1).coordinates, rect(5, 5, 6, 6).coordinates],
    };
    expect(parseGeometry(multi).ok).toBe(true);
  });

  it('a MultiPolygon with a part inside another part’s hole', () => {
    const donut = rect(0, 0, 4, 4, [
      [1, 1],
      [1, 3],
      [3, 3],
      [3, 1],
      [1, 1],
    ]);
    expect(
      parseGeometry({
        type: 'MultiPolygon',
        coordinates: [donut.coordinates, rect(1.5, 1.5, 2.5, 2.5).coordinates],
      }).ok,
    ).toBe(true);
  });

  it('a 10,000-vertex ring', () => {
    const ring = circle(10_000, 111.7, 40.8, 0.05);
    expect(parseGeometry(polygon(ring)).ok).toBe(true);
  });
});

describe('parseGeometry rejects bad structure', () => {
  it.each([null, undefined, 'Polygon', 42, [], [[0, 0]]])('%j as not an object', (value) => {
    const [issue] = issuesOf(value);
    expect(issue).toMatchObject({
      rule: 'invalid_geometry',
      message: expect.stringMatching(/JSON 对象.*object/),
    });
  });

  it('a wrong or missing type', () => {
    expect(issuesOf({ type: 'Point', coordinates: [0, 0] })[0]).toMatchObject({
      rule: 'invalid_geometry',
      path: 'type',
      message: expect.stringContaining('got Point'),
    });
    expect(issuesOf({ coordinates: [] })[0]!.message).toContain('got undefined');
    expect(issuesOf({ type: 'Feature', geometry: rect(0, 0, 1, 1) })[0]!.message).toContain(
      'pass its geometry',
    );
    expect(issuesOf({ type: 'polygon', coordinates: rect(0, 0, 1, 1).coordinates })[0]!.path).toBe('type');
  });

  it('missing or empty coordinates', () => {
    expect(issuesOf({ type: 'Polygon' })[0]).toMatchObject({ path: 'coordinates' });
    expect(issuesOf({ type: 'Polygon', coordinates: [] })[0]!.message).toMatch(/at least one ring/);
    expect(issuesOf({ type: 'MultiPolygon', coordinates: [] })[0]!.message).toMatch(/at least one polygon/);
    expect(issuesOf({ type: 'MultiPolygon', coordinates: [[]] })[0]).toMatchObject({
      path: 'coordinates[0]',
    });
    expect(issuesOf({ type: 'Polygon', coordinates: ['ring'] })[0]).toMatchObject({ path: 'coordinates[0]' });
  });

  it('a ring that is not closed', () => {
    const [issue] = issuesOf(
      polygon([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ]),
    );
    expect(issue).toEqual({
      rule: 'invalid_geometry',
      message: expect.stringMatching(/^环未闭合.*\(ring not closed/),
      path: 'coordinates[0][3]',
      at: [0, 1],
    });
  });

  it('a ring with too few positions', () => {
    const [issue] = issuesOf(
      polygon([
        [0, 0],
        [1, 0],
        [0, 0],
      ]),
    );
    expect(issue).toMatchObject({
      path: 'coordinates[0]',
      message: expect.stringMatching(/4 个坐标.*at least 4 positions, got 3/),
    });
  });

  it('a ring with fewer than 3 distinct positions', () => {
    const [issue] = issuesOf(
      polygon([
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0],
      ]),
    );
    expect(issue!.message).toMatch(/3 distinct positions, got 2/);
  });

  it.each([
    [[0, Number.NaN], /finite numbers/],
    [[Number.POSITIVE_INFINITY, 0], /finite numbers/],
    [['117', 39], /finite numbers/],
    [[117], /\[lon, lat\]/],
    ['117,39', /\[lon, lat\]/],
    [[181, 39], /longitude 181 out of range/],
    [[-180.5, 39], /longitude -180.5 out of range/],
    [[117, 91], /latitude 91 out of range/],
    [[117, -90.0001], /latitude -90.0001 out of range/],
  ])('a bad position %j', (bad, message) => {
    const ring = [[0, 0], bad, [1, 1], [0, 1], [0, 0]];
    const [issue] = issuesOf({ type: 'Polygon', coordinates: [ring] });
    expect(issue).toMatchObject({
      rule: 'invalid_geometry',
      path: 'coordinates[0][1]',
      message: expect.stringMatching(message),
    });
  });

  it('accepts the extreme valid coordinates', () => {
    expect(parseGeometry(rect(-180, -90, 180, 90)).ok).toBe(true);
  });

  it('reports paths inside a MultiPolygon', () => {
    const issues = issuesOf({
      type: 'MultiPolygon',
      coordinates: [
        rect(0, 0, 1, 1).coordinates,
        [
          rectRing(2, 2, 3, 3),
          [
            [2.1, 2.1],
            [2.2, 2.1],
            [2.2, Number.NaN],
            [2.1, 2.1],
          ],
        ],
      ],
    });
    expect(issues.map((i) => i.path)).toEqual(['coordinates[1][1][2]']);
  });

  it('collects several issues but caps their number', () => {
    const bad = Array.from({ length: 1000 }, () => [Number.NaN, 0]);
    const issues = issuesOf({ type: 'Polygon', coordinates: [bad] });
    expect(issues).toHaveLength(50);
    expect(issuesOf({ type: 'MultiPolygon', coordinates: [[[[0, 0]]], [[[1, 1]]]] })).toHaveLength(2);
  });
});

describe('parseGeometry rejects bad topology', () => {
  it('a bow-tie, locating the crossing', () => {
    const issues = issuesOf(
      polygon([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ]),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      rule: 'self_intersection',
      path: 'coordinates[0][0]',
      at: [1, 1],
      message: expect.stringMatching(/^环自相交.*coordinates\[0\]\[2\].*\(ring self-intersects/),
    });
  });

  it('a ring touching itself at a vertex that is not adjacent', () => {
    const figureEight: Ring = [
      [0, 0],
      [2, 0],
      [1, 1],
      [2, 2],
      [0, 2],
      [1, 1],
      [0, 0],
    ];
    const [issue] = issuesOf(polygon(figureEight));
    expect(issue).toMatchObject({
      rule: 'self_intersection',
      at: [1, 1],
      message: expect.stringContaining('touches itself'),
    });
  });

  it('a vertex touching the middle of another edge', () => {
    const ring: Ring = [
      [0, 0],
      [4, 0],
      [4, 4],
      [2, 0],
      [0, 4],
      [0, 0],
    ];
    const [issue] = issuesOf(polygon(ring));
    expect(issue).toMatchObject({ rule: 'self_intersection', at: [2, 0] });
  });

  it('an edge that doubles back over the previous one', () => {
    const spike: Ring = [
      [0, 0],
      [4, 0],
      [4, 4],
      [4, 2],
      [0, 4],
      [0, 0],
    ];
    const [issue] = issuesOf(polygon(spike));
    expect(issue).toMatchObject({
      rule: 'self_intersection',
      message: expect.stringContaining('overlap collinearly'),
    });
  });

  it('edges overlapping collinearly far apart in the ring', () => {
    const ring: Ring = [
      [0, 0],
      [4, 0],
      [4, 2],
      [3, 2],
      [3, 0],
      [1, 0],
      [1, 2],
      [0, 2],
      [0, 0],
    ];
    const issues = issuesOf(polygon(ring));
    expect(issues.every((i) => i.rule === 'self_intersection')).toBe(true);
    expect(issues.some((i) => i.message.includes('overlap collinearly'))).toBe(true);
  });

  it('a crossing hidden in a 10,000-vertex ring', () => {
    const ring = circle(10_000, 111.7, 40.8, 0.05);
    // Swap two neighbouring vertices: their edges now cross, a tiny defect among 10,000 edges.
    [ring[5000], ring[5001]] = [ring[5001]!, ring[5000]!];
    const issues = issuesOf(polygon(ring));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ rule: 'self_intersection' });
    expect(issues[0]!.path).toMatch(/^coordinates\[0\]\[(4999|5000|5001)\]$/);
  });

  it('a hole outside its shell', () => {
    const [issue] = issuesOf(rect(0, 0, 1, 1, rectRing(2, 2, 3, 3)));
    expect(issue).toMatchObject({
      rule: 'invalid_geometry',
      path: 'coordinates[1]',
      message: expect.stringMatching(/^内环不在外环之内.*hole lies outside its shell/),
    });
  });

  it('a hole crossing its shell', () => {
    const issues = issuesOf(rect(0, 0, 2, 2, rectRing(1, 1, 3, 3)));
    expect(issues[0]).toMatchObject({
      rule: 'self_intersection',
      message: expect.stringContaining('a hole and the shell'),
    });
  });

  it('a hole identical to the shell', () => {
    expect(issuesOf(rect(0, 0, 2, 2, rectRing(0, 0, 2, 2)))[0]!.rule).toBe('self_intersection');
  });

  it('crossing and nested holes', () => {
    expect(issuesOf(rect(0, 0, 10, 10, rectRing(1, 1, 4, 4), rectRing(3, 3, 6, 6)))[0]!.message).toContain(
      'two holes',
    );
    const nested = issuesOf(rect(0, 0, 10, 10, rectRing(1, 1, 8, 8), rectRing(2, 2, 3, 3)));
    expect(nested[0]).toMatchObject({
      rule: 'invalid_geometry',
      path: 'coordinates[2]',
      message: expect.stringContaining('hole 2 lies inside hole 1'),
    });
  });

  it('overlapping parts of a MultiPolygon', () => {
    const issues = issuesOf({
      type: 'MultiPolygon',
      coordinates: [rect(117, 39, 117.01, 39.01).coordinates, rect(117.005, 39, 117.015, 39.01).coordinates],
    });
    expect(issues[0]).toMatchObject({
      rule: 'invalid_geometry',
      path: 'coordinates[1]',
      message: expect.stringMatching(/polygons 0 and 1 of the MultiPolygon overlap/),
    });
  });

  it('identical parts of a MultiPolygon', () => {
    const part = rect(117, 39, 117.01, 39.01).coordinates;
    expect(issuesOf({ type: 'MultiPolygon', coordinates: [part, part] })[0]!.message).toContain('overlap');
  });

  it('reports self-intersections per part with the part in the path', () => {
    const bowTie: Position[] = [
      [10, 10],
      [12, 12],
      [12, 10],
      [10, 12],
      [10, 10],
    ];
    const issues = issuesOf({ type: 'MultiPolygon', coordinates: [rect(0, 0, 1, 1).coordinates, [bowTie]] });
    expect(issues[0]).toMatchObject({
      rule: 'self_intersection',
      path: 'coordinates[1][0][0]',
      at: [11, 11],
    });
  });

  it('writes every message Chinese first with English in parentheses', () => {
    const samples: unknown[] = [
      null,
      { type: 'Point' },
      polygon([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ]),
      rect(0, 0, 1, 1, rectRing(2, 2, 3, 3)),
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
    ];
    for (const sample of samples) {
      for (const issue of issuesOf(sample))
        expect(issue.message).toMatch(/^[\u4e00-\u9fffA-Z][^(]*[\u4e00-\u9fff].*\(.+\)$/);
    }
  });
});
