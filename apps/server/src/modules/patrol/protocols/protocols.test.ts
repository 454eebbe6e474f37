import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/harness.ts';
import { owntracksProblems } from './owntracks.ts';

const STANDARDS = '/work/shared/standards';
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

interface Sample {
  method: 'GET' | 'POST';
  path: string;
  contentType?: string;
  body?: unknown;
  expect: string;
}
const samples: Sample[] = readJson(`${STANDARDS}/osmand/samples.json`).samples;

let t: TestApp;
const workers = new Map<string, string>();

beforeAll(async () => {
  t = await startTestApp();
  // Each sample device belongs to its own worker, so that fixes of different devices never meet
  // in one worker's speed check.
  const deviceIds = [
    ...new Set(
      samples.flatMap((s) => {
        const q = new URLSearchParams(s.path.split('?')[1] ?? '');
        const id =
          q.get('id') ?? q.get('deviceid') ?? (s.body as { device_id?: string } | undefined)?.device_id;
        return id ? [id] : [];
      }),
    ),
  ];
  const users = await t.db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'like', 'wj%')
    .orderBy('username')
    .limit(deviceIds.length)
    .execute();
  for (const [i, deviceId] of deviceIds.entries()) workers.set(deviceId, users[i]!.id);
  await t.db
    .insertInto('tracker_devices')
    .values(
      deviceIds.map((device_id) => ({
        device_id,
        user_id: workers.get(device_id)!,
        protocol: 'osmand' as const,
      })),
    )
    .execute();
});
afterAll(() => t?.close());

const positionsOf = (deviceId: string) =>
  t.db.selectFrom('positions').selectAll().where('device_id', '=', deviceId).execute();

