import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, newPhone, phoneLogin, screenshot, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };
const WORKER = 'w120110001001001';

/** Issue 13 §6: a worker's appeal is upheld from the console's inbox; a worker files one on the phone. */
describe.skipIf(!chromium.available)('assessment appeals in Chromium', () => {
  let app: ConsoleTest;
  let cases: string[] = [];
  beforeAll(async () => {
    app = await startConsoleTest(1440);
    // Cases of the worker's grid first reported by someone else: missed reports they may contest.
    const { rows } = await sql<{ id: string }>`SELECT c.id::text FROM cases c
      JOIN org_units g ON g.path = c.grid_path JOIN grid_team_members m ON m.grid_id = g.id
      JOIN users u ON u.id = m.user_id AND u.username = ${WORKER}
      WHERE (c.reporter_user_id IS NULL OR c.reporter_user_id <> u.id) AND c.state <> 'voided'
        AND NOT EXISTS (SELECT 1 FROM assessment_appeals a WHERE a.event_id = c.id::text)
      ORDER BY c.reported_at DESC LIMIT 2`.execute(app.t.db);
    cases = rows.map((r) => r.id);
  }, 300_000);
  afterAll(() => app?.close());

  it('inbox → an appeal’s detail → upheld by the community operator; the bonus sheet', async () => {
    const { page, base, shot, t } = app;
    const worker = await t.login(WORKER);
    const filed = await worker.post('/api/assessment/appeals', {
      eventKind: 'case',
      eventId: cases[0],
      countName: 'grid.cases_reported_by_others',
      reason: '浏览器测试：该问题发生时本人在处置另一起事件',
    });
    expect(filed.statusCode).toBe(201);

    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', 'community1');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${base}/assessment/appeals`);
    const row = page.locator('tr.ant-table-row', { hasText: '他人先报数' }).first();
    await row.waitFor(WAIT);
    await shot('appeals-inbox');
    await page.locator('tr.ant-table-row', { hasText: filed.data.event.code }).click();
    await page.getByTestId('appeal-detail').waitFor(WAIT);
    await page.getByTestId('appeal-note').fill('经核实情况属实');
    await page.getByTestId('appeal-action-uphold').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('appeal-state').textContent(), WAIT).toBe('申诉成立');
    await shot('appeals-upheld');
    const excluded = await sql<{ n: number }>`SELECT count(*)::int AS n FROM assessment_exclusions
      WHERE event_kind = 'case' AND event_id = ${cases[0]!}`.execute(t.db);
    expect(excluded.rows[0]!.n).toBe(1);

    await page.goto(`${base}/assessment/bonuses`);
    await page.getByTestId('bonuses-total').waitFor(WAIT);
    await shot('bonuses-sheet');
  });

  it('a worker files an appeal with a reason and a photo on the phone (390×844)', async () => {
    const { base, browser } = app;
    const phone = await newPhone(browser);
    await phoneLogin(phone, base, WORKER);
    await phone.getByTestId('home-appeal').click();
    await phone.getByTestId('m-appeal').waitFor(WAIT);
    await phone.getByTestId('m-appeal-event').locator('input').fill(cases[1]!);
    await phone
      .getByTestId('m-appeal-reason')
      .locator('textarea')
      .fill('居民报告时本人正在入户走访，已于当日处置');
    const jpeg = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 40, g: 120, b: 200 } },
    })
      .jpeg()
      .toBuffer();
    await phone.setInputFiles('input[type=file]', {
      name: 'photo.jpg',
      mimeType: 'image/jpeg',
      buffer: jpeg,
    });
    await phone.getByTestId('m-appeal-submit').click();
    await phone.locator('.adm-toast-main', { hasText: '申诉已提交' }).waitFor(WAIT);
    await phone.getByTestId('m-appeal-list').getByText('待处理').first().waitFor(WAIT);
    await screenshot(phone, 'appeals-phone');
    const { rows } = await sql<{
      photos: number;
    }>`SELECT (SELECT count(*)::int FROM assessment_appeal_photos p
      WHERE p.appeal_id = a.id) AS photos FROM assessment_appeals a WHERE a.event_id = ${cases[1]!}`.execute(
      app.t.db,
    );
    expect(rows[0]!.photos).toBe(1);
  });
});
