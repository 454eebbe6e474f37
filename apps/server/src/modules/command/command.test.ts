import { OPEN_STATES } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChain, createOrgUnit, createUser, square } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const M = 1 / 111_195;
const DAY = 86_400_000;

/** A city of its own far from the demo: two communities, three grids, cases placed by hand. */
async function smallCity() {
  const chain = await createChain(t.db, { prefix: '1399', boundary: square(100, 30, 0.02) });
  const k2 = await createOrgUnit(t.db, { code: '139902001002', level: 'community', parent: chain.street });
  const g1 = await createOrgUnit(t.db, {
    code: '139902001001001',
    level: 'grid',
    parent: chain.community,
    boundary: square(100, 30, 0.01),
  });
  const g2 = await createOrgUnit(t.db, {
    code: '139902001001002',
    level: 'grid',
    parent: chain.community,
    boundary: square(100.01, 30, 0.01),
  });
  const g3 = await createOrgUnit(t.db, {
    code: '139902001002001',
    level: 'grid',
    parent: k2,
    boundary: square(100, 30.02, 0.01),
  });
  await t.context.bus.publish({ kind: 'grids.changed', v: 1 });
  return { ...chain, k2, g1, g2, g3 };
}

let seq = 0;
async function caseIn(
  grid: { id: string; path: string },
  owner: { id: string; path: string },
  values: Record<string, unknown>,
) {
  seq++;
  await t.db
    .insertInto('cases')
    .values({
      code: `T1399${String(seq).padStart(6, '0')}`,
      title: `事件${seq}`,
      category_code: 'CG01-02',
      source: 'patrol',
      lon: 100.005,
      lat: 30.005,
      grid_id: grid.id,
      grid_path: grid.path,
      owner_unit_id: owner.id,
      owner_path: owner.path,
      ...values,
    } as never)
    .execute();
}

describe('GET /api/command/overview', () => {
  it('gives the figures of each level equal to the hand counts, children summing to their parent', async () => {
    const c = await smallCity();
    const now = Date.now();
    const today = new Date(now - 10 * 60_000);
    const ago = (days: number) => new Date(now - days * DAY);
    const k1 = c.community;
    await caseIn(c.g1, k1, { state: 'reported', reported_at: today });
    await caseIn(c.g1, k1, {
      state: 'filed',
      reported_at: today,
      filed_at: today,
      light: 'red',
      supervision: 'red_card',
    });
    await caseIn(c.g1, k1, {
      state: 'closed',
      reported_at: ago(3),
      closed_at: ago(3),
      handle_on_time: true,
      verify_on_time: false,
      satisfaction: 5,
    });
    await caseIn(c.g2, k1, { state: 'voided', reported_at: ago(5) });
    await caseIn(c.g2, k1, { state: 'closed', reported_at: ago(40), closed_at: ago(39) });
    await caseIn(c.g2, k1, { state: 'handled', reported_at: today, handled_at: today, handle_on_time: true });
    await caseIn(c.g3, c.k2, { state: 'dispatched', reported_at: today });

    // A worker out in grid 1 now.
    const worker = await createUser(t.db, {
      username: 'w1399a',
      roles: ['grid_worker_full'],
      orgUnitIds: [c.g1.id],
    });
    await t.db
      .insertInto('grid_team_members')
      .values({ grid_id: c.g1.id, user_id: worker.id, team_role: 'full_time' })
      .execute();
    const fix = await (await t.login('w1399a')).post('/api/positions', {
      positions: [{ recordedAt: new Date().toISOString(), lon: 100.004, lat: 30.004, accuracy: 5 }],
    });
    expect(fix.statusCode, fix.body).toBe(200);

    await createUser(t.db, { username: 'cmd1399', roles: ['command_operator'], orgUnitIds: [c.city.id] });
    const screen = await t.login('cmd1399');

    const city = await screen.get('/api/command/overview');
    expect(city.statusCode, city.body).toBe(200);
    expect(city.data.unit.id).toBe(c.city.id);
    expect(city.data.breadcrumb.map((u: { id: string }) => u.id)).toEqual([c.city.id]);
    const open = ['reported', 'filed', 'handled', 'dispatched'].filter((s) =>
      (OPEN_STATES as readonly string[]).includes(s),
    ).length;
    expect(city.data.figures).toMatchObject({
      reportedToday: 4,
      filedToday: 1,
      handledToday: 1,
      closedToday: 0,
      closureRate: 20, // 1 closed of 6 − 1 voided in 30 days
      onTimeRate: 66.7, // 2 of 3 steps ended in time
      satisfaction: 100,
      open,
      overdue: 1,
      redCards: 1,
      workersOnDuty: 1,
      workersOnline: 1,
      visitTargetMinutes: 180,
    });
    expect(city.data.children.map((u: { id: string }) => u.id)).toEqual([c.district.id]);

    const street = await screen.get(`/api/command/overview?unitId=${c.street.id}`);
    expect(street.data.breadcrumb.map((u: { id: string }) => u.id)).toEqual([
      c.city.id,
      c.district.id,
      c.street.id,
    ]);
    const byId = Object.fromEntries(
      street.data.children.map((u: { id: string; figures: unknown }) => [u.id, u.figures]),
    );
    expect(byId[k1.id]).toMatchObject({ reportedToday: 3, overdue: 1, workersOnDuty: 1 });
    expect(byId[c.k2.id]).toMatchObject({ reportedToday: 1, overdue: 0, workersOnDuty: 0, onTimeRate: null });
    expect(byId[k1.id].reportedToday + byId[c.k2.id].reportedToday).toBe(street.data.figures.reportedToday);

    const community = await screen.get(`/api/command/overview?unitId=${k1.id}`);
    const grids = Object.fromEntries(
      community.data.children.map((u: { id: string; figures: unknown }) => [u.id, u.figures]),
    );
    expect(grids[c.g1.id]).toMatchObject({ reportedToday: 2, filedToday: 1, redCards: 1, closureRate: 33.3 });
    expect(grids[c.g2.id]).toMatchObject({ reportedToday: 1, handledToday: 1, closureRate: 0 });

    const grid = await screen.get(`/api/command/overview?unitId=${c.g1.id}`);
    expect(grid.data.children).toEqual([]);
    expect(grid.data.figures).toMatchObject({ reportedToday: 2, open: 2, workersOnline: 1 });

    const trend = await screen.get(`/api/command/trend?unitId=${c.street.id}&days=30`);
    expect(trend.statusCode, trend.body).toBe(200);
    expect(trend.data.days).toHaveLength(30);
    expect(trend.data.days.reduce((n: number, d: { reported: number }) => n + d.reported, 0)).toBe(6);
    expect(trend.data.bySource).toEqual([{ source: 'patrol', count: 6 }]);

    // Out of scope: another unit's screen does not exist for a community-level viewer.
    await createUser(t.db, { username: 'cmd1399k', roles: ['command_operator'], orgUnitIds: [k1.id] });
    const narrow = await t.login('cmd1399k');
    expect((await narrow.get(`/api/command/overview?unitId=${c.k2.id}`)).statusCode).toBe(404);
    expect((await narrow.get(`/api/command/overview?unitId=${c.street.id}`)).statusCode).toBe(404);
    const own = await narrow.get('/api/command/overview');
    expect(own.data.unit.id).toBe(k1.id);
    expect(own.data.breadcrumb.map((u: { id: string }) => u.id)).toEqual([k1.id]);
    expect((await screen.get('/api/command/overview?unitId=999999999')).statusCode).toBe(404);
    // Without command.view: forbidden.
    expect((await (await t.login('w1399a')).get('/api/command/overview')).statusCode).toBe(403);
  });
});

