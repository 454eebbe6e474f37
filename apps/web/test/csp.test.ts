import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import { type BrowserTest, CHROMIUM, RESULTS_DIR, startBrowserTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const FIELD_USER = 'w120110001001001';

/** Chromium reports a CSP refusal as a console error starting with "Refused to". */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text()))
      violations.push(m.text());
  });
  return violations;
}

/** Injects an inline script as an XSS would; under the CSP it must not run. */
async function injectInline(page: Page): Promise<unknown> {
  await page.addScriptTag({ content: 'window.__pwned = 1' }).catch(() => undefined);
  return page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
}

describe.skipIf(!chromium.available)('Content-Security-Policy in Chromium', () => {
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;

  beforeAll(async () => {
    ({ base, browser, close } = await startBrowserTest());
  }, 300_000);
  afterAll(() => close?.());

  it('runs the console (login, map) under the CSP and refuses an injected inline script', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    const violations = watchViolations(page);
    await page.goto(`${base}/login`);
    await page.fill('#username', 'street1');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${base}/map`);
    await page.waitForSelector('[data-testid="grid-map"][data-loaded="true"]', {
      state: 'attached',
      timeout: 60_000,
    });
    expect(violations).toEqual([]);

    expect(await injectInline(page)).toBeUndefined();
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/inline script/);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'csp-console-map.png') });
    await page.close();
  }, 120_000);

  it('runs the field app (login, service worker, map) under the CSP and refuses an injected inline script', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const violations = watchViolations(page);
    await page.goto(`${base}/m/`);
    await page.waitForURL(/\/m\/login$/, { waitUntil: 'commit' });
    await page.fill('#username', FIELD_USER);
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.getByTestId('home').waitFor({ timeout: 15_000 });
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? null),
    ).toBe(`${base}/m/sw.js`);
    await page.locator('.adm-tab-bar-item', { hasText: '上报' }).click();
    await page
      .getByTestId('report-map')
      .and(page.locator('[data-loaded="true"]'))
      .waitFor({ timeout: 30_000 });
    expect(violations).toEqual([]);

    expect(await injectInline(page)).toBeUndefined();
    expect(violations).toHaveLength(1);
    await page.getByTestId('report-map').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'csp-field-report.png') });
    await context.close();
  }, 120_000);

  it('runs Swagger UI (/api/docs) under the same CSP', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const violations = watchViolations(page);
    await page.goto(`${base}/api/docs`);
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 30_000 });
    expect(violations).toEqual([]);
    await page.close();
  }, 60_000);
});
