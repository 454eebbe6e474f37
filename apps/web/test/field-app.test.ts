// The field app (/m) on a phone-sized Chromium: log in once, report a case with a photo, then go
// offline, file two reports and a short patrol, come back online and see each sent exactly once.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale } from '../../../scripts/web-build.mjs';
import { startTestApp, type TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, launchChromium, RESULTS_DIR } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const GRID = '120110001001001';
const USER = `w${GRID}`;

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!chromium.available)('field app (/m) on a phone', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let userId: string;
  let home: { lon: number; lat: number };
  const shot = (name: string) => page.screenshot({ path: path.join(RESULTS_DIR, `field-${name}.png`) });

  beforeAll(async () => {
    buildWebIfStale();
    t = await startTestApp();
    base = await t.listen();
    browser = await launchChromium();
    const building = await t.db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select(['b.lon', 'b.lat'])
      .where('o.code', '=', GRID)
      .executeTakeFirstOrThrow();
    home = { lon: Number(building.lon), lat: Number(building.lat) };
    userId = (
      await t.db.selectFrom('users').select('id').where('username', '=', USER).executeTakeFirstOrThrow()
    ).id;
    context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      geolocation: { longitude: home.lon, latitude: home.lat, accuracy: 8 },
      permissions: ['geolocation'],
    });
    page = await context.newPage();
    page.on('pageerror', (e) => console.log('[page error]', e.stack));
    page.on('console', (m) => m.type() === 'error' && console.log('[console]', m.text()));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const casesOf = (note: string) =>
    t.db
      .selectFrom('cases')
      .select(['id', 'description', 'lon', 'lat', 'grid_id'])
      .where('reporter_user_id', '=', userId)
      .where('description', 'like', `%${note}%`)
      .execute();

  async function fileReport(note: string, photo?: Buffer) {
    await page.getByTestId('report').waitFor();
    if (photo) {
      await page
        .getByTestId('report-photos')
        .setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.locator('img.m-photo').first().waitFor();
    }
    const option = page.locator('[data-testid="report-categories"] .adm-selector-item').first();
    await option.waitFor({ timeout: 15_000 });
    await option.click();
    await page.getByTestId('report-where').waitFor({ timeout: 15_000 });
    await page.locator('textarea').first().fill(note);
  }

  it('logs in once and reports a case with a photo', async () => {
    await page.goto(`${base}/m/`);
    await page.waitForURL(/\/m\/login$/, { waitUntil: 'commit' });
    await page.fill('#username', USER);
    await page.fill('#password', 'Wangge@2026');
    await shot('login');
    await page.click('button[type=submit]');
    await page.getByTestId('home').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => localStorage.getItem('wangge.m.token'))).toBeTruthy();
    const token = await t.db
      .selectFrom('api_tokens')
      .select(['name', 'expires_at'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(token.name).toMatch(/^field-app /);
    // The service worker takes the app shell for offline use.
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? null),
    ).toBe(`${base}/m/sw.js`);
    await page.getByTestId('home-tasks').filter({ hasNotText: '—' }).waitFor();
    await shot('home');

    await page.locator('.adm-tab-bar-item', { hasText: '上报' }).click();
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0392b' } })
      .jpeg()
      .toBuffer();
    await fileReport('楼道堆放杂物（在线）', jpeg);
    await page
      .getByTestId('report-map')
      .and(page.locator('[data-loaded="true"]'))
      .waitFor({ timeout: 30_000 });
    await shot('report');
    await page.getByTestId('report-submit').click();

    const [row] = await until('the online case', async () => {
      const rows = await casesOf('楼道堆放杂物（在线）');
      return rows.length ? rows : null;
    });
    expect((await casesOf('楼道堆放杂物（在线）')).length).toBe(1);
    expect(row!.description).toBe('楼道堆放杂物（在线）');
    const photos = await t.db
      .selectFrom('attachments')
      .select(['id', 'mime'])
      .where('case_id', '=', row!.id)
      .execute();
    expect(photos).toHaveLength(1);
    expect(photos[0]!.mime).toBe('image/jpeg');
  }, 120_000);

  it('queues reports and a patrol offline and sends each exactly once when back online', async () => {
    await page.locator('.adm-tab-bar-item', { hasText: '巡查' }).click();
    await page.getByTestId('patrol').waitFor();
    const positionsBefore = Number(
      (
        await t.db
          .selectFrom('positions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow()
      ).n,
    );

    await context.setOffline(true);
    // A reload while offline comes from the service worker's cached shell.
    await page.reload();
    await page.getByTestId('patrol').waitFor({ timeout: 15_000 });
    await page.getByTestId('offline-banner').waitFor();

    await page.getByTestId('patrol-start').click();
    for (let i = 1; i <= 4; i++) {
      await context.setGeolocation({
        longitude: home.lon + i * 0.00005,
        latitude: home.lat + i * 0.00004,
        accuracy: 8,
      });
      await page.waitForTimeout(1_200);
    }
    await page
      .getByTestId('patrol-status')
      .filter({ hasText: /已记录 [3-9]/ })
      .waitFor({ timeout: 15_000 });
    await shot('patrol-offline');
    await page.getByTestId('patrol-stop').click();
    await page.locator('.adm-dialog-button', { hasText: '确定' }).click();
    await page.getByTestId('patrol-start').waitFor();

    await page.locator('.adm-tab-bar-item', { hasText: '上报' }).click();
    await fileReport('路灯不亮（离线一）');
    await page.getByTestId('report-submit').click();
    await page.locator('.adm-toast-main', { hasText: '联网后自动发送' }).waitFor();
    await fileReport('井盖缺失（离线二）');
    await shot('report-offline');
    await page.getByTestId('report-submit').click();

    await page.getByTestId('queue-chip').click();
    await page.getByTestId('queue').waitFor();
    await until('three queued items', async () => (await page.getByTestId('queue-item').count()) === 3);
    await shot('queue-offline');
    expect(await casesOf('离线')).toHaveLength(0);

    await context.setOffline(false);
    await page.getByTestId('queue-count').filter({ hasText: /^0$/ }).waitFor({ timeout: 30_000 });
    await page.getByText('没有待发送的内容').waitFor();
    await shot('queue-sent');

    for (const note of ['路灯不亮（离线一）', '井盖缺失（离线二）']) {
      const rows = await casesOf(note);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.description).toMatch(/^（离线记录于 \d\d:\d\d）/);
    }
    // Sent in the order they were made.
    const ids = (await casesOf('离线')).map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : 1));
    const first = await t.db
      .selectFrom('cases')
      .select('description')
      .where('id', '=', String(ids[0]))
      .executeTakeFirstOrThrow();
    expect(first.description).toContain('路灯不亮');

    const positions = await until('the patrol positions', async () => {
      const rows = await t.db
        .selectFrom('positions')
        .select(['lon', 'lat', 'recorded_at', 'grid_id'])
        .where('user_id', '=', userId)
        .orderBy('recorded_at')
        .execute();
      return rows.length - positionsBefore >= 3 ? rows : null;
    });
    expect(positions.length - positionsBefore).toBeGreaterThanOrEqual(3);

    // A second flush changes nothing.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    expect(await casesOf('离线')).toHaveLength(2);

    await page.locator('.adm-tab-bar-item', { hasText: '巡查' }).click();
    await page
      .getByTestId('patrol-map')
      .and(page.locator('[data-loaded="true"]'))
      .waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    await shot('patrol');
    await page.locator('.adm-tab-bar-item', { hasText: '任务' }).click();
    await page.getByTestId('tasks').waitFor();
    await page.waitForTimeout(800);
    await shot('tasks');
    await page.locator('.adm-tab-bar-item', { hasText: '查询' }).click();
    await page.getByTestId('lookup').waitFor();
    await page.waitForTimeout(800);
    await shot('lookup');
  }, 180_000);
});
