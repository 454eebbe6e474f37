import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import { type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool('/usr/bin/chromium', 'chromium');

// Production mode (WANGGE_DEMO=false): the seeded password must be replaced before anything else.
describe.skipIf(!chromium.available)('forced password change in the console', () => {
  let base: string;
  let page: Page;
  let shot: ConsoleTest['shot'];
  let close: ConsoleTest['close'] | undefined;

  beforeAll(async () => {
    ({ base, page, shot, close } = await startConsoleTest(1280, { config: { demo: false } }));
  }, 300_000);
  afterAll(() => close?.());

  it('sends a seeded account to the change screen, shows the server’s reason, then lets it in', async () => {
    await page.goto(`${base}/login`);
    await page.fill('#username', 'street1');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => url.pathname === '/password');
    await page.getByTestId('change-password').waitFor();
    await shot('console-password-forced');

    // Any other page leads back here while the change is required.
    await page.goto(`${base}/users`);
    await page.waitForURL((url) => url.pathname === '/password');

    await page.fill('#currentPassword', 'Wangge@2026');
    await page.fill('#password', 'woaini1314');
    await page.fill('#confirm', 'woaini1314');
    await page.click('button[type=submit]');
    const reason = page.locator('#password_help');
    await reason.getByText('常见').waitFor();
    await shot('console-password-reason');

    await page.fill('#password', 'Street-Lantern-7');
    await page.fill('#confirm', 'Street-Lantern-7');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => url.pathname !== '/password');
    await page.getByTestId('user-name').waitFor();
    expect(new URL(page.url()).pathname).not.toBe('/password');
    await shot('console-password-changed');
  });
});
