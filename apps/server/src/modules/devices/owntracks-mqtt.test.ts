import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { type MqttIntake, owntracksTopic, startMqttIntake } from './mqtt.ts';

// OwnTracks in its native MQTT mode through the real Mosquitto (issue 14 point 3): the app
// publishes to <prefix>/<user>/<device>; the prefix is configurable (here one of this run's own, so
// parallel runs do not see each other's messages), the fix goes through the one patrol pipeline
// and shows on the live map; a malformed message is dropped and the connection stays up.
const MQTT_URL = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';
const RUN = randomUUID().slice(0, 8);
const PREFIX = `ot-test-${RUN}/owntracks`;
const FIXTURES = '/work/shared/standards/owntracks/fixtures';
const sample = (name: string) => readFileSync(`${FIXTURES}/${name}`, 'utf8');

let t: TestApp;
let admin: Client;
let intake: MqttIntake;
let publisher: MqttClient;
const warnings: { obj: object; msg: string }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  intake = startMqttIntake({
    url: MQTT_URL,
    group: `ot-${RUN}`,
    owntracksPrefix: PREFIX,
    db: t.db,
    config: t.context.config,
    gridIndex: t.context.gridIndex,
    calendars: t.context.calendars,
    hub: t.context.hub,
    positions: t.context.positions,
    log: {
      info: () => {},
      warn: (obj: object, msg: string) => warnings.push({ obj, msg }),
      error: (obj: object, msg: string) => warnings.push({ obj, msg }),
    },
  });
  await intake.ready;
  publisher = await mqtt.connectAsync(MQTT_URL, { clientId: `ot-pub-${RUN}` });
});

afterAll(async () => {
  await publisher?.endAsync();
  await intake?.close();
  await t?.close();
});

const publish = (topic: string, payload: string) => publisher.publishAsync(topic, payload, { qos: 1 });
const fixesOf = (deviceId: string) =>
  t.db
    .selectFrom('positions')
    .select(['lat', 'lon', 'source', 'accuracy_m', 'battery'])
    .where('device_id', '=', deviceId)
    .orderBy('recorded_at')
    .execute();
const settled = async () => {
  await intake.idle();
  await t.context.positions.drain();
};

describe('OwnTracks over MQTT', () => {
  it('matches <prefix>/<user>/<device> only under the configured prefix', () => {
    const topic = owntracksTopic('a.b/owntracks');
    expect(topic.exec('a.b/owntracks/w1/phone')?.slice(1)).toEqual(['w1', 'phone']);
    expect(topic.test('axb/owntracks/w1/phone')).toBe(false);
    expect(topic.test('a.b/owntracks/w1/phone/event')).toBe(false);
    expect(topic.test('owntracks/w1/phone')).toBe(false);
  });

  it('a published sample location is stored and shows on the live map; malformed ones are dropped', async () => {
    // A grid worker with no position yet, so the sample is their live position.
    const worker = await t.db
      .selectFrom('users as u')
      .select(['u.id', 'u.username'])
      .where('u.username', 'like', 'w1201%')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('positions as p').select('p.user_id').whereRef('p.user_id', '=', 'u.id'))),
      )
      .orderBy('u.username', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const client = await t.login(worker.username);
    const deviceId = `ot-${RUN}`;
    const bound = await client.post('/api/tracker-devices', { deviceId, protocol: 'owntracks' });
    expect(bound.statusCode, bound.body).toBe(201);
    const topic = `${PREFIX}/${worker.username}/${deviceId}`;

    // Malformed first: not JSON, JSON of the wrong shape, a schema-invalid fixture.
    await publish(topic, '{not json');
    await publish(topic, '[1,2,3]');
    await publish(topic, sample('location-lat-missing.json'));
    // The default prefix is not listened to under this configuration.
    await publish(`owntracks/${worker.username}/${deviceId}`, sample('location-5s.json'));
    // Then the sample, as it is: the connection survived the bad ones.
    await publish(topic, sample('l.json'));

    await vi.waitFor(
      async () => {
        await settled();
        expect(await fixesOf(deviceId)).toEqual([
          { lat: 52.195913, lon: 7.688245, source: 'owntracks', accuracy_m: 35, battery: 75 },
        ]);
      },
      { timeout: 5000 },
    );
    expect(intake.client.connected).toBe(true);
    const dropped = warnings.filter((w) => /OwnTracks/.test(w.msg));
    expect(dropped.map((w) => w.msg)).toEqual([
      'malformed OwnTracks message dropped',
      'invalid OwnTracks message dropped',
      'invalid OwnTracks message dropped',
    ]);

    const live = await admin.get('/api/positions/live');
    expect(live.statusCode).toBe(200);
    const mine = live.data.items.find((p: { userId: string }) => p.userId === worker.id);
    expect(mine).toMatchObject({ lat: 52.195913, lon: 7.688245, accuracy: 35 });

    // Still connected: a second sample arrives after the bad ones.
    await publish(topic, sample('location-5s.json'));
    await vi.waitFor(
      async () => {
        await settled();
        expect(await fixesOf(deviceId)).toHaveLength(2);
      },
      { timeout: 5000 },
    );
  });
});
