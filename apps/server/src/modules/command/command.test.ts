import { addDays, beijingDay, OPEN_STATES } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChain, createOrgUnit, createUser, square } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import type { Actor } from '../access/actor.ts';
import { commandCases, presentCommandCases } from './case-pins.ts';

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

/** A rota row: `kind` on the Beijing day `day` in `grid`. */
async function shift(grid: { id: string }, userId: string, day: string, kind: string) {
  await t.db
    .insertInto('duty_shifts')
    .values({ grid_id: grid.id, user_id: userId, day, kind } as never)
    .execute();
}

/** A venue in a grid, optionally inspected `daysAgo` days ago (0: ten minutes ago). */
async function venue(
  grid: { id: string; path: string },
  kind: 'three_small' | 'shop',
  inspector: string,
  daysAgo: number | null,
  retired = false,
) {
  const unit = await t.db
    .insertInto('units')
    .values({
      kind,
      name: `场所${++seq}`,
      grid_id: grid.id,
      grid_path: grid.path,
      retired_at: retired ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (daysAgo === null) return;
  await t.db
    .insertInto('inspections')
    .values({
      unit_id: unit.id,
      checklist_code: kind === 'shop' ? 'shop_safety' : 'fire_three_small',
      inspector_id: inspector,
      grid_id: grid.id,
      grid_path: grid.path,
      observed_at: new Date(Date.now() - (daysAgo === 0 ? 10 * 60_000 : daysAgo * DAY)),
      outcome: 'pass',
      failed_count: 0,
      results: JSON.stringify({}),
      idempotency_key: `venue-${seq}`,
    } as never)
    .execute();
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
    // On duty comes from the rota: w1399a on standby (08:00–08:00) yesterday and today; w1399b sends
    // a fresh fix but rests today (not counted); w1399c is on shift in the other community, no fix.
    const day = beijingDay(new Date());
    await shift(c.g1, worker.id, day, 'standby');
    await shift(c.g1, worker.id, addDays(day, -1), 'standby');
    const resting = await createUser(t.db, {
      username: 'w1399b',
      roles: ['grid_worker_full'],
      orgUnitIds: [c.g2.id],
    });
    await shift(c.g2, resting.id, day, 'rest');
    const restFix = await (await t.login('w1399b')).post('/api/positions', {
      positions: [{ recordedAt: new Date().toISOString(), lon: 100.014, lat: 30.004, accuracy: 5 }],
    });
    expect(restFix.statusCode, restFix.body).toBe(200);
    const away = await createUser(t.db, {
      username: 'w1399c',
      roles: ['grid_worker_full'],
      orgUnitIds: [c.g3.id],
    });
    await shift(c.g3, away.id, day, 'standby');
    await shift(c.g3, away.id, addDays(day, -1), 'standby');

    // Venues: in grid 1 one inspected just now (done), one never (due), a shop 100 days ago
    // (overdue on its 90-day cycle); in grid 3 one 40 days ago (overdue on 30 days); a retired
    // venue in grid 2 owes nothing.
    await venue(c.g1, 'three_small', worker.id, 0);
    await venue(c.g1, 'three_small', worker.id, null);
    await venue(c.g1, 'shop', worker.id, 100);
    await venue(c.g3, 'three_small', worker.id, 40);
    await venue(c.g2, 'three_small', worker.id, null, true);

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
      workersOnDuty: 2,
      workersOnline: 1,
      visitTargetMinutes: 180,
      inspectionsDoneToday: 1,
      inspectionsDue: 3,
      inspectionsOverdue: 2,
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
    expect(byId[k1.id]).toMatchObject({
      reportedToday: 3,
      overdue: 1,
      workersOnDuty: 1,
      workersOnline: 1,
      inspectionsDoneToday: 1,
      inspectionsDue: 2,
      inspectionsOverdue: 1,
    });
    expect(byId[c.k2.id]).toMatchObject({
      reportedToday: 1,
      overdue: 0,
      workersOnDuty: 1,
      workersOnline: 0,
      onTimeRate: null,
      inspectionsDoneToday: 0,
      inspectionsDue: 1,
      inspectionsOverdue: 1,
    });
    expect(byId[k1.id].reportedToday + byId[c.k2.id].reportedToday).toBe(street.data.figures.reportedToday);

    const community = await screen.get(`/api/command/overview?unitId=${k1.id}`);
    const grids = Object.fromEntries(
      community.data.children.map((u: { id: string; figures: unknown }) => [u.id, u.figures]),
    );
    expect(grids[c.g1.id]).toMatchObject({ reportedToday: 2, filedToday: 1, redCards: 1, closureRate: 33.3 });
    expect(grids[c.g2.id]).toMatchObject({ reportedToday: 1, handledToday: 1, closureRate: 0 });

    const grid = await screen.get(`/api/command/overview?unitId=${c.g1.id}`);
    expect(grid.data.children).toEqual([]);
    expect(grid.data.figures).toMatchObject({
      reportedToday: 2,
      open: 2,
      workersOnline: 1,
      inspectionsDue: 2,
    });
    expect(grids[c.g2.id]).toMatchObject({ workersOnDuty: 0, workersOnline: 0, inspectionsDue: 0 });

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

describe('GET /api/command/cases', () => {
  it('gives the open cases of the subtree as pins, per light equal to a hand count, newest first', async () => {
    const chain = await createChain(t.db, { prefix: '1398', boundary: square(101, 30, 0.02) });
    const k1 = chain.community;
    const k2 = await createOrgUnit(t.db, { code: '139802001002', level: 'community', parent: chain.street });
    const ga = await createOrgUnit(t.db, {
      code: '139802001001001',
      level: 'grid',
      parent: k1,
      boundary: square(101, 30, 0.01),
    });
    const gb = await createOrgUnit(t.db, {
      code: '139802001002001',
      level: 'grid',
      parent: k2,
      boundary: square(101, 30.02, 0.01),
    });
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const at = { lon: 101.0051234567, lat: 30.0049876543 };
    await caseIn(ga, k1, { state: 'reported', light: 'green', reported_at: ago(50), ...at });
    await caseIn(ga, k1, { state: 'filed', light: 'red', reported_at: ago(40) });
    await caseIn(ga, k1, { state: 'in_progress', light: 'yellow', reported_at: ago(30) });
    await caseIn(ga, k1, { state: 'suspended', light: 'yellow', reported_at: ago(20) });
    await caseIn(gb, k2, { state: 'dispatched', light: 'red', reported_at: ago(10) });
    // Not open: closed (red when it closed), voided, evaluated, archived.
    await caseIn(ga, k1, { state: 'closed', light: 'red', reported_at: ago(5), closed_at: ago(1) });
    await caseIn(ga, k1, { state: 'voided', light: 'green', reported_at: ago(4) });
    await caseIn(gb, k2, { state: 'evaluated', light: 'green', reported_at: ago(3) });
    await caseIn(gb, k2, { state: 'archived', light: 'yellow', reported_at: ago(2) });
    const codes = await t.db
      .selectFrom('cases')
      .select(['code', 'state', 'light', 'reported_at'])
      .where('grid_path', 'like', `${chain.city.path}%`)
      .orderBy('reported_at', 'desc')
      .execute();
    const isOpen = (state: string) => (OPEN_STATES as readonly string[]).includes(state);
    const open = codes.filter((c) => isOpen(c.state));
    const closed = codes.filter((c) => !isOpen(c.state)).map((c) => c.code);
    expect(open).toHaveLength(5);
    expect(closed).toHaveLength(4);

    await createUser(t.db, { username: 'cmd1398', roles: ['command_operator'], orgUnitIds: [chain.city.id] });
    const screen = await t.login('cmd1398');
    const city = await screen.get('/api/command/cases');
    expect(city.statusCode, city.body).toBe(200);
    expect(city.data).toMatchObject({
      unitId: chain.city.id,
      total: 5,
      counts: { red: 2, yellow: 2, green: 1 },
      truncated: false,
    });
    const pins = city.data.items as { id: string; code: string; lon: number; lat: number; light: string }[];
    expect(pins.map((p) => p.code)).toEqual(open.map((c) => c.code));
    const tally = (light: string) => pins.filter((p) => p.light === light).length;
    expect({ red: tally('red'), yellow: tally('yellow'), green: tally('green') }).toEqual(city.data.counts);
    for (const code of closed) expect(pins.map((p) => p.code)).not.toContain(code);
    expect(pins.at(-1)).toMatchObject({
      lon: 101.005123,
      lat: 30.004988,
      light: 'green',
      category: 'CG01-02',
    });
    expect(Object.keys(pins[0]!).sort()).toEqual(['category', 'code', 'id', 'lat', 'light', 'lon']);

    const second = await screen.get(`/api/command/cases?unitId=${k2.id}`);
    expect(second.data).toMatchObject({ total: 1, counts: { red: 1, yellow: 0, green: 0 } });

    // Capped: the newest pins only, flagged, the counts still of all.
    const capped = presentCommandCases(
      await commandCases({
        db: t.db,
        actor: { scopePaths: [chain.city.path] } as unknown as Actor,
        limit: 2,
      }),
    );
    expect(capped).toMatchObject({ total: 5, truncated: true, counts: { red: 2, yellow: 2, green: 1 } });
    expect(capped.items.map((p) => p.code)).toEqual(open.slice(0, 2).map((c) => c.code));

    // A community-level viewer: its own community only; the other community does not exist.
    await createUser(t.db, { username: 'cmd1398k', roles: ['command_operator'], orgUnitIds: [k1.id] });
    const narrow = await t.login('cmd1398k');
    const own = await narrow.get('/api/command/cases');
    expect(own.data).toMatchObject({ unitId: k1.id, total: 4, counts: { red: 1, yellow: 2, green: 1 } });
    expect((await narrow.get(`/api/command/cases?unitId=${k2.id}`)).statusCode).toBe(404);
    expect((await narrow.get(`/api/command/cases?unitId=${chain.street.id}`)).statusCode).toBe(404);
    // Without command.view: forbidden.
    await createUser(t.db, { username: 'w1398', roles: ['grid_worker_full'], orgUnitIds: [ga.id] });
    expect((await (await t.login('w1398')).get('/api/command/cases')).statusCode).toBe(403);
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
      ['w120110001001004', fix(5, 1)], // nearest and fresh, but resting by the rota
    ] as const;
    for (const [username, f] of sent) {
      const res = await (await t.login(username)).post('/api/positions', { positions: [f] });
      expect(res.statusCode, res.body).toBe(200);
    }
    // The rota: everyone above on standby today and yesterday (08:00–08:00), but the fourth rests.
    const grid = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', GRID)
      .executeTakeFirstOrThrow();
    const today = beijingDay(new Date());
    for (const [username] of sent) {
      const user = await t.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      const resting = username === 'w120110001001004';
      for (const day of [addDays(today, -1), today])
        await t.db
          .insertInto('duty_shifts')
          .values({ grid_id: grid.id, user_id: user.id, day, kind: resting ? 'rest' : 'standby' } as never)
          .onConflict((oc) =>
            oc.columns(['grid_id', 'user_id', 'day']).doUpdateSet({ kind: resting ? 'rest' : 'standby' }),
          )
          .execute();
      // Not on shift in any other grid either.
      if (resting)
        await t.db
          .deleteFrom('duty_shifts')
          .where('user_id', '=', user.id)
          .where('grid_id', '<>', grid.id)
          .execute();
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
    expect(names).not.toContain('w120110001001004');
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

describe('GET /api/patrol/tracks: stops by query and the day’s work on the track', () => {
  it('detects stops with the given minutes and radius and places the day’s cases and visits on it', async () => {
    const GRID = '120110001001002';
    const box = await t.db
      .selectFrom('boundaries as b')
      .innerJoin('org_units as o', 'o.id', 'b.org_unit_id')
      .select(['o.id', 'o.path', 'b.min_lon', 'b.min_lat', 'b.max_lon', 'b.max_lat'])
      .where('o.code', '=', GRID)
      .executeTakeFirstOrThrow();
    const at = { lon: (box.min_lon + box.max_lon) / 2, lat: (box.min_lat + box.max_lat) / 2 };
    const start = Date.now() - 30 * 60_000;
    // 8 minutes still (every 30 s, jittering 10 m), then a walk north 20 m every 30 s for 8 minutes.
    const positions = Array.from({ length: 33 }, (_, i) => ({
      recordedAt: new Date(start + i * 30_000).toISOString(),
      lon: at.lon,
      lat: at.lat + (i <= 16 ? (i % 2) * 10 : (i - 16) * 20) * M,
      accuracy: 5,
    }));
    const worker = await t.login('w120110001001005');
    expect((await worker.post('/api/positions', { positions })).statusCode).toBe(200);
    const me = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'w120110001001005')
      .executeTakeFirstOrThrow();
    // A case reported at the stop, a visit without a location during the walk.
    seq++;
    await t.db
      .insertInto('cases')
      .values({
        code: `T1399${String(seq).padStart(6, '0')}`,
        title: '占道经营',
        category_code: 'CG01-02',
        source: 'patrol',
        lon: at.lon,
        lat: at.lat,
        grid_id: box.id,
        grid_path: box.path,
        owner_unit_id: box.id,
        owner_path: box.path,
        state: 'reported',
        reporter_user_id: me.id,
        reported_at: new Date(start + 3 * 60_000),
      } as never)
      .execute();
    const house = await t.db
      .selectFrom('houses')
      .select('id')
      .where('grid_path', '=', box.path)
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('visits')
      .values({
        house_id: house.id,
        user_id: me.id,
        grid_id: box.id,
        grid_path: box.path,
        household_key: 'H-TRACK-1',
        started_at: new Date(start + 12 * 60_000),
        ended_at: new Date(start + 14 * 60_000),
        idempotency_key: `track-visit-${seq}`,
      } as never)
      .execute();

    const monitor = await t.login('street1');
    const base = `/api/patrol/tracks?userId=${me.id}`;
    const five = await monitor.get(`${base}&stopMinutes=5&stopRadiusM=30`);
    expect(five.statusCode, five.body).toBe(200);
    expect(five.data.stops).toHaveLength(1);
    expect(five.data.stops[0].durationS).toBeGreaterThanOrEqual(7 * 60);
    expect(five.data.stopRule).toEqual({ minStayS: 300, radiusM: 30 });
    expect(five.data.totals.stoppedS).toBeGreaterThanOrEqual(7 * 60);
    expect(five.data.totals).toHaveProperty('outsideOwnGridS');
    // Ten minutes is longer than the stay: no stop; a 5 m radius is tighter than the jitter: none.
    expect((await monitor.get(`${base}&stopMinutes=10`)).data.stops).toHaveLength(0);
    expect((await monitor.get(`${base}&stopMinutes=5&stopRadiusM=5`)).data.stops).toHaveLength(0);
    expect((await monitor.get(`${base}&stopMinutes=0`)).statusCode).toBe(400);

    const kinds = five.data.activities.map((a: { kind: string }) => a.kind);
    expect(kinds).toEqual(['case', 'visit']);
    const [kase, visit] = five.data.activities;
    expect(kase).toMatchObject({ placed: 'own', lon: at.lon, lat: at.lat });
    // The visit had no point: it sits on the fix nearest its start (minute 12: the walk).
    expect(visit.placed).toBe('track');
    expect(visit.lat).toBeCloseTo(at.lat + (24 - 16) * 20 * M, 6);
  });
});
