import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { addDays, dayBounds, dayOf, partitionName, patrolRepository } from './repository.ts';

// The writer's two ways in (writer.ts): binary COPY for fixes newer than the worker's newest,
// INSERT … ON CONFLICT for the rest and whenever a COPY meets a stored fix.

let t: TestApp;

interface Walker {
  client: Client;
  id: string;
  lon: number;
  lat: number;
}

/** A grid worker with an API token, standing at the first building of their grid. */
async function walker(grid: string): Promise<Walker> {
  const username = `w${grid}`;
  const user = await t.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const building = await t.db
    .selectFrom('buildings as b')
    .innerJoin('org_units as o', 'o.id', 'b.grid_id')
    .select(['b.lon', 'b.lat'])
    .where('o.code', '=', grid)
    .orderBy('b.code')
    .executeTakeFirstOrThrow();
  return { client: await t.withToken(username), id: user.id, ...building };
}

const iso = (ms: number) => new Date(ms).toISOString();
/** `n` fixes of a worker standing still, one every 20 s from t0 + 20 s × `from`. */
const fixes = (w: Walker, t0: number, from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    recordedAt: iso(t0 + (from + i) * 20_000),
    lon: w.lon,
    lat: w.lat,
    accuracy: 5,
  }));
const storedTimes = async (w: Walker) =>
  (
    await t.db
      .selectFrom('positions')
      .select('recorded_at')
      .where('user_id', '=', w.id)
      .orderBy('recorded_at')
      .execute()
  ).map((r) => r.recorded_at.getTime());

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());
afterEach(() => {
  vi.restoreAllMocks();
});

