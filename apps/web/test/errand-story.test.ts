// The elderly-card errand walked by its people with no administrator: the grid worker starts it on
// a 390×844 phone for a resident over 80 picked from the registers, to be delivered home
// (网格员送证上门); the grid leader approves on the phone; civil affairs (dept_civil) opens the
// readable notification in the console and approves; the worker delivers and it is 已办结.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import {
  type BrowserTest,
  CHROMIUM,
  newPhone,
  phoneLogin,
  RESULTS_DIR,
  startBrowserTest,
} from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const PASSWORD = 'Wangge@2026';
const GRID = '120110001001001';
const WAIT = { timeout: 30_000 };

describe.skipIf(!chromium.available)('the elderly-card errand, phone and console', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;
  let photo: Buffer;
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, `errand-story-${name}.png`), fullPage: true });

  async function phone(username: string): Promise<Page> {
    const page = await newPhone(browser, { lon: 117.27, lat: 39.1 });
    await phoneLogin(page, base, username);
    return page;
  }

  beforeAll(async () => {
    ({ t, base, browser, close } = await startBrowserTest());
    photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2e86de' } })
      .jpeg()
      .toBuffer();
  }, 600_000);
  afterAll(() => close?.());

  it('worker starts → leader approves → civil affairs approves in the console → worker delivers → 已办结', async () => {
    // A resident of the grid over 80 with a name nobody else in the grid has.
    const elder = await t.db
      .selectFrom('people as p')
      .select(['p.id', 'p.name'])
      .where('p.grid_path', 'like', `%/${GRID}/`)
      .where('p.status', '=', 'active')
      .where('p.birth_date', '<', new Date(Date.now() - 81 * 365.25 * 86_400_000))
      .where(({ selectFrom, not, exists }) =>
        not(
          exists(
            selectFrom('people as q')
              .select('q.id')
              .whereRef('q.name', '=', 'p.name')
              .whereRef('q.id', '<>', 'p.id'),
          ),
        ),
      )
      .orderBy('p.id')
      .executeTakeFirstOrThrow();

    // The demo's year may hold an earlier errand of this resident: ours is the one newer than it.
    const newest = () =>
      t.db
        .selectFrom('errands')
        .select(['id', 'code', 'state'])
        .where('person_id', '=', elder.id)
        .orderBy('id', 'desc')
        .executeTakeFirst();
    const before = (await newest())?.id;
    const worker = await phone(`w${GRID}`);
    await worker.getByTestId('tile-errands').click();
    await worker.getByTestId('errand-new').click();
    await worker.getByTestId('errand-form').waitFor();
    const search = worker.locator('[data-testid="errand-pick"] .adm-search-bar input');
    await search.fill(elder.name);
    await search.press('Enter');
    await worker.getByTestId('register-hit').first().click();
    expect(await worker.getByTestId('errand-person').textContent()).toContain(elder.name);
    await worker
      .locator('[data-testid="errand-types"] .adm-selector-item', { hasText: '老年人优待证' })
      .click();
    await worker.locator('[data-testid="field-applicant_phone"] input').fill('13912345678');
    await worker
      .locator('[data-testid="field-hukou_type"] .adm-selector-item', { hasText: /^本市户籍$/ })
      .click();
    await worker
      .locator('[data-testid="field-delivery"] .adm-selector-item', { hasText: '网格员送证上门' })
      .click();
    for (const doc of ['id_copy', 'photo']) {
      await worker
        .getByTestId(`doc-${doc}`)
        .setInputFiles({ name: `${doc}.jpg`, mimeType: 'image/jpeg', buffer: photo });
    }
    await worker.locator('img.m-photo').nth(1).waitFor();
    await shot(worker, '1-worker-form');
    await worker.getByTestId('errand-submit').click();
    await worker.getByTestId('errands').waitFor();
    await expect
      .poll(
        async () => {
          const e = await newest();
          return e && e.id !== before ? e.state : null;
        },
        { timeout: 30_000 },
      )
      .toBe('leader_review');
    const errand = (await newest())!;
    await worker.getByTestId('errand-item').filter({ hasText: errand.code }).waitFor(WAIT);

    const leader = await phone(`wz${GRID}`);
    await leader.goto(`${base}/m/errands/${errand.id}`);
    await leader.getByTestId('errand-action-leaderApprove').waitFor(WAIT);
    await leader.locator('textarea').fill('材料齐全');
    await leader.getByTestId('errand-action-leaderApprove').click();
    await leader.locator('.adm-dialog-button', { hasText: '确定' }).click();
    await leader.getByTestId('errand-state').filter({ hasText: '部门审批中' }).waitFor(WAIT);

    // Civil affairs in the console: its inbox, then the notification, readable, opening the errand.
    const desk = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await desk.goto(`${base}/login`);
    await desk.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await desk.fill('#username', 'dept_civil');
    await desk.fill('#password', PASSWORD);
    await desk.click('button[type=submit]');
    await desk.waitForURL((url) => url.pathname === '/cases/inbox', WAIT);
    await desk.getByTestId('notification-bell').click();
    const notice = desk
      .locator('.notice-item', { hasText: `代办待审批：老年人优待证 · ${elder.name} ${errand.code}` })
      .first();
    await notice.waitFor(WAIT);
    expect(await desk.locator('.notice-popover').textContent()).not.toContain('/api/errands');
    await shot(desk, '2-department-notification');
    await notice.click();
    await desk.waitForURL((url) => url.pathname === `/errands/${errand.id}`, WAIT);
    await desk.getByTestId('errand-doc-id_copy').locator('img').waitFor(WAIT);
    expect(await desk.getByTestId('errand-field-delivery').textContent()).toBe('网格员送证上门');
    await desk.getByTestId('errand-note').fill('材料齐全，证件已制作');
    await shot(desk, '3-department-errand');
    await desk.getByTestId('errand-action-departmentApprove').click();
    await desk.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await desk.getByTestId('errand-state').filter({ hasText: '待送证上门' }).waitFor(WAIT);
    expect(await desk.locator('[data-testid^="errand-action-"]').count()).toBe(0);
    await shot(desk, '4-department-approved');

    // The worker brings the card home and notes the handover.
    await worker.goto(`${base}/m/errands/${errand.id}`);
    await worker.getByTestId('errand-state').filter({ hasText: '待送证上门' }).waitFor(WAIT);
    await worker.locator('textarea').fill('证件已送到老人家中，本人签收');
    await shot(worker, '5-worker-deliver');
    await worker.getByTestId('errand-action-deliver').click();
    await worker.locator('.adm-dialog-button', { hasText: '确定' }).click();
    await worker.getByTestId('errand-state').filter({ hasText: '已办结' }).waitFor(WAIT);
    await shot(worker, '6-worker-completed');
    const done = await t.db
      .selectFrom('errands')
      .select(['state', 'completion_note'])
      .where('id', '=', errand.id)
      .executeTakeFirstOrThrow();
    expect(done).toEqual({ state: 'completed', completion_note: '证件已送到老人家中，本人签收' });
  }, 300_000);
});
