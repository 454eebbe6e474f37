import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../../test/harness.ts';
import { chinaMinute } from './watermark.ts';

let t: TestApp;
let street1: Client;
let who: string;

beforeAll(async () => {
  t = await startTestApp();
  street1 = await t.login('street1');
  const user = await t.db
    .selectFrom('users')
    .select(['display_name'])
    .where('username', '=', 'street1')
    .executeTakeFirstOrThrow();
  who = `${user.display_name}（street1）`;
});
afterAll(async () => {
  await t?.close();
});

/** A minute window around the call: the mark's time is one of these minutes. */
async function minutesAround<T>(fn: () => Promise<T>): Promise<[T, string[]]> {
  const before = new Date();
  const result = await fn();
  return [result, [...new Set([chinaMinute(before), chinaMinute(new Date())])]];
}

describe('personal-data watermarks', () => {
  it('marks an exported workbook with who and when: properties and every page footer', async () => {
    const [res, minutes] = await minutesAround(() => street1.get('/api/registers/export/people'));
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.creator).toBe(who);
    expect(wb.lastModifiedBy).toBe(who);
    expect(wb.description).toMatch(new RegExp(`^${who}于 (${minutes.join('|')}) 导出，仅限工作使用`));
    expect(wb.keywords).toMatch(/^wangge-export user:street1 user-id:\d+ at:\d{4}-/);
    expect(wb.worksheets.length).toBe(1);
    for (const ws of wb.worksheets) {
      const footer = ws.headerFooter.oddFooter ?? '';
      expect(footer).toMatch(new RegExp(`^&L导出人 ${who} · (${minutes.join('|')}) · 仅限工作使用&R`));
      expect(footer).toContain('&P');
    }
  });

  it('returns a watermark with the revealed value', async () => {
    const person = await sql<{ id: string }>`
      SELECT p.id FROM people p WHERE starts_with(p.grid_path, (
        SELECT o.path FROM users u JOIN user_assignments a ON a.user_id = u.id
        JOIN org_units o ON o.id = a.org_unit_id WHERE u.username = 'street1'))
      ORDER BY p.id LIMIT 1`.execute(t.db);
    const id = person.rows[0]!.id;
    const [res, minutes] = await minutesAround(() =>
      street1.post(`/api/people/${id}/reveal`, { field: 'idNumber', reason: '核实身份' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.data.value).toMatch(/^\d{17}[\dX]$/);
    expect(res.data.watermark).toMatch(new RegExp(`^查看人 ${who} · (${minutes.join('|')}) · 仅限工作使用$`));
  });
});
