// The resident app /r on a 390×844 phone without an account: report a broken street light with a
// photo, get a tracking code, follow the report by it as staff handle it — also after a restart of
// the app, from the codes this phone keeps.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, pointIn } from '../../server/src/modules/cases/test-helpers.ts';
import type { Client, TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { type BrowserTest, CHROMIUM, newPhone, RESULTS_DIR, startBrowserTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const GRID = '120110001001001';
const WAIT = { timeout: 30_000 };

describe.skipIf(!chromium.available)('the resident app without an account', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;
  let phone: Page;
  let dispatcher: Client;
  const shot = (name: string) =>
    phone.screenshot({ path: path.join(RESULTS_DIR, `resident-anonymous-${name}.png`), fullPage: true });

  beforeAll(async () => {
    ({ t, base, browser, close } = await startBrowserTest());
    dispatcher = await t.login('dispatcher');
    phone = await newPhone(browser, await pointIn(t, GRID, 7));
  }, 300_000);
  afterAll(() => close?.());

  it('reports with a photo and is given a tracking code that follows the handling', async () => {
    await phone.goto(`${base}/r/`);
    await phone.getByTestId('sign-in').waitFor(WAIT);
    await phone.getByTestId('report-anonymously').click();
    await phone.getByTestId('report').waitFor(WAIT);
    const jpeg = await sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: 20, g: 20, b: 60 } },
    })
      .jpeg()
      .toBuffer();
    await phone
      .locator('input[type=file]')
      .setInputFiles({ name: 'light.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await phone.getByText('已添加照片').waitFor(WAIT);
    await phone.getByText('已定位到当前位置').waitFor(WAIT);
    await phone.locator('.adm-selector-item', { hasText: '路灯不亮' }).click();
    await phone.fill('textarea', '小区北门路灯整晚不亮');
    await phone.fill('#contact-phone', '13712345678');
    await shot('01-report');
    await phone.getByRole('button', { name: '提交上报' }).click();
    await phone.getByTestId('tracked-report').waitFor(WAIT);
    const code = (await phone.getByTestId('tracking-code').locator('strong').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}$/);
    await phone.getByText('小区北门路灯整晚不亮').waitFor(WAIT);
    await shot('02-tracking-code');

    // Staff find it among the grid's cases and handle it with a public note.
    const kase = await t.db
      .selectFrom('cases')
      .select('id')
      .where('description', '=', '小区北门路灯整晚不亮')
      .executeTakeFirstOrThrow();
    await act(dispatcher, kase.id, 'accept', {
      note: '内部：交路灯所',
      publicNote: '已受理，路灯所将派人维修',
    });

    // Another day, the app opened afresh: the code kept on this phone leads back to the report.
    await phone.goto(`${base}/r/`);
    await phone.getByTestId('track-progress').click();
    await phone.getByTestId('track').waitFor(WAIT);
    await phone.getByText(code).waitFor(WAIT);
    await phone.getByText(code).click();
    await phone.getByText('已受理，路灯所将派人维修').waitFor(WAIT);
    expect(await phone.getByText('内部：交路灯所').count()).toBe(0);
    await shot('03-followed');
  });

  it('tells a mistyped code from the page', async () => {
    await phone.goto(`${base}/r/track`);
    await phone.fill('#tracking-code', 'ABCD-EFGH-JKM');
    await phone.getByRole('button', { name: '查询' }).click();
    await phone.getByText('查询码').first().waitFor(WAIT);
    await phone.locator('.r-error').waitFor(WAIT);
    expect(await phone.locator('.r-error').textContent()).toMatch(/校验位|不存在|找不到|无效/);
    await shot('04-typo');
  });
});
