import { describe, expect, it } from 'vitest';
import { ADDRESS_NEAR_M, boxAround, haversineM, reverseAddress } from '../src/index.ts';

const lon = 117.35;
const lat = 39.1;
/** A point `m` metres north of the origin. */
const north = (m: number) => ({ lon, lat: lat + m / 111_195 });

describe('boxAround', () => {
  it('contains every point within the radius in each direction', () => {
    const box = boxAround(lon, lat, 150);
    for (const [dLon, dLat] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ] as const) {
      // Walk outwards until 150 m: the point must still be inside the box.
      let step = 0;
      while (haversineM(lon, lat, lon + dLon * step, lat + dLat * step) < 150) step += 1e-6;
      const p = { lon: lon + dLon * (step - 1e-6), lat: lat + dLat * (step - 1e-6) };
      expect(p.lon).toBeGreaterThanOrEqual(box.minLon);
      expect(p.lon).toBeLessThanOrEqual(box.maxLon);
      expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
      expect(p.lat).toBeLessThanOrEqual(box.maxLat);
    }
  });

  it('widens in longitude away from the equator and never wraps past the poles', () => {
    const equator = boxAround(0, 0, 1000);
    const north60 = boxAround(0, 60, 1000);
    expect(north60.maxLon - north60.minLon).toBeGreaterThan(1.9 * (equator.maxLon - equator.minLon));
    const pole = boxAround(0, 90, 1000);
    expect(Number.isFinite(pole.maxLon)).toBe(true);
  });
});

describe('reverseAddress', () => {
  const near = { ...north(40), address: '丽湖路1号3号楼', road: '丽湖路' };
  const farther = { ...north(120), address: '丽湖路1号5号楼', road: '丽湖路' };
  const far = { ...north(300), address: '金钟路8号1号楼', road: '金钟路' };

  it('names the nearest building within the short walk', () => {
    const r = reverseAddress({ lon, lat, gridName: '丽湖社区第一网格', candidates: [farther, far, near] });
    expect(r.address).toBe('丽湖路1号3号楼');
    expect(r.distanceM).toBe(40);
  });

  it('falls back to grid and road when the nearest building is beyond the walk', () => {
    const r = reverseAddress({ lon, lat, gridName: '丽湖社区第一网格', candidates: [far] });
    expect(r.address).toBe('丽湖社区第一网格 金钟路附近');
  });

  it('falls back to the grid name when nothing is near enough to name a road', () => {
    const r = reverseAddress({
      lon,
      lat,
      gridName: '丽湖社区第一网格',
      candidates: [{ ...north(900), address: 'x', road: '远路' }],
    });
    expect(r).toEqual({ address: '丽湖社区第一网格', distanceM: null });
    expect(reverseAddress({ lon, lat, gridName: 'G', candidates: [] }).address).toBe('G');
  });

  it('treats the radius as inclusive and takes the first of equally near buildings', () => {
    const edge = { ...north(ADDRESS_NEAR_M - 0.4), address: 'edge', road: 'r' };
    expect(reverseAddress({ lon, lat, gridName: 'G', candidates: [edge] }).address).toBe('edge');
    const a = { ...north(50), address: 'A', road: 'r' };
    const b = { ...north(50), address: 'B', road: 'r' };
    expect(reverseAddress({ lon, lat, gridName: 'G', candidates: [a, b] }).address).toBe('A');
  });
});
