import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };

/** 职业发展 and 网格学院: the district operator's ladder, ratings to confirm, promotions, courses. */
describe.skipIf(!chromium.available)('careers and training in Chromium', () => {
  let app: ConsoleTest;
  beforeAll(async () => {
    app = await startConsoleTest(1440);
  }, 300_000);
  afterAll(() => app?.close());

  it('shows the ladder, confirms a changed rating with a reason and approves a promotion', async () => {
    const { page, base, shot } = app;
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', 'district');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${base}/assessment/careers`);
    const ladder = page.getByTestId('careers-ladder').locator('tbody tr.ant-table-row');
    await expect.poll(() => ladder.count(), WAIT).toBe(12);
    const workers = page.getByTestId('careers-workers').locator('tbody tr.ant-table-row');
    await expect.poll(() => workers.count(), WAIT).toBeGreaterThan(0);
    await shot('careers-overview');

    const ratings = page.getByTestId('careers-ratings').locator('tbody tr.ant-table-row');
    await expect.poll(() => ratings.count(), WAIT).toBeGreaterThan(0);
    const first = ratings.first();
    const before = await page.getByTestId('careers-ratings').locator('.ant-card-head-title').innerText();
    // Choose another rating than proposed: a reason is asked for.
    await first.locator('.ant-select').click();
    const options = page.locator(
      '.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-selected)',
    );
    await options.first().click();
    await first.getByPlaceholder('调整理由').fill('年内获区级表彰一次');
    await first.getByRole('button', { name: /确\s*认/ }).click();
    await expect
      .poll(() => page.getByTestId('careers-ratings').locator('.ant-card-head-title').innerText(), WAIT)
      .not.toBe(before);

    const promotions = page.getByTestId('careers-promotions').locator('tbody tr.ant-table-row');
    await expect.poll(() => promotions.count(), WAIT).toBeGreaterThan(0);
    const title = await page.getByTestId('careers-promotions').locator('.ant-card-head-title').innerText();
    await promotions
      .first()
      .getByRole('button', { name: /审\s*批/ })
      .click();
    await page.getByTestId('promotion-actions').waitFor(WAIT);
    await shot('careers-promotion-modal');
    await page.getByTestId('promotion-actions').getByRole('button', { name: '批准晋级' }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect
      .poll(() => page.getByTestId('careers-promotions').locator('.ant-card-head-title').innerText(), WAIT)
      .not.toBe(title);
    await shot('careers-after');
  });

  it('lists a dozen courses with attendance and each worker’s hours', async () => {
    const { page, base, shot } = app;
    await page.goto(`${base}/assessment/training`);
    const courses = page.getByTestId('training-courses').locator('tbody tr.ant-table-row');
    await expect.poll(() => courses.count(), WAIT).toBeGreaterThanOrEqual(10);
    const attendance = page.getByTestId('training-attendance').locator('tbody tr.ant-table-row');
    await expect.poll(() => attendance.count(), WAIT).toBeGreaterThan(0);
    const hours = page.getByTestId('training-hours').locator('tbody tr.ant-table-row');
    await expect.poll(() => hours.count(), WAIT).toBeGreaterThan(0);
    await courses.filter({ hasText: '矛盾纠纷排查与调解实务' }).first().click();
    await page
      .getByTestId('training-attendance')
      .locator('.ant-card-head-title', { hasText: '矛盾纠纷排查与调解实务' })
      .waitFor(WAIT);
    await shot('training');
  });
});
