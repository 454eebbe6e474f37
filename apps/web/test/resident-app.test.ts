// The resident app /r on a 390×844 phone: sign in with the code from the development SMS sink,
// find the same problem already reported nearby and "+1" it, report another with a photo,
// follow it through its public timeline and rate the result.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, pointIn, uploadPhoto } from '../../server/src/modules/cases/test-helpers.ts';
import type { DevSmsSink } from '../../server/src/modules/residents/sms.ts';
import type { Client, TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { type BrowserTest, CHROMIUM, newPhone, RESULTS_DIR, startBrowserTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const GRID = '120110001001001';
const PHONE = '13811112222';
const WAIT = { timeout: 30_000 };

describe.skipIf(!chromium.available)('the resident app', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;
  let phone: Page;
  let worker: Client;
  let dispatcher: Client;
  let existing: string;
  const shot = (name: string) =>
    phone.screenshot({ path: path.join(RESULTS_DIR, `resident-app-${name}.png`), fullPage: true });

  beforeAll(async () => {
    ({ t, base, browser, close } = await startBrowserTest());
    worker = await t.login(`w${GRID}`);
    dispatcher = await t.login('dispatcher');
    const at = await pointIn(t, GRID, 0);
    // A street light already reported a few metres away.
    const res = await worker.post('/api/cases', {
      categoryCode: 'CG06-02',
      description: '3号楼前路灯不亮',
      source: 'patrol',
      photoIds: [await uploadPhoto(worker)],
      ...at,
    });
    expect(res.statusCode, res.body).toBe(201);
    existing = res.data.id;
    phone = await newPhone(browser, { lon: at.lon + 0.0001, lat: at.lat });
  }, 300_000);
  afterAll(() => close?.());

  it('signs in with the code sent by SMS', async () => {
    await phone.goto(`${base}/r/`);
    await phone.getByTestId('sign-in').waitFor(WAIT);
    await phone.fill('#phone', PHONE);
    await phone.getByTestId('send-code').click();
    await phone.getByText('验证码已发送').waitFor(WAIT);
    const code = (t.app.sms as DevSmsSink).lastTo(PHONE)!.match(/\d{6}/)![0];
    await phone.fill('#code', code);
    await shot('01-sign-in');
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.getByTestId('home').waitFor(WAIT);
    await phone.getByText('还没有上报').waitFor(WAIT);
  });

  it('is offered the same problem nearby and joins it with +1', async () => {
    await phone.getByRole('button', { name: '我要上报' }).click();
    await phone.getByTestId('report').waitFor(WAIT);
    await addPhoto({ r: 40, g: 40, b: 40 });
    await phone.getByText('已定位到当前位置').waitFor(WAIT);
    await phone.locator('.adm-selector-item', { hasText: '路灯不亮' }).click();
    await phone.getByRole('button', { name: '提交上报' }).click();
    await phone.getByTestId('nearby').waitFor(WAIT);
    await phone.getByText('3号楼前路灯不亮').waitFor(WAIT);
    await shot('02-duplicate-suggestion');
    await phone.getByRole('button', { name: '我也遇到了 +1' }).click();
    await phone.getByTestId('report-detail').waitFor(WAIT);
    await phone.getByText('1 人也反映').waitFor(WAIT);
    expect(phone.url()).toContain(`/r/reports/${existing}`);
    const row = await t.db
      .selectFrom('cases')
      .select('plus_ones')
      .where('id', '=', existing)
      .executeTakeFirstOrThrow();
    expect(row.plus_ones).toBe(1);
  });

  it('reports with a photo, follows the case and rates the result', async () => {
    await phone.goto(`${base}/r/report`);
    await phone.getByTestId('report').waitFor(WAIT);
    await addPhoto({ r: 200, g: 120, b: 40 });
    await phone.getByText('已定位到当前位置').waitFor(WAIT);
    await phone.locator('.adm-selector-item', { hasText: '施工太吵' }).click();
    await phone.fill('textarea', '夜里十点以后还在施工');
    await shot('03-report');
    await phone.getByRole('button', { name: '提交上报' }).click();
    const anyway = phone.getByRole('button', { name: '不是同一个问题，继续上报' });
    const detail = phone.getByTestId('report-detail');
    await Promise.race([anyway.waitFor(WAIT), detail.waitFor(WAIT)]);
    if (await anyway.isVisible()) await anyway.click();
    await detail.waitFor(WAIT);
    await phone.getByText('夜里十点以后还在施工').waitFor(WAIT);
    const id = phone.url().split('/').pop()!;

    // Staff handle it; the resident sees the public note, never the internal one.
    await act(dispatcher, id, 'accept', { note: '内部备注', publicNote: '已受理，已联系施工单位' });
    await act(dispatcher, id, 'file');
    const grid = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', GRID)
      .executeTakeFirstOrThrow();
    await act(dispatcher, id, 'dispatch', { target: { type: 'unit', id: grid.id } });
    await act(worker, id, 'acceptTask');
    await act(worker, id, 'handle', { note: '已处理', photoIds: [await uploadPhoto(worker)] });
    await phone.reload();
    await phone.getByTestId('rate').waitFor(WAIT);
    await phone.getByText('已受理，已联系施工单位').waitFor(WAIT);
    expect(await phone.getByText('内部备注').count()).toBe(0);
    await shot('04-timeline');
    // antd-mobile's Rate listens to touches: tap the fourth star as a finger would.
    await phone.locator('[data-testid="rate"] [role=radio][aria-label="4"]').tap();
    await phone.locator('[data-testid="rate"] textarea').fill('处理及时');
    await phone.getByRole('button', { name: '提交评价' }).click();
    await phone.getByTestId('my-rating').waitFor(WAIT);
    await shot('05-rated');

    await phone.goto(`${base}/r/`);
    await phone.getByTestId('home').waitFor(WAIT);
    await phone.getByText('施工太吵').waitFor(WAIT);
    await shot('06-my-reports');
  });

  async function addPhoto(colour: { r: number; g: number; b: number }) {
    const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: colour } })
      .jpeg()
      .toBuffer();
    await phone
      .locator('input[type=file]')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await phone.getByText('已添加照片').waitFor(WAIT);
  }
});
