import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectAlerts } from '../../server/src/modules/alerts/detect.ts';
import { newOutbox } from '../../server/src/modules/notifications/notify.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, newPhone, phoneLogin, screenshot, startConsoleTest } from './browser.ts';
import { until } from './until.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };
const WORKER = 'w120110001001002';

/** Issue 12: a worker's SOS on the phone reaches the command centre's alert list, which answers it. */
describe.skipIf(!chromium.available)('alerts in Chromium', () => {
  let app: ConsoleTest;
  beforeAll(async () => {
    app = await startConsoleTest(1440);
  }, 180_000);
  afterAll(() => app?.close());

  it('SOS on the phone → listed in the console with the other alerts, acknowledged with a note', async () => {
    const { page, base, t, browser } = app;
    const grid = await t.db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select(['b.lon', 'b.lat'])
      .where('o.code', '=', '120110001001002')
      .executeTakeFirstOrThrow();
    // Red cases of the demo raise their alerts, as the job would in the first minute.
    await detectAlerts({
      db: t.db,
      outbox: newOutbox(),
      config: { alerts: { noFixMinutes: 15, outsideGridMinutes: 30, sosNearest: 5 } },
      // Nobody on the rota: only the red cases.
      onDuty: async () => [],
    });

    const phone = await newPhone(browser, grid);
    await phoneLogin(phone, base, WORKER);
    await phone.getByTestId('sos-button').click();
    await phone.locator('.adm-dialog-button', { hasText: '发送' }).click();
    await phone.locator('.adm-toast-main', { hasText: '求助已发送' }).waitFor(WAIT);
    await screenshot(phone, 'i12-sos-phone');
    const worker = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', WORKER)
      .executeTakeFirstOrThrow();
    await until('the SOS on the server', async () =>
      t.db
        .selectFrom('alerts')
        .select('id')
        .where('kind', '=', 'sos')
        .where('subject_user_id', '=', worker.id)
        .executeTakeFirst(),
    );

    await page.goto(`${base}/login`);
    await page.fill('#username', 'command');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.goto(`${base}/alerts`);
    const table = page.getByTestId('alert-table');
    const row = table.locator('tr', { hasText: '一键求助' }).first();
    await row.waitFor(WAIT);
    await app.shot('i12-alerts-list');
    await row.getByRole('button', { name: /响\s*应/ }).click();
    await page.getByTestId('alert-note').fill('已电话联系，附近网格员正赶往现场');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await table.locator('tr', { hasText: '已电话联系，附近网格员正赶往现场' }).waitFor(WAIT);
    await app.shot('i12-alert-acknowledged');
    const listed = await (await t.login('command')).get('/api/alerts?kind=sos');
    expect(listed.data.items[0]).toMatchObject({
      state: 'acknowledged',
      ack: { note: '已电话联系，附近网格员正赶往现场' },
    });
  }, 180_000);

  it('an SOS made without a connection waits in the offline queue and goes out once online', async () => {
    const { base, t, browser } = app;
    const at = await t.db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select(['b.lon', 'b.lat'])
      .where('o.code', '=', '120110001001003')
      .executeTakeFirstOrThrow();
    const phone = await newPhone(browser, at);
    await phoneLogin(phone, base, 'w120110001001003');
    await phone.context().setOffline(true);
    await phone.getByTestId('sos-button').click();
    await phone.locator('.adm-dialog-button', { hasText: '发送' }).click();
    await phone.locator('.adm-toast-main', { hasText: '暂无网络' }).waitFor(WAIT);
    await screenshot(phone, 'i12-sos-offline');
    const worker = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'w120110001001003')
      .executeTakeFirstOrThrow();
    const sent = () =>
      t.db
        .selectFrom('alerts')
        .select(['lon', 'lat'])
        .where('kind', '=', 'sos')
        .where('subject_user_id', '=', worker.id)
        .executeTakeFirst();
    expect(await sent()).toBeUndefined();
    await phone.context().setOffline(false);
    const alert = await until('the queued SOS on the server', sent);
    expect(alert.lon).toBeCloseTo(at.lon, 5);
    expect(alert.lat).toBeCloseTo(at.lat, 5);
  }, 120_000);

  it('shows the hotspots, and a leader’s instruction supervises a hotspot’s cases', async () => {
    const { page, base, t } = app;
    await page.context().clearCookies();
    await page.goto(`${base}/login`);
    await page.fill('#username', 'leader');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${base}/hotspots`);
    const button = page.getByTestId('hotspot-table').locator('button', { hasText: '领导批示' }).first();
    await button.waitFor(WAIT);
    await app.shot('i12-hotspots');
    await button.click();
    await page.getByTestId('hotspot-instruction').fill('请街道牵头，一周内联合物业化解，结果报我');
    // The answer first: when the message does not come, the failure says what the server said.
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/api/cases/hotspots/instruct') && r.request().method() === 'POST',
      WAIT,
    );
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const answer = await answered;
    expect(answer.status(), await answer.text()).toBe(200);
    await page.locator('.ant-message', { hasText: '已批示督办' }).waitFor(WAIT);
    const steps = await t.db
      .selectFrom('case_steps')
      .select('note')
      .where('action', '=', 'instruct')
      .execute();
    expect(steps.length).toBeGreaterThan(0);
    expect(steps[0]!.note).toBe('请街道牵头，一周内联合物业化解，结果报我');
  }, 120_000);
});
