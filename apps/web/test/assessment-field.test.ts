// 我的考核 on a 390×844 phone: a grid worker opens their own scorecard from the home page — the
// month's composite, grade and rank, every indicator against its target, the ranks around them —
// and goes back home with the title bar's arrow.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import { type BrowserTest, CHROMIUM, newPhone, phoneLogin, screenshot, startBrowserTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };

describe.skipIf(!chromium.available)('my assessment in the field app', () => {
  let app: BrowserTest;
  let phone: Page;
  beforeAll(async () => {
    app = await startBrowserTest();
    phone = await newPhone(app.browser);
  }, 300_000);
  afterAll(() => app?.close());

  it('shows the worker their own scorecard, grade and rank window, with a way back', async () => {
    await phoneLogin(phone, app.base, 'w120110001001001');
    await phone.getByTestId('home-assessment').click();
    await phone.getByTestId('my-assessment').waitFor(WAIT);
    const indicators = phone.getByTestId('my-indicator');
    await expect.poll(() => indicators.count(), WAIT).toBeGreaterThan(3);
    await expect
      .poll(async () => (await phone.getByTestId('my-composite').textContent()) ?? '', WAIT)
      .toMatch(/\d/);
    await phone.getByTestId('my-ranking-self').waitFor(WAIT);
    await screenshot(phone, 'assessment-field');

    await phone.getByTestId('page-bar').locator('.adm-nav-bar-back').click();
    await phone.getByTestId('home').waitFor(WAIT);
  });
});
