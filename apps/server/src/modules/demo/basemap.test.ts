import { pointInGeometry } from '@wangge/rules';
import { describe, expect, it } from 'vitest';
import { demoBasemap } from './basemap.ts';
import { generateDemo } from './generate.ts';

describe('demo base map', () => {
  const data = generateDemo({ scale: 'district' });
  const features = demoBasemap(data);

  it('is deterministic', () => {
    expect(demoBasemap(generateDemo({ scale: 'district' }))).toEqual(features);
  });

  it('has named main roads and lanes along the grid borders', () => {
    const roads = features.filter((f) => f.kind === 'road');
    const main = roads.filter((f) => f.class === 'main');
    const lanes = roads.filter((f) => f.class === 'lane');
    expect(main.length).toBeGreaterThan(20);
    expect(lanes.length).toBeGreaterThan(20);
    for (const road of roads) expect(road.name).toMatch(/\S/);
    expect(new Set(main.map((r) => r.name)).size).toBeGreaterThan(5);
    // Every road vertex is a vertex of some grid outline: roads run on the borders.
    const vertices = new Set<string>();
    for (const u of data.orgUnits) {
      if (u.level !== 'grid' || u.boundary?.type !== 'Polygon') continue;
      for (const [x, y] of u.boundary.coordinates[0]!) vertices.add(`${x},${y}`);
    }
    for (const road of roads) {
      for (const [x, y] of road.geometry.coordinates as [number, number][])
        expect(vertices).toContain(`${x},${y}`);
    }
    expect(Math.max(...main.map((r) => r.minZoom))).toBeLessThan(Math.min(...lanes.map((r) => r.minZoom)));
  });

  it('stands a rectangle on every building point, larger for more stairwells', () => {
    const footprints = features.filter((f) => f.kind === 'building');
    expect(footprints).toHaveLength(data.buildings.length);
    footprints.forEach((f, i) => {
      const b = data.buildings[i]!;
      expect(f.geometry.type).toBe('Polygon');
      const ring = (f.geometry.coordinates as [number, number][][])[0]!;
      expect(ring).toHaveLength(5);
      expect(pointInGeometry([b.lon, b.lat], { type: 'Polygon', coordinates: [ring] })).toBe(1);
      expect(f.levels).toBe(b.floors);
    });
  });

  it('greens the park grids', () => {
    const parks = data.grids.filter((g) => g.specialType === 'park').length;
    expect(parks).toBeGreaterThan(0);
    expect(features.filter((f) => f.kind === 'green')).toHaveLength(parks);
  });
});
