import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };

/** Issue 11: the grid page shows what the registers count, and names the declared figures. */
describe.skipIf(!chromium.available)('grid figures in Chromium', () => {
  let app: ConsoleTest;
  beforeAll(async () => {
    app = await startConsoleTest(1280);
  }, 180_000);
  afterAll(() => app?.close());

  it('labels 登记人口 and 申报人口 and shows the registers’ count', async () => {
    const { page, base, t } = app;
    const grid = await t.db
      .selectFrom('org_units')
      .select(['id', 'name'])
      .where('name', '=', '丽湖社区第一网格')
      .executeTakeFirstOrThrow();
    const admin = await t.login('community1');
    const stats = await admin.get('/api/registers/stats');
    const row = stats.data.grids.find((g: { gridId: string }) => g.gridId === grid.id);

    await page.goto(`${base}/login`);
    await page.fill('#username', 'community1');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.goto(`${base}/grids/${grid.id}`);
    const registered = page.getByTestId('grid-registered-population');
    await registered.waitFor(WAIT);
    const digits = async (testId: string) =>
      Number((await page.getByTestId(testId).innerText()).replace(/\D/g, ''));
    expect(await digits('grid-registered-population')).toBe(row.people);
    expect(await digits('grid-registered-households')).toBe(row.households);
    expect(await digits('grid-population')).toBe(row.people);
    const details = page.locator('.ant-descriptions');
    await expect(details.getByText('登记人口', { exact: true }).count()).resolves.toBe(1);
    await expect(details.getByText('申报人口', { exact: true }).count()).resolves.toBe(1);
    await app.shot('h1-grid-figures-zh');

    await page.evaluate(() => localStorage.setItem('wangge.lang', 'en'));
    await page.reload();
    await registered.waitFor(WAIT);
    await expect(details.getByText('Registered population', { exact: true }).count()).resolves.toBe(1);
    await expect(details.getByText('Declared population', { exact: true }).count()).resolves.toBe(1);
    await app.shot('h1-grid-figures-en');
  }, 120_000);
});
