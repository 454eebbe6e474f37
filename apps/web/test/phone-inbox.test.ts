import { label } from '@wangge/rules';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { type BrowserTest, CHROMIUM, newPhone, phoneLogin, screenshot, startBrowserTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };

/** Issue 11 item 9: an errand's notification on the phone opens the errand. */
describe.skipIf(!chromium.available)('the phone’s messages', () => {
  let app: BrowserTest;
  let t: TestApp;
  let base: string;
  let phone: Page;
  beforeAll(async () => {
    app = await startBrowserTest();
    ({ t, base } = app);
    phone = await newPhone(app.browser);
  }, 180_000);
  afterAll(() => app?.close());

  it('shows the unread count, lists the errand waiting for delivery in Chinese, and opens it', async () => {
    const worker = 'w120110001001001';
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', worker)
      .executeTakeFirstOrThrow();
    const waiting = await t.db
      .selectFrom('notifications')
      .select(['id', 'params'])
      .where('user_id', '=', user.id)
      .where('kind', '=', 'errand_delivery')
      .where('read_at', 'is', null)
      .executeTakeFirst();
    expect(waiting, 'the demo leaves the worker an errand to deliver').toBeDefined();
    const errandId = (waiting!.params as { errandId: string }).errandId;

    await phoneLogin(phone, base, worker);
    const bell = phone.getByTestId('bell');
    await bell.waitFor(WAIT);
    await phone.waitForFunction(
      () => Number(document.querySelector('[data-testid="bell"]')?.getAttribute('data-unread')) > 0,
      null,
      WAIT,
    );
    await screenshot(phone, 'i11-phone-bell');
    await bell.click();
    const item = phone.locator('[data-testid="notification"][data-read="false"]', {
      hasText: label('notification', 'errand_delivery', 'zh'),
    });
    await item.first().waitFor(WAIT);
    await screenshot(phone, 'i11-phone-messages');
    await item.first().click();
    await phone.waitForURL((url) => url.pathname === `/m/errands/${errandId}`, WAIT);
    await phone.getByTestId('errand').waitFor(WAIT);
    const read = await t.db
      .selectFrom('notifications')
      .select('read_at')
      .where('id', '=', waiting!.id)
      .executeTakeFirstOrThrow();
    expect(read.read_at).not.toBeNull();
  }, 120_000);
});
