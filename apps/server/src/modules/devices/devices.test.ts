import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { type MqttIntake, startMqttIntake } from './mqtt.ts';
import { alertOfflineDevices } from './offline.ts';

// Through the real Mosquitto on every machine (issue 14: MQTT alarms). Each run uses its own
// shared-subscription group and device ids, so parallel runs do not take each other's messages.
const MQTT_URL = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';
const RUN = randomUUID().slice(0, 8);
const OWNTRACKS_SAMPLE = '/work/shared/standards/owntracks/fixtures/l.json';

let t: TestApp;
let admin: Client;
let intake: MqttIntake;
let publisher: MqttClient;
let place: { lon: number; lat: number };
const warnings: { obj: object; msg: string }[] = [];

async function device(type: string, suffix: string) {
  const code = `T${RUN}-${suffix}`;
  const res = await admin.post('/api/devices', {
    code,
    name: `测试设备 ${suffix}`,
    type,
    ...place,
    ownerUnit: '测试物业',
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.data.id as string, code, token: res.data.token as string };
}

const publish = (topic: string, payload: string) => publisher.publishAsync(topic, payload, { qos: 1 });
const alarmsOf = (code: string) =>
  t.db
    .selectFrom('device_alarms as a')
    .innerJoin('devices as d', 'd.id', 'a.device_id')
    .select(['a.kind', 'a.case_id', 'a.channel'])
    .where('d.code', '=', code)
    .execute();
const caseOf = (id: string) =>
  t.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  place = await t.db
    .selectFrom('buildings')
    .select(['lon', 'lat'])
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const log = {
    info: () => {},
    warn: (obj: object, msg: string) => warnings.push({ obj, msg }),
    error: (obj: object, msg: string) => warnings.push({ obj, msg }),
  };
  intake = startMqttIntake({
    url: MQTT_URL,
    group: `test-${RUN}`,
    db: t.db,
    config: t.context.config,
    gridIndex: t.context.gridIndex,
    calendars: t.context.calendars,
    hub: t.context.hub,
    positions: t.context.positions,
    log,
  });
  await intake.ready;
  publisher = await mqtt.connectAsync(MQTT_URL, { clientId: `test-pub-${RUN}` });
});

afterAll(async () => {
  await publisher?.endAsync();
  await intake?.close();
  await t?.close();
});

