// The field app (/m) on a phone-sized Chromium: log in once, report a case with a photo, visit a
// household from the building matrix, then go offline (the map still draws the grid), file two
// reports, a visit and a short patrol, come back online and see each sent exactly once with the
// times the phone recorded.
import path from 'node:path';
import { chinaDayOf, chinaDayWindow, coveredMs } from '@wangge/rules';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { type BrowserTest, CHROMIUM, RESULTS_DIR, startBrowserTest } from './browser.ts';
import { until } from './until.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const GRID = '120110001001001';
const USER = `w${GRID}`;

describe.skipIf(!chromium.available)('field app (/m) on a phone', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;
  let context: BrowserContext;
  let page: Page;
  let userId: string;
  let home: { lon: number; lat: number };
  const shot = (name: string) => page.screenshot({ path: path.join(RESULTS_DIR, `field-${name}.png`) });

  /** Pixels of the map drawn in the grid boundary's blue (#1677ff), read from a screenshot of it. */
  async function boundaryPixels(testId: string): Promise<number> {
    const png = await page.getByTestId(testId).screenshot();
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    let n = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      if (Math.abs(data[i]! - 22) < 40 && Math.abs(data[i + 1]! - 119) < 40 && data[i + 2]! > 215) n++;
    }
    return n;
  }

  /** The offline queue as the phone holds it (IndexedDB), without the photo Blobs. */
  const outbox = () =>
    page.evaluate(
      () =>
        new Promise<{ kind: string; key: string; createdAt: string; payload: Record<string, unknown> }[]>(
          (resolve, reject) => {
            const open = indexedDB.open('wangge-field');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const req = open.result.transaction('outbox').objectStore('outbox').getAll();
              req.onsuccess = () => {
                open.result.close();
                resolve(req.result);
              };
            };
          },
        ),
    );

  const visitsOf = (note: string) =>
    t.db
      .selectFrom('visits')
      .select(['id', 'house_id', 'person_id', 'started_at', 'ended_at', 'note', 'idempotency_key'])
      .where('user_id', '=', userId)
      .where('note', '=', note)
      .execute();

  async function visitFirstRoom(building: RegExp) {
    await page.locator('.adm-tab-bar-item', { hasText: '查询' }).click();
    await page.getByTestId('lookup').waitFor();
    await page.locator('.adm-list-item', { hasText: building }).first().click();
    await page.getByTestId('building').waitFor();
    await page.locator('button.m-room:not(.vacant)').first().click();
    await page.getByTestId('visit-room').click();
    await page.getByTestId('visit-running').waitFor();
  }

  beforeAll(async () => {
    ({ t, base, browser, close } = await startBrowserTest());
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
  afterAll(() => close?.());

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

  it('records a door-to-door visit of a room in the building matrix; a reload keeps it running', async () => {
    await visitFirstRoom(/388号1号楼$/);
    await shot('visit-running');
    const started = await page.evaluate(
      () => (JSON.parse(localStorage.getItem('wangge.m.visit') ?? '{}') as { startedAt?: string }).startedAt,
    );
    expect(started).toBeTruthy();
    await page.reload();
    await page.getByTestId('visit-running').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('visit-running').textContent()).toContain('1号楼');
    await page.getByTestId('visit-note').locator('textarea').fill('独居老人，身体尚好（在线走访）');
    await page.getByTestId('visit-end').click();

    const [row] = await until('the online visit', async () => {
      const rows = await visitsOf('独居老人，身体尚好（在线走访）');
      return rows.length ? rows : null;
    });
    expect(row!.house_id).not.toBeNull();
    expect(row!.started_at.toISOString()).toBe(started);
    await page.getByTestId('visit-count').filter({ hasText: /^1$/ }).waitFor({ timeout: 15_000 });
    await page.getByTestId('visit-start').waitFor();
    await shot('visits');

    // From a search hit: the action sheet starts a visit of that person.
    await page.locator('.adm-tab-bar-item', { hasText: '查询' }).click();
    await page.locator('.adm-search-bar input').fill('张');
    await page.locator('.adm-search-bar input').press('Enter');
    await page.getByTestId('lookup-hit').first().click();
    await page.locator('.adm-action-sheet-button-item', { hasText: '开始走访' }).waitFor();
    await shot('lookup-actions');
    await page.locator('.adm-action-sheet-button-item', { hasText: '开始走访' }).click();
    await page.getByTestId('visit-running').waitFor();
    await page.locator('.adm-button', { hasText: '删除' }).click();
    await page.locator('.adm-dialog-button', { hasText: '确定' }).click();
    await page.getByTestId('visit-start').waitFor();
  }, 120_000);

  it('queues reports, a visit and a patrol offline and sends each exactly once when back online', async () => {
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
    // The map works offline: MapLibre's worker comes from the service worker, the grids from its cache.
    await page
      .getByTestId('patrol-map')
      .and(page.locator('[data-loaded="true"]'))
      .waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="patrol-map"] canvas').count()).toBe(1);
    await until('the grid boundary drawn offline', async () => (await boundaryPixels('patrol-map')) > 200);
    await shot('patrol-map-offline');

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
    await page.locator('.adm-toast-main', { hasText: '联网后自动发送' }).waitFor();

    // A visit offline, from the building matrix the phone keeps; it began 25 minutes ago (the
    // start time lives in localStorage, so a reload on the stairs does not lose it).
    await visitFirstRoom(/388号1号楼$/);
    const startedAt = await page.evaluate(() => {
      const v = JSON.parse(localStorage.getItem('wangge.m.visit')!) as { startedAt: string };
      v.startedAt = new Date(Date.now() - 25 * 60_000).toISOString();
      localStorage.setItem('wangge.m.visit', JSON.stringify(v));
      return v.startedAt;
    });
    await page.reload();
    await page.getByTestId('visit-since').filter({ hasText: '已 25 分钟' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('visit-note').locator('textarea').fill('了解租户情况（离线走访）');
    await page.getByTestId('visit-end').click();
    await page.locator('.adm-toast-main', { hasText: '联网后自动发送' }).waitFor();
    await page.getByTestId('visit-waiting').waitFor();
    const minutesBefore = Number(await page.getByTestId('visit-minutes').textContent());
    await shot('visits-offline');

    await page.getByTestId('queue-chip').click();
    await page.getByTestId('queue').waitFor();
    await until('four queued items', async () => (await page.getByTestId('queue-item').count()) === 4);
    await shot('queue-offline');
    expect(await casesOf('离线')).toHaveLength(0);
    const queued = await outbox();
    expect(queued.map((i) => i.kind).sort()).toEqual(['case', 'case', 'positions', 'visit']);
    const queuedVisit = queued.find((i) => i.kind === 'visit')!;
    expect(queuedVisit.payload.startedAt).toBe(startedAt);

    await context.setOffline(false);
    await page.getByTestId('queue-count').filter({ hasText: /^0$/ }).waitFor({ timeout: 30_000 });
    await page.getByText('没有待发送的内容').waitFor();
    await shot('queue-sent');

    for (const note of ['路灯不亮（离线一）', '井盖缺失（离线二）']) {
      const rows = await casesOf(note);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.description).toMatch(/^（离线记录于 \d\d:\d\d）/);
      // The history starts when the phone recorded the report, not when it arrived.
      const item = queued.find((i) => i.kind === 'case' && String(i.payload.description).includes(note))!;
      const first = await t.db
        .selectFrom('case_steps')
        .select('at')
        .where('case_id', '=', rows[0]!.id)
        .orderBy('seq')
        .executeTakeFirstOrThrow();
      expect(first.at.toISOString()).toBe(item.createdAt);
    }
    const visits = await visitsOf('了解租户情况（离线走访）');
    expect(visits).toHaveLength(1);
    expect(visits[0]!.started_at.toISOString()).toBe(queuedVisit.payload.startedAt);
    expect(visits[0]!.ended_at.toISOString()).toBe(queuedVisit.payload.endedAt);
    expect(visits[0]!.idempotency_key).toBe(queuedVisit.key);
    // Today's minutes on the visits page count the visit once it is on the server.
    await page.goto(`${base}/m/`);
    await page.getByTestId('tile-visits').click();
    const today = chinaDayOf(new Date());
    const ofToday = await t.db
      .selectFrom('visits')
      .select(['started_at', 'ended_at'])
      .where('user_id', '=', userId)
      .execute();
    const minutes = Math.round(
      coveredMs(
        ofToday.map((v) => ({ start: v.started_at.getTime(), end: v.ended_at.getTime() })),
        chinaDayWindow(today),
      ) / 60_000,
    );
    expect(minutes).toBeGreaterThanOrEqual(minutesBefore + 25);
    await page
      .getByTestId('visit-minutes')
      .filter({ hasText: new RegExp(`^${minutes}$`) })
      .waitFor({ timeout: 15_000 });
    await shot('visits-sent');
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
    expect(await visitsOf('了解租户情况（离线走访）')).toHaveLength(1);

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
