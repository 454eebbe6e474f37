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

    // The day's work on the track: a case reported and a visit (no point of its own) yesterday.
    const placedBefore = Number(await page.getByTestId('track-map').getAttribute('data-activities'));
    const fixes = await t.db
      .selectFrom('positions')
      .select(['recorded_at', 'lon', 'lat', 'grid_id'])
      .where('user_id', '=', worker.id)
      .where('recorded_at', '>=', new Date(`${yesterday}T00:00:00+08:00`))
      .where('recorded_at', '<', new Date(`${yesterday}T23:59:59+08:00`))
      .orderBy('recorded_at')
      .execute();
    const mid = fixes[Math.floor(fixes.length / 2)]!;
    const grid = await t.db
      .selectFrom('org_units')
      .select(['id', 'path'])
      .where('code', '=', '120110001001001')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('cases')
      .values({
        code: 'T12TRACK0001',
        title: '井盖缺失',
        category_code: 'CG01-02',
        source: 'patrol',
        state: 'reported',
        lon: mid.lon,
        lat: mid.lat,
        grid_id: grid.id,
        grid_path: grid.path,
        owner_unit_id: grid.id,
        owner_path: grid.path,
        reporter_user_id: worker.id,
        reported_at: mid.recorded_at,
      } as never)
      .execute();
    const house = await t.db
      .selectFrom('houses')
      .select('id')
      .where('grid_path', '=', grid.path)
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('visits')
      .values({
        house_id: house.id,
        user_id: worker.id,
        grid_id: grid.id,
        grid_path: grid.path,
        household_key: 'H-I12-TRACK',
        started_at: new Date(+mid.recorded_at + 20 * 60_000),
        ended_at: new Date(+mid.recorded_at + 35 * 60_000),
        idempotency_key: 'i12-track-visit',
      } as never)
      .execute();
    await page.reload();
    await page.locator('[data-testid="track-map"][data-loaded="true"]').waitFor(WAIT);
    expect(Number(await page.getByTestId('track-map').getAttribute('data-activities'))).toBe(
      placedBefore + 2,
    );
    const work = page.locator('.track-activity');
    expect(await work.count()).toBe(placedBefore + 2);
    const kase = work.filter({ hasText: '井盖缺失' });
    expect(await kase.innerText()).toContain('上报事件');
    expect(await work.filter({ hasText: 'H-I12-TRACK' }).innerText()).toContain('走访');
    await kase.click();
    expect(await page.getByTestId('track-clock').innerText()).toBe((await kase.innerText()).slice(0, 8));

    // Stop detection is configurable: a longer minimum stay leaves fewer stops.
    const stopsAtDefault = await page.locator('.track-stop').count();
    expect(
      await page
        .locator('input[data-testid="track-stop-minutes"], [data-testid="track-stop-minutes"] input')
        .first()
        .inputValue(),
    ).toBe('5');
    await page.goto(`${base}/tracks?user=${worker.id}&date=${yesterday}&stopMin=60&stopR=50`);
    await page.locator('[data-testid="track-map"][data-loaded="true"]').waitFor(WAIT);
    expect(await page.locator('.track-stop').count()).toBeLessThan(stopsAtDefault);
    expect(await page.getByTestId('track-totals').innerText()).toContain('离开本网格');
    await app.shot('i12-track-activities');
  }, 120_000);
});
