import { addDays, beijingDay } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { isOnDuty, onDutyUserIds } from './on-duty.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const GRID = '120110001001001';
const WORKER = 'w120110001001001';

async function idOf(table: 'users' | 'org_units', value: string): Promise<string> {
  const row =
    table === 'users'
      ? await t.db.selectFrom('users').select('id').where('username', '=', value).executeTakeFirstOrThrow()
      : await t.db.selectFrom('org_units').select('id').where('code', '=', value).executeTakeFirstOrThrow();
  return row.id;
}

interface Rota {
  members: { userId: string; name: string; shifts: Record<string, string> }[];
  days: string[];
  actions: string[];
}

/** Sets every member of the grid's team to `kind` yesterday and today (standby covers any instant). */
async function setTeam(gridId: string, kind: string, only?: string) {
  const dispatcher = await t.login('dispatcher');
  const rota = (await dispatcher.get(`/api/duty/rota?gridId=${gridId}`)).data as Rota;
  const today = beijingDay(new Date());
  const entries = rota.members.flatMap((m) =>
    [addDays(today, -1), today].map((day) => ({
      userId: m.userId,
      day,
      kind: only && m.userId !== only ? 'rest' : kind,
    })),
  );
  const res = await dispatcher.put('/api/duty/rota', { gridId, entries });
  expect(res.statusCode, res.body).toBe(200);
  return res.data as Rota;
}

