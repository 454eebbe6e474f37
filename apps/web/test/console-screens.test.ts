import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, screenshot, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const PASSWORD = 'Wangge@2026';
const STREET = '120110001000';
const COMMUNITY = '120110001001';
const GRID = '120110001001001';
const WORKER = `w${GRID}`;
const WAIT = { timeout: 30_000 };

interface Unit {
  id: string;
  code: string;
  name: string;
}

/**
 * Screens of the console as a street operator (and one as a grid worker): each test ends with a
 * screenshot in test-results/ that a person looks at. One browser page is shared; every test
 * starts by making sure the right user is signed in and the console speaks Chinese.
 */
describe.skipIf(!chromium.available)('console screens in Chromium', () => {
  let t: TestApp;
  let base: string;
  let page: Page;
  let close: ConsoleTest['close'] | undefined;
  let tmp: string;
  let signedIn: string | null = null;
  let street: Unit;
  let community: Unit;
  let grid: Unit;

  const unit = (code: string) =>
    t.db
      .selectFrom('org_units')
      .select(['id', 'code', 'name'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();

  const shot = (name: string) => screenshot(page, name, 300);

  const signIn = async (username: string) => {
    if (signedIn === username) return;
    if (signedIn) {
      await page.getByTestId('logout').click();
      await page.waitForURL((url) => url.pathname.startsWith('/login'));
      signedIn = null;
    } else {
      await page.goto(`${base}/login`);
    }
    await page.fill('#username', username);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('user-name').waitFor(WAIT);
    signedIn = username;
  };

  /** Chinese unless a test switched; the choice lives in localStorage and applies on the next load. */
  const open = async (url: string, username = 'street1') => {
    await signIn(username);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.goto(`${base}${url}`);
    await page.getByTestId('user-name').waitFor(WAIT);
  };

  /** The antd tree node row (switcher + title) around the title span with the given test id. */
  const treeRow = (node: Locator) => page.locator('.ant-tree-treenode').filter({ has: node });
  const orgNode = (id: string, level: string) =>
    page.locator(`[data-testid="org-node-${id}"][data-level="${level}"]`);
  const expand = async (node: Locator) => {
    await node.waitFor(WAIT);
    await treeRow(node).locator('.ant-tree-switcher').click();
  };

  beforeAll(async () => {
    ({ t, base, page, close } = await startConsoleTest(1400));
    tmp = await mkdtemp(path.join(tmpdir(), 'wangge-screens-'));
    [street, community, grid] = await Promise.all([unit(STREET), unit(COMMUNITY), unit(GRID)]);
  }, 300_000);
  afterAll(async () => {
    await close?.();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('level tree: street → community → grid → buildings, with codes in the detail pane', async () => {
    await open('/org');
    await page.getByTestId('org-tree').waitFor(WAIT);
    // The street operator's only root is their street, selected on arrival.
    const streetNode = orgNode(street.id, 'street');
    await streetNode.waitFor(WAIT);
    await expect.poll(() => page.getByTestId('org-detail').textContent(), WAIT).toContain(street.code);

    await expand(streetNode);
    const communityNode = orgNode(community.id, 'community');
    await communityNode.waitFor(WAIT);
    await communityNode.click();
    const detail = page.getByTestId('org-detail');
    await expect.poll(() => detail.textContent(), WAIT).toContain(community.code);
    expect(await detail.textContent()).toContain(community.name);

    await expand(communityNode);
    const gridNode = orgNode(grid.id, 'grid');
    await gridNode.waitFor(WAIT);
    const gridText = (await gridNode.textContent()) ?? '';
    expect(gridText).toContain(grid.name);
    expect(gridText).toMatch(/\b\d{15}\b/);
    expect(gridText).toContain(grid.code);

    await expand(gridNode);
    const buildings = page.locator('[data-testid^="org-node-"][data-level="building"]');
    await buildings.first().waitFor(WAIT);
    const expected = await t.db
      .selectFrom('buildings')
      .select(['id', 'code', 'name'])
      .where('grid_id', '=', grid.id)
      .orderBy('code')
      .execute();
    expect(expected.length).toBeGreaterThan(0);
    expect(await buildings.count()).toBe(expected.length);
    for (const text of await buildings.allTextContents())
      expect(text).toMatch(new RegExp(`${grid.code}\\d{3}`));

    // A building selected in the tree shows its 18-digit code in the detail pane.
    const first = expected[0]!;
    expect(first.code).toMatch(/^\d{18}$/);
    await orgNode(first.id, 'building').click();
    await expect.poll(() => detail.textContent(), WAIT).toContain(first.code);
    expect(await detail.textContent()).toContain(first.name);
    await shot('screens-org-tree');

    // Selecting the grid shows it in the detail pane, whose button opens the grid page.
    await gridNode.click();
    await expect.poll(() => detail.textContent(), WAIT).toContain(grid.code);
    await detail.getByRole('button', { name: '打开网格页' }).click();
    await page.waitForURL((url) => url.pathname === `/grids/${grid.id}`, WAIT);
    await expect.poll(() => page.getByTestId('grid-code').textContent(), WAIT).toContain(grid.code);
  }, 120_000);

  it('grid page: code, buildings, team of four roles, small map and boundary history', async () => {
    await open(`/grids/${grid.id}`);
    const gridPage = page.getByTestId('grid-page');
    await gridPage.waitFor(WAIT);
    expect(await gridPage.getAttribute('data-grid-id')).toBe(grid.id);
    expect(await page.getByTestId('grid-code').textContent()).toContain(grid.code);

    const buildings = await t.db
      .selectFrom('buildings')
      .select(['code'])
      .where('grid_id', '=', grid.id)
      .execute();
    const table = page.getByTestId('grid-buildings');
    await table.waitFor(WAIT);
    const rows = table.locator('tbody tr.ant-table-row');
    await rows.first().waitFor(WAIT);
    expect(await rows.count()).toBe(Math.min(buildings.length, 20));
    const tableText = (await table.textContent()) ?? '';
    expect(buildings.some((b) => tableText.includes(b.code))).toBe(true);

    const team = page.getByTestId('grid-team');
    await team.locator('tbody tr.ant-table-row').first().waitFor(WAIT);
    const teamText = (await team.textContent()) ?? '';
    for (const role of ['网格长', '网格指导员', '专职网格员', '兼职网格员']) expect(teamText).toContain(role);
    const members = await t.db
      .selectFrom('grid_team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.display_name'])
      .where('m.grid_id', '=', grid.id)
      .execute();
    expect(members.length).toBeGreaterThanOrEqual(4);
    for (const member of members) expect(teamText).toContain(member.display_name);

    await page.waitForSelector('[data-testid="grid-page-map"][data-loaded="true"]', {
      state: 'attached',
      timeout: 60_000,
    });
    await shot('screens-grid-page');

    await page.getByRole('tab', { name: '边界历史' }).click();
    const history = page.getByTestId('grid-history');
    await history.waitFor(WAIT);
    await expect.poll(() => history.textContent(), WAIT).toContain('当前');
    await shot('screens-grid-history');
  }, 120_000);

  it('boundaries: a community export previews clean; a duplicate code is refused', async () => {
    await open('/boundaries');
    const panel = page.getByTestId('import-panel');
    await panel.waitFor(WAIT);

    const res = await page.request.get(`${base}/api/grids/export?within=${community.id}`);
    expect(res.status()).toBe(200);
    const collection = (await res.json()) as {
      type: string;
      features: { properties: { code: string } }[];
    };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.length).toBeGreaterThan(1);
    for (const feature of collection.features)
      expect(feature.properties.code.startsWith(community.code)).toBe(true);

    const good = path.join(tmp, `community-${community.code}.geojson`);
    await writeFile(good, JSON.stringify(collection));
    const input = panel.locator('input[type=file]');
    await input.setInputFiles(good);

    const report = page.getByTestId('import-report');
    await report.waitFor(WAIT);
    expect(await report.getAttribute('data-applied')).toBe('false');
    const statistic = (title: string) =>
      report.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value');
    expect((await statistic('要素').textContent())?.trim()).toBe(String(collection.features.length));
    expect((await statistic('错误').textContent())?.trim()).toBe('0');
    const confirm = page.getByTestId('import-confirm');
    await expect.poll(() => confirm.isEnabled(), WAIT).toBe(true);
    await shot('screens-import-preview');

    // The second feature takes the first one's code.
    const broken = structuredClone(collection);
    broken.features[1]!.properties.code = broken.features[0]!.properties.code;
    const bad = path.join(tmp, `community-${community.code}-broken.geojson`);
    await writeFile(bad, JSON.stringify(broken));
    await input.setInputFiles(bad);

    const issues = page.getByTestId('import-issues');
    await expect
      .poll(async () => (await issues.count()) > 0 && ((await issues.textContent()) ?? ''), WAIT)
      .toContain('duplicate');
    const duplicateRow = issues
      .locator('tbody tr.ant-table-row')
      .filter({ has: page.locator('[title="duplicate_code"]') });
    expect(await duplicateRow.count()).toBeGreaterThan(0);
    expect(await duplicateRow.first().textContent()).toContain('编码重复');
    expect(Number((await statistic('错误').textContent())?.trim())).toBeGreaterThan(0);
    expect(await report.getAttribute('data-applied')).toBe('false');
    expect(await confirm.isDisabled()).toBe(true);
    await shot('screens-import-duplicate');
  }, 120_000);

  it('users: only the street’s users; the form offers only grantable roles; a new handler appears in the table', async () => {
    await open('/users');
    const table = page.getByTestId('users-table');
    const rows = table.locator('tbody tr.ant-table-row');
    await rows.first().waitFor(WAIT);
    const usernames = async () =>
      (await rows.locator('td:first-child').allTextContents()).map((s) => s.trim());
    const firstPage = await usernames();
    expect(firstPage.length).toBeGreaterThan(0);
    for (const name of firstPage) expect(name.startsWith('w120110002')).toBe(false);
    expect(firstPage).not.toContain('street2');
    await shot('screens-users');

    // Searching for street 2's workers finds nobody; street 1's grid worker is found.
    const search = page.getByPlaceholder('按用户名、姓名搜索');
    const searchFor = async (q: string) => {
      await search.fill(q);
      await search.press('Enter');
    };
    await searchFor('w120110002');
    await table.locator('.ant-table-placeholder').waitFor(WAIT);
    expect(await rows.count()).toBe(0);
    await searchFor(WORKER);
    await expect.poll(usernames, WAIT).toContain(WORKER);
    await searchFor('');
    await expect.poll(async () => (await usernames()).length, WAIT).toBe(firstPage.length);

    const username = `screen_${Date.now().toString(36)}`;
    await page.getByTestId('user-create').click();
    const form = page.getByTestId('user-form');
    await form.waitFor(WAIT);
    await form.locator('#username').fill(username);
    await form.locator('#displayName').fill('测试处置员');
    await form.locator('#password').fill('Screens@2026');

    await form.getByTestId('user-roles-select').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor(WAIT);
    // A street operator lacks the permissions of these roles, so the server marks them not grantable.
    const offered = await options.allTextContents();
    expect(offered).toContain('处置员');
    expect(offered).not.toContain('市级操作员');
    expect(offered).not.toContain('专职网格员');
    await options.filter({ hasText: '处置员' }).first().click();
    await page.keyboard.press('Escape');

    const unitSelect = form.locator('.ant-form-item').filter({ hasText: '管辖单位' }).locator('.ant-select');
    await unitSelect.click();
    const dropdown = page.locator('.ant-tree-select-dropdown:visible');
    const streetRow = dropdown
      .locator('.ant-select-tree-treenode')
      .filter({ hasText: `${street.name}（街道）` });
    await streetRow.waitFor(WAIT);
    await streetRow.locator('.ant-select-tree-switcher').click();
    const communityTitle = dropdown
      .locator('.ant-select-tree-node-content-wrapper')
      .filter({ hasText: `${community.name}（社区）` });
    await communityTitle.click();
    await page.keyboard.press('Escape');
    await expect.poll(() => unitSelect.textContent(), WAIT).toContain(community.name);
    await expect.poll(() => form.textContent(), WAIT).toContain('处置员');
    await shot('screens-user-form');

    await page.getByTestId('user-form-submit').click();
    await form.waitFor({ state: 'detached', ...WAIT });
    await searchFor(username);
    await expect.poll(usernames, WAIT).toEqual([username]);
    const row = rows.first();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('测试处置员');
    expect(rowText).toContain('处置员');
    expect(rowText).toContain(community.name);

    const created = await t.db
      .selectFrom('users as u')
      .innerJoin('user_assignments as a', 'a.user_id', 'u.id')
      .select(['a.org_unit_id'])
      .where('u.username', '=', username)
      .execute();
    expect(created.map((c) => c.org_unit_id)).toEqual([community.id]);
    await shot('screens-users-created');
  }, 120_000);

  it('language: English menu survives a reload; back to Chinese', async () => {
    await open('/grids');
    const menuText = () => page.locator('.ant-layout-sider .ant-menu').textContent();
    await expect.poll(menuText, WAIT).toContain('网格地图');
    try {
      await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
      await expect.poll(menuText, WAIT).toContain('Grid map');
      const english = (await menuText()) ?? '';
      for (const label of ['Organisation', 'Grids', 'Boundaries', 'Users', 'My sessions'])
        expect(english).toContain(label);
      expect(english).not.toMatch(/[\u4e00-\u9fff]/);

      await page.reload();
      await page.getByTestId('user-name').waitFor(WAIT);
      await expect.poll(menuText, WAIT).toContain('Grid map');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.locator('.ant-table-row').first().waitFor(WAIT);
      await shot('screens-english');
    } finally {
      await page.getByTestId('lang-switch').getByText('中文', { exact: true }).click();
    }
    await expect.poll(menuText, WAIT).toContain('网格地图');
    expect(await page.evaluate(() => localStorage.getItem('wangge.lang'))).toBe('zh');
  }, 120_000);

  it('grid worker: no user management, no import, exactly one grid on the map', async () => {
    await open('/map', WORKER);
    const menu = page.locator('.ant-layout-sider .ant-menu');
    await expect.poll(() => menu.textContent(), WAIT).toContain('网格地图');
    const menuText = (await menu.textContent()) ?? '';
    expect(menuText).not.toContain('用户管理');
    expect(menuText).not.toContain('审计日志');
    // Boundary import/export is a grids.write screen: a worker neither sees nor opens it.
    expect(menuText).not.toContain('边界导入导出');

    await page.waitForSelector('[data-testid="grid-map"][data-loaded="true"]', {
      state: 'attached',
      timeout: 60_000,
    });
    const legend = page.getByTestId('map-legend');
    await legend.waitFor(WAIT);
    const counts = (await legend.locator('.map-legend-count').allTextContents()).map(Number);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect(await page.getByTestId('map-count').textContent()).toContain('1 个网格');
    await shot('screens-worker-map');

    await page.goto(`${base}/boundaries`);
    await page.getByText('您没有访问此页面的权限').waitFor(WAIT);
    expect(await page.getByTestId('import-panel').count()).toBe(0);
    // The users page itself refuses them too.
    await page.goto(`${base}/users`);
    await page.getByText('您没有访问此页面的权限').waitFor(WAIT);
    expect(await page.getByTestId('users-table').count()).toBe(0);
  }, 120_000);
});
