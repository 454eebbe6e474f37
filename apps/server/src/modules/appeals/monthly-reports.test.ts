import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChain, createOrgUnit, createUser, square } from '../../../test/factories.ts';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { previousMonth } from './jobs.ts';
import { generateMonthlyReports } from './monthly-reports.ts';

// The stored monthly reports (migration 0060) and the appellant's notification, on two districts
// of their own: each district's operator hears of their own district's report only.
let t: TestApp;
let districtA: { id: string; path: string };
let districtB: { id: string; path: string };
let grid: { id: string; path: string };
let community: { id: string; path: string };
let workerId: string;
let worker: Client;
let leader: Client;
let opA: Client;
let opB: Client;
const PERIOD = '2026-11';
const MISSING_FONT = { path: '/nonexistent/no-cjk-font.ttc', face: null };
// No CJK font on a bare machine: any TrueType font makes a valid (if glyph-poor) PDF.
const SOME_FONT = { path: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', face: null };

interface Notice {
  kind: string;
  titleKey: string | null;
  subject: { zh: string; en: string } | null;
  body: string;
  link: string | null;
}
const notices = async (client: Client, kind: string): Promise<Notice[]> =>
  (await client.get('/api/notifications')).data.items.filter((n: Notice) => n.kind === kind);

async function reportRows(unitId: string) {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM assessment_reports
    WHERE unit_id = ${unitId} AND period = ${PERIOD}`.execute(t.db);
  return rows[0]!.n;
}

beforeAll(async () => {
  t = await startTestApp({ seed: 'none', config: { pdfFont: SOME_FONT } });
  const a = await createChain(t.db, { prefix: '1397', boundary: square(114.4, 38.0, 0.2) });
  const b = await createChain(t.db, { prefix: '1396', boundary: square(115.4, 38.0, 0.2) });
  districtA = a.district;
  districtB = b.district;
  community = a.community;
  grid = await createOrgUnit(t.db, { code: '139702001001001', level: 'grid', parent: community });
  workerId = (
    await createUser(t.db, { username: 'mr_worker', roles: ['grid_worker_full'], orgUnitIds: [grid.id] })
  ).id;
  await t.db
    .insertInto('grid_team_members')
    .values({ grid_id: grid.id, user_id: workerId, team_role: 'full_time' })
    .execute();
  await createUser(t.db, { username: 'mr_leader', roles: ['grid_leader'], orgUnitIds: [grid.id] });
  await createUser(t.db, { username: 'mr_op_a', roles: ['district_operator'], orgUnitIds: [districtA.id] });
  await createUser(t.db, { username: 'mr_op_b', roles: ['district_operator'], orgUnitIds: [districtB.id] });
  worker = await t.login('mr_worker');
  leader = await t.login('mr_leader');
  opA = await t.login('mr_op_a');
  opB = await t.login('mr_op_b');
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('stored monthly reports', () => {
  it('the job’s operation stores one report per district; a rerun skips; without a font the .xlsx stands alone', async () => {
    expect(previousMonth(new Date('2026-12-01T01:30:00+08:00'))).toBe('2026-11');
    expect(previousMonth(new Date('2027-01-01T01:30:00+08:00'))).toBe('2026-12');
    const first = await generateMonthlyReports({
      db: t.db,
      hub: t.context.hub,
      period: PERIOD,
      font: MISSING_FONT,
    });
    expect(first.generated.length).toBeGreaterThanOrEqual(2);
    expect(await reportRows(districtA.id)).toBe(1);
    expect(await reportRows(districtB.id)).toBe(1);
    const again = await generateMonthlyReports({
      db: t.db,
      hub: t.context.hub,
      period: PERIOD,
      font: MISSING_FONT,
    });
    expect(again.generated).toEqual([]);
    expect(again.skipped).toEqual(expect.arrayContaining([districtA.id, districtB.id]));
    expect(await reportRows(districtA.id)).toBe(1);

    const list = await opA.get(`/api/assessment/reports?unitId=${districtA.id}`);
    expect(list.statusCode, list.body.slice(0, 300)).toBe(200);
    expect(list.data.items).toHaveLength(1);
    const item = list.data.items[0];
    expect(item).toMatchObject({ unit: { id: districtA.id }, period: PERIOD, generatedBy: null });
    expect(item.files.pdf).toBeNull();
    expect(item.pdfMissing).toContain('WANGGE_PDF_FONT');
    const pdf = await opA.get(`${item.files.xlsx.url.replace('xlsx', 'pdf')}`);
    expect(pdf.statusCode).toBe(409);
    expect((await opA.get(item.files.xlsx.url)).statusCode).toBe(200);
  });

  it('each district’s operators are notified of their own district’s report only, once', async () => {
    const a = await notices(opA, 'assessment_report.ready');
    const b = await notices(opB, 'assessment_report.ready');
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(a[0]!.subject!.zh).toContain(PERIOD);
    expect(a[0]!.link).toContain(`unitId=${districtA.id}`);
    expect(b[0]!.link).toContain(`unitId=${districtB.id}`);
    expect(a[0]!.titleKey).toBe('assessment_report.ready');
    expect(await notices(worker, 'assessment_report.ready')).toHaveLength(0);
  });

  it('on demand: a manager regenerates their district’s report in place; list and download are scope-checked', async () => {
    expect((await worker.post('/api/assessment/reports/generate', { period: PERIOD })).statusCode).toBe(403);
    expect(
      (await opA.post('/api/assessment/reports/generate', { period: PERIOD, unitId: districtB.id }))
        .statusCode,
    ).toBe(404);
    expect((await opA.post('/api/assessment/reports/generate', { period: '2999-01' })).statusCode).toBe(400);
    const res = await opA.post('/api/assessment/reports/generate', { period: PERIOD });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(res.data.items).toHaveLength(1);
    const report = res.data.items[0];
    expect(report).toMatchObject({
      unit: { id: districtA.id },
      pdfMissing: null,
      generatedBy: { name: 'mr_op_a' },
    });
    expect(await reportRows(districtA.id)).toBe(1);
    expect(await notices(opA, 'assessment_report.ready')).toHaveLength(2);
    expect(await notices(opB, 'assessment_report.ready')).toHaveLength(1);

    const listB = await opB.get('/api/assessment/reports');
    expect(listB.data.items.map((r: { unit: { id: string } }) => r.unit.id)).toEqual([districtB.id]);
    expect(listB.data.actions).toEqual(['generate']);
    expect((await opB.get(`/api/assessment/reports?unitId=${districtA.id}`)).statusCode).toBe(404);
    expect((await opB.get(report.files.pdf.url)).statusCode).toBe(404);
    expect((await opB.get(report.files.xlsx.url)).statusCode).toBe(404);
    expect((await worker.get('/api/assessment/reports')).statusCode).toBe(403);

    const pdf = await opA.get(report.files.pdf.url);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.rawPayload.length).toBe(report.files.pdf.bytes);
    const xlsx = await opA.get(report.files.xlsx.url);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('网格员排名');
    const ranking = wb.getWorksheet('网格员排名')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(ranking.slice(2).map((r) => r[2])).toEqual(['mr_worker']);
  });
});

describe('appellant notification', () => {
  let seq = 0;
  async function othersCase() {
    const row = await t.db
      .insertInto('cases')
      .values({
        code: `MR${++seq}`,
        title: `测试事件${seq}`,
        category_code: 'SG01-01',
        source: 'hotline',
        state: 'filed',
        grid_id: grid.id,
        grid_path: grid.path,
        owner_unit_id: community.id,
        owner_path: community.path,
        lon: 114.5,
        lat: 38.05,
        reporter_user_id: null,
        reported_at: new Date(Date.UTC(2026, 10, 3 + seq, 2)),
        filed_at: new Date(Date.UTC(2026, 10, 3 + seq, 3)),
        light: 'green',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('the worker hears the outcome and the leader’s note when an appeal is upheld or overturned', async () => {
    const decided: Record<string, Notice> = {};
    for (const [action, note] of [
      ['uphold', '情况属实，予以剔除'],
      ['overturn', '证据不足，不予支持'],
    ] as const) {
      const filed = await worker.post('/api/assessment/appeals', {
        eventKind: 'case',
        eventId: await othersCase(),
        countName: 'grid.cases_reported_by_others',
        reason: '本人当时正在处置另一起事件',
      });
      expect(filed.statusCode, filed.body.slice(0, 300)).toBe(201);
      const before = (await notices(worker, 'appeal.decided')).length;
      const res = await leader.post(`/api/assessment/appeals/${filed.data.id}/actions/${action}`, {
        version: 1,
        reason: note,
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const after = await notices(worker, 'appeal.decided');
      expect(after).toHaveLength(before + 1);
      decided[action] = after[0]!;
    }
    expect(decided.uphold).toMatchObject({
      titleKey: 'appeal.decided.upheld',
      body: '情况属实，予以剔除',
      link: '/assessment/appeals',
    });
    expect(decided.uphold!.subject!.zh).toContain(PERIOD);
    expect(decided.overturn).toMatchObject({
      titleKey: 'appeal.decided.overturned',
      body: '证据不足，不予支持',
    });
    // Only the appellant.
    expect(await notices(leader, 'appeal.decided')).toHaveLength(0);
    expect(await notices(opA, 'appeal.decided')).toHaveLength(0);
  });
});
