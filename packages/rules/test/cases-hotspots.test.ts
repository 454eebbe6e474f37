import { describe, expect, it } from 'vitest';
import { addressKey, DEFAULT_HOTSPOT_RULE, findHotspots, type HotspotCase } from '../src/index.ts';

const NOW = Date.UTC(2026, 11, 4, 4);
const DAY = 86_400_000;
const M = 1 / 111_195; // degrees of latitude per metre
let n = 0;
const c = (over: Partial<HotspotCase> & { dy?: number; daysAgo?: number }): HotspotCase => ({
  id: String(++n).padStart(4, '0'),
  categoryCode: over.categoryCode ?? 'SG01-01',
  lon: 111.75,
  lat: 40.84 + (over.dy ?? 0) * M,
  reportedAt: NOW - (over.daysAgo ?? 1) * DAY,
  address: over.address ?? `某路${n}号`,
});

describe('findHotspots', () => {
  it('finds three of a category within 150 m in 30 days, and not two, nor one 200 m off', () => {
    const cases = [c({ dy: 0 }), c({ dy: 60 }), c({ dy: 120 }), c({ dy: 400 })];
    const [spot, ...rest] = findHotspots(cases, NOW);
    expect(rest).toEqual([]);
    expect(spot).toMatchObject({
      kind: 'category',
      categoryCode: 'SG01-01',
      caseIds: ['0001', '0002', '0003'],
    });
    expect(spot!.lat).toBeCloseTo(40.84 + 60 * M, 9);
    expect(findHotspots(cases.slice(0, 2), NOW)).toEqual([]);
    expect(DEFAULT_HOTSPOT_RULE).toEqual({ radiusM: 150, days: 30, minCount: 3 });
  });

  it('ignores old cases, other categories and cases after now', () => {
    const cases = [
      c({ categoryCode: 'A', dy: 0 }),
      c({ categoryCode: 'A', dy: 10, daysAgo: 31 }),
      c({ categoryCode: 'B', dy: 20 }),
      c({ categoryCode: 'A', dy: 30, daysAgo: -1 }),
    ];
    expect(findHotspots(cases, NOW)).toEqual([]);
  });

  it('splits two dense spots of one category and takes the denser first', () => {
    const west = [0, 10, 20].map((dy) => c({ categoryCode: 'C', dy }));
    const east = [2000, 2010, 2020, 2030].map((dy) => c({ categoryCode: 'C', dy }));
    const spots = findHotspots([...west, ...east], NOW);
    expect(spots.map((s) => s.caseIds.length)).toEqual([4, 3]);
    expect(spots[0]!.key).toBe(`category:${east[0]!.id}`);
  });

  it('groups an address reported again and again whatever the category, spaces and widths aside', () => {
    const stair = ['东风路18号 3单元', '东风路18号3单元'];
    expect(addressKey(stair[0]!)).toBe(addressKey(stair[1]!));
    expect(addressKey(stair[1]!)).toBe(addressKey('东风路１８号３单元'));
    const cases = [
      c({ categoryCode: 'D1', address: stair[0], dy: 0 }),
      c({ categoryCode: 'D2', address: stair[1], dy: 0, daysAgo: 5 }),
      c({ categoryCode: 'D3', address: '东风路１８号３单元', dy: 0, daysAgo: 9 }),
    ];
    const spots = findHotspots(cases, NOW);
    expect(spots).toHaveLength(1);
    // Named as first reported; cases in time order.
    expect(spots[0]).toMatchObject({ kind: 'address', address: '东风路１８号３单元' });
    expect(spots[0]!.caseIds).toEqual([cases[2]!.id, cases[1]!.id, cases[0]!.id]);
    expect(spots[0]!.from).toBe(NOW - 9 * DAY);
    expect(spots[0]!.to).toBe(NOW - 1 * DAY);
  });

  it('is the same for the same cases in any order', () => {
    const cases = [0, 30, 60, 90, 1000, 1040, 1080].map((dy, i) =>
      c({ dy, categoryCode: 'E', address: i < 3 ? '同一地址' : `x${i}` }),
    );
    const a = findHotspots(cases, NOW);
    const b = findHotspots([...cases].reverse(), NOW);
    expect(b).toEqual(a);
    expect(a.length).toBe(3);
  });
});
