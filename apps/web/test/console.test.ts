import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, RESULTS_DIR, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const GRID = '120110001001001';

describe.skipIf(!chromium.available)('web console in Chromium', () => {
  let t: TestApp;
  let base: string;
  let page: Page;
  let close: ConsoleTest['close'] | undefined;

  beforeAll(async () => {
    ({ t, base, page, close } = await startConsoleTest(1400));
  }, 300_000);
  afterAll(() => close?.());

  it('logs in, opens the map, clicks a grid and sees its team', async () => {
    await page.goto(`${base}/login`);
    await page.fill('#username', 'street1');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await expect(page.getByTestId('user-name')).toBeTruthy();

    await page.goto(`${base}/map`);
    await page.waitForSelector('[data-testid="grid-map"][data-loaded="true"]', {
      state: 'attached',
      timeout: 60_000,
    });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'console-map.png') });

    // Click where one of the grid's buildings lies: buildings are strictly inside their grid.
    const building = await t.db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select(['b.lon', 'b.lat'])
      .where('o.code', '=', GRID)
      .executeTakeFirstOrThrow();
    const point = await page.evaluate(
      ([lon, lat]) => {
        const map = (
          window as unknown as {
            __wanggeMap: {
              project(p: [number, number]): { x: number; y: number };
              getCanvas(): HTMLCanvasElement;
            };
          }
        ).__wanggeMap;
        const p = map.project([lon, lat]);
        const r = map.getCanvas().getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y };
      },
      [building.lon, building.lat] as [number, number],
    );
    await page.mouse.click(point.x, point.y);

    const drawer = page.getByTestId('grid-drawer');
    await drawer.waitFor({ timeout: 15_000 });
    const team = await t.db
      .selectFrom('grid_team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .innerJoin('org_units as o', 'o.id', 'm.grid_id')
      .select(['u.display_name', 'm.team_role'])
      .where('o.code', '=', GRID)
      .execute();
    const teamBox = page.getByTestId('grid-team');
    await teamBox.waitFor();
    for (const member of team) await teamBox.getByText(member.display_name).first().waitFor();
    expect(await drawer.textContent()).toContain(GRID);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'console-map-grid-team.png') });
  }, 120_000);
});
