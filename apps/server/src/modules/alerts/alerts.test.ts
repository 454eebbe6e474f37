import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { pointIn } from '../cases/test-helpers.ts';
import { newOutbox } from '../notifications/notify.ts';
import { detectAlerts } from './detect.ts';
import type { OnDutyWorkers } from './on-duty.ts';
import { raiseAlert } from './operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const M = 1 / 111_195;
const config = { alerts: { noFixMinutes: 15, outsideGridMinutes: 30, sosNearest: 5 } };

async function sendFixes(username: string, fixes: { lon: number; lat: number; agoMin: number }[]) {
  const now = Date.now();
  const res = await (await t.login(username)).post('/api/positions', {
    positions: fixes.map((f) => ({
      recordedAt: new Date(now - f.agoMin * 60_000).toISOString(),
      lon: f.lon,
      lat: f.lat,
      accuracy: 8,
    })),
  });
  expect(res.statusCode, res.body).toBe(200);
  await t.context.positions.drain();
}

/** The crafted rota: these workers went on shift an hour ago. */
const onShift = new Set<string>();
const rota: OnDutyWorkers = async (db) => {
  if (onShift.size === 0) return [];
  const users = await db
    .selectFrom('users')
    .select('id')
    .where('username', 'in', [...onShift])
    .execute();
  return users.map((u) => ({ userId: u.id, since: new Date(Date.now() - 60 * 60_000) }));
};

function detect() {
  return detectAlerts({ db: t.db, outbox: newOutbox(), config, onDuty: rota });
}

