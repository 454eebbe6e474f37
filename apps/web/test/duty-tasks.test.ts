import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, newPhone, phoneLogin, screenshot, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };
const WORKER = 'w120110001001001';

/** Issue 12 item 3: the dispatcher sets a worker a task on /dispatch; the worker's phone ticks it off. */
describe.skipIf(!chromium.available)('duty board and field tasks in Chromium', () => {
  let app: ConsoleTest;
  beforeAll(async () => {
    app = await startConsoleTest(1440);
  }, 180_000);
  afterAll(() => app?.close());

  it('creates a task for a worker, who sees it in the field app and ticks it off exactly once', async () => {
    const { page, base, t, browser } = app;
    await page.goto(`${base}/login`);
    await page.fill('#username', 'dispatcher');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.goto(`${base}/dispatch`);
    await page.getByTestId('duty-board').waitFor(WAIT);
    const worker = await t.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', WORKER)
      .executeTakeFirstOrThrow();
    await page.getByTestId('duty-task-worker').click();
    await page.keyboard.type(worker.display_name);
    await page.locator('.ant-select-item-option', { hasText: worker.display_name }).first().click();
    await page.getByTestId('duty-task-title').fill('巡查幼儿园门口交通秩序');
    await page.getByTestId('duty-task-submit').click();
    await page.locator('.ant-message', { hasText: '任务已派发' }).waitFor(WAIT);
    await page.locator('[data-testid="duty-task"]', { hasText: '巡查幼儿园门口交通秩序' }).waitFor(WAIT);
    await app.shot('i12-duty-board');
    await page.goto(`${base}/duty`);
    await page.getByTestId('duty-page').waitFor(WAIT);
    await page.getByTestId('duty-page').getByText('早班').first().waitFor(WAIT);
    await app.shot('i12-duty-rota');

    const phone = await newPhone(browser);
    await phoneLogin(phone, base, WORKER);
    await phone.goto(`${base}/m/tasks`);
    const task = phone.locator('[data-testid="work-task"]', { hasText: '巡查幼儿园门口交通秩序' });
    await task.waitFor(WAIT);
    await screenshot(phone, 'i12-field-work-tasks');
    await task.getByTestId('work-task-done').click();
    await task.waitFor({ state: 'detached', timeout: 30_000 });
    const done = await t.db
      .selectFrom('worker_tasks')
      .select(['state', 'version'])
      .where('title', '=', '巡查幼儿园门口交通秩序')
      .executeTakeFirstOrThrow();
    expect(done).toEqual({ state: 'done', version: 2 });
    await screenshot(phone, 'i12-field-work-task-done');
  }, 180_000);
});
