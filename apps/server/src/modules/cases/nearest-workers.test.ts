import { addDays, beijingDay } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { pointIn, unitId } from './test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const M = 1 / 111_195;

async function userId(username: string): Promise<string> {
  const row = await t.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The worker's rota entry for today and yesterday, whatever the seed put there (standby runs 08:00–08:00). */
async function rota(username: string, gridId: string, kind: 'standby' | 'rest') {
  const day = beijingDay(new Date());
  const user = await userId(username);
  for (const d of [day, addDays(day, -1)]) {
    await t.db
      .insertInto('duty_shifts')
      .values({ grid_id: gridId, user_id: user, day: d, kind } as never)
      .onConflict((oc) => oc.columns(['grid_id', 'user_id', 'day']).doUpdateSet({ kind } as never))
      .execute();
  }
}

describe('GET /api/cases/:id/nearest-workers', () => {
  it('lists workers on shift with a fresh fix nearest first, with their open tasks and their grids’ open cases, for the dispatcher only', async () => {
    const GRID = '120110001001001';
    const at = await pointIn(t, GRID);
    const reporter = await t.login(`w${GRID}`);
    const report = await reporter.post('/api/cases', {
      categoryCode: 'CG01-02',
      description: '乱堆乱放',
      source: 'patrol',
      ...at,
    });
    expect(report.statusCode, report.body).toBe(201);
    const now = Date.now();
    const fix = (dyM: number, agoMin: number) => ({
      recordedAt: new Date(now - agoMin * 60_000).toISOString(),
      lon: at.lon,
      lat: at.lat + dyM * M,
      accuracy: 8,
    });
    const sent = [
      ['w120110001001001', fix(60, 1)],
      ['w120110001001002', fix(400, 2)],
      ['w120110001001003', fix(20, 30)], // nearest, but half an hour ago
      ['w120110001001004', fix(10, 1)], // nearest and fresh, but resting today by the rota
    ] as const;
    for (const [username, f] of sent) {
      const res = await (await t.login(username)).post('/api/positions', { positions: [f] });
      expect(res.statusCode, res.body).toBe(200);
      // Each worker's own grid (the username carries its code); the seed's rota entry is replaced.
      await rota(username, await unitId(t, username.slice(1)), username.endsWith('4') ? 'rest' : 'standby');
    }
    const dispatcher = await t.login('dispatcher');
    const openTasks = async () =>
      (await dispatcher.get(`/api/cases/${report.data.id}/nearest-workers`)).data.items.map(
        (w: { openTasks: number }) => w.openTasks,
      );
    const tasksBefore = await openTasks();
    const task = await dispatcher.post('/api/duty/tasks', {
      kind: 'follow_case',
      assigneeId: await userId('w120110001001001'),
      title: '跟进堆物事件',
      targetCaseId: report.data.id,
      dueDay: beijingDay(new Date()),
    });
    expect(task.statusCode, task.body).toBe(201);
    const res = await dispatcher.get(`/api/cases/${report.data.id}/nearest-workers`);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.data.items.map((w: { username: string }) => w.username);
    expect(names.slice(0, 2)).toEqual(['w120110001001001', 'w120110001001002']);
    expect(names).not.toContain('w120110001001003');
    expect(names).not.toContain('w120110001001004');
    // The task given just now is on the first worker's plate, not on the second's.
    expect(await openTasks()).toEqual([tasksBefore[0] + 1, tasksBefore[1]]);
    expect(res.data.items[0].distanceM).toBeGreaterThan(50);
    expect(res.data.items[0].distanceM).toBeLessThan(70);
    expect(res.data.items[0].openCases).toBeGreaterThanOrEqual(1);
    const wider = await dispatcher.get(
      `/api/cases/${report.data.id}/nearest-workers?freshMinutes=60&limit=1`,
    );
    expect(wider.data.items.map((w: { username: string }) => w.username)).toEqual(['w120110001001003']);
    expect((await reporter.get(`/api/cases/${report.data.id}/nearest-workers`)).statusCode).toBe(403);
    expect((await dispatcher.get('/api/cases/999999999/nearest-workers')).statusCode).toBe(404);
  });
});
