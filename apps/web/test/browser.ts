import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildWebIfStale } from '../../../scripts/web-build.mjs';
import { startTestApp, type TestApp } from '../../server/test/harness.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const RESULTS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test-results',
);

/** Debian's Chromium, never a downloaded one, with the flags this sandbox needs. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(RESULTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // MapLibre needs WebGL; with the GPU disabled SwiftShader provides it.
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/** The demo app on a free port with the web build served, and Chromium to drive it. */
export interface BrowserTest {
  t: TestApp;
  base: string;
  browser: Browser;
  /** Chromium first, then the app and its database. */
  close(): Promise<void>;
}

export async function startBrowserTest(
  options: Parameters<typeof startTestApp>[0] = {},
): Promise<BrowserTest> {
  buildWebIfStale();
  const t = await startTestApp(options);
  try {
    const base = await t.listen();
    const browser = await launchChromium();
    const close = async () => {
      await browser.close();
      await t.close();
    };
    return { t, base, browser, close };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/** Lets antd's transitions (tabs, modals, messages) settle, then saves the whole page. */
export async function screenshot(page: Page, name: string, settleMs = 400): Promise<void> {
  await page.waitForTimeout(settleMs);
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

/** A console test: one desktop-sized page in Chinese, plus `shot(name)` for test-results/. */
export interface ConsoleTest extends BrowserTest {
  page: Page;
  shot(name: string): Promise<void>;
}

export async function startConsoleTest(
  width: number,
  options: Parameters<typeof startTestApp>[0] = {},
): Promise<ConsoleTest> {
  const app = await startBrowserTest(options);
  const page = await app.browser.newPage({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  page.on('pageerror', (error) => console.error('page error:', error.stack));
  return { ...app, page, shot: (name) => screenshot(page, name) };
}

/** A phone-sized page (390×844, touch, Chinese), standing at `at` when given, logging page errors. */
export async function newPhone(browser: Browser, at?: { lon: number; lat: number }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    ...(at && {
      geolocation: { longitude: at.lon, latitude: at.lat, accuracy: 8 },
      permissions: ['geolocation'],
    }),
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('[phone error]', e.stack));
  return page;
}

/** Signs `username` into the field app with the demo password and waits for its home. */
export async function phoneLogin(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/m/login`);
  await page.fill('#username', username);
  await page.fill('#password', 'Wangge@2026');
  await page.click('button[type=submit]');
  await page.getByTestId('home').waitFor({ timeout: 30_000 });
}
