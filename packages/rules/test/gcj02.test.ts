import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, haversineM, outOfChina, wgs84ToGcj02 } from '../src/index.ts';

// Published pairs: eviltransform's tests (Shanghai, Shenzhen, Beijing: wgs → gcj), coordtransform's
// (116.404, 39.915) and gcoord's GCJ-02 → WGS-84 of (123, 45).
const PAIRS: { name: string; wgs: [number, number]; gcj: [number, number] }[] = [
  { name: 'Shanghai', wgs: [121.5272106, 31.1774276], gcj: [121.531541859215, 31.17530398364597] },
  { name: 'Shenzhen', wgs: [113.912316, 22.543847], gcj: [113.9171764808363, 22.540796131694766] },
  { name: 'Beijing', wgs: [116.377817, 39.911954], gcj: [116.38404722455657, 39.91334545536069] },
  { name: 'Tiananmen', wgs: [116.404, 39.915], gcj: [116.41024449916938, 39.91640428150164] },
];

describe('GCJ-02', () => {
  it('matches published WGS-84 → GCJ-02 pairs to 1e-9°', () => {
    for (const p of PAIRS) {
      const [lon, lat] = wgs84ToGcj02(...p.wgs);
      expect(lon, p.name).toBeCloseTo(p.gcj[0], 9);
      expect(lat, p.name).toBeCloseTo(p.gcj[1], 9);
    }
  });

  it('inverts to under a millimetre, and agrees with gcoord on (123, 45)', () => {
    for (const p of PAIRS) {
      const [lon, lat] = gcj02ToWgs84(...p.gcj);
      expect(haversineM(lon, lat, ...p.wgs), p.name).toBeLessThan(0.001);
    }
    const [lon, lat] = gcj02ToWgs84(123, 45);
    expect(lon).toBeCloseTo(122.99395597, 5);
    expect(lat).toBeCloseTo(44.99804071, 5);
  });

  it('moves a point in Hohhot by a few hundred metres, and nothing outside China', () => {
    const [lon, lat] = wgs84ToGcj02(111.7519, 40.8414);
    const shift = haversineM(111.7519, 40.8414, lon, lat);
    expect(shift).toBeGreaterThan(100);
    expect(shift).toBeLessThan(700);
    expect(outOfChina(2.35, 48.85)).toBe(true);
    expect(wgs84ToGcj02(2.35, 48.85)).toEqual([2.35, 48.85]);
    expect(gcj02ToWgs84(-74, 40.7)).toEqual([-74, 40.7]);
  });
});
