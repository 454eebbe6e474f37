import { addMonths, monthOf, monthRange, monthsSoFar, periodScore } from '@wangge/rules';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

// Quarters, half-years and years on the demo district: a longer period ranks the mean of its
// months' scores, each month as its own ranking shows it; the year's 十佳 come from it.
let t: TestApp;
let district: Client;
const current = monthOf(new Date());
const year = current.slice(0, 4);

beforeAll(async () => {
  t = await startTestApp();
  district = await t.login('district');
}, 240_000);
afterAll(() => t?.close());

type Item = { subject: { id: string }; composite: number | null; grade: string | null; rank: number | null };

async function ranking(period: string): Promise<{ items: Item[]; topTen: Item[]; frozen: boolean }> {
  const res = await district.get(`/api/assessment/rankings?period=${period}&subject=worker`);
  expect(res.statusCode, res.body).toBe(200);
  return res.data;
}

describe('longer review periods', () => {
  it('rank the quarter by the mean of its months’ scores', async () => {
    const lastMonth = addMonths(current, -1);
    const quarter = `${lastMonth.slice(0, 4)}-Q${Math.floor((Number(lastMonth.slice(5)) - 1) / 3) + 1}`;
    const months = monthsSoFar(quarter);
    const monthly = await Promise.all(months.map(ranking));
    const long = await ranking(quarter);
    expect(long.items.length).toBe(monthly[0]!.items.length);
    let compared = 0;
    for (const item of long.items.slice(0, 15)) {
      const own = monthly.map(
        (m) => m.items.find((i) => i.subject.id === item.subject.id)?.composite ?? null,
      );
      expect(item.composite, item.subject.id).toBe(periodScore(own));
      if (item.composite !== null) compared++;
    }
    expect(compared).toBeGreaterThan(5);
    // Ranked by that mean, best first.
    const scores = long.items.map((i) => i.composite).filter((c): c is number => c !== null);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('give the year’s top ten', async () => {
    const res = await ranking(year);
    expect(res.topTen.length).toBeGreaterThan(0);
    expect(res.topTen.length).toBeLessThanOrEqual(10);
    for (const item of res.topTen) expect(item.rank).toBeLessThanOrEqual(10);
  });

  it('refuse a malformed period or one not begun, naming the field', async () => {
    for (const bad of [`${year}-Q5`, `${year}-H3`, `${year}-13`]) {
      const res = await district.get(`/api/assessment/rankings?period=${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(JSON.stringify(res.data.error), bad).toContain('period');
    }
    const future = await district.get(`/api/assessment/rankings?period=${Number(year) + 1}`);
    expect(future.statusCode).toBe(400);
    expect(future.data.error.details.field).toBe('period');
  });
});

describe('the monthly report', () => {
  it('quotes the month’s venue inspections as the seeds do: done, hazards found, handled', async () => {
    const period = addMonths(current, -1);
    const { from, to } = monthRange(period);
    const rows = await t.db
      .selectFrom('inspections as i')
      .leftJoin('cases as c', 'c.id', 'i.case_id')
      .select(['i.outcome', 'c.state'])
      .where('i.observed_at', '>=', from)
      .where('i.observed_at', '<', to)
      .execute();
    const hazards = rows.filter((r) => r.outcome === 'fail');
    const handled = hazards.filter((r) =>
      ['handled', 'verified', 'closed', 'evaluated', 'archived'].includes(r.state ?? ''),
    );
    expect(rows.length).toBeGreaterThan(0);
    const file = await district.get(`/api/assessment/reports/${period}?format=xlsx`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('场所检查')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(sheet[2]!.slice(1, 4)).toEqual([rows.length, hazards.length, handled.length]);
  });
});
