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
  let gps: { lon: number; lat: number };
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
    gps = { lon: at.lon + 0.0001, lat: at.lat };
    phone = await newPhone(browser, gps);
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
    await phone.getByRole('button', { name: '登录', exact: true }).click();
    await phone.getByTestId('home').waitFor(WAIT);
    await phone.getByText('还没有上报').waitFor(WAIT);
  });

  it('installs its own service worker, scope /r/, served as a script the CSP allows', async () => {
    const scope = await phone.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope.endsWith('/r/')).toBe(true);
    expect(
      await phone.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL),
    ).toBe(`${base}/r/sw.js`);
    const res = await fetch(`${base}/r/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('content-security-policy')).toContain("worker-src 'self'");
    // Its caches are its own: the field app's worker deletes only wangge-m-* versions, and back.
    const keys = await phone.evaluate(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return caches.keys();
    });
    expect(keys).toContain('wangge-r-v1');
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
    // The place step: a map with one pin at the GPS fix; dragged, the pin sets the report's place.
    await phone.getByTestId('pin-map').and(phone.locator('[data-loaded="true"]')).waitFor(WAIT);
    const pin = phone.getByTestId('pin');
    await pin.waitFor(WAIT);
    await phone.getByText('拖动图钉到问题所在位置').waitFor(WAIT);
    await pin.scrollIntoViewIfNeeded();
    await phone.waitForTimeout(300);
    await shot('03-pin-before');
    const box = (await pin.boundingBox())!;
    const from = { x: box.x + box.width / 2, y: box.y + box.height / 3 };
    await phone.mouse.move(from.x, from.y);
    await phone.mouse.down();
    await phone.mouse.move(from.x + 20, from.y + 15, { steps: 4 });
    await phone.mouse.move(from.x + 50, from.y + 35, { steps: 6 });
    await phone.mouse.up();
    await phone.getByText('已按图钉选定位置').waitFor(WAIT);
    const moved = (await pin.boundingBox())!;
    expect(moved.x - box.x).toBeGreaterThan(30);
    await shot('03-pin-dragged');
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
    // The case stands where the pin was dropped, east and south of the GPS fix.
    const placed = await t.db
      .selectFrom('cases')
      .select(['lon', 'lat'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(placed.lon - gps.lon).toBeGreaterThan(0.00005);
    expect(gps.lat - placed.lat).toBeGreaterThan(0.00005);

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

  it('counts the news of my reports on the home page and opens the report from 消息', async () => {
    // The report above went received (public note) → being handled → handled: three messages.
    await phone.goto(`${base}/r/`);
    await phone.getByTestId('home').waitFor(WAIT);
    await phone.locator('[data-testid="unread-badge"]', { hasText: '3' }).waitFor(WAIT);
    await shot('07-unread-badge');
    await phone.getByRole('button', { name: '消息' }).click();
    await phone.getByTestId('messages').waitFor(WAIT);
    await phone.getByText('您反映的问题已处理：施工太吵').waitFor(WAIT);
    expect(await phone.locator('[data-testid="message"][data-unread="true"]').count()).toBe(3);
    expect(await phone.getByText('内部备注').count()).toBe(0);
    await shot('08-messages');
    await phone.getByText('您反映的问题已处理：施工太吵').click();
    await phone.getByTestId('report-detail').waitFor(WAIT);
    expect(phone.url()).toMatch(/\/r\/reports\/[^/]+$/);
    await phone.goto(`${base}/r/`);
    await phone.locator('[data-testid="unread-badge"]', { hasText: '2' }).waitFor(WAIT);
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