describe('IoT alarms over MQTT', () => {
  it('an alarm published on wangge/devices/{id}/alarm is an iot case of the type’s category within 2 s', async () => {
    const smoke = await device('smoke', 'smoke1');
    await publish(
      `wangge/devices/${smoke.code}/alarm`,
      JSON.stringify({ value: 0.42, message: '烟雾浓度超限' }),
    );
    const alarm = await vi.waitFor(
      async () => {
        const [row] = await alarmsOf(smoke.code);
        if (!row?.case_id) throw new Error('no case yet');
        return row;
      },
      { timeout: 2000, interval: 50 },
    );
    const kase = await caseOf(alarm.case_id!);
    expect(kase).toMatchObject({ source: 'iot', category_code: 'CG05-03', state: 'reported' });
    expect(kase.description).toContain('烟雾浓度超限');
    expect(alarm.channel).toBe('mqtt');
    const detail = await admin.get(`/api/devices/${smoke.id}`);
    expect(detail.data).toMatchObject({ status: 'alarm', openCaseId: alarm.case_id });
    expect(detail.data.alarms[0]).toMatchObject({ kind: 'alarm', case: { id: alarm.case_id } });
  });

  it('a storm of 1,000 alarms from one device is one case', async () => {
    const gas = await device('gas', 'storm');
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        publish(`wangge/devices/${gas.code}/alarm`, JSON.stringify({ value: i })),
      ),
    );
    const rows = await vi.waitFor(
      async () => {
        const all = await alarmsOf(gas.code);
        if (all.length < 1000) throw new Error(`${all.length} of 1000`);
        return all;
      },
      { timeout: 60_000, interval: 200 },
    );
    expect(new Set(rows.map((r) => r.case_id)).size).toBe(1);
    const cases = await t.db
      .selectFrom('cases')
      .select('id')
      .where('source', '=', 'iot')
      .where('description', 'like', `%${gas.code}%`)
      .execute();
    expect(cases).toHaveLength(1);
  });

  it('a recovery closes the case nobody acted on; after a dispatcher acted it stays open', async () => {
    const water = await device('water_level', 'recover');
    await publish(`wangge/devices/${water.code}/alarm`, '{"value": 85}');
    const first = await vi.waitFor(async () => {
      const [row] = await alarmsOf(water.code);
      if (!row?.case_id) throw new Error('no case yet');
      return row.case_id;
    });
    await publish(`wangge/devices/${water.code}/recovery`, '{}');
    await vi.waitFor(async () => expect((await caseOf(first)).state).toBe('closed'));
    const steps = await t.db
      .selectFrom('case_steps')
      .selectAll()
      .where('case_id', '=', first)
      .orderBy('seq')
      .execute();
    expect(steps.map((s) => s.action)).toEqual(['report', 'recoveryClose']);
    expect(steps[1]).toMatchObject({
      from_state: 'reported',
      to_state: 'closed',
      actor_name: '系统（设备恢复）',
    });

    // The next alarm after the closed case raises a new one; once someone acted, recovery leaves it.
    await publish(`wangge/devices/${water.code}/alarm`, '{"value": 90}');
    const second = await vi.waitFor(async () => {
      const ids = new Set((await alarmsOf(water.code)).map((r) => r.case_id));
      ids.delete(first);
      if (!ids.size) throw new Error('no second case');
      return [...ids][0]!;
    });
    const accepted = await admin.post(`/api/cases/${second}/actions/accept`, {
      version: (await caseOf(second)).version,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await publish(`wangge/devices/${water.code}/recovery`, '{}');
    await vi.waitFor(async () =>
      expect((await alarmsOf(water.code)).filter((r) => r.kind === 'recovery')).toHaveLength(2),
    );
    expect((await caseOf(second)).state).toBe('accepted');
  });

  it('drops a malformed payload with a log line and keeps the connection', async () => {
    const manhole = await device('manhole', 'bad');
    await publish(`wangge/devices/${manhole.code}/alarm`, 'tilt=30');
    await publish(`wangge/devices/${manhole.code}/alarm`, '{"value": "thirty"}');
    await publish(`wangge/devices/${manhole.code}/alarm`, '{"value": 30}');
    const rows = await vi.waitFor(async () => {
      const all = await alarmsOf(manhole.code);
      if (!all.length) throw new Error('not yet');
      return all;
    });
    expect(rows).toHaveLength(1);
    expect(intake.client.connected).toBe(true);
    const dropped = warnings.filter(
      (w) =>
        w.msg === 'malformed device message dropped' && (w.obj as { device: string }).device === manhole.code,
    );
    expect(dropped.map((w) => (w.obj as { problem: string }).problem)).toEqual([
      'payload is not JSON',
      'value must be a number',
    ]);
  });

  it('a device without heartbeat for N minutes is offline and an alert; a heartbeat brings it back', async () => {
    const camera = await device('camera', 'offline');
    await t.db
      .updateTable('devices')
      .set({ last_seen_at: new Date(Date.now() - (t.context.config.devices.offlineMinutes + 1) * 60_000) })
      .where('code', '=', camera.code)
      .execute();
    const { offline } = await alertOfflineDevices({ db: t.db, hub: t.context.hub, config: t.context.config });
    expect(offline).toContain(camera.code);
    const alerts = await t.db
      .selectFrom('alerts')
      .select(['kind', 'summary', 'state'])
      .where('subject_device_id', '=', camera.id)
      .execute();
    expect(alerts).toEqual([
      { kind: 'device_offline', summary: `测试设备 offline（${camera.code}）`, state: 'raised' },
    ]);
    // Once: the next run does not alert again.
    expect(
      (await alertOfflineDevices({ db: t.db, hub: t.context.hub, config: t.context.config })).offline,
    ).not.toContain(camera.code);
    await publish(`wangge/devices/${camera.code}/heartbeat`, '');
    await vi.waitFor(async () =>
      expect((await admin.get(`/api/devices/${camera.id}`)).data.status).toBe('online'),
    );
  });

  it('OwnTracks in its native MQTT mode feeds the sample position through the patrol pipeline', async () => {
    const username = 'w120110001001001';
    const worker = await t.login(username);
    const deviceId = `ot-mqtt-${RUN}`;
    expect((await worker.post('/api/tracker-devices', { deviceId, protocol: 'owntracks' })).statusCode).toBe(
      201,
    );
    const sample = readFileSync(OWNTRACKS_SAMPLE, 'utf8');
    await publish(`owntracks/${username}/${deviceId}`, sample);
    // Someone else's topic for the same device is not believed.
    await publish(`owntracks/intruder/${deviceId}`, sample.replace('52.195913', '52.1'));
    await vi.waitFor(async () => {
      await intake.idle();
      await t.context.positions.drain();
      const rows = await t.db
        .selectFrom('positions')
        .select(['lat', 'lon', 'source'])
        .where('device_id', '=', deviceId)
        .execute();
      expect(rows).toEqual([{ lat: 52.195913, lon: 7.688245, source: 'owntracks' }]);
    });
  });
});

describe('device webhook and register', () => {
  it('takes alarms with the device token and refuses a wrong one', async () => {
    const gas = await device('gas', 'http');
    const post = (token: string, body: object) =>
      t.anon.request('POST', `/api/devices/${gas.code}/alarms`, body, { 'x-device-token': token });
    expect((await post('wrong', { value: 1 })).statusCode).toBe(401);
    const first = await post(gas.token, { value: 12.5, message: '燃气浓度 12.5%LEL' });
    expect(first.statusCode, first.body).toBe(202);
    expect(first.data.created).toBe(true);
    const again = await post(gas.token, { value: 13 });
    expect(again.data).toMatchObject({ created: false, caseId: first.data.caseId });
    expect((await post(gas.token, { value: 'x' })).statusCode).toBe(400);
    const recovered = await post(gas.token, { kind: 'recovery' });
    expect(recovered.data.closedCaseId).toBe(first.data.caseId);
  });

  it('lists devices in scope with their actions; disabling keeps the history', async () => {
    const smoke = await device('smoke', 'crud');
    const list = await admin.get(`/api/devices?q=${smoke.code}`);
    expect(list.data.items).toHaveLength(1);
    expect(list.data.items[0]).toMatchObject({ code: smoke.code, typeName: { zh: '烟感探测器' } });
    expect(list.data.items[0].actions).toContain('devices.disable');
    const renamed = await admin.patch(`/api/devices/${smoke.id}`, { name: '三号楼烟感' });
    expect(renamed.data.name).toBe('三号楼烟感');
    expect((await admin.delete(`/api/devices/${smoke.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/devices/${smoke.id}`)).statusCode).toBe(409);
    const resident = await t.login('leader');
    expect(
      (await resident.post('/api/devices', { code: 'x', name: 'x', type: 'gas', ...place })).statusCode,
    ).toBe(403);
  });
});
