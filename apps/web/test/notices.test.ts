import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };

/** 通知公告: a community operator sees the community's notices in every state and publishes one. */
describe.skipIf(!chromium.available)('community notices in Chromium', () => {
  let app: ConsoleTest;
  beforeAll(async () => {
    app = await startConsoleTest(1280);
  }, 300_000);
  afterAll(() => app?.close());

  it('lists the demo notices with their states and publishes a new one, shown at once', async () => {
    const { page, base, shot } = app;
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', 'community1');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('nav-notices').click();
    await page.waitForURL((url) => url.pathname === '/notices');
    const rows = page.getByTestId('notices-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBe(4);
    for (const state of ['展示中', '待发布', '已过期']) await page.getByText(state).first().waitFor(WAIT);

    await page.getByRole('button', { name: '发布通知' }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.locator('.ant-select').click();
    await page.locator('.ant-select-item-option').first().click();
    await dialog.locator('#title').fill('周六上午社区义诊');
    await dialog.locator('#body').fill('周六 9:00–11:30 社区卫生服务站义诊，测血压、血糖。');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(5);
    await rows.filter({ hasText: '周六上午社区义诊' }).getByText('展示中').waitFor(WAIT);
    await shot('notices-console');
  });
});