describe('OsmAnd / Traccar Client at /track/osmand', () => {
  samples.forEach((sample, n) => {
    it(`sample ${n}: ${sample.method} ${sample.path.slice(0, 60)} → ${sample.expect}`, async () => {
      const query = new URLSearchParams(sample.path.split('?')[1] ?? '');
      const body = sample.body as
        | { device_id?: string; location?: { coords: { latitude: number; longitude: number } } }
        | undefined;
      const deviceId = query.get('id') ?? query.get('deviceid') ?? body?.device_id ?? null;
      const before = deviceId ? (await positionsOf(deviceId)).length : 0;
      const res = await t.app.inject({
        method: sample.method,
        url: `/track/osmand${sample.path.slice(1)}`,
        ...(sample.body === undefined
          ? {}
          : {
              payload: JSON.stringify(sample.body),
              headers: { 'content-type': sample.contentType ?? 'application/json' },
            }),
      });
      if (sample.expect === 'position') {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.body).toBe('');
        const lat =
          body?.location?.coords.latitude ?? Number(query.get('lat') ?? query.get('location')!.split(',')[0]);
        const lon =
          body?.location?.coords.longitude ??
          Number(query.get('lon') ?? query.get('location')!.split(',')[1]);
        const rows = await positionsOf(deviceId!);
        // A repeat of an earlier sample's (device time, worker) is the same fix: stored once.
        const stored = rows.find((r) => r.lat === lat && r.lon === lon);
        expect(stored, JSON.stringify(rows)).toBeDefined();
        expect(stored).toMatchObject({ user_id: workers.get(deviceId!), source: 'osmand' });
      } else if (sample.expect.startsWith('accepted without a position')) {
        expect(res.statusCode).toBe(200);
        expect((await positionsOf(deviceId!)).length).toBe(before);
      } else if (sample.expect.startsWith('rejected')) {
        expect(res.statusCode).toBe(400);
        expect(res.json().error.details.field).toBe('id');
      } else {
        throw new Error(`unhandled expectation ${sample.expect}`);
      }
    });
  });

  it('decodes units and time formats as Traccar does', async () => {
    const rows = await positionsOf('123456789012345');
    // speed=40 knots, bearing 7.2°, unix seconds.
    expect(rows[0]!.speed_mps).toBeCloseTo(40 * 0.514444, 3);
    expect(rows[0]!.heading).toBeCloseTo(7.19889788244, 3);
    expect(rows[0]!.recorded_at.toISOString()).toBe('2017-09-07T05:56:50.000Z');
    const ms = await positionsOf('902064');
    expect(ms.map((r) => r.recorded_at.toISOString()).sort()).toEqual([
      '2015-09-12T14:38:06.579Z',
      '2016-01-27T18:55:47.000Z',
    ]);
    const spaced = await positionsOf('353861053849681');
    expect(spaced[0]!.recorded_at.toISOString()).toBe('2014-06-04T09:10:11.000Z');
    const json = await positionsOf('8737767034');
    expect(json[0]).toMatchObject({ battery: 79, accuracy_m: 3.8, heading: 63 });
    expect(json[0]!.speed_mps).toBeCloseTo(18.67, 2);
    const battery = await positionsOf('861001000719969');
    expect(battery[0]!.battery).toBe(87);
  });

  it('accepts a form-encoded POST and refuses unknown devices with 400', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/track/osmand',
      payload: `id=123456&lat=60.001&lon=30.001&timestamp=${Math.floor(Date.now() / 1000) - 60}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode, form.body).toBe(200);
    expect((await positionsOf('123456')).some((r) => r.lat === 60.001)).toBe(true);
    const unknown = await t.app.inject({ method: 'GET', url: '/track/osmand?id=nobody&lat=60&lon=30' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown_device');
  });
});

describe('OwnTracks HTTP at /track/owntracks', () => {
  const dir = `${STANDARDS}/owntracks/fixtures`;
  const expected: { valid: string[]; invalid: string[] } = readJson(`${dir}/expected.json`);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(readJson(`${STANDARDS}/owntracks/message.json`));
  let token: string;
  let userId: string;
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const post = (body: unknown, authorization?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/track/owntracks',
      payload: JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        ...(authorization ? { authorization } : {}),
        'x-limit-u': 'sg',
        'x-limit-d': 'phone',
      },
    });

  beforeAll(async () => {
    const session = await t.login('w120110001001001');
    token = (await session.post('/api/auth/tokens', { name: 'owntracks' })).data.token;
    userId = (
      await t.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'w120110001001001')
        .executeTakeFirstOrThrow()
    ).id;
  });

  for (const file of [...expected.valid, ...expected.invalid]) {
    const valid = expected.valid.includes(file);
    it(`${file}: ${valid ? 'valid → 200 []' : 'invalid → 400'} (and so says the schema)`, async () => {
      const message = readJson(`${path.join(dir, file)}`);
      expect(validate(message), JSON.stringify(validate.errors)).toBe(valid);
      expect(owntracksProblems(message).length === 0).toBe(valid);
      // One device per fixture: their fixes lie far apart in space and time.
      const res = await post(message, basic(`ot-${file}`, token));
      if (valid) {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual([]);
      } else {
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('validation_failed');
      }
    });
  }

  it('stores locations as positions and transitions as region events of the token’s worker', async () => {
    const loc = await t.db
      .selectFrom('positions')
      .selectAll()
      .where('device_id', '=', 'ot-l.json')
      .executeTakeFirstOrThrow();
    expect(loc).toMatchObject({
      user_id: userId,
      lat: 52.195913,
      lon: 7.688245,
      accuracy_m: 35,
      battery: 75,
      source: 'owntracks',
    });
    expect(loc.recorded_at.toISOString()).toBe(new Date(1699882482 * 1000).toISOString());
    const five = await t.db
      .selectFrom('positions')
      .selectAll()
      .where('device_id', '=', 'ot-location-5s.json')
      .executeTakeFirstOrThrow();
    expect(five.speed_mps).toBeCloseTo(1 / 3.6, 4);
    expect(five.heading).toBe(252);
    const event = await t.db.selectFrom('patrol_events').selectAll().executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      user_id: userId,
      kind: 'region_enter',
      region_id: 'c00b92',
      region_name: 'blukii',
      device_id: 'ot-transition.json',
    });
    expect(
      await t.db.selectFrom('positions').select('lat').where('device_id', '=', 'ot-lwt.json').execute(),
    ).toEqual([]);
    const devices = await t.db
      .selectFrom('tracker_devices')
      .select(['device_id', 'protocol'])
      .where('user_id', '=', userId)
      .execute();
    expect(devices.map((d) => d.device_id)).toContain('ot-l.json');
    // An array of messages (OwnTracks' bulk form) is accepted too, and a resent fix counts once.
    const again = await post([readJson(`${dir}/l.json`)], basic('ot-l.json', token));
    expect(again.statusCode).toBe(200);
    expect(
      await t.db.selectFrom('positions').select('lat').where('device_id', '=', 'ot-l.json').execute(),
    ).toHaveLength(1);
  });

  it('refuses missing credentials, a wrong token and a device of another worker with 401', async () => {
    const message = readJson(`${dir}/l.json`);
    const none = await post(message);
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Basic');
    expect((await post(message, basic('ot-l.json', 'not-a-token'))).statusCode).toBe(401);
    const session = await t.login('w120110001001002');
    const otherToken = (await session.post('/api/auth/tokens', { name: 'owntracks' })).data.token;
    expect((await post(message, basic('ot-l.json', otherToken))).statusCode).toBe(401);
    // A revoked device stays refused until bound again explicitly.
    const owner = await t.withToken('w120110001001001');
    expect((await owner.delete('/api/tracker-devices/ot-l.json')).statusCode).toBe(204);
    expect((await post(message, basic('ot-l.json', token))).statusCode).toBe(401);
  });
});
