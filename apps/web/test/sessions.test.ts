import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };

/** 我的会话: a user sees where they are signed in and ends a session on another device. */
describe.skipIf(!chromium.available)('my sessions in Chromium', () => {
  let t: TestApp;
  let base: string;
  let page: Page;
  let shot: ConsoleTest['shot'];
  let close: ConsoleTest['close'] | undefined;

  beforeAll(async () => {
    ({ t, base, page, shot, close } = await startConsoleTest(1280));
  }, 300_000);
  afterAll(() => close?.());

  it('lists the current and another session and ends the other one', async () => {
    // The "other device": a session opened outside this browser.
    const tablet = await t.anon.request(
      'POST',
      '/api/auth/login',
      { username: 'community1', password: 'Wangge@2026' },
      { 'user-agent': 'WanggeTablet/1.0 (field tablet)' },
    );
    expect(tablet.statusCode).toBe(200);
    const tabletCookie = `wangge_session=${tablet.cookies.find((c) => c.name === 'wangge_session')!.value}`;

    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', 'community1');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('nav-sessions').click();
    await page.waitForURL((url) => url.pathname === '/sessions');

    const table = page.getByTestId('sessions-table');
    const rows = table.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    const tabletRow = rows.filter({ hasText: 'WanggeTablet' });
    await expect.poll(() => tabletRow.count(), WAIT).toBe(1);
    await expect.poll(() => rows.filter({ hasText: '当前会话' }).count(), WAIT).toBe(1);
    await shot('sessions-before');

    await tabletRow.locator('[data-testid^="session-end-"]').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    await expect.poll(() => rows.filter({ hasText: '当前会话' }).count(), WAIT).toBe(1);
    await shot('sessions-after');

    expect((await t.anon.get('/api/auth/me', { cookie: tabletCookie })).statusCode).toBe(401);
  });
});