describe('GET /api/command/nearest-workers', () => {
  it('lists workers on duty in scope nearest first, ignoring stale fixes, off-duty and out-of-scope workers', async () => {
    const GRID = '120110001001001';
    const box = await t.db
      .selectFrom('boundaries as b')
      .innerJoin('org_units as o', 'o.id', 'b.org_unit_id')
      .select(['b.min_lon', 'b.min_lat', 'b.max_lon', 'b.max_lat'])
      .where('o.code', '=', GRID)
      .executeTakeFirstOrThrow();
    const at = { lon: (box.min_lon + box.max_lon) / 2, lat: (box.min_lat + box.max_lat) / 2 };
    const now = Date.now();
    const fix = (dyM: number, agoMin: number) => ({
      recordedAt: new Date(now - agoMin * 60_000).toISOString(),
      lon: at.lon,
      lat: at.lat + dyM * M,
      accuracy: 8,
    });
    const sent = [
      ['w120110001001001', fix(60, 1)],
      ['wz120110001001001', fix(200, 1)],
      ['w120110001001002', fix(10, 1)], // nearest, but taken off patrol below
      ['w120110001001003', fix(20, 30)], // near, but half an hour ago
    ] as const;
    for (const [username, f] of sent) {
      const res = await (await t.login(username)).post('/api/positions', { positions: [f] });
      expect(res.statusCode, res.body).toBe(200);
    }
    const offDuty = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'w120110001001002')
      .executeTakeFirstOrThrow();
    await t.db.deleteFrom('user_roles').where('user_id', '=', offDuty.id).execute();

    const res = await (await t.login('command')).get(
      `/api/command/nearest-workers?lat=${at.lat}&lon=${at.lon}&limit=5`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const names = res.data.items.map((w: { username: string }) => w.username);
    expect(names.slice(0, 2)).toEqual(['w120110001001001', 'wz120110001001001']);
    expect(names).not.toContain('w120110001001002');
    expect(names).not.toContain('w120110001001003');
    expect(res.data.items[0].distanceM).toBeGreaterThan(50);
    expect(res.data.items[0].distanceM).toBeLessThan(70);
    expect(res.data.items[0].lastFixAgeS).toBeGreaterThanOrEqual(55);
    expect(res.data.items[0].lastFixAgeS).toBeLessThan(600);

    // A screen over another street sees none of them.
    const street2 = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', '120110002000')
      .executeTakeFirstOrThrow();
    await createUser(t.db, {
      username: 'cmd_street2',
      roles: ['command_operator'],
      orgUnitIds: [street2.id],
    });
    const other = await (await t.login('cmd_street2')).get(
      `/api/command/nearest-workers?lat=${at.lat}&lon=${at.lon}`,
    );
    expect(other.statusCode, other.body).toBe(200);
    expect(other.data.items.map((w: { username: string }) => w.username)).not.toContain('w120110001001001');

    const bad = await (await t.login('command')).get('/api/command/nearest-workers?lat=91&lon=0');
    expect(bad.statusCode).toBe(400);
  });
});

describe('GET /api/patrol/tracks?format=gpx', () => {
  it('returns the day as GPX at the fixed path, the same as tracks.gpx', async () => {
    const worker = await t.login('w120110001001001');
    const gpx = await worker.get('/api/patrol/tracks?format=gpx');
    expect(gpx.statusCode, gpx.body).toBe(200);
    expect(gpx.headers['content-type']).toContain('application/gpx+xml');
    expect(gpx.body).toContain('<gpx');
    const old = await worker.get('/api/patrol/tracks.gpx');
    expect(old.body).toBe(gpx.body);
    const json = await worker.get('/api/patrol/tracks');
    expect(json.headers['content-type']).toContain('application/json');
  });
});