async function alertsOf(kind: string, username = 'command') {
  const res = await (await t.login(username)).get(`/api/alerts?kind=${kind}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.data.items as {
    id: string;
    subject: { id: string; name: string };
    state: string;
    version: number;
  }[];
}

async function userId(username: string): Promise<string> {
  const row = await t.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('alerts', () => {
  it('no_fix: a worker on shift silent too long is one alert, acknowledged with a note, not raised again', async () => {
    const home = await pointIn(t, '120110001001001');
    await sendFixes('w120110001001001', [
      { ...home, agoMin: 40 },
      { lon: home.lon, lat: home.lat + 20 * M, agoMin: 30 },
    ]);
    // Off shift, old fixes raise nothing; on shift, 30 minutes silent, or no fix in the hour since
    // the shift began, do — once.
    expect((await detect()).noFix).toBe(0);
    onShift.add('w120110001001001').add('w120110001001005');
    expect((await detect()).noFix).toBe(2);
    expect((await detect()).noFix).toBe(0);
    const worker = await userId('w120110001001001');
    expect((await alertsOf('no_fix')).map((a) => a.subject.id).sort()).toEqual(
      [worker, await userId('w120110001001005')].sort(),
    );
    const [alert] = (await alertsOf('no_fix')).filter((a) => a.subject.id === worker);
    expect(alert?.state).toBe('raised');
    const command = await t.login('command');
    const bare = await command.post(`/api/alerts/${alert!.id}/actions/acknowledge`, {
      version: alert!.version,
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.data.error.details.field).toBe('note');
    const ack = await command.post(`/api/alerts/${alert!.id}/actions/acknowledge`, {
      version: alert!.version,
      note: '已电话联系，手机没电',
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.data).toMatchObject({
      state: 'acknowledged',
      ack: { note: '已电话联系，手机没电' },
      actions: ['close'],
    });
    const again = await command.post(`/api/alerts/${alert!.id}/actions/acknowledge`, { note: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.data.error.details.state).toBe('acknowledged');
    const closed = await command.post(`/api/alerts/${alert!.id}/actions/close`, {});
    expect(closed.data.state).toBe('closed');
    // The same silence stays one alert after it was closed.
    expect((await detect()).noFix).toBe(0);
    // Out of scope is not found: street 2's operator cannot see street 1's alert.
    expect((await (await t.login('street2')).get(`/api/alerts/${alert!.id}`)).statusCode).toBe(404);
    expect((await (await t.login('street1')).get(`/api/alerts/${alert!.id}`)).statusCode).toBe(200);
    // A worker has no alert list.
    expect((await (await t.login('w120110001001001')).get('/api/alerts')).statusCode).toBe(403);
  });

  it('outside_grid: a worker outside their grids for N minutes of a shift, not while back inside', async () => {
    const home = await pointIn(t, '120110001001002');
    const away = await pointIn(t, '120110001001005');
    await sendFixes('w120110001001002', [
      { ...home, agoMin: 50 },
      { ...away, agoMin: 35 },
      { lon: away.lon, lat: away.lat + 10 * M, agoMin: 10 },
      { lon: away.lon, lat: away.lat + 20 * M, agoMin: 1 },
    ]);
    // Back inside for a while: a worker nearer the limit is not alerted.
    await sendFixes('w120110001001004', [
      { ...(await pointIn(t, '120110001001005')), agoMin: 40 },
      { ...(await pointIn(t, '120110001001004')), agoMin: 2 },
    ]);
    onShift.add('w120110001001002').add('w120110001001004');
    const result = await detect();
    expect(result.outsideGrid).toBe(1);
    const worker = await userId('w120110001001002');
    const listed = await alertsOf('outside_grid');
    expect(listed.map((a) => a.subject.id)).toEqual([worker]);
    expect((await alertsOf('no_fix')).some((a) => a.subject.id === worker)).toBe(false);
  });

  it('case_red: a case turning red raises one alert about the case', async () => {
    const at = await pointIn(t, '120110001001003');
    const report = await (await t.login('w120110001001003')).post('/api/cases', {
      categoryCode: 'CG01-02',
      description: '乱堆乱放',
      source: 'patrol',
      ...at,
    });
    expect(report.statusCode, report.body).toBe(201);
    await t.db.updateTable('cases').set({ light: 'red' }).where('id', '=', report.data.id).execute();
    expect((await detect()).caseRed).toBeGreaterThanOrEqual(1);
    expect((await detect()).caseRed).toBe(0);
    const listed = await alertsOf('case_red');
    expect(listed.filter((a) => a.subject.id === report.data.id)).toHaveLength(1);
  });

  it('sos: one tap raises an alert at the caller, telling the nearest workers and the grid leader', async () => {
    const at = await pointIn(t, '120110001002001');
    await sendFixes('w120110001002002', [{ lon: at.lon, lat: at.lat + 300 * M, agoMin: 1 }]);
    const caller = await t.login('w120110001002001');
    const sos = await caller.post('/api/alerts/sos', { ...at, accuracy: 12, note: '有人闹事' });
    expect(sos.statusCode, sos.body).toBe(201);
    const near = await userId('w120110001002002');
    const leader = await userId('wz120110001002001');
    expect(sos.data.notified).toEqual(expect.arrayContaining([near, leader]));
    for (const username of ['w120110001002002', 'wz120110001002001', 'command']) {
      const inbox = await (await t.login(username)).get('/api/notifications');
      expect(
        inbox.data.items.some((n: { kind: string }) => n.kind === 'alert.sos'),
        username,
      ).toBe(true);
    }
    const [alert] = (await alertsOf('sos')).filter((a) => a.id === sos.data.alertId);
    expect(alert).toMatchObject({ state: 'raised', subject: { id: await userId('w120110001002001') } });
    // A retried tap while the first stands is the same alert.
    const retry = await caller.post('/api/alerts/sos', at);
    expect(retry.statusCode).toBe(200);
    expect(retry.data.alertId).toBeNull();
    // Only those who patrol call for help.
    expect((await (await t.login('dispatcher')).post('/api/alerts/sos', at)).statusCode).toBe(403);
  });

  it('raiseAlert is open to other kinds (a device gone quiet), once per subject while open', async () => {
    const grid = await t.db
      .selectFrom('org_units')
      .select('path')
      .where('code', '=', '120110001002003')
      .executeTakeFirstOrThrow();
    const outbox = newOutbox();
    const raise = () =>
      t.db.transaction().execute((trx) =>
        raiseAlert(trx, outbox, {
          kind: 'device_offline',
          subject: { deviceId: '42' },
          unitPath: grid.path,
          summary: '烟感 SMOKE-42',
        }),
      );
    const id = await raise();
    expect(id).not.toBeNull();
    expect(await raise()).toBeNull();
    // One line for the command centre's feed, one push of the alert to those watching.
    expect(outbox.feed).toEqual([
      expect.objectContaining({ kind: 'alert.raised', unitPath: grid.path, ref: { type: 'alert', id } }),
    ]);
    expect(outbox.messages.filter((m) => m.message.type === 'alert')).toHaveLength(1);
    const listed = await alertsOf('device_offline');
    expect(listed.map((a) => a.subject.id)).toEqual(['42']);
  });
});
