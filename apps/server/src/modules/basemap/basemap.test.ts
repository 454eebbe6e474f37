import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { simplifyForZoom } from './presenter.ts';

let t: TestApp;
let district: Client;
let extent: [number, number, number, number];
beforeAll(async () => {
  t = await startTestApp();
  district = await t.withToken('district');
  const row = await t.db
    .selectFrom('basemap_features')
    .select((eb) => [
      eb.fn.min('min_lon').as('w'),
      eb.fn.min('min_lat').as('s'),
      eb.fn.max('max_lon').as('e'),
      eb.fn.max('max_lat').as('n'),
    ])
    .executeTakeFirstOrThrow();
  extent = [row.w, row.s, row.e, row.n];
});
afterAll(() => t?.close());

type Feature = {
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: { kind: string; class: string | null; name: string | null };
};
const kinds = (features: Feature[]) =>
  new Set(features.map((f) => `${f.properties.kind}:${f.properties.class ?? ''}`));

describe('GET /api/basemap', () => {
  it('serves the demo base map: every kind close up, only areas and main roads city-wide', async () => {
    const [w, s, e, n] = extent;
    const far = await district.get(`/api/basemap?bbox=${w},${s},${e},${n}&zoom=11`);
    expect(far.statusCode).toBe(200);
    expect(far.data.type).toBe('FeatureCollection');
    expect([...kinds(far.data.features)].sort()).toEqual(['green:', 'road:main', 'water:']);
    expect(far.data.truncated).toBe(false);

    // A small window in the middle at street zoom: buildings and named lanes appear.
    const cx = (w + e) / 2;
    const cy = (s + n) / 2;
    const d = 0.004;
    const near = await district.get(`/api/basemap?bbox=${cx - d},${cy - d},${cx + d},${cy + d}&zoom=17`);
    expect(near.statusCode).toBe(200);
    const k = kinds(near.data.features);
    expect(k).toContain('building:');
    expect(k).toContain('road:lane');
    expect(near.data.features.length).toBeLessThan(far.data.features.length * 3);
    const lane = near.data.features.find((f: Feature) => f.properties.class === 'lane');
    expect(lane.geometry.type).toBe('LineString');
    expect(lane.properties.name).toMatch(/支路|路|道|街/);
    // Every feature touches the window.
    for (const f of near.data.features as Feature[]) {
      const flat = JSON.stringify(f.geometry.coordinates)
        .match(/-?\d+(\.\d+)?/g)!
        .map(Number);
      const xs = flat.filter((_, i) => i % 2 === 0);
      const ys = flat.filter((_, i) => i % 2 === 1);
      expect(Math.max(...xs)).toBeGreaterThanOrEqual(cx - d);
      expect(Math.min(...xs)).toBeLessThanOrEqual(cx + d);
      expect(Math.max(...ys)).toBeGreaterThanOrEqual(cy - d);
      expect(Math.min(...ys)).toBeLessThanOrEqual(cy + d);
    }
  });

  it('is simpler far out than close up', async () => {
    const [w, s, e, n] = extent;
    const points = async (zoom: number) => {
      const res = await district.get(`/api/basemap?bbox=${w},${s},${e},${n}&zoom=${zoom}`);
      return JSON.stringify(res.data.features.filter((f: Feature) => f.properties.class === 'main')).length;
    };
    expect(await points(9)).toBeLessThan(await points(16));
  });

  it('is readable by any signed-in user, cached privately, and not by anonymous callers', async () => {
    const [w, s, e, n] = extent;
    const url = `/api/basemap?bbox=${w},${s},${e},${n}&zoom=12`;
    const resident = await t.withToken('resident');
    const res = await resident.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.data.features.length).toBeGreaterThan(0);
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    const anon = await t.anon.get(url);
    expect(anon.statusCode).toBe(401);
  });

  it('names the field of a bad bbox or zoom', async () => {
    for (const bbox of ['1,2,3', '3,2,1,4', 'a,b,c,d', '0,0,181,1', ',,,', '1,2,3,4,5']) {
      const res = await district.get(`/api/basemap?bbox=${encodeURIComponent(bbox)}&zoom=10`);
      expect(res.statusCode, bbox).toBe(400);
      expect(res.data.error.details.field, bbox).toBe('bbox');
    }
    const noBbox = await district.get('/api/basemap?zoom=10');
    expect(noBbox.statusCode).toBe(400);
    expect(noBbox.data.error.details.field).toBe('bbox');
    for (const zoom of ['23', '-1', '1.5', 'x']) {
      const res = await district.get(`/api/basemap?bbox=0,0,1,1&zoom=${zoom}`);
      expect(res.statusCode, zoom).toBe(400);
      expect(res.data.error.details.field, zoom).toBe('zoom');
    }
  });
});

describe('simplifyForZoom', () => {
  it('drops what shrinks below a pixel and keeps what does not', () => {
    const house = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [117.0, 39.0],
          [117.0002, 39.0],
          [117.0002, 39.0001],
          [117.0, 39.0001],
          [117.0, 39.0],
        ] as [number, number][],
      ],
    };
    expect(simplifyForZoom(house, 8)).toBeNull();
    expect(simplifyForZoom(house, 18)?.coordinates[0]).toHaveLength(5);
    const road = {
      type: 'LineString' as const,
      coordinates: [
        [117, 39],
        [117.00001, 39],
        [117.1, 39],
      ] as [number, number][],
    };
    expect(simplifyForZoom(road, 10)?.coordinates).toHaveLength(2);
  });
});
