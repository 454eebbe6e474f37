import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { idNumberCheckChar } from '@wangge/rules';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { CHROMIUM, type ConsoleTest, startConsoleTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const PASSWORD = 'Wangge@2026';
const COMMUNITY = '120110001001';
const GRID = '120110001001001';
const WAIT = { timeout: 30_000 };

/**
 * 一标三实导入导出 as the community operator: download the address template, fill in a small tree
 * with one bad row, see that row named (row, column, reason) and the import refused, fix it, dry-run
 * clean, apply, find the new room in the register search and in the scoped export.
 */
describe.skipIf(!chromium.available)('register import in Chromium', () => {
  let t: TestApp;
  let base: string;
  let page: Page;
  let shot: ConsoleTest['shot'];
  let close: ConsoleTest['close'] | undefined;
  let tmp: string;

  /** Saves what clicking the element downloads; returns its first worksheet as rows of text. */
  const download = async (testId: string, name: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    const saved = path.join(tmp, name);
    await file.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return rows;
  };

  beforeAll(async () => {
    ({ t, base, page, shot, close } = await startConsoleTest(1400));
    tmp = await mkdtemp(path.join(tmpdir(), 'wangge-register-import-'));
  }, 300_000);
  afterAll(async () => {
    await close?.();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('template → a bad row named → fixed → dry run clean → applied → searchable and exported', async () => {
    await page.goto(`${base}/login`);
    await page.evaluate(() => localStorage.setItem('wangge.lang', 'zh'));
    await page.fill('#username', 'community1');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), WAIT);
    await page.getByTestId('user-name').waitFor(WAIT);

    await page.getByTestId('nav-registers-import').click();
    await page.waitForURL((url) => url.pathname === '/registers/import', WAIT);
    await page.getByTestId('register-import-panel').waitFor(WAIT);

    // The standard-address template: Chinese headers (required ones starred), hints, an example tree.
    const template = await download('register-import-template', 'template.xlsx');
    const [headers, hints] = template;
    expect(headers).toEqual(
      expect.arrayContaining(['地址编码', '上级地址编码', '上级地址', '层级*', '名称*']),
    );
    expect(template.some((r) => r.includes('示范路'))).toBe(true);

    // A small tree on the template's two top rows; the last row's unit lacks its number.
    const column = (header: string) => headers!.findIndex((h) => h.replace(/\*$/, '') === header);
    const row = (cells: Record<string, string | number>) => {
      const out: (string | number)[] = headers!.map(() => '');
      for (const [header, value] of Object.entries(cells)) out[column(header)] = value;
      return out;
    };
    const tree = (secondUnitNo: number | '') => [
      row({ 地址编码: 'BRW', 层级: '路/街巷', 名称: '浏览器测试路', 网格编码: COMMUNITY }), // 3
      row({ 地址编码: 'BRW-6', 上级地址编码: 'BRW', 层级: '门牌号', 名称: '6号' }), // 4
      row({ 地址编码: 'BRW-6-1', 上级地址编码: 'BRW-6', 层级: '楼栋', 名称: '1号楼', 网格编码: GRID }), // 5
      row({ 上级地址: '浏览器测试路/6号/1号楼', 层级: '单元', 名称: '1单元', 单元号: 1 }), // 6
      row({ 上级地址: '浏览器测试路/6号/1号楼/1单元', 层级: '房间', 名称: '101室', 楼层: 1, 房号: '101' }), // 7
      row({ 上级地址: '浏览器测试路/6号/1号楼', 层级: '单元', 名称: '2单元', 单元号: secondUnitNo }), // 8
    ];
    const save = async (name: string, rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('标准地址');
      ws.addRow(headers!);
      ws.addRow(hints!);
      for (const r of rows) ws.addRow(r);
      const file = path.join(tmp, name);
      await wb.xlsx.writeFile(file);
      return file;
    };
    const input = page.getByTestId('register-import-panel').locator('input[type=file]');
    const result = page.getByTestId('register-import-result');

    await input.setInputFiles(await save('地址-有错.xlsx', tree('')));
    await page.locator('[data-testid="register-import-result"][data-status="rejected"]').waitFor(WAIT);
    const errorRows = page.getByTestId('register-import-errors').locator('tbody tr.ant-table-row');
    expect(await errorRows.count()).toBe(1);
    const cells = await errorRows.first().locator('td').allTextContents();
    expect(cells[0]).toBe('8');
    expect(cells[1]).toBe('单元号');
    expect(cells[2]).toContain('单元需要单元号');
    expect(await result.textContent()).toContain('未写入任何数据');
    expect(await page.getByTestId('register-import-confirm').isDisabled()).toBe(true);
    await shot('register-import');

    // Fixed: the dry run is clean, and only now can it be applied.
    await input.setInputFiles(await save('地址.xlsx', tree(2)));
    await page
      .locator('[data-testid="register-import-result"][data-status="succeeded"][data-dry-run="true"]')
      .waitFor(WAIT);
    expect(await result.textContent()).toContain('试导入通过');
    expect(await t.db.selectFrom('addresses').select('id').where('code', '=', 'BRW').execute()).toEqual([]);
    const confirm = page.getByTestId('register-import-confirm');
    await expect.poll(() => confirm.isEnabled(), WAIT).toBe(true);
    await confirm.click();
    await page.locator('.ant-modal').getByRole('button', { name: '确认导入' }).click();
    await page
      .locator('[data-testid="register-import-result"][data-status="succeeded"][data-dry-run="false"]')
      .waitFor(WAIT);
    expect(await result.textContent()).toContain('导入完成：新增 6 条');
    await shot('register-import-applied');

    // The new room is found by the register search …
    await page.getByRole('link', { name: '在一标三实中查询' }).click();
    await page.getByTestId('register-search').waitFor(WAIT);
    const search = page
      .locator('input[data-testid="register-search-input"], [data-testid="register-search-input"] input')
      .first();
    await search.fill('浏览器测试路');
    await search.press('Enter');
    const results = page.getByTestId('register-results');
    await results.waitFor(WAIT);
    await expect.poll(() => results.textContent(), WAIT).toContain('浏览器测试路6号1号楼1单元101室');
    await shot('register-import-search');

    // … and is in the community's export, under the import's headers.
    await page.getByTestId('nav-registers-import').click();
    await page.getByTestId('register-export-addresses').waitFor(WAIT);
    const exported = await download('register-export-addresses', 'export.xlsx');
    const room = exported.find((r) => r.includes('浏览器测试路6号1号楼1单元101室'));
    expect(room).toBeDefined();
    expect(room![exported[0]!.indexOf('上级地址编码')]).toBe('BRW-6-1.1');
    expect(exported.slice(1).every((r) => r[exported[0]!.indexOf('网格编码')]!.startsWith(COMMUNITY))).toBe(
      true,
    );
  }, 180_000);

  it('a big file runs as a background job: a progress bar, polled to its end', async () => {
    await page.getByTestId('nav-registers-import').click();
    await page.getByTestId('register-import-kind').getByText('实有人口').click();
    const template = await download('register-import-template', 'people-template.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('实有人口');
    ws.addRow(template[0]!);
    const column = (header: string) => template[0]!.findIndex((h) => h.replace(/\*$/, '') === header);
    // Enough distinct rows that the workbook is over the 256 KB answered within the request.
    for (let i = 0; i < 12_000; i++) {
      const birth = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000)
        .toISOString()
        .slice(0, 10)
        .replaceAll('-', '');
      // Born elsewhere (Hebei): no demo resident has these numbers.
      const first17 = `130102${birth}${String(i % 1000).padStart(3, '0')}`;
      const cells: string[] = template[0]!.map(() => '');
      cells[column('姓名')] = `批量${i}`;
      cells[column('身份证号码')] = first17 + idNumberCheckChar(first17);
      cells[column('联系电话')] = `139${String(i * 7919).padStart(8, '0')}`;
      cells[column('网格编码')] = GRID;
      ws.addRow(cells);
    }
    const file = path.join(tmp, '人口-批量.xlsx');
    await wb.xlsx.writeFile(file);
    expect((await stat(file)).size).toBeGreaterThan(256 * 1024);

    const accepted = page.waitForResponse((res) => res.url().includes('/api/registers/import/people'));
    await page.getByTestId('register-import-panel').locator('input[type=file]').setInputFiles(file);
    expect((await accepted).status()).toBe(202);
    await page.getByTestId('register-import-progress').waitFor(WAIT);
    await shot('register-import-progress');
    const result = page.getByTestId('register-import-result');
    await page
      .locator('[data-testid="register-import-result"]:not([data-status="running"])')
      .waitFor({ timeout: 120_000 });
    expect(await result.getAttribute('data-status'), (await result.textContent()) ?? '').toBe('succeeded');
    expect(await result.textContent()).toContain('试导入通过：12000 行');
  }, 180_000);
});
