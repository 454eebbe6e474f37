// A resident asks for an errand in the resident app /r (390×844), the grid worker sees it among
// 居民申请 in the field app, takes it — the errand form opens with the type fixed and the resident's
// number filled in — and the resident sees it taken, with the errand's number.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RESIDENT_PHONES } from '../../server/src/modules/demo/seed-residents.ts';
import type { DevSmsSink } from '../../server/src/modules/residents/sms.ts';
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

const chromium = systemTool(CHROMIUM, 'chromium');
const GRID = '120110001001001';
const PHONE = DEMO_RESIDENT_PHONES[0];
const WAIT = { timeout: 30_000 };

describe.skipIf(!chromium.available)('an errand a resident asks for', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;
  let resident: Page;
  let worker: Page;
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, `resident-errand-${name}.png`), fullPage: true });

  beforeAll(async () => {
    ({ t, base, browser, close } = await startBrowserTest());
    resident = await newPhone(browser, { lon: 117.27, lat: 39.1 });
    worker = await newPhone(browser, { lon: 117.27, lat: 39.1 });
  }, 300_000);
  afterAll(() => close?.());

  it('is asked for by a resident of the grid', async () => {
    await resident.goto(`${base}/r/`);
    await resident.fill('#phone', PHONE);
    await resident.getByTestId('send-code').click();
    await resident.getByText('验证码已发送').waitFor(WAIT);
    await resident.fill('#code', (t.app.sms as DevSmsSink).lastTo(PHONE)!.match(/\d{6}/)![0]);
    await resident.getByRole('button', { name: '登录', exact: true }).click();
    await resident.getByRole('button', { name: '申请代办' }).click();
    await resident.getByTestId('errand-requests').waitFor(WAIT);
    // The demo's requests are there already: one taken with its errand's number, one declined with the reason.
    await resident.getByText('网格员已受理代办').first().waitFor(WAIT);
    await resident.locator('.adm-selector-item', { hasText: '老年人优待证' }).click();
    await resident.getByTestId('errand-documents').getByText('身份证复印件').waitFor(WAIT);
    await resident.fill('#applicant-name', '孙桂芳');
    await resident.fill('textarea', '奶奶85岁，周末家里有人');
    await shot(resident, '01-ask');
    await resident.getByRole('button', { name: '提交申请' }).click();
    await resident.getByTestId('errand-request').filter({ hasText: '孙桂芳' }).waitFor(WAIT);
    await resident
      .getByTestId('errand-request')
      .filter({ hasText: '孙桂芳' })
      .getByText('待网格员联系')
      .waitFor(WAIT);
  });

  it('is taken by the grid worker, who starts the errand from it', async () => {
    const elder = await t.db
      .selectFrom('people as p')
      .select(['p.id', 'p.name'])
      .where('p.grid_path', 'like', `%/${GRID}/`)
      .where('p.status', '=', 'active')
      .where(({ selectFrom, not, exists }) =>
        not(
          exists(
            selectFrom('people as q')
              .select('q.id')
              .whereRef('q.name', '=', 'p.name')
              .whereRef('q.id', '<>', 'p.id'),
          ),
        ),
      )
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    await phoneLogin(worker, base, `w${GRID}`);
    await worker.goto(`${base}/m/errands`);
    const request = worker.getByTestId('errand-request').filter({ hasText: '孙桂芳' });
    await request.waitFor(WAIT);
    expect(await request.textContent()).toContain(PHONE);
    await shot(worker, '02-worker-list');
    await request.getByTestId('request-take').click();
    await worker.getByTestId('errand-from-request').waitFor(WAIT);
    expect(await worker.locator('[data-testid="field-applicant_phone"] input').inputValue()).toBe(PHONE);
    const search = worker.locator('[data-testid="errand-pick"] .adm-search-bar input');
    await search.fill(elder.name);
    await search.press('Enter');
    await worker.getByTestId('register-hit').first().click();
    await worker
      .locator('[data-testid="field-hukou_type"] .adm-selector-item', { hasText: /^本市户籍$/ })
      .click();
    await worker
      .locator('[data-testid="field-delivery"] .adm-selector-item', { hasText: '网格员送证上门' })
      .click();
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2e86de' } })
      .jpeg()
      .toBuffer();
    for (const doc of ['id_copy', 'photo']) {
      await worker
        .getByTestId(`doc-${doc}`)
        .setInputFiles({ name: `${doc}.jpg`, mimeType: 'image/jpeg', buffer: photo });
    }
    await worker.locator('img.m-photo').nth(1).waitFor(WAIT);
    await shot(worker, '03-worker-form');
    await worker.getByTestId('errand-submit').click();
    await worker.getByTestId('errands').waitFor(WAIT);

    const taken = async () =>
      t.db
        .selectFrom('errand_requests as r')
        .innerJoin('errands as e', 'e.id', 'r.errand_id')
        .select(['r.state', 'e.code', 'e.person_id'])
        .where('r.applicant_name', '=', '孙桂芳')
        .executeTakeFirst();
    await expect.poll(async () => (await taken())?.state ?? null, { timeout: 30_000 }).toBe('taken');
    const row = (await taken())!;
    expect(row.person_id).toBe(elder.id);

    await resident.reload();
    const mine = resident.getByTestId('errand-request').filter({ hasText: '孙桂芳' });
    await mine.getByText(row.code).waitFor(WAIT);
    await shot(resident, '04-taken');
  });
});
