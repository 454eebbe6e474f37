import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const PASSWORD = 'Wangge@2026';
const STREET1 = '/120100000000/120110000000/120110001000/';
const WAIT = { timeout: 30_000 };

/**
 * The registers in the console (一标三实): street 1's operator searches the commonest two-character
 * name of the street, opens one of the people, reveals the ID number (refused without a reason),
 * opens the building matrix from the person's house and finds the room and the household.
 */
describe.skipIf(!chromium.available)('registers in Chromium', () => {
  let t: TestApp;
  let base: string;
  let page: Page;
  let shot: ConsoleTest['shot'];
  let close: ConsoleTest['close'] | undefined;

  beforeAll(async () => {
    ({ t, base, page, shot, close } = await startConsoleTest(1440));
  }, 300_000);
  afterAll(() => close?.());

  it('searches a name, opens the person, reveals the ID, opens the building matrix and the household', async () => {
    // The commonest two-character name among the people of street 1.
    const common = await sql<{ name: string; n: number }>`
      SELECT name, count(*)::int AS n FROM people
      WHERE grid_path LIKE ${`${STREET1}%`} AND char_length(name) = 2
      GROUP BY name ORDER BY n DESC, name LIMIT 1`.execute(t.db);
    const name = common.rows[0]!.name;

    // One of them that the search returns and who lives in a room of a building.
    const api = await t.login('street1');
    const found = await api.get(`/api/registers/search?q=${encodeURIComponent(name)}&types=person&limit=50`);
    expect(found.statusCode, found.body).toBe(200);
    const ids: string[] = found.data.items.map((i: { id: string }) => i.id);
    expect(ids.length).toBeGreaterThan(0);
    const housed = await t.db
      .selectFrom('person_house_links as l')
      .innerJoin('houses as h', 'h.id', 'l.house_id')
      .innerJoin('addresses as a', 'a.id', 'h.address_id')
      .select(['l.person_id', 'l.house_id', 'a.id as address_id', 'a.building_id'])
      .where('l.person_id', 'in', ids)
      .where('l.valid_to', 'is', null)
      .where('l.kind', '<>', 'owner')
      .where('a.building_id', 'is not', null)
      .orderBy('l.person_id')
      .executeTakeFirstOrThrow();
    const personId = String(housed.person_id);

    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', 'street1');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), WAIT);
    await page.getByTestId('user-name').waitFor(WAIT);

    // 一标三实: the menu entry, the statistics and the search box.
    await page.getByTestId('nav-registers').click();
    await page.getByTestId('register-search').waitFor(WAIT);
    await page.getByTestId('register-stats-grids').waitFor(WAIT);
    const input = page
      .locator('input[data-testid="register-search-input"], [data-testid="register-search-input"] input')
      .first();
    await input.fill(name);
    await input.press('Enter');
    await page.getByTestId('register-results').waitFor(WAIT);
    const row = page.getByTestId(`register-result-person-${personId}`);
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain(name);
    // Masked ID numbers only: nothing in the results shows 18 plain digits.
    const resultsText = (await page.getByTestId('register-results').textContent()) ?? '';
    expect(resultsText).not.toMatch(/\d{17}[\dX]/);
    expect(resultsText).toContain('实有人口');
    await shot('registers-search');

    // The person's page.
    await row.locator('a').first().click();
    await page.waitForURL((url) => url.pathname === `/registers/people/${personId}`, WAIT);
    await page.getByTestId('person-page').waitFor(WAIT);
    expect(await page.getByTestId('person-name').textContent()).toBe(name);
    const idValue = page.getByTestId('person-reveal-value');
    const masked = (await idValue.textContent()) ?? '';
    expect(masked).toContain('*');
    await page.getByTestId('register-history').waitFor(WAIT);
    await shot('registers-person');

    // Reveal without a reason: refused by the form, nothing sent, still masked.
    await page.getByTestId('person-reveal').click();
    await page.getByTestId('person-reveal-modal').waitFor(WAIT);
    await page.getByTestId('person-reveal-submit').click();
    await page.getByText('请填写查看原因').first().waitFor(WAIT);
    expect(await idValue.getAttribute('data-revealed')).toBe('false');
    await shot('registers-reveal-refused');

    // With a reason: the full number, for this view only.
    await page.getByTestId('person-reveal-reason').fill('入户核实身份');
    await page.getByTestId('person-reveal-submit').click();
    await page.locator('[data-testid="person-reveal-value"][data-revealed="true"]').waitFor(WAIT);
    const full = ((await idValue.textContent()) ?? '').trim();
    expect(full).toMatch(/^\d{17}[\dX]$/);
    expect(full.slice(0, 3)).toBe(masked.slice(0, 3));
    expect(full.slice(-4)).toBe(masked.trim().slice(-4));
    await shot('registers-person-revealed');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('target_id', '=', personId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    expect(audit?.action ?? '').toContain('reveal');

    // The building matrix from the person's house: the room is highlighted and lists them.
    await page.getByTestId(`person-house-matrix-${housed.house_id}`).click();
    await page.waitForURL((url) => url.pathname === `/registers/buildings/${housed.building_id}`, WAIT);
    await page.getByTestId('building-matrix').waitFor(WAIT);
    const room = page.getByTestId(`matrix-room-${housed.address_id}`);
    await room.waitFor(WAIT);
    expect(await room.getAttribute('data-highlighted')).toBe('true');
    const roomText = (await room.textContent()) ?? '';
    const listed = roomText.includes(name) || roomText.includes('等');
    expect(listed).toBe(true);
    await shot('registers-building-matrix');

    // 提户知人: the household of the room, masked, linking to the person.
    await room.click();
    const drawer = page.getByTestId('household-drawer');
    await drawer.waitFor(WAIT);
    await drawer.getByTestId(`household-person-${personId}`).waitFor(WAIT);
    expect(await drawer.textContent()).not.toMatch(/\d{17}[\dX]/);
    await shot('registers-household');

    // The grid page's buildings table links to the matrix too.
    const grid = await t.db
      .selectFrom('buildings')
      .select('grid_id')
      .where('id', '=', housed.building_id!)
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/grids/${grid.grid_id}`);
    await page.getByTestId(`building-matrix-link-${housed.building_id}`).waitFor(WAIT);
  }, 180_000);
});
