import { addDays, beijingDay } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };
const M = 1 / 111_195;

/** Issue 12 item 3: the dispatcher picks a filed case and sends it to the grid of the nearest worker. */
describe.skipIf(!chromium.available)('dispatch desk in Chromium', () => {
  let app: ConsoleTest;
  beforeAll(async () => {
    app = await startConsoleTest(1440);
  }, 180_000);
  afterAll(() => app?.close());

  it('lists the filed cases, the nearest workers of one, and dispatches with one click', async () => {
    const { page, base, t } = app;
    const dispatcher = await t.login('dispatcher');
    const queue = await dispatcher.get('/api/cases?view=inbox&state=filed&pageSize=50');
    expect(queue.data.total, 'the demo leaves filed cases for the dispatcher').toBeGreaterThan(0);
    const target = queue.data.items[0];
    const gridWorker = `w${target.grid.code}`;
    const near = await caseLonLat(t, target.id);
    await onStandby(t, gridWorker, target.grid.id);
    const res = await (await t.login(gridWorker)).post('/api/positions', {
      positions: [{ recordedAt: new Date().toISOString(), ...near, accuracy: 8 }],
    });
    expect(res.statusCode, res.body).toBe(200);

    await page.goto(`${base}/login`);
    await page.fill('#username', 'dispatcher');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.goto(`${base}/dispatch`);
    const item = page.locator('[data-testid="dispatch-item"]', { hasText: target.code });
    await item.waitFor(WAIT);
    await item.click();
    const worker = page.locator('[data-testid="dispatch-worker"]', { hasText: gridWorker });
    await worker.waitFor(WAIT);
    await app.shot('i12-dispatch-nearest');
    await worker.getByRole('button').click();
    await page.locator('.ant-message', { hasText: '已派遣' }).waitFor(WAIT);
    const after = await dispatcher.get(`/api/cases/${target.id}`);
    expect(after.data.state).toBe('dispatched');
    await app.shot('i12-dispatch-done');
  }, 120_000);
});

/** Nearest workers are those on shift by the rota: the worker stands by today (and since yesterday). */
async function onStandby(t: ConsoleTest['t'], username: string, gridId: string) {
  const user = await t.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const today = beijingDay(new Date());
  for (const day of [today, addDays(today, -1)]) {
    await t.db
      .insertInto('duty_shifts')
      .values({ grid_id: gridId, user_id: user.id, day, kind: 'standby' } as never)
      .onConflict((oc) => oc.columns(['grid_id', 'user_id', 'day']).doUpdateSet({ kind: 'standby' }))
      .execute();
  }
}

async function caseLonLat(t: ConsoleTest['t'], id: string): Promise<{ lon: number; lat: number }> {
  const row = await t.db
    .selectFrom('cases')
    .select(['lon', 'lat'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { lon: row.lon, lat: row.lat + 40 * M };
}
