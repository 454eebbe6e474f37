// The household sheet on a 390×844 phone: a worker finds the building, reads the room's people
// (each once, counted once), visits the household, adds a newborn as a member during the visit,
// and the sheet shows the new count — no reload. A search without hits says 未找到.
import path from 'node:path';
import { idNumberCheckChar } from '@wangge/rules';
import type { Browser, Page } from 'playwright-core';
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
import { until } from './until.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const GRID = '120110001001001';

describe.skipIf(!chromium.available)('household sheet on a phone', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;

  beforeAll(async () => {
    ({ t, base, browser, close } = await startBrowserTest());
  }, 240_000);
  afterAll(() => close?.());

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, `household-${name}.png`), fullPage: true });

  async function phone(): Promise<Page> {
    const page = await newPhone(browser, { lon: 117.27, lat: 39.1 });
    await phoneLogin(page, base, `w${GRID}`);
    return page;
  }

  it('visits a household, adds a member, and the sheet counts them without a reload', async () => {
    const page = await phone();
    await page.locator('.adm-tab-bar-item', { hasText: '查询' }).click();

    // A search with no hits says so instead of a blank screen.
    await page.locator('.adm-search-bar input').fill('查无此人此地');
    await page.locator('.adm-search-bar input').press('Enter');
    await page.getByTestId('search-empty').filter({ hasText: '未找到' }).waitFor();
    await shot(page, 'search-empty');
    await page.locator('.adm-search-bar input').fill('');
    await page.locator('.adm-search-bar input').press('Enter');

    await page
      .locator('.adm-list-item', { hasText: /388号3号楼$/ })
      .first()
      .click();
    await page.getByTestId('building').waitFor();
    const tile = page.locator('button.m-room:not(.vacant)').first();
    await tile.waitFor();
    const addressId = (await tile.getAttribute('data-testid'))!.replace('room-', '');
    const before = Number(await tile.getAttribute('data-residents'));
    await tile.click();
    const sheet = page.getByTestId('room-sheet');
    await sheet.waitFor();
    // Each person once; the tile's count is the number of people living there.
    const rows = sheet.getByTestId('room-person');
    const names = await rows.allTextContents();
    expect(new Set(names).size).toBe(names.length);
    expect(before).toBeLessThanOrEqual(names.length);
    expect(await sheet.textContent()).not.toMatch(/resident|owner|tenant/);
    const button = await page.getByTestId('visit-room').boundingBox();
    expect(button!.x).toBeGreaterThanOrEqual(0);
    expect(button!.x + button!.width).toBeLessThanOrEqual(390);
    await shot(page, 'room');

    // A person row opens the person's record.
    await rows.first().click();
    await page.getByTestId('record-edit').waitFor();
    await page.getByTestId('page-bar').locator('.adm-nav-bar-back').click();
    await page.getByTestId('building').waitFor();
    await page.locator(`[data-testid="room-${addressId}"]`).click();

    await page.getByTestId('visit-room').click();
    await page.getByTestId('visit-running').waitFor();
    await page.getByTestId('visit-edit').click();
    const members = page.getByTestId('house-members');
    await members.waitFor();
    const count = Number(await members.getAttribute('data-count'));
    await page.getByTestId('member-add').click();
    const first17 = '12011020250301451';
    await page.locator('[data-testid="member-name"] input').fill('刘小宝');
    await page.locator('[data-testid="member-id"] input').fill('120110202503014512');
    await page.getByTestId('member-add-save').click();
    // The ID number is checked on the phone by the rule the server applies.
    await page.locator('[data-testid="member-id"] .m-field-error').waitFor();
    await shot(page, 'member-invalid');
    await page.locator('[data-testid="member-id"] input').fill(first17 + idNumberCheckChar(first17));
    await page.getByTestId('member-add-save').click();
    await until('the member on the page', async () =>
      Number(await members.getAttribute('data-count')) === count + 1 ? true : null,
    );
    await members.getByTestId('house-member').filter({ hasText: '刘小宝' }).waitFor();
    await shot(page, 'members');
    const added = await t.db
      .selectFrom('people as p')
      .innerJoin('person_house_links as l', 'l.person_id', 'p.id')
      .select(['p.id', 'l.kind', 'l.valid_to'])
      .where('p.name', '=', '刘小宝')
      .execute();
    expect(added).toEqual([expect.objectContaining({ kind: 'resident', valid_to: null })]);

    // Back to the sheet by the app's own arrows: the room counts one more.
    await page.getByTestId('page-bar').locator('.adm-nav-bar-back').click();
    await page.getByTestId('visit-running').waitFor();
    await page.locator('.adm-tab-bar-item', { hasText: '查询' }).click();
    await page
      .locator('.adm-list-item', { hasText: /388号3号楼$/ })
      .first()
      .click();
    const again = page.locator(`[data-testid="room-${addressId}"]`);
    await until('the new count on the tile', async () =>
      Number(await again.getAttribute('data-residents')) === before + 1 ? true : null,
    );
    await again.click();
    await page.getByTestId('room-sheet').getByTestId('room-person').filter({ hasText: '刘小宝' }).waitFor();
    await shot(page, 'room-after');
  }, 240_000);
});
