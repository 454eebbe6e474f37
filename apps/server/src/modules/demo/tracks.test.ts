import { detectStops, haversineM } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { dayOf } from '../patrol/repository.ts';
import { generateDemo } from './generate.ts';
import { seedTracks } from './seed-tracks.ts';
import { generateTracks } from './tracks.ts';

const TODAY = new Date('2026-12-04T07:30:00Z'); // 15:30 in Hohhot
const data = generateDemo({ scale: 'district' });

describe('demo tracks (pure)', () => {
  const fixes = generateTracks({ data, today: TODAY });

  it('walk every grid’s worker yesterday and today up to now, deterministically', () => {
    expect(generateTracks({ data, today: TODAY })).toEqual(fixes);
    const workers = new Set(fixes.map((f) => f.worker));
    expect(workers.size).toBe(data.grids.length);
    expect(fixes.every((f) => f.at.getTime() <= TODAY.getTime())).toBe(true);
    expect(new Set(fixes.map((f) => dayOf(f.at)))).toEqual(new Set(['2026-12-03', '2026-12-04']));
  });

  it('at walking pace with stops, one fix per worker and time', () => {
    const w = fixes.filter((f) => f.worker === fixes[0]!.worker && dayOf(f.at) === '2026-12-03');
    expect(new Set(w.map((f) => f.at.getTime())).size).toBe(w.length);
    for (let i = 1; i < w.length; i++) {
      const dt = (w[i]!.at.getTime() - w[i - 1]!.at.getTime()) / 1000;
      if (dt > 60) continue; // the lunch break
      expect(haversineM(w[i - 1]!.lon, w[i - 1]!.lat, w[i]!.lon, w[i]!.lat) / dt).toBeLessThan(2.2);
    }
    const stops = detectStops(w.map((f) => ({ at: f.at.getTime(), lon: f.lon, lat: f.lat })));
    expect(stops.length).toBeGreaterThanOrEqual(3);
  });
});

describe('demo tracks in the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('show as the worker’s day with stops, and in the street operator’s view', async () => {
    const n = await seedTracks(t.db, data, { today: TODAY });
    expect(n).toBeGreaterThan(50_000);
    const worker = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'w120110001001001')
      .executeTakeFirstOrThrow();
    const street1 = await t.login('street1');
    const day = await street1.get(`/api/patrol/tracks?userId=${worker.id}&date=2026-12-03`);
    expect(day.statusCode, day.body).toBe(200);
    expect(day.data.fixes).toBeGreaterThan(900);
    expect(day.data.stops.length).toBeGreaterThanOrEqual(3);
    expect(day.data.totals.distanceM).toBeGreaterThan(1000);
    expect(day.data.totals.outsideOwnGridS).toBeLessThan(day.data.totals.trackedS * 0.2);
  });
});
