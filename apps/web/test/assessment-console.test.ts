// 考核评价 in the console: the district operator opens the month's ranking, follows a worker to
// their scorecard and from one indicator's count to the cases behind it; then edits the scheme
// (weights that must sum to 100), previews it on last month's data and saves a new version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const WAIT = { timeout: 30_000 };

describe.skipIf(!chromium.available)('assessment screens in Chromium', () => {
  let app: ConsoleTest;
  beforeAll(async () => {
    app = await startConsoleTest(1440);
    const { page, base } = app;
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', 'district');
    await page.fill('#password', 'Wangge@2026');
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }, 300_000);
  afterAll(() => app?.close());

  it('rankings → a worker → the cases behind one indicator', async () => {
    const { page, base, shot } = app;
    await page.locator('.ant-menu-submenu-title', { hasText: '考核评价' }).click();
    await page.getByTestId('nav-assessment').click();
    await page.waitForURL((url) => url.pathname === '/assessment');
    const rows = page.getByTestId('ranking-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBeGreaterThan(3);
    await page.getByTestId('top-ten').locator('.ant-list-item').first().waitFor(WAIT);
    await page.getByTestId('assessment-crumbs').waitFor(WAIT);
    await shot('assessment-rankings');

    // The monthly report, generated now (the monthly job does the same on the 1st), to download.
    const reports = page.getByTestId('monthly-reports');
    await reports.scrollIntoViewIfNeeded();
    await reports.getByTestId('reports-generate').click();
    await reports.getByTestId('report-xlsx').first().waitFor(WAIT);
    const href = await reports.getByTestId('report-xlsx').first().getAttribute('href');
    const file = await page.request.get(new URL(href ?? '', base).toString());
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 2).toString()).toBe('PK');
    await shot('assessment-monthly-reports');
    await page.evaluate(() => window.scrollTo(0, 0));

    // The year's ranking and its 十佳: the mean of the months so far.
    await page.getByTestId('review-period-kind').getByText('年度').click();
    await page.waitForURL((url) => /^\d{4}$/.test(url.searchParams.get('period') ?? ''));
    await expect.poll(() => rows.count(), WAIT).toBeGreaterThan(3);
    await page.getByTestId('top-ten').locator('.ant-list-item').first().waitFor(WAIT);
    await shot('assessment-rankings-year');
    await page.getByTestId('review-period-kind').getByText('月度').click();
    await page.waitForURL((url) => /^\d{4}-\d{2}$/.test(url.searchParams.get('period') ?? ''));

    // Drill down one level and back up with the breadcrumb.
    const child = page.getByTestId('assessment-children').locator('.ant-tag').first();
    if (await child.count()) {
      await child.click();
      await page.waitForURL((url) => url.searchParams.has('unitId'));
      await expect.poll(() => rows.count(), WAIT).toBeGreaterThan(0);
      await shot('assessment-rankings-drilled');
      await page.getByTestId('assessment-crumbs').locator('a').first().click();
    }

    await rows.first().getByTestId('ranking-subject').click();
    await page.waitForURL((url) => url.pathname.startsWith('/assessment/scores/worker/'));
    const indicators = page.getByTestId('score-indicators').locator('tbody tr.ant-table-row');
    await expect.poll(() => indicators.count(), WAIT).toBeGreaterThan(3);
    await page.getByTestId('assessment-trend').locator('canvas').waitFor(WAIT);
    await page.getByTestId('grade-tag').first().waitFor(WAIT);
    await shot('assessment-score');

    await page.getByTestId('count-valid_report_rate-reports.total').click();
    const events = page.getByTestId('score-events').locator('tbody tr.ant-table-row');
    await expect.poll(() => events.count(), WAIT).toBeGreaterThan(0);
    await shot('assessment-score-events');
    await page.getByTestId('score-event-link').first().click();
    await page.waitForURL((url) => /^\/cases\/\d+$/.test(url.pathname));
    expect(new URL(page.url()).pathname).toMatch(/^\/cases\/\d+$/);
    await page.goto(`${base}/assessment/scorecard`);
    await expect
      .poll(() => page.getByTestId('scorecard-table').locator('tbody tr.ant-table-row').count(), WAIT)
      .toBeGreaterThan(0);
    await shot('assessment-scorecard');
  });

  it('the scheme editor checks the weights, previews on last month and saves a new version', async () => {
    const { page, base, shot } = app;
    await page.goto(`${base}/assessment/schemes`);
    await page.getByTestId('scheme-indicators').locator('tbody tr.ant-table-row').first().waitFor(WAIT);
    const sum = page.getByTestId('weights-sum');
    await expect.poll(() => sum.textContent(), WAIT).toContain('100');
    const history = page.getByTestId('scheme-history').locator('tbody tr.ant-table-row');
    await page.waitForTimeout(500);
    const before = await history.count();

    // Ten points from valid reports to missed reports (the demo's scheme in force is where the
    // editor starts): the sum is off in between and the save button waits.
    const weight = (code: string) =>
      page.locator(`input[data-testid="weight-${code}"], [data-testid="weight-${code}"] input`).first();
    const valid = Number(await weight('valid_report_rate').inputValue());
    const missed = Number(await weight('missed_report_rate').inputValue());
    expect(valid).toBeGreaterThanOrEqual(10);
    await weight('valid_report_rate').fill(String(valid - 10));
    await expect.poll(() => sum.textContent(), WAIT).toContain('90');
    await expect.poll(() => page.getByTestId('scheme-save').isDisabled(), WAIT).toBe(true);
    await weight('missed_report_rate').fill(String(missed + 10));
    await expect.poll(() => sum.textContent(), WAIT).toContain('100');
    await page.getByTestId('scheme-note').fill('漏报率权重提高 10 个百分点');

    await page.getByTestId('scheme-preview').click();
    const preview = page.getByTestId('scheme-preview-result').locator('tbody tr.ant-table-row');
    await expect.poll(() => preview.count(), WAIT).toBeGreaterThan(0);
    await shot('assessment-scheme-preview');

    await page.getByTestId('scheme-save').click();
    await expect.poll(() => history.count(), WAIT).toBe(before + 1);
    await history.filter({ hasText: '漏报率权重提高 10 个百分点' }).first().waitFor(WAIT);
    await page.getByTestId('assessment-periods').locator('tbody tr.ant-table-row').first().waitFor(WAIT);
    await shot('assessment-schemes');
  });
});