describe('position writer', () => {
  it('drain() waits for the write in progress: the flush of a graceful shutdown', async () => {
    const w = await walker('120110001002002');
    const t0 = Date.now() - 20 * 60_000;
    const copy = patrolRepository.copyPositions;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const copying = new Promise<void>((resolve) => {
      entered = resolve;
    });
    vi.spyOn(patrolRepository, 'copyPositions').mockImplementation(async (...args) => {
      entered();
      await gate;
      return copy.apply(patrolRepository, args);
    });
    const posted = w.client.post('/api/positions', { positions: fixes(w, t0, 0, 5) });
    await copying;
    let drained = false;
    const drain = t.context.positions.drain().then(() => {
      drained = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(drained).toBe(false);
    release();
    await drain;
    expect(await storedTimes(w)).toHaveLength(5);
    expect((await posted).data).toMatchObject({ accepted: 5 });
  });

  it('falls back to the checked insert when a COPY meets a stored fix, counting every fix once', async () => {
    const a = await walker('120110001001001');
    const b = await walker('120110001001002');
    const t0 = Date.now() - 30 * 60_000;
    // Stored behind the pipeline's back (another server process, say), newer than all it knows.
    await t.db
      .insertInto('positions')
      .values({
        user_id: a.id,
        recorded_at: new Date(t0 + 3 * 20_000),
        lon: a.lon,
        lat: a.lat,
        source: 'app',
      })
      .execute();
    const copy = vi.spyOn(patrolRepository, 'copyPositions');
    const insert = vi.spyOn(patrolRepository, 'insertPositions');

    const [ra, rb] = await Promise.all([
      a.client.post('/api/positions', { positions: fixes(a, t0, 0, 10) }),
      b.client.post('/api/positions', { positions: fixes(b, t0, 0, 10) }),
    ]);
    expect(ra.data).toEqual({ accepted: 9, duplicates: 1, rejected: [] });
    expect(rb.data).toEqual({ accepted: 10, duplicates: 0, rejected: [] });
    expect(copy).toHaveBeenCalled();
    // The fixes the failed COPY carried went in again through the conflict-checking insert.
    const reinserted = insert.mock.calls.flatMap(([, rows]) => rows.map((r) => r.userId));
    expect(reinserted.filter((id) => id === a.id)).toHaveLength(10);
    expect(await storedTimes(a)).toEqual(fixes(a, t0, 0, 10).map((f) => Date.parse(f.recordedAt)));
    expect(await storedTimes(b)).toHaveLength(10);
  });

  it('stores concurrent identical batches once; a resent batch skips the COPY', async () => {
    const w = await walker('120110001001003');
    const t0 = Date.now() - 25 * 60_000;
    const batch = fixes(w, t0, 0, 50);
    const racing = await Promise.all(
      [1, 2, 3, 4].map(() => w.client.post('/api/positions', { positions: batch })),
    );
    expect(racing.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(racing.reduce((n, r) => n + r.data.accepted, 0)).toBe(50);
    expect(racing.reduce((n, r) => n + r.data.duplicates, 0)).toBe(150);
    expect(await storedTimes(w)).toHaveLength(50);

    const copy = vi.spyOn(patrolRepository, 'copyPositions');
    const again = await w.client.post('/api/positions', { positions: batch });
    expect(again.data).toEqual({ accepted: 0, duplicates: 50, rejected: [] });
    expect(copy).not.toHaveBeenCalled();

    // Old fixes (resent or late, checked) and new ones (copied) in one batch.
    const gaps = batch.slice(0, 5).map((f) => ({ ...f, recordedAt: iso(Date.parse(f.recordedAt) + 10_000) }));
    const mixed = await w.client.post('/api/positions', {
      positions: [...fixes(w, t0, 45, 5), ...gaps, ...fixes(w, t0, 50, 5)],
    });
    expect(mixed.data).toEqual({ accepted: 10, duplicates: 5, rejected: [] });
    expect(copy).toHaveBeenCalledTimes(1);
    expect(await storedTimes(w)).toHaveLength(60);
  });

  it('copies a batch across midnight into two day partitions, made on demand', async () => {
    const w = await walker('120110001001004');
    const day = addDays(dayOf(Date.now()), -12);
    const next = addDays(day, 1);
    const midnight = dayBounds(next).start.getTime();
    const partitions = () => patrolRepository.partitionDays(t.db);
    expect(await partitions()).not.toContain(day);
    expect(await partitions()).not.toContain(next);
    const copy = vi.spyOn(patrolRepository, 'copyPositions');
    const insert = vi.spyOn(patrolRepository, 'insertPositions');

    // From five minutes before Shanghai midnight to five after, a fix a minute.
    const batch = Array.from({ length: 11 }, (_, i) => ({
      recordedAt: iso(midnight + (i - 5) * 60_000),
      lon: w.lon,
      lat: w.lat,
    }));
    const res = await w.client.post('/api/positions', { positions: batch });
    expect(res.data).toEqual({ accepted: 11, duplicates: 0, rejected: [] });
    expect(copy).toHaveBeenCalledTimes(1);
    expect(insert).not.toHaveBeenCalled();
    const { rows } = await sql<{ part: string; n: number }>`
      SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM positions
      WHERE user_id = ${w.id} GROUP BY 1 ORDER BY 1`.execute(t.db);
    expect(rows).toEqual([
      { part: partitionName(day), n: 5 },
      { part: partitionName(next), n: 6 },
    ]);
  });

  it('copies a time too far from 2000 for a double in microseconds exactly', async () => {
    // A device whose clock reset to its epoch long ago: implausible, yet the time must not drift.
    const w = await walker('120110001002001');
    const old = Date.UTC(1705, 2, 1, 12, 0, 0, 123);
    const res = await w.client.post('/api/positions', {
      positions: [{ recordedAt: iso(old), lon: w.lon, lat: w.lat }],
    });
    expect(res.data).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(await storedTimes(w)).toEqual([old]);
  });

  it('stores what the COPY tuples carry as the checked insert does', async () => {
    const w = await walker('120110001001005');
    const t0 = Date.now() - 20 * 60_000;
    const extras = { speed: 1.5, heading: 270.25, altitude: -12.5, battery: 55.4 };
    const res = await w.client.post('/api/positions', {
      deviceId: 'phone-网格-1',
      positions: [
        { recordedAt: iso(t0 + 20_000), lon: w.lon, lat: w.lat, accuracy: 7.5, ...extras },
        // Unknown or impossible values are stored as NULL: no accuracy, over-full battery, and an
        // altitude beyond what `real` holds.
        { recordedAt: iso(t0 + 40_000), lon: w.lon, lat: w.lat, accuracy: 0, battery: 150, altitude: 1e39 },
      ],
    });
    expect(res.data).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    // An older fix afterwards takes the checked insert: the same columns, the same way.
    const late = await w.client.post('/api/positions', {
      deviceId: 'phone-网格-1',
      positions: [{ recordedAt: iso(t0), lon: w.lon, lat: w.lat, accuracy: 7.5, ...extras }],
    });
    expect(late.data.accepted).toBe(1);
    const rows = await t.db
      .selectFrom('positions')
      .select([
        'recorded_at',
        'device_id',
        'lon',
        'lat',
        'accuracy_m',
        'speed_mps',
        'heading',
        'altitude',
        'battery',
        'grid_id',
        'source',
      ])
      .where('user_id', '=', w.id)
      .orderBy('recorded_at')
      .execute();
    const gridId = t.context.gridIndex.locate(w.lon, w.lat)!.id;
    const full = {
      device_id: 'phone-网格-1',
      lon: w.lon,
      lat: w.lat,
      accuracy_m: 7.5,
      speed_mps: 1.5,
      heading: 270.25,
      altitude: -12.5,
      battery: 55,
      grid_id: gridId,
      source: 'app',
    };
    expect(rows).toEqual([
      { recorded_at: new Date(t0), ...full },
      { recorded_at: new Date(t0 + 20_000), ...full },
      {
        ...full,
        recorded_at: new Date(t0 + 40_000),
        accuracy_m: null,
        speed_mps: null,
        heading: null,
        altitude: null,
        battery: null,
      },
    ]);
  });
});
