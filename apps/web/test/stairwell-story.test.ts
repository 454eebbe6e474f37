// Dongli's stairwell story (seeds: clutter in a stairwell) walked by its people with no
// administrator and no reload: the grid worker reports on a 390×844 phone with a photo, the
// dispatcher dispatches to the street's 综合执法大队 in the console, the enforcement team handles it
// with an after-photo, the worker verifies on the phone seeing both photos captioned 处置前/处置后,
// and the dispatcher closes, evaluates and makes the return visit. Then the field app in English.
import path from 'node:path';
import { label } from '@wangge/rules';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { type BrowserTest, CHROMIUM, newPhone, RESULTS_DIR, startBrowserTest } from './browser.ts';
import { until } from './until.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const PASSWORD = 'Wangge@2026';
const GRID = '120110001001001';
const WORKER = `w${GRID}`;
const WAIT = { timeout: 30_000 };
const NOTE = '3号楼2单元楼道堆放纸箱等易燃杂物';

const jpeg = (r: number, g: number, b: number) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toBuffer();

// Two CPU cores shared by every run: each step gets three minutes.
describe.skipIf(!chromium.available)("Dongli's stairwell, phone and console", { timeout: 180_000 }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;
  let phone: Page;
  let console_: Page;
  let caseId: string;
  let code: string;
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, `stairwell-${name}.png`), fullPage: true });

  const signIn = async (username: string) => {
    await console_.goto(`${base}/login`);
    await console_.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await console_.fill('#username', username);
    await console_.fill('#password', PASSWORD);
    await console_.click('button[type=submit]');
    await console_.waitForURL((url) => !url.pathname.startsWith('/login'), WAIT);
    await console_.getByTestId('user-name').waitFor(WAIT);
  };

  const signOut = async () => {
    await console_.getByTestId('logout').click();
    await console_.waitForURL((url) => url.pathname.startsWith('/login'), WAIT);
  };

  const waitForState = (state: string) =>
    console_.locator(`[data-testid="case-state"][data-state="${state}"]`).waitFor(WAIT);

  /** Takes one of the actions the server offers on the case page, answering its modal with `fill`. */
  const act = async (action: string, nextState: string, fill?: () => Promise<void>) => {
    await console_.getByTestId(`case-action-${action}`).click();
    const modal = console_.getByTestId('case-action-modal');
    await modal.waitFor(WAIT);
    if (fill) await fill();
    await console_.getByTestId('case-action-submit').click();
    await waitForState(nextState);
    await modal.waitFor({ state: 'detached', ...WAIT });
  };

  const openCase = async () => {
    await console_.goto(`${base}/cases/${caseId}`);
    await console_.getByTestId('case-page').waitFor(WAIT);
  };

  beforeAll(async () => {
    ({ t, base, browser, close } = await startBrowserTest());
    const building = await t.db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select(['b.lon', 'b.lat'])
      .where('o.code', '=', GRID)
      .orderBy('b.code')
      .executeTakeFirstOrThrow();
    phone = await newPhone(browser, { lon: Number(building.lon), lat: Number(building.lat) });
    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    console_ = await desk.newPage();
    console_.on('pageerror', (e) => console.log('[console error]', e.stack));
  }, 300_000);
  afterAll(() => close?.());

  it('the worker reports the stairwell with a photo on the phone', async () => {
    await phone.goto(`${base}/m/`);
    await phone.waitForURL(/\/m\/login$/, { waitUntil: 'commit' });
    await phone.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await phone.fill('#username', WORKER);
    await phone.fill('#password', PASSWORD);
    await phone.click('button[type=submit]');
    await phone.getByTestId('home').waitFor(WAIT);
    await phone.locator('.adm-tab-bar-item', { hasText: '上报' }).click();
    await phone.getByTestId('report').waitFor(WAIT);
    await phone
      .getByTestId('report-photos')
      .setInputFiles({ name: 'before.jpg', mimeType: 'image/jpeg', buffer: await jpeg(200, 80, 40) });
    await phone.locator('[data-testid="category-search"] input').fill('楼道');
    await phone.locator('.adm-selector-item', { hasText: '消防安全隐患' }).first().click();
    await phone.getByTestId('report-where').waitFor(WAIT);
    await phone.locator('[data-testid="report"] textarea').first().fill(NOTE);
    await shot(phone, '01-phone-report');
    await phone.getByTestId('report-submit').click();
    const row = await until('the reported case', () =>
      t.db
        .selectFrom('cases')
        .select(['id', 'code', 'category_code'])
        .where('description', 'like', `%${NOTE}%`)
        .executeTakeFirst(),
    );
    expect(row.category_code).toBe('SG02-01');
    ({ id: caseId, code } = row);
    await shot(phone, '02-phone-reported');
  });

  it('the dispatcher dispatches it to the street’s 综合执法大队 in the console', async () => {
    await signIn('dispatcher');
    await openCase();
    await console_.getByTestId('photos-before').waitFor(WAIT);
    await act('accept', 'accepted');
    await act('file', 'filed');
    await act('dispatch', 'dispatched', async () => {
      await console_.getByTestId('case-action-target').click();
      await console_.keyboard.type('综合执法');
      await console_.locator('.ant-select-item-option', { hasText: '综合执法大队' }).first().click();
    });
    await shot(console_, '03-console-dispatched');
    await signOut();
  });

  it('the enforcement team handles it with an after-photo in the console', async () => {
    await signIn('street1_enforcement');
    await openCase();
    await act('acceptTask', 'in_progress');
    await act('handle', 'handled', async () => {
      await console_.getByTestId('case-action-note').first().fill('已清理楼道杂物，张贴消防提示');
      await console_
        .locator('[data-testid="case-action-photos"] input[type=file]')
        .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await jpeg(40, 160, 60) });
      await console_.locator('[data-testid="case-action-photos"] .ant-upload-list-item-done').waitFor(WAIT);
    });
    // The description card separates the report's photo from the handler's, each captioned.
    const before = console_.getByTestId('photos-before');
    const after = console_.getByTestId('photos-after');
    await after.waitFor(WAIT);
    expect(await before.textContent()).toContain('处置前');
    expect(await after.textContent()).toContain('处置后');
    expect(await before.locator('img').count()).toBe(1);
    expect(await after.locator('img').count()).toBe(1);
    await shot(console_, '04-console-handled');
    await signOut();
  });

  it('the worker verifies on the phone, seeing both photos, and the task list follows', async () => {
    // From the report's result page: a tap on the 任务 tab, no reload.
    await phone.locator('.adm-tab-bar-item', { hasText: '任务' }).click();
    await phone.getByTestId('tasks').waitFor(WAIT);
    const item = phone.locator('[data-testid="task-item"]', { hasText: code });
    const handled = label('caseState', 'handled', 'zh');
    await item.getByTestId('task-state').filter({ hasText: handled }).waitFor(WAIT);
    expect(await item.getByTestId('task-state').textContent()).toBe(handled);
    await shot(phone, '05-phone-tasks');
    await item.click();
    await phone.getByTestId('task').waitFor(WAIT);
    const before = phone.getByTestId('photos-before');
    const after = phone.getByTestId('photos-after');
    await after.locator('img').waitFor(WAIT);
    await before.locator('img').waitFor(WAIT);
    expect(await before.textContent()).toContain('处置前');
    expect(await after.textContent()).toContain('处置后');
    const steps = await phone.locator('[data-testid="task"] .adm-list-item').allTextContents();
    expect(steps.join(' ')).toContain(label('caseStep', 'dispatch', 'zh'));
    expect(steps.join(' ')).not.toMatch(/\b(report|accept|file|dispatch|acceptTask|handle)\b/);
    await shot(phone, '06-phone-task');
    // A tap enlarges the after-photo.
    await after.getByTestId('case-photo').first().click();
    await phone.locator('.adm-image-viewer-image-wrapper img').first().waitFor(WAIT);
    await shot(phone, '07-phone-photo-enlarged');
    await phone.getByTestId('viewer-close').click();
    await phone.getByTestId('viewer-close').waitFor({ state: 'hidden', ...WAIT });
    await phone.locator('[data-testid="task"] textarea').fill('现场复核，楼道已清理干净');
    await phone.getByTestId('action-verifyPass').click();
    await phone.getByTestId('tasks').waitFor(WAIT);
    // Delivered by the outbox, the case leaves the worker's list without a reload.
    await phone
      .locator('[data-testid="task-item"]', { hasText: code })
      .waitFor({ state: 'detached', ...WAIT });
    const state = await t.db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirst();
    expect(state?.state).toBe('verified');
    await shot(phone, '08-phone-verified');
  });

  it('the dispatcher closes, evaluates and makes the return visit', async () => {
    await signIn('dispatcher');
    await openCase();
    await act('close', 'closed');
    await act('evaluate', 'evaluated', async () => {
      await console_.locator('[data-testid="case-action-rating"] label', { hasText: /^满意$/ }).click();
    });
    await act('returnVisit', 'evaluated', async () => {
      await console_.getByTestId('case-action-note').first().fill('电话回访，居民对楼道清理满意');
    });
    await console_.getByTestId('case-timeline').locator('[data-action="returnVisit"]').waitFor(WAIT);
    await shot(console_, '09-console-return-visit');
  });

  it('the phone: every page outside the tabs has a way back, and the 首页 tab always goes home', async () => {
    await phone.locator('.adm-tab-bar-item', { hasText: '首页' }).click();
    await phone.getByTestId('home').waitFor(WAIT);
    await phone.getByTestId('tile-errands').click();
    await phone.getByTestId('errands').waitFor(WAIT);
    expect(await phone.locator('.adm-tab-bar-item-active').count()).toBe(0);
    await phone.getByTestId('page-bar').waitFor(WAIT);
    await shot(phone, '10-phone-errands');
    await phone.locator('.adm-tab-bar-item', { hasText: '首页' }).click();
    await phone.getByTestId('home').waitFor(WAIT);
    await phone.getByTestId('tile-inspections').click();
    await phone.getByTestId('inspections').waitFor(WAIT);
    await phone.locator('[data-testid="page-bar"] .adm-nav-bar-back').click();
    await phone.getByTestId('home').waitFor(WAIT);
  });

  it('switches the field app to English and back, the choice shared with the console', async () => {
    await phone.getByTestId('lang-switch').click();
    await phone.locator('.adm-tab-bar-item', { hasText: 'Tasks' }).waitFor(WAIT);
    expect(await phone.evaluate(() => localStorage.getItem('wangge.lang'))).toBe('en');
    await phone.goto(`${base}/m/tasks/${caseId}`);
    // The phone shows its stored copy first (it may be offline), then the server's: wait for the latter.
    const evaluated = label('caseState', 'evaluated', 'en');
    await phone.getByTestId('task-state').filter({ hasText: evaluated }).waitFor(WAIT);
    expect(await phone.getByTestId('task-state').textContent()).toBe(evaluated);
    await phone.getByTestId('photos-after').locator('img').waitFor(WAIT);
    const text = (await phone.locator('.m-app').textContent()) ?? '';
    // The case's own words (category, description, names, notes) are data; the app's are English.
    const data = [
      NOTE,
      '消防安全隐患（楼道堆物等）',
      '已清理楼道杂物，张贴消防提示',
      '现场复核，楼道已清理干净',
      '电话回访，居民对楼道清理满意',
    ];
    const names = await t.db.selectFrom('users').select('display_name').execute();
    let rest = text;
    for (const d of [...data, ...names.map((n) => n.display_name)]) rest = rest.split(d).join('');
    expect(rest).not.toMatch(/处置|核查|派遣|上报|首页|任务/);
    expect(rest).toContain(label('caseStep', 'verifyPass', 'en'));
    await shot(phone, '11-phone-task-english');
    await phone.locator('.adm-tab-bar-item', { hasText: 'Home' }).click();
    await phone.getByTestId('lang-switch').click();
    await phone.locator('.adm-tab-bar-item', { hasText: '首页' }).waitFor(WAIT);
  });
});