describe('duty rota', () => {
  it('the dispatcher edits a grid team’s week; a stranger to the team is 400; out of scope is 404', async () => {
    const gridId = await idOf('org_units', GRID);
    const worker = await idOf('users', WORKER);
    const rota = await setTeam(gridId, 'standby', worker);
    expect(rota.days).toHaveLength(7);
    expect(rota.actions).toEqual(['edit']);
    const today = beijingDay(new Date());
    expect(rota.members.find((m) => m.userId === worker)?.shifts[today]).toBe('standby');

    const dispatcher = await t.login('dispatcher');
    const admin = await idOf('users', 'admin');
    const stranger = await dispatcher.put('/api/duty/rota', {
      gridId,
      entries: [{ userId: admin, day: today, kind: 'morning' }],
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.data.error.details.field).toBe('entries.0.userId');
    const badKind = await dispatcher.put('/api/duty/rota', {
      gridId,
      entries: [{ userId: worker, day: today, kind: 'siesta' }],
    });
    expect(badKind.statusCode).toBe(400);

    expect((await (await t.login('street2')).get(`/api/duty/rota?gridId=${gridId}`)).statusCode).toBe(404);
    const asWorker = await (await t.login(WORKER)).get(`/api/duty/rota?gridId=${gridId}`);
    expect(asWorker.statusCode).toBe(200);
    expect(asWorker.data.actions).toEqual([]);
    expect((await (await t.login(WORKER)).put('/api/duty/rota', { gridId, entries: [] })).statusCode).toBe(
      403,
    );
  });

  it('on duty now and coverage follow the rota', async () => {
    const gridId = await idOf('org_units', GRID);
    const worker = await idOf('users', WORKER);
    const dispatcher = await t.login('dispatcher');

    await setTeam(gridId, 'standby', worker);
    const now = await dispatcher.get(`/api/duty/now?unitId=${gridId}`);
    expect(now.statusCode, now.body).toBe(200);
    expect(now.data.items.map((w: { userId: string }) => w.userId)).toEqual([worker]);
    expect(now.data.items[0]).toMatchObject({ kind: 'standby', grid: { id: gridId } });
    expect(await isOnDuty(t.db, worker)).toBe(true);
    expect((await onDutyUserIds(t.db)).some((w) => w.userId === worker)).toBe(true);
    const covered = await dispatcher.get(`/api/duty/coverage?unitId=${gridId}`);
    expect(covered.data).toMatchObject({ grids: 1, uncovered: [] });

    await setTeam(gridId, 'rest');
    expect((await dispatcher.get(`/api/duty/now?unitId=${gridId}`)).data.items).toEqual([]);
    expect(await isOnDuty(t.db, worker)).toBe(false);
    const uncovered = await dispatcher.get(`/api/duty/coverage?unitId=${gridId}`);
    expect(uncovered.data.uncovered.map((g: { id: string }) => g.id)).toEqual([gridId]);

    expect((await (await t.login('street2')).get(`/api/duty/now?unitId=${gridId}`)).statusCode).toBe(404);
    expect((await (await t.login('street2')).get(`/api/duty/coverage?unitId=${gridId}`)).statusCode).toBe(
      404,
    );
    const board = await dispatcher.get(`/api/duty/board?unitId=${gridId}`);
    expect(board.data.teams[0].members.every((m: { kind: string }) => m.kind === 'rest')).toBe(true);
  });
});

describe('worker tasks', () => {
  it('set by the dispatcher, notified, ticked off by the worker; illegal moves 409, strangers 404', async () => {
    const worker = await idOf('users', WORKER);
    const dispatcher = await t.login('dispatcher');
    const created = await dispatcher.post('/api/duty/tasks', {
      assigneeId: worker,
      kind: 'patrol_route',
      title: '巡查学校周边',
      route: '东门 → 南门',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.data).toMatchObject({
      state: 'open',
      actions: ['cancel'],
      target: { type: 'route', name: '东门 → 南门' },
      assignee: { id: worker },
    });
    const id = created.data.id as string;

    const field = await t.login(WORKER);
    const mine = await field.get('/api/duty/tasks?mine=true&state=open');
    const listed = mine.data.items.find((x: { id: string }) => x.id === id);
    expect(listed.actions).toEqual(['complete']);
    const inbox = await t.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', worker)
      .where('kind', '=', 'task_assigned')
      .execute();
    expect(inbox.length).toBeGreaterThan(0);

    expect((await field.post(`/api/duty/tasks/${id}/actions/cancel`, {})).statusCode).toBe(403);
    const done = await field.post(`/api/duty/tasks/${id}/actions/complete`, { version: 1, note: '已巡查' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.data).toMatchObject({ state: 'done', done: { note: '已巡查' }, actions: [] });
    const again = await field.post(`/api/duty/tasks/${id}/actions/complete`, {});
    expect(again.statusCode).toBe(409);
    expect(again.data.error).toMatchObject({ code: 'illegal_transition', details: { state: 'done' } });
    const stale = await dispatcher.post(`/api/duty/tasks/${id}/actions/reopen`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    const reopened = await dispatcher.post(`/api/duty/tasks/${id}/actions/reopen`, { version: 2 });
    expect(reopened.data).toMatchObject({ state: 'open', done: null });
    const cancelled = await dispatcher.post(`/api/duty/tasks/${id}/actions/cancel`, {});
    expect(cancelled.data.state).toBe('cancelled');

    const street2 = await t.login('street2');
    expect((await street2.get(`/api/duty/tasks/${id}`)).statusCode).toBe(404);
    expect((await street2.post(`/api/duty/tasks/${id}/actions/reopen`, {})).statusCode).toBe(404);
    expect(
      (
        await (
          await t.login('community2')
        ).post('/api/duty/tasks', { assigneeId: worker, kind: 'patrol_route', title: 'x' })
      ).statusCode,
    ).toBe(404);
    expect((await street2.get('/api/duty/tasks')).data.items.some((x: { id: string }) => x.id === id)).toBe(
      false,
    );
  });

  it('a target must fit the kind and lie in scope', async () => {
    const worker = await idOf('users', WORKER);
    const dispatcher = await t.login('dispatcher');
    const wrong = await dispatcher.post('/api/duty/tasks', {
      assigneeId: worker,
      kind: 'visit_household',
      title: '走访',
      route: '东门',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.data.error.details.field).toBe('route');
    const missing = await dispatcher.post('/api/duty/tasks', {
      assigneeId: worker,
      kind: 'follow_case',
      title: '跟进',
      targetCaseId: '999999999',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.data.error.details.field).toBe('targetCaseId');
  });

  it('the demo gives the first grid worker open and done tasks', async () => {
    const items = (await (await t.login(WORKER)).get('/api/duty/tasks?mine=true')).data.items as {
      state: string;
    }[];
    expect(items.some((x) => x.state === 'open')).toBe(true);
    expect(items.some((x) => x.state === 'done')).toBe(true);
  });
});
