import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };

/** Issue 14 item 5: the community opens the escalated dispute of the demo and records a session. */
describe.skipIf(!chromium.available)('dispute mediation in Chromium', () => {
  let app: ConsoleTest;
  beforeAll(async () => {
    app = await startConsoleTest(1440);
  }, 180_000);
  afterAll(() => app?.close());

  it('lists the records with the escalated one first, shows its mediators and records a session', async () => {
    const { page, base, t } = app;
    await page.goto(`${base}/login`);
    await page.fill('#username', 'community1');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.goto(`${base}/disputes`);
    const table = page.getByTestId('dispute-table');
    await table.locator('.ant-tag', { hasText: '已推送公安' }).first().waitFor(WAIT);
    await app.shot('i14-disputes-list');

    const escalated = (await (await t.login('community1')).get('/api/disputes?escalated=true')).data.items[0];
    await page.getByTestId(`dispute-link-${escalated.caseId}`).click();
    await page.getByTestId('dispute-escalated').waitFor(WAIT);
    await page.getByTestId('dispute-mediators').getByText('司法所调解员').waitFor(WAIT);
    await page.getByTestId('dispute-note').fill('网格员、调解员与律师再次上门，双方同意坐下来谈');
    await page.getByTestId('dispute-action-recordSession').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await page.locator('.ant-message', { hasText: '操作成功' }).waitFor(WAIT);
    await page.getByTestId('dispute-step-recordSession').last().waitFor(WAIT);
    await app.shot('i14-dispute-record');
    const after = await (await t.login('community1')).get(`/api/cases/${escalated.caseId}/dispute`);
    expect(after.data.steps.at(-1)).toMatchObject({
      action: 'recordSession',
      note: '网格员、调解员与律师再次上门，双方同意坐下来谈',
    });
  }, 120_000);

  it('registers a dispute case for mediation from the case page', async () => {
    const { page, base, t } = app;
    const fresh = await t.db
      .selectFrom('cases as c')
      .innerJoin('org_units as g', 'g.id', 'c.grid_id')
      .select('c.id')
      .where('c.category_code', 'like', 'SG01-%')
      .where('g.code', 'like', '120110001001%')
      .where('c.id', 'not in', t.db.selectFrom('disputes').select('case_id'))
      .orderBy('c.reported_at', 'desc')
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/cases/${fresh.id}`);
    await page.getByTestId('dispute-open').click();
    await page.getByTestId('dispute-summary').fill('楼上漏水引发邻里争执');
    await page.getByTestId('dispute-applicant').fill('周玉珍');
    await page.getByTestId('dispute-respondent').fill('吴德明');
    await page.getByTestId('dispute-mediator-name-0').fill('郝调解员');
    await app.shot('i14-dispute-open');
    await page.locator('#dispute-open-submit').click();
    await page.getByTestId('case-dispute').getByText('已登记').waitFor(WAIT);
    const record = await (await t.login('community1')).get(`/api/cases/${fresh.id}/dispute`);
    expect(record.data).toMatchObject({
      state: 'registered',
      parties: [{ name: '周玉珍' }, { name: '吴德明' }],
      mediators: [{ kind: 'judicial_mediator', name: '郝调解员' }],
    });
  }, 120_000);
});
