import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { pointIn, uploadPhoto } from '../cases/test-helpers.ts';
import { closeCase, reportAsResident, signInResident } from './test-helpers.ts';

// The resident app beyond sign-in and reports: my grid (the worker's number only for the grid's
// residents) and reopening a closed report within the window.
const GRID = '120110001001001';
const OTHER_GRID = '120110001001002';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function workerPhone(gridCode: string): Promise<string> {
  const row = await t.db
    .selectFrom('grid_team_members as m')
    .innerJoin('org_units as g', 'g.id', 'm.grid_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.phone')
    .where('g.code', '=', gridCode)
    .where('m.team_role', '=', 'full_time')
    .executeTakeFirstOrThrow();
  return row.phone!;
}

const query = (at: { lon: number; lat: number }) => `lon=${at.lon}&lat=${at.lat}`;

describe('my grid', () => {
  it('shows the grid, its worker and hours to anyone, the number masked', async () => {
    const at = await pointIn(t, GRID, 0);
    const res = await t.anon.get(`/api/residents/grid?${query(at)}`);
    expect(res.statusCode, res.body).toBe(200);
    const phone = await workerPhone(GRID);
    expect(res.data).toMatchObject({ grid: { code: GRID }, resident: false, phoneRevealed: false });
    expect(res.data.worker.name).toBeTruthy();
    expect(res.data.worker.phone).not.toBe(phone);
    expect(res.data.worker.phone).toContain('****');
    expect(res.data.serviceHours).toBeTruthy();
    expect(res.data.community.name).toBeTruthy();
  });

  it('reveals the number once a resident sets the grid as home, and only for that grid', async () => {
    const resident = await signInResident(t, '13900000601');
    const at = await pointIn(t, GRID, 1);
    expect((await resident.get(`/api/residents/grid?${query(at)}`)).data.worker.phone).toContain('****');
    const none = await resident.get('/api/residents/grid');
    expect(none.statusCode).toBe(404);
    expect(none.data.error.code).toBe('no_home_grid');

    const set = await resident.put('/api/residents/home-grid', at);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.data).toMatchObject({ grid: { code: GRID }, resident: true, phoneRevealed: true });
    expect(set.data.worker.phone).toBe(await workerPhone(GRID));
    expect((await resident.get('/api/residents/grid')).data.worker.phone).toBe(await workerPhone(GRID));

    const other = await resident.get(`/api/residents/grid?${query(await pointIn(t, OTHER_GRID, 0))}`);
    expect(other.data).toMatchObject({ grid: { code: OTHER_GRID }, resident: false });
    expect(other.data.worker.phone).toContain('****');
  });

  it('finds the grid from a standard address picked in the search', async () => {
    const address = await t.db
      .selectFrom('addresses as a')
      .innerJoin('org_units as g', 'g.id', 'a.grid_id')
      .select(['a.full_name'])
      .where('g.code', '=', OTHER_GRID)
      .where('a.level', '=', 'building')
      .orderBy('a.id')
      .executeTakeFirstOrThrow();
    const found = await t.anon.get(`/api/residents/addresses?q=${encodeURIComponent(address.full_name)}`);
    expect(found.statusCode, found.body).toBe(200);
    const hit = found.data.items.find((i: { fullName: string }) => i.fullName === address.full_name);
    expect(hit).toBeTruthy();
    const grid = await t.anon.get(`/api/residents/grid?addressId=${hit.id}`);
    expect(grid.data.grid.code).toBe(OTHER_GRID);
  });

  it('names the field of a half-given position and refuses staff a home grid', async () => {
    const half = await t.anon.get('/api/residents/grid?lon=117.3');
    expect(half.statusCode).toBe(400);
    expect(half.data.error.details.field).toBe('lat');
    const worker = await t.login(`w${GRID}`);
    const res = await worker.put('/api/residents/home-grid', await pointIn(t, GRID, 0));
    expect([403]).toContain(res.statusCode);
  });
});

describe('reopening a closed report', () => {
  let dispatcher: Client;
  let worker: Client;
  beforeAll(async () => {
    dispatcher = await t.login('dispatcher');
    worker = await t.login(`w${GRID}`);
  });

  async function closedReport(resident: Client, nth: number): Promise<string> {
    const { id } = await reportAsResident(t, resident, GRID, nth);
    await closeCase(t, { dispatcher, worker }, id, GRID);
    return id;
  }

  it('goes back to the dispatcher with the reason and photo, shown in the timeline', async () => {
    const resident = await signInResident(t, '13900000611');
    const id = await closedReport(resident, 3);
    const before = await resident.get(`/api/residents/reports/${id}`);
    expect(before.data).toMatchObject({ phase: 'closed' });
    expect(before.data.actions).toContain('reopen');

    const noPhoto = await resident.post(`/api/residents/reports/${id}/reopen`, {
      reason: '纸箱又堆上了',
      photoIds: [],
    });
    expect(noPhoto.statusCode).toBe(400);
    expect(JSON.stringify(noPhoto.data.error.details)).toContain('photoIds');

    const res = await resident.post(`/api/residents/reports/${id}/reopen`, {
      reason: ' 纸箱又堆上了 ',
      photoIds: [await uploadPhoto(resident)],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ phase: 'handling' });
    expect(res.data.actions).not.toContain('reopen');
    const detail = await resident.get(`/api/residents/reports/${id}`);
    expect(detail.data.timeline.at(-1)).toMatchObject({ phase: 'handling', reopened: true });

    // The staff see the case filed again, with the resident's reason in the append-only history.
    const kase = await dispatcher.get(`/api/cases/${id}`);
    expect(kase.data.state).toBe('filed');
    const steps = await t.db
      .selectFrom('case_steps')
      .select(['action', 'reason'])
      .where('case_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(steps.map((s) => s.action).slice(-2)).toEqual(['close', 'reopen']);
    expect(steps.at(-1)!.reason).toBe('纸箱又堆上了');
    const dispatcherId = (await dispatcher.get('/api/auth/me')).data.user.id;
    const told = await t.db
      .selectFrom('notifications')
      .select('kind')
      .where('case_id', '=', id)
      .where('user_id', '=', dispatcherId)
      .execute();
    expect(told.map((n) => n.kind)).toContain('reopened');
  });

  it('is refused once the window after closing has passed, and to a "+1" joiner', async () => {
    const resident = await signInResident(t, '13900000612');
    const id = await closedReport(resident, 4);
    await t.db
      .updateTable('cases')
      .set({ closed_at: new Date(Date.now() - 8 * 86_400_000) })
      .where('id', '=', id)
      .execute();
    expect((await resident.get(`/api/residents/reports/${id}`)).data.actions).not.toContain('reopen');
    const late = await resident.post(`/api/residents/reports/${id}/reopen`, {
      reason: '还是没修好',
      photoIds: [await uploadPhoto(resident)],
    });
    expect(late.statusCode).toBe(409);
    expect(late.data.error).toMatchObject({
      code: 'reopen_window_closed',
      details: { state: 'closed', reopenDays: 7 },
    });

    const other = await closedReport(resident, 5);
    const neighbour = await signInResident(t, '13900000613');
    await t.db
      .insertInto('case_plus_ones')
      .values({ case_id: other, user_id: (await neighbour.get('/api/auth/me')).data.user.id })
      .execute();
    const joined = await neighbour.post(`/api/residents/reports/${other}/reopen`, {
      reason: '没修好',
      photoIds: [await uploadPhoto(neighbour)],
    });
    expect(joined.statusCode).toBe(403);
  });
});
