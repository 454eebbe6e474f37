import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };

/**
 * The search page's flags and paging: street 1's operator types one surname (hundreds of people),
 * sees roles and rental flags on the hits, loads a second page, and jumps from a person straight to
 * the building matrix with their room highlighted.
 */
describe.skipIf(!chromium.available)('register search in Chromium', () => {
  let t: TestApp;
  let base: string;
  let page: Page;
  let shot: ConsoleTest['shot'];
  let close: ConsoleTest['close'] | undefined;

  beforeAll(async () => {
    ({ t, base, page, shot, close } = await startConsoleTest(1440));
  }, 300_000);
  afterAll(() => close?.());

  it('shows flags, loads more, and opens the matrix from a person', async () => {
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', 'street1');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), WAIT);
    await page.getByTestId('user-name').waitFor(WAIT);

    await page.goto(`${base}/registers?q=${encodeURIComponent('王')}`);
    const results = page.getByTestId('register-results');
    await results.waitFor(WAIT);
    expect(await results.getAttribute('data-count')).toBe('50');
    expect(await page.getByTestId('register-search-summary').textContent()).toContain('还有更多');
    // Floating people and rented homes are common in the demo; a page of 50 shows both.
    expect(await results.locator('[data-flag="floating"]').count()).toBeGreaterThan(0);
    expect(await results.locator('[data-flag="rental"]').count()).toBeGreaterThan(0);
    await shot('register-search-flags');

    const more = page.getByTestId('register-search-more');
    await more.scrollIntoViewIfNeeded();
    await shot('register-search-more-button');
    await more.click();
    await page.locator('[data-testid="register-results"][data-count="100"]').waitFor(WAIT);
    const ids = await results
      .locator('[data-testid^="register-result-person-"]:not([data-testid*="matrix"])')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(new Set(ids).size).toBe(100);
    await shot('register-search-more');

    const matrix = results.locator('[data-testid^="register-result-person-matrix-"]').first();
    const personId = (await matrix.getAttribute('data-testid'))!.replace(
      'register-result-person-matrix-',
      '',
    );
    const person = await t.db
      .selectFrom('people as p')
      .innerJoin('addresses as a', 'a.id', 'p.address_id')
      .select(['a.id as address_id', 'a.building_id'])
      .where('p.id', '=', personId)
      .executeTakeFirstOrThrow();
    await matrix.click();
    await page.waitForURL((url) => url.pathname === `/registers/buildings/${person.building_id}`, WAIT);
    const room = page.getByTestId(`matrix-room-${person.address_id}`);
    await room.waitFor(WAIT);
    expect(await room.getAttribute('data-highlighted')).toBe('true');
    await shot('register-search-matrix');
  }, 180_000);
});
