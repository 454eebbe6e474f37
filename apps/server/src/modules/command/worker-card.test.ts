import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChain, createOrgUnit, createUser, square } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { dayOf } from '../patrol/repository.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const MIN = 60_000;

describe('GET /api/command/workers/:userId/card', () => {
  it('gives today’s distance and time inside the own grid as computed by hand, the shift, cases and battery', async () => {
    const chain = await createChain(t.db, { prefix: '1398', boundary: square(101, 31, 0.02) });
    const own = await createOrgUnit(t.db, {
      code: '139802001001001',
      level: 'grid',
      parent: chain.community,
      boundary: square(101, 31, 0.01),
    });
    await createOrgUnit(t.db, {
      code: '139802001001002',
      level: 'grid',
      parent: chain.community,
      boundary: square(101.01, 31, 0.01),
    });
    await t.context.bus.publish({ kind: 'grids.changed', v: 1 });
    const worker = await createUser(t.db, {
      username: 'w1398',
      roles: ['grid_worker_full'],
      orgUnitIds: [own.id],
    });
    await t.db
      .updateTable('users')
      .set({ phone: '13812345678', display_name: '王网格' })
      .where('id', '=', worker.id)
      .execute();

    // Three fixes two minutes apart along latitude 31.005: 0.002° east inside the own grid, then
    // 0.008° east into the neighbouring grid.
    const now = Date.now();
    const at = (i: number) => new Date(now - (6 - 2 * i) * MIN).toISOString();
    const fix = await (await t.login('w1398')).post('/api/positions', {
      positions: [
        { recordedAt: at(0), lon: 101.002, lat: 31.005, accuracy: 5, battery: 90 },
        { recordedAt: at(1), lon: 101.004, lat: 31.005, accuracy: 5, battery: 88 },
        { recordedAt: at(2), lon: 101.012, lat: 31.005, accuracy: 5, battery: 64 },
      ],
    });
    expect(fix.statusCode, fix.body).toBe(200);
    expect(fix.data.accepted).toBe(3);

    // A standby shift yesterday and today: whichever covers now (08:00 to 08:00 Beijing).
    const today = dayOf(now);
    const yesterday = dayOf(now - 86_400_000);
    await t.db
      .insertInto('duty_shifts')
      .values(
        [today, yesterday].map((day) => ({
          day: new Date(`${day}T00:00:00Z`),
          grid_id: own.id,
          user_id: worker.id,
          kind: 'standby',
        })) as never,
      )
      .execute();

    // Two cases reported by the worker today, one three days ago.
    let n = 0;
    for (const reportedAt of [
      new Date(now - 3 * MIN),
      new Date(now - 2 * MIN),
      new Date(now - 3 * 86_400_000),
    ]) {
      n++;
      await t.db
        .insertInto('cases')
        .values({
          code: `T1398${String(n).padStart(6, '0')}`,
          title: `事件${n}`,
          category_code: 'CG01-02',
          source: 'patrol',
          state: 'reported',
          lon: 101.003,
          lat: 31.005,
          grid_id: own.id,
          grid_path: own.path,
          owner_unit_id: chain.community.id,
          owner_path: chain.community.path,
          reporter_user_id: worker.id,
          reported_at: reportedAt,
        } as never)
        .execute();
    }

    await createUser(t.db, { username: 'cmd1398', roles: ['command_operator'], orgUnitIds: [chain.city.id] });
    const screen = await t.login('cmd1398');
    const card = await screen.get(`/api/command/workers/${worker.id}/card`);
    expect(card.statusCode, card.body).toBe(200);

    // Hand: 0.010° of longitude at 31.005° on a 6,371,008.8 m sphere (haversine agrees to mm here).
    const metres = 6_371_008.8 * ((0.01 * Math.PI) / 180) * Math.cos((31.005 * Math.PI) / 180);
    expect(card.data.distanceM).toBe(Math.round(metres));
    expect(card.data.distanceM).toBe(953);
    expect(card.data.trackedS).toBe(240);
    // Both ends inside: 120 s; one end inside: half of 120 s.
    expect(card.data.insideOwnGridS).toBe(180);
    expect(card.data).toMatchObject({
      name: '王网格',
      phoneMasked: '138****5678',
      grids: [{ id: own.id, code: '139802001001001' }],
      date: today,
      casesReported: 2,
      visits: { count: 0, seconds: 0 },
      onDuty: { kind: 'standby' },
      lastFix: { battery: 64, lon: 101.012, lat: 31.005 },
    });
    expect(card.data.lastFix.ageS).toBeGreaterThanOrEqual(120);
    expect(card.data.lastFix.ageS).toBeLessThan(180);
    expect(card.data.visits.targetMinutes).toBeGreaterThan(0);
    expect(card.data.phone).toBeUndefined();

    // Another city's operator: the worker does not exist for them; nor does an unknown id.
    const other = await createChain(t.db, { prefix: '1397', boundary: square(102, 31, 0.02) });
    await createUser(t.db, { username: 'cmd1397', roles: ['command_operator'], orgUnitIds: [other.city.id] });
    const outsider = await t.login('cmd1397');
    const hidden = await outsider.get(`/api/command/workers/${worker.id}/card`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.data.error.code).toBe('not_found');
    expect((await screen.get('/api/command/workers/999999999/card')).statusCode).toBe(404);
  });
});
