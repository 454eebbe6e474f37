import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signHotline } from '../../server/src/modules/intake/signature.ts';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };
const SECRET = 'browser-test-hotline-secret';

/** 物联设备 and 热线回告: the demo's devices with their alarms, and a hotline order's call-backs. */
describe.skipIf(!chromium.available)('devices and hotline call-backs in Chromium', () => {
  let t: TestApp;
  let base: string;
  let page: Page;
  let shot: ConsoleTest['shot'];
  let close: ConsoleTest['close'] | undefined;

  beforeAll(async () => {
    ({ t, base, page, shot, close } = await startConsoleTest(1280, {
      config: { hotline: { secret: SECRET, callbackUrl: null, windowSeconds: 300 } },
    }));
  }, 300_000);
  afterAll(() => close?.());

  it('lists the devices of every type, opens one with its alarms and the hotline call-backs', async () => {
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', 'city');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('nav-devices').click();
    await page.waitForURL((url) => url.pathname === '/devices');
    const rows = page.getByTestId('device-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBe(20);
    for (const name of ['烟感探测器', '井盖倾斜传感器', '水位传感器', '燃气传感器', '视频监控']) {
      await expect.poll(() => rows.filter({ hasText: name }).count(), WAIT).toBeGreaterThan(0);
    }
    await shot('devices-list');
    const withCase = rows.filter({ hasText: '查看事件' }).first();
    await withCase.getByRole('button').first().click();
    const alarms = page.getByTestId('device-alarms').locator('tbody tr.ant-table-row');
    await expect.poll(() => alarms.count(), WAIT).toBeGreaterThan(0);
    await shot('devices-detail');
    await page.keyboard.press('Escape');

    const address = await t.db
      .selectFrom('addresses')
      .select('full_name')
      .where('level', '=', 'room')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const body = JSON.stringify({ orderNo: 'GD-UI-1', content: '噪音扰民', address: address.full_name });
    const ts = String(Math.floor(Date.now() / 1000));
    const pushed = await t.anon.request('POST', '/api/intake/hotline', body, {
      'content-type': 'application/json',
      'x-wangge-timestamp': ts,
      'x-wangge-nonce': 'browser-test-nonce',
      'x-wangge-signature': signHotline(SECRET, ts, 'browser-test-nonce', body),
    });
    expect(pushed.statusCode, pushed.body).toBe(201);
    await page.getByTestId('nav-hotline').click();
    await page.waitForURL((url) => url.pathname === '/hotline');
    const callbacks = page.getByTestId('hotline-table').locator('tbody tr.ant-table-row');
    const mine = callbacks.filter({ hasText: 'GD-UI-1' });
    await expect.poll(() => mine.count(), WAIT).toBe(1);
    await expect.poll(() => mine.filter({ hasText: '待发送' }).count(), WAIT).toBe(1);
    // The demo's transfers: delivered call-backs and some still retrying.
    await expect.poll(() => callbacks.filter({ hasText: '已送达' }).count(), WAIT).toBeGreaterThan(0);
    await shot('hotline-callbacks');
  });
});
