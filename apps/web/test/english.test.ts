import { LABELS } from '@wangge/rules';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, pointIn, unitId } from '../../server/src/modules/cases/test-helpers.ts';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, screenshot, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const PASSWORD = 'Wangge@2026';
const GRID = '120110001001001';
const WORKER = `w${GRID}`;
const WAIT = { timeout: 30_000 };

/** Codes no English word looks like (snake_case or camelCase), from every label table. */
const RAW_CODES = [
  ...new Set(
    Object.values(LABELS).flatMap((table) => Object.keys(table).filter((c) => /_|[a-z][A-Z]/.test(c))),
  ),
];
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;

/**
 * What a person reads on the page, without what people typed (names, addresses, case titles and
 * notes, marked data-user-content) and without the map canvas; plus leaf elements that show only
 * a category code with no name beside it.
 */
function visibleChrome(page: Page) {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of body.querySelectorAll('[data-user-content], [data-own-language], canvas, script, style'))
      el.remove();
    document.body.append(body);
    body.style.position = 'absolute';
    body.style.left = '-10000px';
    const text = body.innerText;
    body.remove();
    const bareCodes = [...document.querySelectorAll('body *')]
      .filter((el) => el.children.length === 0 && !el.closest('[data-user-content], .small-code'))
      .map((el) => (el.textContent ?? '').trim())
      .filter((s) => /^[A-Z]{2}\d{2}(-\d{2})?$/.test(s));
    return { text, bareCodes };
  });
}

describe.skipIf(!chromium.available)('the console in English', () => {
  let t: TestApp;
  let base: string;
  let page: Page;
  let close: ConsoleTest['close'] | undefined;
  let caseId: string;

  beforeAll(async () => {
    const app = await startConsoleTest(1366);
    ({ t, base, page, close } = app);
    // A case through its first steps, so lists, the history and every inbox have something to show.
    const worker = await t.login(WORKER);
    const dispatcher = await t.login('dispatcher');
    const kase = (
      await worker.post('/api/cases', {
        categoryCode: 'SG02-01',
        description: 'Boxes in the stairwell',
        source: 'patrol',
        ...(await pointIn(t, GRID)),
      })
    ).data;
    caseId = kase.id;
    await act(dispatcher, caseId, 'accept');
    await act(dispatcher, caseId, 'file');
    await act(dispatcher, caseId, 'dispatch', { target: { type: 'unit', id: await unitId(t, GRID) } });
    await act(worker, caseId, 'acceptTask');
  }, 300_000);
  afterAll(() => close?.());

  const signIn = async (username: string) => {
    await page.context().clearCookies();
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'en'));
    await page.reload();
    await page.fill('#username', username);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), WAIT);
  };

  const check = async (who: string, screen: string, path: string) => {
    await page.goto(`${base}${path}`);
    // Not networkidle: some screens poll. The page is ready when no spinner or skeleton is left.
    await page.waitForTimeout(1000);
    await page.waitForFunction(
      () => !document.querySelector('.ant-spin-spinning, .ant-skeleton'),
      null,
      WAIT,
    );
    await page.waitForTimeout(500);
    await screenshot(page, `english-${who}-${screen}`, 200);
    const { text, bareCodes } = await visibleChrome(page);
    const cjk = text.split('\n').filter((line) => CJK.test(line));
    const raw = RAW_CODES.filter((code) => new RegExp(`(^|[^\\w.])${code}([^\\w.]|$)`).test(text));
    // Every problem of the screen in one message, so one run shows them all.
    expect.soft({ cjk, raw, bareCodes }, `${who} ${screen}`).toEqual({ cjk: [], raw: [], bareCodes: [] });
  };

  it('dispatcher: cases, a case, inbox, statistics, grids, registers search', async () => {
    await signIn('dispatcher');
    await check('dispatcher', 'cases', '/cases');
    await check('dispatcher', 'case', `/cases/${caseId}`);
    await check('dispatcher', 'inbox', '/cases/inbox');
    await check('dispatcher', 'stats', '/cases/stats');
    await check('dispatcher', 'grids', '/grids');
    await check('dispatcher', 'registers', `/registers?q=${encodeURIComponent('1号楼')}`);
  }, 300_000);

  it('leader: cases, a case, statistics, grids', async () => {
    await signIn('leader');
    await check('leader', 'cases', '/cases');
    await check('leader', 'case', `/cases/${caseId}`);
    await check('leader', 'stats', '/cases/stats');
    await check('leader', 'grids', '/grids');
    await check('leader', 'hotspots', '/hotspots');
    await check('leader', 'alerts', '/alerts');
  }, 300_000);

  it('grid worker: home, a case with its history, inbox with notifications', async () => {
    await signIn(WORKER);
    await check('worker', 'home', '/');
    await check('worker', 'case', `/cases/${caseId}`);
    await check('worker', 'inbox', '/cases/inbox');
    expect(await page.getByTestId('notification-list').innerText()).toContain('New case dispatched to you');
  }, 300_000);

  it('a server error reads in English', async () => {
    await signIn('dispatcher');
    await page.goto(`${base}/cases/999999999`);
    await page.getByText('not found', { exact: false }).waitFor(WAIT);
    await screenshot(page, 'english-dispatcher-case-not-found', 200);
    const { text } = await visibleChrome(page);
    expect(text).toContain('not found');
    expect(text.split('\n').filter((line) => CJK.test(line))).toEqual([]);
  }, 120_000);
});
