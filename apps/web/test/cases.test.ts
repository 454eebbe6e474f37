import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, screenshot, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const PASSWORD = 'Wangge@2026';
const GRID = '120110001001001';
const WORKER = `w${GRID}`;
const WAIT = { timeout: 30_000 };

/**
 * The case loop in the console: a grid worker's case (reported through the API) reaches the street
 * dispatcher's inbox; the dispatcher accepts, files and dispatches it to the grid in the browser;
 * the grid worker then finds it in their own inbox, with the notification bell counting it.
 */
describe.skipIf(!chromium.available)('case loop in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: ConsoleTest['close'] | undefined;
  let watcher: BrowserContext;
  let page: Page;
  let workerPage: Page;

  const signIn = async (target: Page, username: string) => {
    await target.goto(`${base}/login`);
    await target.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await target.fill('#username', username);
    await target.fill('#password', PASSWORD);
    await target.click('button[type=submit]');
    await target.waitForURL((url) => !url.pathname.startsWith('/login'), WAIT);
    await target.getByTestId('user-name').waitFor(WAIT);
  };

  const stateOf = (target: Page) => target.getByTestId('case-state').getAttribute('data-state');

  const waitForState = async (target: Page, state: string) => {
    await target.locator(`[data-testid="case-state"][data-state="${state}"]`).waitFor(WAIT);
  };

  /** Opens the action's modal, lets `fill` answer its questions, submits and waits for the new state. */
  const act = async (action: string, nextState: string, fill?: () => Promise<void>) => {
    await page.getByTestId(`case-action-${action}`).click();
    const modal = page.getByTestId('case-action-modal');
    await modal.waitFor(WAIT);
    expect(await modal.getAttribute('data-action')).toBe(action);
    if (fill) await fill();
    await page.getByTestId('case-action-submit').click();
    await waitForState(page, nextState);
    await modal.waitFor({ state: 'detached', ...WAIT });
  };

  beforeAll(async () => {
    ({ t, base, browser, page, close } = await startConsoleTest(1440));
    watcher = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    workerPage = await watcher.newPage();
  }, 300_000);
  afterAll(async () => {
    await watcher?.close();
    await close?.();
  });

  it('reports, accepts, files, dispatches to the grid, and the grid worker sees it', async () => {
    // A point strictly inside the grid: one of its buildings.
    const building = await t.db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select(['b.lon', 'b.lat', 'b.address'])
      .where('o.code', '=', GRID)
      .orderBy('b.code')
      .executeTakeFirstOrThrow();
    const worker = await t.login(WORKER);
    const reported = await worker.post('/api/cases', {
      categoryCode: 'SG02-01',
      title: '楼道堆放杂物',
      description: '3 号楼 2 单元楼道堆放纸箱和旧家具，堵塞消防通道。',
      lon: building.lon,
      lat: building.lat,
      address: building.address ?? undefined,
      source: 'patrol',
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const code: string = reported.data.code;
    const caseId: string = reported.data.id;
    expect(reported.data.state).toBe('reported');

    // The grid worker keeps the console open in another browser: the bell must move by itself.
    await signIn(workerPage, WORKER);
    await workerPage.goto(`${base}/cases/inbox`);
    await workerPage.getByTestId('inbox-table').waitFor(WAIT);
    const bell = workerPage.getByTestId('notification-bell');
    await bell.waitFor(WAIT);
    const unreadBefore = Number(await bell.getAttribute('data-unread'));

    // The dispatcher of street 1 finds the case in the inbox and opens it.
    await signIn(page, 'dispatcher');
    await page.goto(`${base}/cases/inbox`);
    await page.getByTestId('inbox-table').waitFor(WAIT);
    const row = page.getByTestId(`case-row-${code}`);
    await row.waitFor(WAIT);
    await row.click();
    await page.waitForURL((url) => url.pathname === `/cases/${caseId}`, WAIT);
    await page.getByTestId('case-page').waitFor(WAIT);
    expect(await stateOf(page)).toBe('reported');
    await page.getByTestId('case-actions').waitFor(WAIT);

    // 受理 → 立案 → 派遣 to the grid.
    // The optional public note is what Open311 callers will read; it shows in the history too.
    await act('accept', 'accepted', () =>
      page.getByTestId('case-action-public-note').fill('已受理，将尽快处置'),
    );
    await page.getByTestId('case-step-public-note').getByText('已受理，将尽快处置').waitFor(WAIT);
    const acceptStep = await t.db
      .selectFrom('case_steps')
      .select('public_note')
      .where('case_id', '=', caseId)
      .where('action', '=', 'accept')
      .executeTakeFirstOrThrow();
    expect(acceptStep.public_note).toBe('已受理，将尽快处置');
    await act('file', 'filed');
    await act('dispatch', 'dispatched', async () => {
      await page.getByTestId('case-action-target').click();
      await page.keyboard.type(GRID);
      await page.locator('.ant-select-item-option', { hasText: GRID }).first().click();
    });
    const timeline = page.getByTestId('case-timeline');
    await timeline.locator('[data-action="dispatch"]').waitFor(WAIT);
    expect(await timeline.textContent()).toContain('派遣');
    const grid = await t.db
      .selectFrom('org_units')
      .select('name')
      .where('code', '=', GRID)
      .executeTakeFirstOrThrow();
    await page.getByTestId('case-assignments').getByText(grid.name).first().waitFor(WAIT);
    await screenshot(page, 'cases-dispatcher-dispatched');

    // Live: the grid worker's bell counts the dispatch without a reload (WebSocket /api/ws).
    await workerPage.waitForFunction(
      (before) => {
        const node = document.querySelector('[data-testid="notification-bell"]');
        return Number(node?.getAttribute('data-unread') ?? '0') > before;
      },
      unreadBefore,
      WAIT,
    );

    // The dispatcher signs out; the grid worker signs in here and finds the case in the inbox.
    await page.getByTestId('logout').click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'), WAIT);
    await signIn(page, WORKER);
    await page.goto(`${base}/cases/inbox`);
    await page.getByTestId('inbox-table').waitFor(WAIT);
    await page.getByTestId(`case-row-${code}`).waitFor(WAIT);
    const unread = Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));
    expect(unread).toBeGreaterThanOrEqual(1);
    await page.getByTestId('notification-list').waitFor(WAIT);
    await screenshot(page, 'cases-worker-inbox');

    // Opening the notification opens the case and marks it read.
    await page.getByTestId('notification-list').locator('[data-read="false"]').first().click();
    await page.getByTestId('case-page').waitFor(WAIT);
    await page
      .locator(`[data-testid="notification-bell"][data-unread="${unread - 1}"]`)
      .waitFor({ state: 'attached', ...WAIT });
    expect(await stateOf(page)).toBe('dispatched');
    await page.getByTestId('case-action-acceptTask').waitFor(WAIT);
  }, 180_000);

  it('reports through the form: a clear message outside all grids, duplicates shown first, one case per form', async () => {
    const building = await t.db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select(['b.lon', 'b.lat'])
      .where('o.code', '=', GRID)
      .orderBy('b.code')
      .executeTakeFirstOrThrow();
    // An open case of the same category at the same place: the form must warn about it.
    const worker = await t.login(WORKER);
    const existing = await worker.post('/api/cases', {
      categoryCode: 'SG02-01',
      description: '楼道堆放杂物',
      lon: building.lon,
      lat: building.lat,
      source: 'patrol',
    });
    expect(existing.statusCode, existing.body).toBe(201);
    const dispatcher = await t.login('dispatcher');
    const before = await dispatcher.get('/api/cases?view=all&pageSize=100');
    // No live updates in this test: the stale version below must be found by the server (409).
    await page.routeWebSocket('**/api/ws', () => undefined);
    await page.context().clearCookies();
    await signIn(page, 'dispatcher');
    await page.goto(`${base}/cases/new`);
    await page.waitForSelector('[data-testid="new-case-map"][data-loaded="true"]', {
      state: 'attached',
      timeout: 60_000,
    });
    await page.getByTestId('case-category-select').click();
    await page.keyboard.type('楼道');
    await page.locator('.ant-select-tree-title', { hasText: '楼道' }).first().click();
    await page.getByTestId('filing-standard').waitFor(WAIT);
    await page.getByTestId('new-case-description').fill('楼道堆放杂物，影响通行');

    // Typed coordinates far from any grid: the server's 422 outside_all_grids is named plainly.
    await page.locator('input[data-testid="new-case-lon"], [data-testid="new-case-lon"] input').fill('100');
    await page.locator('input[data-testid="new-case-lat"], [data-testid="new-case-lat"] input').fill('30');
    await page.getByTestId('new-case-submit').click();
    await page.getByText('该位置不在任何网格内').first().waitFor(WAIT);

    // A click on the map inside the grid sets the location: the duplicate warning comes first.
    await page.getByTestId('new-case-map').evaluate((node) => node.scrollIntoView({ block: 'center' }));
    const point = await page.evaluate(
      ([lon, lat]) => {
        const map = window.__wanggeNewCaseMap!;
        const p = map.project([lon, lat]);
        const r = map.getCanvas().getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y };
      },
      [building.lon, building.lat] as [number, number],
    );
    await page.mouse.click(point.x, point.y);
    await page.getByTestId('new-case-submit').click();
    await page.getByTestId('new-case-duplicates').waitFor(WAIT);
    await page.getByText('可能重复的事件').first().waitFor(WAIT);
    await screenshot(page, 'cases-new-duplicates');
    await page.getByTestId('new-case-continue').click();
    await page.getByTestId('case-page').waitFor(WAIT);
    expect(await stateOf(page)).toBe('reported');
    const after = await dispatcher.get('/api/cases?view=all&pageSize=100');
    expect(after.data.total).toBe(before.data.total + 1);

    // Someone else acts first: the stale version is reported and the page shows the new state.
    const caseId = await page.getByTestId('case-page').getAttribute('data-case-id');
    const detail = await dispatcher.get(`/api/cases/${caseId}`);
    const accepted = await dispatcher.post(`/api/cases/${caseId}/actions/accept`, {
      version: detail.data.version,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await stateOf(page)).toBe('reported');
    await page.getByTestId('case-action-accept').click();
    await page.getByTestId('case-action-submit').click();
    await page.getByText('事件已被他人更新').first().waitFor(WAIT);
    await waitForState(page, 'accepted');
    await page.getByTestId('case-action-file').waitFor(WAIT);
  }, 180_000);
});
