import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };

/** Cameras (issue 14 point 4): on the map and the big screen, the live stream plays, a case links one. */
describe.skipIf(!chromium.available)('cameras in Chromium', () => {
  let t: TestApp;
  let base: string;
  let page: Page;
  let shot: ConsoleTest['shot'];
  let close: ConsoleTest['close'] | undefined;

  beforeAll(async () => {
    ({ t, base, page, shot, close } = await startConsoleTest(1280));
  }, 300_000);
  afterAll(() => close?.());

  /** Clicks the camera's dot on the MapLibre map now shown. */
  /** Centres the camera and clicks it; again if a late refresh moved the map under the click. */
  async function clickCamera(testId: string, at: { lon: number; lat: number; code: string }) {
    const drawer = page.locator('.ant-drawer-title').filter({ hasText: at.code });
    for (let attempt = 1; ; attempt++) {
      await clickCameraOnce(testId, at);
      try {
        await drawer.waitFor({ timeout: 8_000 });
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  async function clickCameraOnce(testId: string, at: { lon: number; lat: number }) {
    const map = page.getByTestId(testId);
    await expect.poll(() => map.getAttribute('data-cameras'), WAIT).not.toBeNull();
    const point = await page.evaluate(
      async ([lon, lat]) => {
        const m = window.__wanggeMap!;
        m.jumpTo({ center: [lon!, lat!], zoom: 17 });
        await new Promise((resolve) => m.once('idle', resolve));
        return m.project([lon!, lat!]);
      },
      [at.lon, at.lat],
    );
    await page.locator(`[data-testid="${testId}"] canvas`).click({ position: { x: point.x, y: point.y } });
  }

  async function expectPlaying() {
    const video = page.getByTestId('camera-video');
    await expect.poll(() => video.getAttribute('data-manifest'), WAIT).toBe('loaded');
    await expect
      .poll(async () => Number(await video.getAttribute('data-fragments')), WAIT)
      .toBeGreaterThan(0);
    // Debian's Chromium decodes H.264: the picture moves on.
    const first = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), WAIT)
      .toBeGreaterThan(first + 0.5);
  }

  it('opens a camera from the console map: its stream plays and its alarms show', {
    timeout: 120_000,
  }, async () => {
    const camera = await t.db
      .selectFrom('devices')
      .select(['id', 'code', 'lon', 'lat'])
      .where('type', '=', 'camera')
      .where('status', '!=', 'disabled')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', 'city');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    await page.goto(`${base}/map`);
    await expect.poll(() => page.getByTestId('grid-map').getAttribute('data-loaded'), WAIT).toBe('true');
    await clickCamera('grid-map', camera);
    await page.waitForURL((url) => url.searchParams.get('camera') === camera.id, WAIT);
    const title = page.locator('.ant-drawer-title').filter({ hasText: camera.code });
    await expect.poll(() => title.count(), WAIT).toBe(1);
    await expectPlaying();
    await expect.poll(() => page.getByTestId('camera-alarms').count(), WAIT).toBe(1);
    await shot('camera-console-map');
    await page.keyboard.press('Escape');

    // The big screen has the same layer.
    await page.goto(`${base}/command`);
    await expect
      .poll(async () => Number(await page.getByTestId('command-map').getAttribute('data-cameras')), WAIT)
      .toBeGreaterThan(0);
    await clickCamera('command-map', camera);
    await expectPlaying();
    await shot('camera-command');
  });

  it('links the camera that saw a case on the case page', async () => {
    const camera = await t.db
      .selectFrom('devices')
      .select(['id', 'code', 'grid_path'])
      .where('type', '=', 'camera')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const kase = await t.db
      .selectFrom('cases')
      .select('id')
      .where('grid_path', '=', camera.grid_path)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/cases/${kase.id}`);
    const card = page.getByTestId('case-cameras');
    await expect.poll(() => card.count(), WAIT).toBe(1);
    await card.locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: camera.code }).first().click();
    await card.getByRole('button', { name: /^关\s?联$/ }).click();
    await expect
      .poll(() => card.locator('.ant-list-item').filter({ hasText: camera.code }).count(), WAIT)
      .toBe(1);
    await card.getByRole('button', { name: /查看画面/ }).click();
    await expectPlaying();
    await shot('camera-case');
  });
});
