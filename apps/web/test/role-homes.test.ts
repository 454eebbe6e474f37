// Each demo role's landing screen and menu, in the console and in the field app: the menu shows
// only what the server's permissions allow, and no landing screen answers 403.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import {
  type BrowserTest,
  CHROMIUM,
  newPhone,
  phoneLogin,
  RESULTS_DIR,
  startBrowserTest,
} from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const PASSWORD = 'Wangge@2026';
const WAIT = { timeout: 30_000 };
const WORKER = 'w120110001001001';

// username → landing path, menu entries it must show, entries it must not.
const CONSOLE: [string, string, string[], string[]][] = [
  ['admin', '/org', ['org', 'users', 'tokens', 'registers-import', 'boundaries', 'errands'], []],
  ['city', '/cases/inbox', ['cases-inbox', 'tokens', 'users'], []],
  ['command', '/cases/stats', ['cases-stats', 'tokens'], ['registers-import', 'boundaries']],
  [
    'leader',
    '/cases/stats',
    ['cases-stats', 'cases', 'map', 'errands'],
    ['registers-import', 'boundaries', 'users', 'tokens'],
  ],
  ['dispatcher', '/cases/inbox', ['cases-inbox'], ['tokens', 'users', 'boundaries', 'registers-import']],
  ['community1', '/cases/inbox', ['cases-inbox', 'registers-import'], ['tokens', 'boundaries']],
  [
    'dept_civil',
    '/cases/inbox',
    ['cases-inbox', 'errands'],
    ['tokens', 'users', 'boundaries', 'registers-import'],
  ],
  [WORKER, '/cases/inbox', ['cases-inbox', 'errands'], ['tokens', 'boundaries', 'users']],
];

describe.skipIf(!chromium.available)('role homes and menus', () => {
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;

  beforeAll(async () => {
    ({ base, browser, close } = await startBrowserTest());
  }, 600_000);
  afterAll(() => close?.());

  async function consoleAs(username: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', username);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), WAIT);
    await page.getByTestId('user-name').waitFor(WAIT);
    return page;
  }

  for (const [username, home, shown, hidden] of CONSOLE) {
    it(`console: ${username} lands on ${home} with a menu fit for the role`, async () => {
      const page = await consoleAs(username);
      await page.waitForURL((url) => url.pathname === home, WAIT);
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(RESULTS_DIR, `role-home-${username}.png`) });
      expect(await page.locator('.ant-result-403').count()).toBe(0);
      expect(await page.getByText('没有可见的单位').count()).toBe(0);
      for (const entry of shown) expect(await page.getByTestId(`nav-${entry}`).count(), entry).toBe(1);
      for (const entry of hidden) expect(await page.getByTestId(`nav-${entry}`).count(), entry).toBe(0);
      await page.close();
    });
  }

  it('console: a resident gets a resident home pointing to the phone app, not API tokens', async () => {
    const page = await consoleAs('resident');
    await page.getByTestId('home-resident').waitFor(WAIT);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'role-home-resident.png') });
    expect(await page.getByTestId('nav-tokens').count()).toBe(0);
    expect(await page.locator('.ant-result-403').count()).toBe(0);
    await page.close();
  });

  async function phoneAs(username: string): Promise<Page> {
    const page = await newPhone(browser);
    await phoneLogin(page, base, username);
    return page;
  }

  // username → home variant, tabs shown, tabs hidden.
  const PHONE: [string, string, string[], string[]][] = [
    [WORKER, 'worker', ['home', 'patrol', 'report', 'tasks', 'lookup'], []],
    ['dept_civil', 'department', ['home', 'tasks'], ['patrol', 'report']],
    ['resident', 'resident', ['home', 'report'], ['patrol', 'tasks', 'lookup']],
  ];
  for (const [username, variant, tabs, noTabs] of PHONE) {
    it(`/m: ${username} gets the ${variant} home, with no 403`, async () => {
      const page = await phoneAs(username);
      const forbidden: string[] = [];
      page.on('response', (res) => {
        if (res.status() === 403) forbidden.push(res.url());
      });
      await page.reload();
      await page.locator(`[data-testid="home"][data-home="${variant}"]`).waitFor(WAIT);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: path.join(RESULTS_DIR, `role-home-m-${username}.png`) });
      expect(forbidden).toEqual([]);
      for (const tab of tabs) expect(await page.getByTestId(`tab-${tab}`).count(), tab).toBe(1);
      for (const tab of noTabs) expect(await page.getByTestId(`tab-${tab}`).count(), tab).toBe(0);
      if (variant === 'resident') {
        await page.getByTestId('home-report').click();
        await page.waitForURL((url) => url.pathname === '/m/report', WAIT);
        expect(await page.getByText('自处理').count()).toBe(0);
        await page.screenshot({ path: path.join(RESULTS_DIR, 'role-home-m-resident-report.png') });
      }
      await page.context().close();
    });
  }
});
