import { haversineM } from '@wangge/rules';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { maintainPositionPartitions } from './jobs.ts';
import { addDays, dayBounds, dayOf, partitionName, patrolRepository } from './repository.ts';

const GRID = '120110001001001';
const OTHER_GRID = '120110002001001';

let t: TestApp;
let worker: Client;
let other: Client;
let workerId: string;
let gridId: string;
let buildings: { lon: number; lat: number }[];

const userId = async (username: string) =>
  (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.withToken(`w${GRID}`);
  other = await t.withToken(`w${OTHER_GRID}`);
  workerId = await userId(`w${GRID}`);
  gridId = (
    await t.db.selectFrom('org_units').select('id').where('code', '=', GRID).executeTakeFirstOrThrow()
  ).id;
  buildings = await t.db
    .selectFrom('buildings')
    .select(['lon', 'lat'])
    .where('grid_id', '=', gridId)
    .orderBy('code')
    .execute();
});
afterAll(() => t?.close());

const iso = (ms: number) => new Date(ms).toISOString();
const rowsOf = (uid: string) =>
  t.db.selectFrom('positions').selectAll().where('user_id', '=', uid).orderBy('recorded_at').execute();

describe('POST /api/positions', () => {
  it('drops impossible fixes with their reasons and accepts the rest', async () => {
    const p = buildings[0]!;
    const base = Date.now() - 60 * 60_000;
    const res = await worker.post('/api/positions', {
      deviceId: 'app-1',
      positions: [
        { recordedAt: iso(base), lon: p.lon, lat: p.lat, accuracy: 8, battery: 80 },
        { recordedAt: iso(Date.now() + 3600_000), lon: p.lon, lat: p.lat },
        { recordedAt: iso(base + 20_000), lon: 0, lat: 0 },
        { recordedAt: iso(base + 40_000), lon: p.lon, lat: 95 },
        { recordedAt: iso(base + 60_000), lon: p.lon, lat: p.lat, accuracy: 500 },
        { recordedAt: iso(base + 80_000), lon: p.lon, lat: p.lat, speed: 50 },
        // 5.5 km in 100 s without a device speed: ~200 km/h against the previous accepted fix.
        { recordedAt: iso(base + 100_000), lon: p.lon, lat: p.lat + 0.05, accuracy: 5 },
        { recordedAt: iso(base + 120_000), lon: p.lon + 0.0001, lat: p.lat, accuracy: 5, speed: 1.2 },
        { recordedAt: 'not a time', lon: p.lon, lat: p.lat },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        { index: 1, reason: 'future' },
        { index: 2, reason: 'zero_coordinates' },
        { index: 3, reason: 'out_of_range' },
        { index: 4, reason: 'inaccurate' },
        { index: 5, reason: 'too_fast' },
        { index: 6, reason: 'too_fast' },
        { index: 8, reason: 'invalid_time' },
      ],
    });
    const rows = await rowsOf(workerId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      grid_id: gridId,
      source: 'app',
      device_id: 'app-1',
      battery: 80,
      accuracy_m: 8,
    });
  });

  it('accepts duplicates and out-of-order fixes once, never double-counted', async () => {
    const uid = await userId(`w${OTHER_GRID}`);
    const p = await t.db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select(['b.lon', 'b.lat'])
      .where('o.code', '=', OTHER_GRID)
      .executeTakeFirstOrThrow();
    const t0 = Date.now() - 30 * 60_000;
    const fix = (s: number) => ({ recordedAt: iso(t0 + s * 1000), lon: p.lon, lat: p.lat, accuracy: 10 });
    const first = await other.post('/api/positions', { positions: [fix(0), fix(40), fix(40)] });
    expect(first.data).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    const second = await other.post('/api/positions', { positions: [fix(20), fix(40), fix(0), fix(60)] });
    expect(second.data).toEqual({ accepted: 2, duplicates: 2, rejected: [] });
    const again = await other.post('/api/positions', { positions: [fix(60), fix(20)] });
    expect(again.data).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    // The same fix in concurrent requests is stored once and counted once.
    const racing = await Promise.all(
      [1, 2, 3].map(() => other.post('/api/positions', { positions: [fix(80)] })),
    );
    expect(racing.reduce((n, r) => n + r.data.accepted, 0)).toBe(1);
    expect(racing.reduce((n, r) => n + r.data.duplicates, 0)).toBe(2);
    expect((await rowsOf(uid)).map((r) => (r.recorded_at.getTime() - t0) / 1000)).toEqual([
      0, 20, 40, 60, 80,
    ]);
  });

  it('refuses a device bound to another worker; binding, revoking and re-binding', async () => {
    const bind = await other.post('/api/tracker-devices', { deviceId: 'phone-77', protocol: 'osmand' });
    expect(bind.statusCode).toBe(201);
    expect(bind.data).toMatchObject({ deviceId: 'phone-77', protocol: 'osmand', revokedAt: null });
    expect(
      (await other.post('/api/tracker-devices', { deviceId: 'phone-77', protocol: 'osmand' })).statusCode,
    ).toBe(200);
    const p = buildings[0]!;
    const res = await worker.post('/api/positions', {
      deviceId: 'phone-77',
      positions: [{ recordedAt: iso(Date.now() - 1000), lon: p.lon, lat: p.lat }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.data.error.details.field).toBe('deviceId');
    const steal = await worker.post('/api/tracker-devices', { deviceId: 'phone-77', protocol: 'osmand' });
    expect(steal.statusCode).toBe(409);
    // Not the worker's device and not a monitor: it does not exist for them.
    expect((await worker.delete('/api/tracker-devices/phone-77')).statusCode).toBe(404);
    const street1 = await t.login('street2');
    expect(
      (await street1.get('/api/tracker-devices')).data.items.map((d: { deviceId: string }) => d.deviceId),
    ).toContain('phone-77');
    expect((await other.delete('/api/tracker-devices/phone-77')).statusCode).toBe(204);
    expect(
      (await worker.post('/api/tracker-devices', { deviceId: 'phone-77', protocol: 'osmand' })).statusCode,
    ).toBe(201);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'tracker_device')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'tracker_device.bind',
      'tracker_device.revoke',
      'tracker_device.bind',
    ]);
    const resident = await t.login('resident');
    expect(
      (
        await resident.post('/api/positions', {
          positions: [{ recordedAt: iso(Date.now()), lon: 1, lat: 1 }],
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('a worker’s day', () => {
  it('draws the walk as lines split at gaps, with distance, time inside the own grid and on visits', async () => {
    const walker = await t.withToken(`wj${GRID}_1`);
    const walkerId = await userId(`wj${GRID}_1`);
    const date = addDays(dayOf(Date.now()), -1);
    const start = dayBounds(date).start.getTime() + 9 * 3600_000;
    // Building to building at 1.2 m/s, a fix every 20 s; a 15-minute pause after the second leg.
    const stops = buildings.slice(0, 5);
    const fixes: { recordedAt: string; lon: number; lat: number; accuracy: number }[] = [];
    let at = start;
    let expected = 0;
    for (let leg = 0; leg + 1 < stops.length; leg++) {
      const a = stops[leg]!;
      const b = stops[leg + 1]!;
      const metres = haversineM(a.lon, a.lat, b.lon, b.lat);
      const steps = Math.max(1, Math.ceil(metres / 1.2 / 20));
      const resume = leg === 2;
      if (resume) at += 15 * 60_000;
      for (let i = leg === 0 || resume ? 0 : 1; i <= steps; i++) {
        if (fixes.length > 0 && !(resume && i === 0)) at += 20_000;
        const f = i / steps;
        fixes.push({
          recordedAt: iso(at),
          lon: a.lon + (b.lon - a.lon) * f,
          lat: a.lat + (b.lat - a.lat) * f,
          accuracy: 5,
        });
      }
      expected += metres;
    }
    // Standing still at the end with 3 m of jitter: no distance.
    const last = fixes[fixes.length - 1]!;
    for (let i = 1; i <= 5; i++) {
      at += 20_000;
      fixes.push({ recordedAt: iso(at), lon: last.lon + (i % 2 ? 0.00003 : 0), lat: last.lat, accuracy: 5 });
    }
    // Every fix lies in the grid: the time inside is the time between fixes, except across the pause.
    let walkingS = 0;
    for (let i = 1; i < fixes.length; i++) {
      const dt = (Date.parse(fixes[i]!.recordedAt) - Date.parse(fixes[i - 1]!.recordedAt)) / 1000;
      if (dt <= 300) walkingS += dt;
    }
    for (const f of fixes) expect(t.context.gridIndex.locate(f.lon, f.lat)?.code).toBe(GRID);
    const res = await walker.post('/api/positions', { positions: fixes });
    expect(res.data).toMatchObject({ accepted: fixes.length, rejected: [] });
    // Two overlapping visits of one household on the way (09:10–09:40, 09:30–10:00): 50 minutes.
    const house = await t.db
      .selectFrom('houses')
      .select('id')
      .where('grid_id', '=', gridId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    for (const [from, to, key] of [
      [10, 40, 'walk-visit-1'],
      [30, 60, 'walk-visit-2'],
    ] as const) {
      const v = await walker.post('/api/visits', {
        houseId: house.id,
        startedAt: iso(start + from * 60_000),
        endedAt: iso(start + to * 60_000),
        note: '入户走访',
        idempotencyKey: key,
      });
      expect(v.statusCode, v.body).toBe(201);
    }

    const day = await walker.get(`/api/patrol/tracks?date=${date}`);
    expect(day.statusCode, day.body).toBe(200);
    expect(day.data.fixes).toBe(fixes.length);
    expect(day.data.track.type).toBe('FeatureCollection');
    expect(day.data.track.features).toHaveLength(2);
    expect(day.data.track.features[0].geometry.type).toBe('LineString');
    expect(day.data.distanceM).toBeGreaterThan(expected * 0.99);
    expect(day.data.distanceM).toBeLessThan(expected * 1.01);
    expect(day.data.insideOwnGridS).toBe(walkingS);
    expect(day.data.visits).toEqual({ count: 2, households: 1, seconds: 50 * 60, targetMinutes: 180 });
    expect(day.data.ownGridIds).toEqual([gridId]);
    // The 15-minute pause at one spot is the day's one stop, with the fixes of walking up to it
    // and away within 50 m (20-second fixes at 1.2 m/s); all of the day is inside the grid.
    expect(day.data.stops).toHaveLength(1);
    expect(day.data.stops[0].durationS).toBeGreaterThanOrEqual(900);
    expect(day.data.stops[0].durationS).toBeLessThanOrEqual(900 + 8 * 20);
    expect(day.data.totals).toMatchObject({
      insideOwnGridS: walkingS,
      outsideOwnGridS: 0,
      trackedS: walkingS,
    });
    // Moving: the tracked time less the stop's tracked part (its length less the silent 15 minutes).
    expect(day.data.totals.movingS).toBe(walkingS - (day.data.stops[0].durationS - 900));
    expect(day.data.totals.stoppedS).toBe(day.data.stops[0].durationS);
    expect(day.data.track.features[0].properties.times[0]).toBe(Date.parse(fixes[0]!.recordedAt));
    const gpx = await walker.get(`/api/patrol/tracks.gpx?date=${date}`);
    expect(gpx.statusCode).toBe(200);
    expect(gpx.headers['content-type']).toContain('application/gpx+xml');
    expect(gpx.body.match(/<trkpt /g)).toHaveLength(fixes.length);
    expect(gpx.body.match(/<wpt /g)).toHaveLength(1);
    expect(day.data.firstFix).toMatchObject({ at: fixes[0]!.recordedAt, gridId });
    expect(day.data.lastFix.at).toBe(fixes[fixes.length - 1]!.recordedAt);

    const street1 = await t.login('street1');
    expect((await street1.get(`/api/patrol/tracks?userId=${walkerId}&date=${date}`)).data.fixes).toBe(
      fixes.length,
    );
    const street2 = await t.login('street2');
    expect((await street2.get(`/api/patrol/tracks?userId=${walkerId}&date=${date}`)).statusCode).toBe(404);
    expect((await other.get(`/api/patrol/tracks?userId=${walkerId}&date=${date}`)).statusCode).toBe(404);
  });
});

describe('live positions', () => {
  it('shows the last position of workers in scope only', async () => {
    const street1 = await t.login('street1');
    const street2 = await t.login('street2');
    const live1 = await street1.get('/api/positions/live');
    expect(live1.statusCode).toBe(200);
    const mine = live1.data.items.find((i: { userId: string }) => i.userId === workerId);
    expect(mine).toMatchObject({ gridId, gridCode: GRID });
    const ids2 = (await street2.get('/api/positions/live')).data.items.map(
      (i: { userId: string }) => i.userId,
    );
    expect(ids2).not.toContain(workerId);
    expect(ids2).toContain(await userId(`w${OTHER_GRID}`));
    const within = await street1.get(`/api/positions/live?within=${gridId}`);
    expect(within.data.items.every((i: { gridCode: string }) => i.gridCode === GRID)).toBe(true);
    const otherGridId = (
      await t.db.selectFrom('org_units').select('id').where('code', '=', OTHER_GRID).executeTakeFirstOrThrow()
    ).id;
    expect((await street1.get(`/api/positions/live?within=${otherGridId}`)).statusCode).toBe(404);
    expect((await worker.get('/api/positions/live')).statusCode).toBe(403);
  });

  it('pushes a new position over WebSocket to monitors whose scope covers it', async () => {
    const base = await t.listen();
    const cookie = async (username: string) => {
      const res = await t.anon.post('/api/auth/login', { username, password: 'Wangge@2026' });
      return `wangge_session=${res.cookies.find((c) => c.name === 'wangge_session')!.value}`;
    };
    const connect = async (username: string) => {
      const socket = new WebSocket(`${base.replace('http', 'ws')}/api/ws`, {
        headers: { cookie: await cookie(username), origin: base },
      });
      const messages: { type: string; userId?: string; gridId?: string }[] = [];
      socket.on('message', (data) => messages.push(JSON.parse(String(data))));
      await new Promise((resolve, reject) => {
        socket.on('open', resolve);
        socket.on('error', reject);
      });
      return { socket, messages };
    };
    const watcher = await connect('street1');
    const bystander = await connect('street2');
    const p = buildings[1]!;
    const res = await worker.post('/api/positions', {
      positions: [{ recordedAt: iso(Date.now() - 5000), lon: p.lon, lat: p.lat, accuracy: 5 }],
    });
    expect(res.data.accepted).toBe(1);
    await expect.poll(() => watcher.messages.filter((m) => m.type === 'position').length).toBe(1);
    expect(watcher.messages[0]).toMatchObject({
      type: 'position',
      userId: workerId,
      gridId,
      lon: p.lon,
      lat: p.lat,
    });
    expect(bystander.messages).toEqual([]);
    watcher.socket.close();
    bystander.socket.close();
  });
});

describe('partitions', () => {
  it('exist for today..+2 days, are created on demand, and old ones are dropped', async () => {
    const today = dayOf(Date.now());
    const days = await patrolRepository.partitionDays(t.db);
    for (const n of [0, 1, 2]) expect(days).toContain(addDays(today, n));
    // A device's backlog from 100 days ago gets its partition on demand…
    const old = addDays(today, -100);
    const p = buildings[0]!;
    const backlog = await t.context.positions.ingest({
      userId: await userId('patroller'),
      deviceId: null,
      source: 'app',
      fixes: [{ recordedAt: new Date(dayBounds(old).start.getTime() + 3600_000), lon: p.lon, lat: p.lat }],
    });
    expect(backlog.accepted).toBe(1);
    expect(await patrolRepository.partitionDays(t.db)).toContain(old);
    // …and the retention job drops it (90 days) but keeps yesterday's.
    const result = await maintainPositionPartitions({
      db: t.db,
      retentionDays: 90,
      positions: t.context.positions,
    });
    expect(result.dropped).toEqual([old]);
    const after = await patrolRepository.partitionDays(t.db);
    expect(after).not.toContain(old);
    expect(after).toContain(addDays(today, -1));
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM pg_class WHERE relname = ${partitionName(old)}`.execute(t.db);
    expect(rows[0]!.n).toBe(0);
    const again = await maintainPositionPartitions({ db: t.db, retentionDays: 90 });
    expect(again).toEqual({ created: [], dropped: [] });
  });
});
