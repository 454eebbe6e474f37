// The careers editors and the worker's own career: the district operator raises grade 12 on the pay
// ladder (a lower amount than grade 11 is refused by the form first), creates a course, adds a
// session and records a demo worker's attendance with a quiz and a certificate, and sees the
// worker's hours grow; then the worker opens 我的成长 on a phone and finds grade, pay, ratings and
// that course with its certificate.
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, newPhone, phoneLogin, screenshot, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };
const WORKER = 'w120110001001001';
const COURSE = '网格员应急救护培训（浏览器测试）';

describe.skipIf(!chromium.available)('careers editors and the field app career page', () => {
  let app: ConsoleTest;
  let workerName: string;
  beforeAll(async () => {
    app = await startConsoleTest(1440);
    const { rows } = await sql<{ name: string }>`
      SELECT display_name AS name FROM users WHERE username = ${WORKER}`.execute(app.t.db);
    workerName = rows[0]!.name;
  }, 300_000);
  afterAll(() => app?.close());

  async function hoursOf(page: Page): Promise<number> {
    const row = page.getByTestId('training-hours').locator('tbody tr.ant-table-row', { hasText: workerName });
    await row.first().waitFor(WAIT);
    return Number(await row.first().locator('td').nth(3).innerText());
  }

  it('edits the pay ladder, creates a course with a session and records attendance', async () => {
    const { page, base, shot } = app;
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', 'district');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    // The ladder: grade 12 below grade 11 is refused on the field; a raise is saved as a new version.
    await page.goto(`${base}/assessment/careers`);
    const ladder = page.getByTestId('careers-ladder').locator('tbody tr.ant-table-row');
    await expect.poll(() => ladder.count(), WAIT).toBe(12);
    const before = Number(await ladder.nth(11).locator('td').nth(1).innerText());
    const grade11 = Number(await ladder.nth(10).locator('td').nth(1).innerText());
    await page.getByTestId('ladder-edit').click();
    const form = page.getByTestId('ladder-form');
    await form.waitFor(WAIT);
    await form.locator('#pay_11').fill(String(grade11 - 100));
    await form.locator('#pay_11').blur();
    await form.getByText('不得低于 11 级').waitFor(WAIT);
    await shot('careers-ladder-invalid');
    await form.locator('#pay_11').fill(String(before + 300));
    await form.locator('#note').fill('十二级上调 300 元');
    await page.getByTestId('ladder-save').click();
    await form.waitFor({ state: 'detached', ...WAIT });
    await expect
      .poll(async () => Number(await ladder.nth(11).locator('td').nth(1).innerText()), WAIT)
      .toBe(before + 300);
    await page.getByTestId('careers-ladder').getByText('十二级上调 300 元').waitFor(WAIT);
    await shot('careers-ladder-saved');

    // A new course, selected once saved.
    await page.goto(`${base}/assessment/training`);
    const hoursBefore = await hoursOf(page);
    await page.getByTestId('course-new').click();
    const courseForm = page.getByTestId('course-form');
    await courseForm.waitFor(WAIT);
    await courseForm.locator('#title').fill(COURSE);
    await courseForm.locator('#hours').fill('3.5');
    await courseForm.locator('#description').fill('心肺复苏、止血包扎与突发事件现场处置。');
    await shot('training-course-form');
    await page.getByTestId('course-save').click();
    await courseForm.waitFor({ state: 'detached', ...WAIT });
    const attendanceCard = page.getByTestId('training-attendance');
    await attendanceCard.locator('.ant-card-head-title', { hasText: COURSE }).waitFor(WAIT);

    // A session now, then the worker present with a quiz passed and a certificate.
    await page.getByTestId('session-new').click();
    await page.getByTestId('session-form').waitFor(WAIT);
    await page.getByTestId('session-form').locator('#place').fill('区网格化服务管理中心培训室');
    await page.getByTestId('session-save').click();
    await page.getByTestId('session-form').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => page.getByTestId('attendance-edit').isEnabled(), WAIT).toBe(true);
    await page.getByTestId('attendance-edit').click();
    const attendance = page.getByTestId('attendance-form');
    await attendance.waitFor(WAIT);
    await attendance.getByTestId('attendance-pick').click();
    await page.keyboard.type(workerName);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.locator('.ant-modal-title', { hasText: '登记签到' }).click();
    const row = attendance.locator('[data-testid^="attendance-row-"]', { hasText: workerName });
    await row.waitFor(WAIT);
    await row.locator('input#records_0_quizScore').fill('92');
    await row.locator('#records_0_passed').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^通过$/ }).click();
    await row.locator('#records_0_certificateNo').fill('JHPX-2026-0001');
    // A number without a date is refused on the field.
    await page.getByTestId('attendance-save').click();
    await row.getByText('证书编号与发证日期须同时填写').waitFor(WAIT);
    const issued = row.locator('#records_0_certificateIssuedOn');
    await issued.click();
    await issued.fill(new Date().toISOString().slice(0, 10));
    await issued.press('Enter');
    await row.getByText('证书编号与发证日期须同时填写').waitFor({ state: 'detached', ...WAIT });
    await shot('training-attendance-form');
    await page.getByTestId('attendance-save').click();
    await attendance.waitFor({ state: 'detached', ...WAIT });

    await attendanceCard.locator('tbody tr.ant-table-row', { hasText: 'JHPX-2026-0001' }).waitFor(WAIT);
    await expect.poll(() => hoursOf(page), WAIT).toBe(hoursBefore + 3.5);
    await shot('training-after-attendance');
  }, 240_000);

  it('shows the worker their own grade, pay, ratings and training on the phone', async () => {
    const phone = await newPhone(app.browser);
    await phoneLogin(phone, app.base, WORKER);
    await phone.getByTestId('home-assessment').click();
    await phone.getByTestId('my-assessment').waitFor(WAIT);
    await phone.getByTestId('my-career-link').click();
    await phone.getByTestId('my-career').waitFor(WAIT);
    await expect
      .poll(async () => (await phone.getByTestId('career-grade').textContent()) ?? '', WAIT)
      .toMatch(/\d+ 级/);
    await expect
      .poll(async () => (await phone.getByTestId('career-pay').textContent()) ?? '', WAIT)
      .toMatch(/\d/);
    await expect.poll(() => phone.getByTestId('career-rating').count(), WAIT).toBeGreaterThanOrEqual(3);
    await phone.getByTestId('career-grade-entry').first().waitFor(WAIT);
    const course = phone.getByTestId('career-course').filter({ hasText: COURSE });
    await course.waitFor(WAIT);
    await course.getByTestId('career-certificate').getByText('JHPX-2026-0001').waitFor(WAIT);
    await screenshot(phone, 'career-field');

    await phone.getByTestId('page-bar').locator('.adm-nav-bar-back').click();
    await phone.getByTestId('my-assessment').waitFor(WAIT);
    await phone.close();
  }, 120_000);
});
