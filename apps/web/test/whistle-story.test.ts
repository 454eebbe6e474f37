// Dongli's manhole cover (井盖破损丢失) the community cannot fix: the street's dispatcher blows the
// whistle in the console to the water company and the street's enforcement team; each reports
// for duty (报到) from the demo logins, and the 报到 button goes once pressed — no reload.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, pointIn } from '../../server/src/modules/cases/test-helpers.ts';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { type BrowserTest, CHROMIUM, RESULTS_DIR, startBrowserTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const GRID = '120110001001001';
const PASSWORD = 'Wangge@2026';
const WAIT = { timeout: 20_000 };

describe.skipIf(!chromium.available)('the manhole whistle (吹哨报到)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;
  let page: Page;
  let caseId: string;

  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, `whistle-${name}.png`), fullPage: true });

  const signIn = async (username: string) => {
    await page.context().clearCookies();
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', username);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), WAIT);
    await page.getByTestId('user-name').waitFor(WAIT);
    await page.goto(`${base}/cases/${caseId}`);
    await page.getByTestId('case-page').waitFor(WAIT);
  };

  beforeAll(async () => {
    ({ t, base, browser, close } = await startBrowserTest());
    // The worker's report and the community's escalation, as the stairwell story walks them.
    const worker = await t.login(`w${GRID}`);
    const community = await t.login('community1');
    const created = await worker.post('/api/cases', {
      categoryCode: 'CG06-01',
      description: '路口井盖破损丢失，车辆行人有坠落危险',
      source: 'patrol',
      ...(await pointIn(t, GRID, 1)),
    });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.data.id;
    await act(community, caseId, 'accept');
    await act(community, caseId, 'file');
    const up = await act(community, caseId, 'escalate', { reason: '社区无维修能力，需街道吹哨' });
    expect(up).toMatchObject({ state: 'filed', owner: { level: 'street' } });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (error) => console.error('page error:', error.stack));
  }, 240_000);
  afterAll(() => close?.());

  it('the street whistles to two departments; each reports for duty and the button goes', async () => {
    await signIn('dispatcher');
    await page.getByTestId('case-action-whistle').click();
    await page.getByTestId('case-action-modal').waitFor(WAIT);
    const picker = page.getByTestId('case-action-targets');
    for (const name of ['水务', '综合执法']) {
      await picker.click();
      await page.keyboard.type(name);
      await page.locator('.ant-select-item-option', { hasText: name }).first().click();
    }
    await page.keyboard.press('Escape');
    await shot('modal');
    await page.getByTestId('case-action-submit').click();
    await page.locator('[data-testid="case-state"][data-state="dispatched"]').waitFor(WAIT);
    await shot('whistled');
    const assignments = await t.db
      .selectFrom('case_assignments as a')
      .innerJoin('departments as d', 'd.id', 'a.department_id')
      .select(['d.code', 'a.ack_due_at', 'a.assigned_at', 'a.ack_light'])
      .where('a.case_id', '=', caseId)
      .where('a.active', '=', true)
      .execute();
    expect(assignments.map((a) => a.code).sort()).toEqual([
      '120110000000-water',
      '120110001000-urban_management',
    ]);
    for (const a of assignments) expect(a.ack_light).toBe('green');

    for (const [username, name] of [
      ['dept_water', 'water'],
      ['street1_enforcement', 'enforcement'],
    ] as const) {
      await signIn(username);
      const button = page.getByTestId('case-action-acknowledge');
      await button.waitFor(WAIT);
      await shot(`${name}-before`);
      await button.click();
      await page.getByTestId('case-action-modal').waitFor(WAIT);
      await page.getByTestId('case-action-submit').click();
      await page.getByTestId('case-action-modal').waitFor({ state: 'detached', ...WAIT });
      await button.waitFor({ state: 'detached', ...WAIT });
      expect(await page.getByTestId('case-actions').textContent()).not.toContain('报到');
      await shot(`${name}-after`);
    }
    const acked = await t.db
      .selectFrom('case_assignments')
      .select('acknowledged_at')
      .where('case_id', '=', caseId)
      .where('active', '=', true)
      .execute();
    expect(acked.every((a) => a.acknowledged_at !== null)).toBe(true);
  }, 240_000);
});
