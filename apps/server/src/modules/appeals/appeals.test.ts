import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monthRange } from '@wangge/rules';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChain, createOrgUnit, createUser, square } from '../../../test/factories.ts';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { systemTool } from '../../../test/system-tools.ts';
import { countEvents } from '../assessment/event-counts.ts';
import { uploadPhoto } from '../cases/test-helpers.ts';

const PDFTOTEXT = '/usr/bin/pdftotext';
const pdftotext = systemTool(PDFTOTEXT, 'poppler-utils');

// Appeals (申诉) and the bonus sheet through HTTP, on a district of its own made here so every
// count can be done by hand: December 2026, China time.
let t: TestApp;
let grid: { id: string; path: string };
let otherGrid: { id: string; path: string };
let district: { id: string; path: string };
let community: { id: string; path: string };
let workerId: string;
let worker: Client;
let leader: Client;
let stranger: Client;
let operator: Client;
const PERIOD = '2026-12';
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 11, day, hour - 8));
let seq = 0;

async function newCase(values: {
  reporter: string | null;
  filed?: boolean;
  voided?: boolean;
  light?: 'green' | 'yellow' | 'red';
}) {
  const row = await t.db
    .insertInto('cases')
    .values({
      code: `AP${++seq}`,
      title: `测试事件${seq}`,
      category_code: 'SG01-01',
      source: values.reporter ? 'patrol' : 'hotline',
      state: values.voided ? 'voided' : 'filed',
      grid_id: grid.id,
      grid_path: grid.path,
      owner_unit_id: community.id,
      owner_path: community.path,
      lon: 114.5,
      lat: 38.05,
      reporter_user_id: values.reporter,
      reported_at: at(3 + seq),
      filed_at: values.filed ? at(3 + seq, 11) : null,
      light: values.light ?? 'green',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function counts() {
  const { from, to } = monthRange(PERIOD);
  return (await countEvents({ db: t.db, subjectType: 'worker', ids: [workerId], from, to })).get(
    Number(workerId),
  )!;
}

let mine: string[] = [];
let missed: string;
let red: string;

beforeAll(async () => {
  t = await startTestApp({ seed: 'none' });
  const chain = await createChain(t.db, { prefix: '1398', boundary: square(114.4, 38.0, 0.2) });
  district = chain.district;
  community = chain.community;
  grid = await createOrgUnit(t.db, { code: '139802001001001', level: 'grid', parent: community });
  otherGrid = await createOrgUnit(t.db, { code: '139802001001002', level: 'grid', parent: community });
  workerId = (
    await createUser(t.db, { username: 'ap_worker', roles: ['grid_worker_full'], orgUnitIds: [grid.id] })
  ).id;
  const strangerId = (
    await createUser(t.db, {
      username: 'ap_stranger',
      roles: ['grid_worker_full'],
      orgUnitIds: [otherGrid.id],
    })
  ).id;
  await createUser(t.db, { username: 'ap_leader', roles: ['grid_leader'], orgUnitIds: [grid.id] });
  await createUser(t.db, {
    username: 'ap_district',
    roles: ['district_operator'],
    orgUnitIds: [district.id],
  });
  await t.db
    .insertInto('grid_team_members')
    .values([
      { grid_id: grid.id, user_id: workerId, team_role: 'full_time' },
      { grid_id: otherGrid.id, user_id: strangerId, team_role: 'full_time' },
    ])
    .execute();
  // The worker reports 3 (2 filed = valid, 1 voided); residents report 2 first (missed reports),
  // one of them went red.
  mine = [
    await newCase({ reporter: workerId, filed: true }),
    await newCase({ reporter: workerId, filed: true }),
    await newCase({ reporter: workerId, voided: true }),
  ];
  missed = await newCase({ reporter: null, filed: true });
  red = await newCase({ reporter: null, filed: true, light: 'red' });
  worker = await t.login('ap_worker');
  leader = await t.login('ap_leader');
  stranger = await t.login('ap_stranger');
  operator = await t.login('ap_district');
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('appeals', () => {
  let appealId: string;
  let photo: string;

  it('a worker files an appeal with a reason and a photo; the leader sees it with its actions', async () => {
    expect((await counts())['grid.cases_reported_by_others']).toBe(2);
    photo = await uploadPhoto(worker);
    const bad = await worker.post('/api/assessment/appeals', {
      eventKind: 'visit',
      eventId: missed,
      countName: 'grid.cases_reported_by_others',
      reason: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.details.field).toBe('eventKind');
    const res = await worker.post('/api/assessment/appeals', {
      eventKind: 'case',
      eventId: missed,
      countName: 'grid.cases_reported_by_others',
      reason: '该问题发生时本人正在处置另一起事件，居民先行拨打热线',
      attachmentIds: [photo],
    });
    expect(res.statusCode).toBe(201);
    appealId = res.data.id;
    expect(res.data).toMatchObject({
      state: 'submitted',
      version: 1,
      period: PERIOD,
      countName: 'grid.cases_reported_by_others',
      event: { kind: 'case', id: missed, code: expect.stringMatching(/^AP/), link: `/cases/${missed}` },
      actions: [],
    });
    expect(res.data.photos).toHaveLength(1);
    // Once per event.
    const again = await worker.post('/api/assessment/appeals', {
      eventKind: 'case',
      eventId: missed,
      countName: 'grid.cases_reported_by_others',
      reason: '再次申诉',
    });
    expect(again.statusCode).toBe(409);
    // Someone else's photo is refused, naming the field.
    const strangersPhoto = await uploadPhoto(stranger);
    const notMine = await worker.post('/api/assessment/appeals', {
      eventKind: 'case',
      eventId: red,
      countName: 'grid.cases_red',
      reason: '红牌非本人责任',
      attachmentIds: [strangersPhoto],
    });
    expect(notMine.data.error.details.field).toBe('attachmentIds');
    // Not an event of the stranger's.
    const foreign = await stranger.post('/api/assessment/appeals', {
      eventKind: 'case',
      eventId: missed,
      countName: 'grid.cases_reported_by_others',
      reason: 'x',
    });
    expect(foreign.data.error.details.field).toBe('eventId');

    const inbox = await leader.get('/api/assessment/appeals?state=submitted');
    expect(inbox.statusCode).toBe(200);
    const item = inbox.data.items.find((a: { id: string }) => a.id === appealId);
    expect(item.actions).toEqual(['uphold', 'overturn']);
    expect((await leader.get(item.photos[0].thumbnailUrl)).headers['content-type']).toBe('image/jpeg');
    // The worker sees their own; another grid's worker does not see it at all.
    expect(
      (await worker.get('/api/assessment/appeals')).data.items.map((a: { id: string }) => a.id),
    ).toContain(appealId);
    expect((await stranger.get(`/api/assessment/appeals/${appealId}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/assessment/appeals')).data.total).toBe(0);
  });

  it('the appellant cannot decide; overturn needs a reason; a stale version is 409', async () => {
    const own = await worker.post(`/api/assessment/appeals/${appealId}/actions/uphold`, { version: 1 });
    expect(own.statusCode).toBe(403);
    const noReason = await leader.post(`/api/assessment/appeals/${appealId}/actions/overturn`, {
      version: 1,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.data.error.details.field).toBe('reason');
    const stale = await leader.post(`/api/assessment/appeals/${appealId}/actions/uphold`, { version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.data.error.code).toBe('stale_version');
    expect((await counts())['grid.cases_reported_by_others']).toBe(2);
  });

  it('upheld: the event leaves the worker’s counts in the same step, audited', async () => {
    const res = await leader.post(`/api/assessment/appeals/${appealId}/actions/uphold`, {
      version: 1,
      reason: '情况属实',
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      state: 'upheld',
      version: 2,
      actions: [],
      decision: { reason: '情况属实' },
    });
    expect((await counts())['grid.cases_reported_by_others']).toBe(1);
    const decided = await leader.post(`/api/assessment/appeals/${appealId}/actions/overturn`, {
      version: 2,
      reason: '改判',
    });
    expect(decided.statusCode).toBe(409);
    const audit = await sql<{ action: string }>`SELECT action FROM audit_log
      WHERE target_type = 'assessment_appeal' AND target_id = ${appealId} ORDER BY seq`.execute(t.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['assessment.appeal.filed', 'assessment.appeal.upheld']);
  });

  it('overturned: the score does not move', async () => {
    const filed = await worker.post('/api/assessment/appeals', {
      eventKind: 'case',
      eventId: mine[2]!,
      countName: 'reports.total',
      reason: '重复上报系误操作',
    });
    expect(filed.statusCode).toBe(201);
    const before = await counts();
    const res = await leader.post(`/api/assessment/appeals/${filed.data.id}/actions/overturn`, {
      version: 1,
      reason: '上报无效，不予剔除',
    });
    expect(res.data.state).toBe('overturned');
    expect(await counts()).toEqual(before);
  });
});

describe('bonus sheet', () => {
  it('items per district with history; the sheet sums per line and in total; the xlsx holds the same numbers', async () => {
    const items = [
      { count: 'reports.valid', amountFen: 500 },
      { count: 'reports.total', amountFen: 1, cap: 2 },
      { count: 'grid.cases_reported_by_others', amountFen: -1000 },
      { count: 'grid.cases_red', amountFen: -2000 },
    ];
    const older = await operator.post('/api/assessment/bonus-items', {
      unitId: district.id,
      effectiveFrom: '2026-01',
      items: [{ count: 'reports.valid', amountFen: 100 }],
    });
    expect(older.statusCode).toBe(201);
    const res = await operator.post('/api/assessment/bonus-items', {
      unitId: district.id,
      effectiveFrom: PERIOD,
      items,
      note: '2026 年 12 月起',
    });
    expect(res.statusCode).toBe(201);
    const unknown = await operator.post('/api/assessment/bonus-items', {
      unitId: district.id,
      effectiveFrom: PERIOD,
      items: [{ count: 'nonsense.count', amountFen: 1 }],
    });
    expect(unknown.data.error.details.field).toBe('items/0/count');
    expect(
      (
        await worker.post('/api/assessment/bonus-items', {
          unitId: district.id,
          effectiveFrom: PERIOD,
          items,
        })
      ).statusCode,
    ).toBe(403);
    const history = await operator.get(`/api/assessment/bonus-items?unitId=${district.id}`);
    expect(history.data.items.map((s: { effectiveFrom: string }) => s.effectiveFrom)).toEqual([
      PERIOD,
      '2026-01',
    ]);

    const sheet = await operator.get(`/api/assessment/bonuses?period=${PERIOD}&unitId=${community.id}`);
    expect(sheet.statusCode).toBe(200);
    const row = sheet.data.rows.find((r: { worker: { id: string } }) => r.worker.id === workerId);
    // By hand: 2 valid × 5.00; 3 reports capped at 2 × 0.01; 1 missed (the other upheld away) × −10.00;
    // 1 red × −20.00.
    expect(row.lines).toEqual([
      { count: 'reports.valid', events: 2, counted: 2, amountFen: 500, totalFen: 1000 },
      { count: 'reports.total', events: 3, counted: 2, amountFen: 1, totalFen: 2 },
      { count: 'grid.cases_reported_by_others', events: 1, counted: 1, amountFen: -1000, totalFen: -1000 },
      { count: 'grid.cases_red', events: 1, counted: 1, amountFen: -2000, totalFen: -2000 },
    ]);
    expect(row).toMatchObject({ bonusFen: 1002, deductionFen: -3000, totalFen: -1998 });
    const strangerRow = sheet.data.rows.find(
      (r: { worker: { username: string } }) => r.worker.username === 'ap_stranger',
    );
    expect(strangerRow.totalFen).toBe(0);
    expect(sheet.data.totals).toEqual({ bonusFen: 1002, deductionFen: -3000, totalFen: -1998 });
    // The older version is in force for an earlier month.
    const november = await operator.get(`/api/assessment/bonuses?period=2026-11&unitId=${community.id}`);
    expect(november.data.items).toEqual([{ count: 'reports.valid', amountFen: 100, cap: null }]);

    const file = await operator.get(
      `/api/assessment/bonuses?period=${PERIOD}&unitId=${community.id}&format=xlsx`,
    );
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(wb.creator).toContain('ap_district');
    const ws = wb.worksheets[0]!;
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const line = rows.find((r) => r[2] === 'ap_worker')!;
    // name, username, grid, then (count, yuan) per item, then bonus, deduction, total.
    expect(line.slice(4)).toEqual([2, 10, 2, 0.02, 1, -10, 1, -20, 10.02, -30, -19.98]);
    const total = rows.find((r) => r[1] === '合计')!;
    expect(total.slice(-3)).toEqual([10.02, -30, -19.98]);
    expect(String(rows.at(-1)![1])).toContain('导出人');
  });
});

describe('monthly report', () => {
  it('the .xlsx opens and holds the ranking of the unit’s workers', async () => {
    const file = await operator.get(`/api/assessment/reports/${PERIOD}?unitId=${community.id}&format=xlsx`);
    expect(file.statusCode, file.body.slice(0, 300)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '十佳网格员',
      '网格员排名',
      '部门排名',
      '调度员排名',
      '单位指标',
      '场所检查',
    ]);
    const ranking = wb.getWorksheet('网格员排名')!.getSheetValues().filter(Boolean) as unknown[][];
    const names = ranking.slice(2).map((r) => r[2]);
    expect(names.sort()).toEqual(['ap_stranger', 'ap_worker']);
    expect((await worker.get(`/api/assessment/reports/${PERIOD}`)).statusCode).toBe(403);
  });

  it.skipIf(!pdftotext.available)(
    'the PDF holds the same ranking, in Chinese, with its chart and the exporter',
    async () => {
      const file = await operator.get(`/api/assessment/reports/${PERIOD}?unitId=${community.id}&format=pdf`);
      expect(file.statusCode, file.body.slice(0, 300)).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const dir = await mkdtemp(path.join(os.tmpdir(), 'wangge-report-'));
      try {
        await writeFile(path.join(dir, 'r.pdf'), file.rawPayload);
        const text = execFileSync(PDFTOTEXT, ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
        for (const words of [
          '网格化服务管理考核月报',
          '十佳网格员',
          '等级分布',
          '网格员考核排名',
          'ap_stranger',
          'ap_worker',
          '导出人',
        ])
          expect(text, words).toContain(words);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
