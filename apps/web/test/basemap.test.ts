// Without a tile URL the console map and the field map draw our own base map (GET /api/basemap):
// roads, buildings and their labels, and nothing is fetched from any other host.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { type BrowserTest, CHROMIUM, RESULTS_DIR, startBrowserTest } from './browser.ts';
import { until } from './until.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const GRID = '120110001001001';
const PASSWORD = 'Wangge@2026';

type Hook = '__wanggeMap' | '__wanggeFieldMap';

/** Rendered features per base layer of the map behind the hook, once it is idle. */
function renderedCounts(page: Page, hook: Hook): Promise<Record<string, number>> {
  return page.evaluate(async (name) => {
    const map = (window as unknown as Record<string, import('maplibre-gl').Map | undefined>)[name];
    if (!map) return {};
    if (!map.loaded()) await new Promise((resolve) => map.once('idle', resolve));
    const counts: Record<string, number> = {};
    for (const layer of ['road', 'road-label', 'building', 'green', 'water']) {
      const id = `own-basemap-${layer}`;
      counts[layer] = map.getLayer(id) ? map.queryRenderedFeatures({ layers: [id] }).length : 0;
    }
    for (const id of ['grids-label', 'communities-label', 'grid-label']) {
      if (map.getLayer(id)) counts[id] = map.queryRenderedFeatures({ layers: [id] }).length;
    }
    return counts;
  }, hook);
}

function jumpTo(page: Page, hook: Hook, center: [number, number], zoom: number): Promise<void> {
  return page.evaluate(
    ([name, lon, lat, z]) => {
      const map = (window as unknown as Record<string, import('maplibre-gl').Map>)[name as string]!;
      map.jumpTo({ center: [lon as number, lat as number], zoom: z as number });
    },
    [hook, center[0], center[1], zoom] as const,
  );
}

describe.skipIf(!chromium.available)('own base map without tiles', () => {
  let t: TestApp;
  let base: string;
  let close: BrowserTest['close'] | undefined;
  let browser: BrowserTest['browser'];
  let building: [number, number];
  const foreign: string[] = [];
  const basemapCalls: string[] = [];

  function watch(page: Page) {
    page.on('pageerror', (error) => console.error('page error:', error.stack));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== new URL(base).origin)
        foreign.push(request.url());
      if (url.pathname === '/api/basemap') basemapCalls.push(url.search);
    });
  }

  beforeAll(async () => {
    ({ t, base, browser, close } = await startBrowserTest());
    const row = await t.db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select(['b.lon', 'b.lat'])
      .where('o.code', '=', GRID)
      .executeTakeFirstOrThrow();
    building = [Number(row.lon), Number(row.lat)];
  }, 300_000);
  afterAll(() => close?.());

  it('draws roads, buildings and labels under the console grid map', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    watch(page);
    await page.goto(`${base}/login`);
    await page.fill('#username', 'street1');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${base}/map`);
    await page.waitForSelector('[data-testid="grid-map"][data-loaded="true"]', {
      state: 'attached',
      timeout: 60_000,
    });
    const far = await until('main roads on the street view', async () => {
      const counts = await renderedCounts(page, '__wanggeMap');
      return (counts.road ?? 0) > 0 ? counts : null;
    });
    // Far out: main roads and community names, no buildings yet (the API leaves them out).
    expect(far.building).toBe(0);
    expect(far['communities-label'] ?? 0).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'basemap-console.png') });

    await jumpTo(page, '__wanggeMap', building, 17);
    const near = await until('buildings and road names close up', async () => {
      const counts = await renderedCounts(page, '__wanggeMap');
      return (counts.building ?? 0) > 0 && (counts['road-label'] ?? 0) > 0 ? counts : null;
    });
    expect(near.road).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'basemap-console-near.png') });
    expect(basemapCalls.some((q) => q.includes('zoom=17'))).toBe(true);
    expect(foreign).toEqual([]);
    await page.close();
  }, 180_000);

  it('draws roads and buildings under the field map on a phone', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    watch(page);
    await page.goto(`${base}/m/`);
    await page.waitForURL(/\/m\/login$/, { waitUntil: 'commit' });
    await page.fill('#username', `w${GRID}`);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.getByTestId('home').waitFor({ timeout: 15_000 });
    await page.locator('.adm-tab-bar-item', { hasText: '巡查' }).click();
    await page
      .getByTestId('patrol-map')
      .and(page.locator('[data-loaded="true"]'))
      .waitFor({ timeout: 30_000 });
    // As the map opens, fitted to the worker's grids: their names and the roads.
    await until('grid names and roads on the field map', async () => {
      const counts = await renderedCounts(page, '__wanggeFieldMap');
      return (counts['grid-label'] ?? 0) > 0 && (counts.road ?? 0) > 0;
    });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'basemap-field.png') });
    await until('buildings close up on the field map', async () => {
      // Again each time: the map may still fit itself to data arriving late.
      await jumpTo(page, '__wanggeFieldMap', building, 16);
      const counts = await renderedCounts(page, '__wanggeFieldMap');
      return (counts.building ?? 0) > 0 && (counts.road ?? 0) > 0;
    });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'basemap-field-near.png') });
    expect(foreign).toEqual([]);
    await context.close();
  }, 180_000);
});
