import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../server/src/modules/demo/generate.ts';
import { seedTracks } from '../../server/src/modules/demo/seed-tracks.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };

/** Issue 12 item 2: a street operator plays back a worker's yesterday, with stops and totals. */
describe.skipIf(!chromium.available)('track playback in Chromium', () => {
  let app: ConsoleTest;
  beforeAll(async () => {
    app = await startConsoleTest(1440);
    // The test template leaves the demo's tracks out; this test walks them in.
    await seedTracks(app.t.db, generateDemo({ scale: 'district' }), { today: new Date() });
  }, 180_000);
  afterAll(() => app?.close());

  it('plays yesterday’s track of a worker, lists the stops and offers the GPX', async () => {
    const { page, base, t } = app;
    const worker = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'w120110001001001')
      .executeTakeFirstOrThrow();
    const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${base}/login`);
    await page.fill('#username', 'street1');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.goto(`${base}/tracks?user=${worker.id}&date=${yesterday}`);
    await page.locator('[data-testid="track-map"][data-loaded="true"]').waitFor(WAIT);
    const totals = await page.getByTestId('track-totals').innerText();
    expect(totals).toContain('巡查里程');
    expect(totals).toContain('停留时长');
    expect(await page.locator('.track-stop').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('track-gpx').getAttribute('href')).toContain('/api/patrol/tracks.gpx');
    await app.shot('i12-track-loaded');

    const before = await page.getByTestId('track-clock').innerText();
    await page.locator('[data-testid="track-speed"] .ant-segmented-item', { hasText: '64×' }).click();
    await page.getByTestId('track-play').click();
    await page.waitForFunction(
      (start) => document.querySelector('[data-testid="track-clock"]')?.textContent !== start,
      before,
      WAIT,
    );
    await page.getByTestId('track-play').click();
    // A tap on a stop moves the clock to its start.
    const stop = page.locator('.track-stop').nth(1);
    const startOfStop = (await stop.innerText()).slice(0, 8);
    await stop.click();
    expect(await page.getByTestId('track-clock').innerText()).toBe(startOfStop);
    await app.shot('i12-track-stop');
  }, 120_000);
});
