// A worker's own reports on a 390×844 phone: the category is found by search and then offered
// under 最近使用, the report comes back with its case number and the standard address the server
// filled in, and 我的上报 (from the home page) lists it and opens it. In the console the dispatch
// picker lists every department grouped by level with a hint that typing filters, and the
// evaluation is chosen in words.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { type BrowserTest, CHROMIUM, newPhone, RESULTS_DIR, startBrowserTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const PASSWORD = 'Wangge@2026';
const GRID = '120110001001001';
const WAIT = { timeout: 30_000 };
const NOTE = '2号楼门前井盖松动（我的上报）';

describe.skipIf(!chromium.available)('my reports, pickers and satisfaction in words', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;
  let phone: Page;
  let desk: Page;
  let address: string;
  let code: string;
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, `my-reports-${name}.png`), fullPage: true });

  beforeAll(async () => {
    ({ t, base, browser, close } = await startBrowserTest());
    const building = await t.db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .innerJoin('addresses as a', (j) =>
        j.onRef('a.building_id', '=', 'b.id').on('a.level', '=', 'building'),
      )
      .select(['b.lon', 'b.lat', 'a.full_name'])
      .where('o.code', '=', GRID)
      .orderBy('b.code')
      .executeTakeFirstOrThrow();
    address = building.full_name;
    // A few metres off the building's point: the worker stands in front of it.
    phone = await newPhone(browser, { lon: Number(building.lon) + 0.00008, lat: Number(building.lat) });
    desk = await (
      await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    ).newPage();
    desk.on('pageerror', (e) => console.log('[console error]', e.stack));
  }, 300_000);
  afterAll(() => close?.());

  it('finds the category by search (Chinese or English), reports, and sees number and address', async () => {
    await phone.goto(`${base}/m/`);
    await phone.waitForURL(/\/m\/login$/, { waitUntil: 'commit' });
    await phone.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await phone.fill('#username', `w${GRID}`);
    await phone.fill('#password', PASSWORD);
    await phone.click('button[type=submit]');
    await phone.getByTestId('home').waitFor(WAIT);
    await phone.locator('.adm-tab-bar-item', { hasText: '上报' }).click();
    await phone.getByTestId('report').waitFor(WAIT);
    // Grouped by 大类: one group open, the others folded; nothing recent yet.
    await phone.locator('.adm-collapse-panel-header').first().waitFor(WAIT);
    expect(await phone.locator('.adm-collapse-panel-header').count()).toBeGreaterThan(5);
    expect(await phone.getByTestId('category-recent').count()).toBe(0);
    await shot(phone, '01-picker-groups');

    const search = phone.locator('[data-testid="category-search"] input');
    await search.fill('manhole');
    const hits = phone.locator('[data-testid="category-hits"] .adm-selector-item');
    await hits.first().waitFor(WAIT);
    const english = await hits.allTextContents();
    await search.fill('井盖');
    await hits.first().waitFor(WAIT);
    expect(await hits.allTextContents()).toEqual(english);
    await search.fill('没有这种类型');
    await phone.getByTestId('category-no-hits').waitFor(WAIT);
    await search.fill('井盖');
    const chosenName = (await hits.first().textContent())!;
    await hits.first().click();
    await shot(phone, '02-picker-search');
    await search.fill('');
    expect(await phone.getByTestId('category-chosen').textContent()).toContain(chosenName);

    await phone.getByTestId('report-where').waitFor(WAIT);
    await phone.locator('[data-testid="report"] textarea').first().fill(NOTE);
    await phone.getByTestId('report-submit').click();
    await phone.getByTestId('report-done').waitFor(WAIT);
    code = (await phone.getByTestId('report-done-code').textContent())!;
    expect(code).toMatch(/^SJ\d{14}$/);
    await phone.getByTestId('report-done-address').waitFor(WAIT);
    expect(await phone.getByTestId('report-done-address').textContent()).toContain(address);
    const row = await t.db
      .selectFrom('cases')
      .select(['code', 'address', 'title'])
      .where('description', '=', NOTE)
      .executeTakeFirstOrThrow();
    expect(row.code).toBe(code);
    expect(row.address).toBe(address);
    expect(row.title.split(chosenName)).toHaveLength(2); // the category once
    await shot(phone, '03-report-done');

    // The next report offers the category under 最近使用.
    await phone.getByTestId('report-again').click();
    await phone.getByTestId('category-recent').waitFor(WAIT);
    expect(
      await phone.locator('[data-testid="category-recent"] .adm-selector-item').allTextContents(),
    ).toEqual([chosenName]);
    await shot(phone, '04-picker-recent');
  }, 180_000);

  it('finds the report in 我的上报 from the home page and opens it', async () => {
    await phone.locator('.adm-tab-bar-item', { hasText: '首页' }).click();
    await phone.getByTestId('home-my-reports').click();
    await phone.getByTestId('my-reports').waitFor(WAIT);
    const item = phone.locator('[data-testid="my-report"]', { hasText: code });
    await item.waitFor(WAIT);
    const text = (await item.textContent())!;
    expect(text).toContain(address);
    expect(text).toContain('已上报');
    expect(text).not.toMatch(/\breported\b/);
    await shot(phone, '05-my-reports');
    // 已办结 does not hold an open report.
    await phone.locator('.adm-capsule-tabs-tab', { hasText: '已办结' }).click();
    await phone
      .locator('[data-testid="my-report"]', { hasText: code })
      .waitFor({ state: 'detached', ...WAIT });
    await phone.locator('.adm-capsule-tabs-tab', { hasText: '处理中' }).click();
    await item.click();
    // The worker has no task on it: the case opens to read, with its number.
    await phone.getByTestId('task').filter({ hasText: code }).waitFor(WAIT);
    await shot(phone, '06-my-report-opened');
  }, 120_000);

  it('the console lists every department for dispatch, grouped, with a hint; evaluation in words', async () => {
    const kase = await t.db
      .selectFrom('cases')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    await desk.goto(`${base}/login`);
    await desk.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await desk.fill('#username', 'dispatcher');
    await desk.fill('#password', PASSWORD);
    await desk.click('button[type=submit]');
    await desk.getByTestId('user-name').waitFor(WAIT);
    await desk.goto(`${base}/cases/${kase.id}`);
    await desk.getByTestId('case-page').waitFor(WAIT);
    for (const [action, state] of [
      ['accept', 'accepted'],
      ['file', 'filed'],
    ] as const) {
      await desk.getByTestId(`case-action-${action}`).click();
      await desk.getByTestId('case-action-submit').click();
      await desk.locator(`[data-testid="case-state"][data-state="${state}"]`).waitFor(WAIT);
    }
    await desk.getByTestId('case-action-dispatch').click();
    const hint = desk.getByTestId('case-action-target-hint');
    await hint.filter({ hasText: /共 \d+ 项/ }).waitFor(WAIT);
    const total = Number(/共 (\d+) 项/.exec((await hint.textContent())!)![1]);
    await desk.getByTestId('case-action-target').click();
    const options = desk.locator('.ant-select-item-option');
    await options.first().waitFor(WAIT);
    // Every unit and department is in the list at once (no hidden rest to scroll to).
    expect(await options.count()).toBe(total);
    const groups = await desk.locator('.ant-select-item-group').allTextContents();
    expect(groups.some((g) => g.includes('区级部门'))).toBe(true);
    expect(groups.some((g) => g.includes('街道级部门'))).toBe(true);
    await shot(desk, '07-console-dispatch-picker');
    await desk.keyboard.type('综合执法');
    await expect.poll(() => options.count()).toBeLessThan(total);
    expect(await options.first().textContent()).toContain('综合执法');
    await desk.keyboard.press('Escape');

    // The evaluation offers the three words, not stars.
    await t.db.updateTable('cases').set({ state: 'closed' }).where('id', '=', kase.id).execute();
    await desk.reload();
    await desk.getByTestId('case-action-evaluate').click();
    const rating = desk.getByTestId('case-action-rating');
    await rating.waitFor(WAIT);
    expect(await rating.locator('label').allTextContents()).toEqual(['满意', '基本满意', '不满意']);
    await rating.locator('label', { hasText: /^基本满意$/ }).click();
    await shot(desk, '08-console-evaluate');
    await desk.getByTestId('case-action-submit').click();
    await desk.locator('[data-testid="case-state"][data-state="evaluated"]').waitFor(WAIT);
    const stored = await t.db
      .selectFrom('cases')
      .select('rating')
      .where('id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(stored.rating).toBe(4);
    expect(await desk.getByTestId('satisfaction-word').first().textContent()).toBe('基本满意');
    await shot(desk, '09-console-evaluated');
  }, 180_000);
});
