import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChain, createOrgUnit, createUser, square } from '../../../test/factories.ts';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

// Scores, rankings, events, freezing and schemes through HTTP, on a district of its own made here
// (a grid with two full-time workers and an operator), against a hand count of the cases made here.
let t: TestApp;
let operator: Client;
let workerA: Client;
let workerB: Client;
let ids: {
  a: string;
  b: string;
  district: string;
  street: string;
  grid: { id: string; path: string };
  community: { id: string; path: string };
};
let seq = 0;
const SEPT = (day: number) => new Date(Date.UTC(2026, 8, day, 2));
const OCT = (day: number) => new Date(Date.UTC(2026, 9, day, 2));

async function newCase(values: { reporter: string | null; reportedAt: Date; filed: boolean }) {
  const row = await t.db
    .insertInto('cases')
    .values({
      code: `KH${++seq}`,
      title: `考核测试${seq}`,
      category_code: 'SG01-01',
      source: values.reporter ? 'patrol' : 'hotline',
      state: values.filed ? 'filed' : 'reported',
      grid_id: ids.grid.id,
      grid_path: ids.grid.path,
      owner_unit_id: ids.community.id,
      owner_path: ids.community.path,
      lon: 117.9,
      lat: 39.9,
      reporter_user_id: values.reporter,
      reported_at: values.reportedAt,
      filed_at: values.filed ? values.reportedAt : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

beforeAll(async () => {
  t = await startTestApp();
  const chain = await createChain(t.db, { prefix: '1399', boundary: square(117.8, 39.8, 0.2) });
  const grid = await createOrgUnit(t.db, { code: '139902001001001', level: 'grid', parent: chain.community });
  const a = await createUser(t.db, {
    username: 'kh_worker_a',
    roles: ['grid_worker_full'],
    orgUnitIds: [grid.id],
  });
  // One full-time worker per grid: B has the next grid, where nothing happened.
  const grid2 = await createOrgUnit(t.db, {
    code: '139902001001002',
    level: 'grid',
    parent: chain.community,
  });
  const b = await createUser(t.db, {
    username: 'kh_worker_b',
    roles: ['grid_worker_full'],
    orgUnitIds: [grid2.id],
  });
  await t.db
    .insertInto('grid_team_members')
    .values([
      { grid_id: grid.id, user_id: a.id, team_role: 'full_time' },
      { grid_id: grid2.id, user_id: b.id, team_role: 'full_time' },
    ])
    .execute();
  await createUser(t.db, {
    username: 'kh_operator',
    roles: ['district_operator'],
    orgUnitIds: [chain.district.id],
  });
  ids = {
    a: String(a.id),
    b: String(b.id),
    district: String(chain.district.id),
    street: String(chain.street.id),
    grid: { id: String(grid.id), path: grid.path },
    community: { id: String(chain.community.id), path: chain.community.path },
  };
  // September: A reports 4 (3 filed), B none, a resident's hotline call 1 → the grid's 5 cases.
  for (const filed of [true, true, true, false])
    await newCase({ reporter: ids.a, reportedAt: SEPT(10), filed });
  await newCase({ reporter: null, reportedAt: SEPT(11), filed: true });
  operator = await t.login('kh_operator');
  workerA = await t.login('kh_worker_a');
  workerB = await t.login('kh_worker_b');
});
afterAll(() => t?.close());

describe('assessment', () => {
  it("a worker's score is the hand count: 3 of 4 reports valid, 1 of 5 grid cases missed", async () => {
    const res = await operator.get(`/api/assessment/scores/worker/${ids.a}?period=2026-09`);
    expect(res.statusCode, res.body).toBe(200);
    const by = Object.fromEntries(res.data.indicators.map((i: { code: string }) => [i.code, i]));
    expect(by.valid_report_rate).toMatchObject({
      numerator: { name: 'reports.valid', count: 3 },
      denominator: { name: 'reports.total', count: 4 },
      value: 75,
      score: 78.9,
    });
    // 20 % missed against 10 % (low is good): 0.
    expect(by.missed_report_rate).toMatchObject({
      numerator: { count: 1 },
      denominator: { count: 5 },
      value: 20,
      score: 0,
    });
    expect(by.on_time_verification).toMatchObject({ value: null, score: null });
    // (40 × 78.947 + 20 × 0) ÷ 60 = 52.6 → D.
    expect(res.data).toMatchObject({ composite: 52.6, grade: 'D', frozen: false, rank: 1, rankOf: 1 });
    const events = await operator.get(by.valid_report_rate.eventsUrl);
    expect(events.statusCode, events.body).toBe(200);
    expect(events.data.total).toBe(3);
    expect(
      events.data.items.every(
        (e: { kind: string; link: string }) => e.kind === 'case' && e.link.startsWith('/cases/'),
      ),
    ).toBe(true);
  });

  it('a worker reads their own score and their window of the ranking, not another worker’s score', async () => {
    expect((await workerA.get(`/api/assessment/scores/worker/${ids.a}?period=2026-09`)).statusCode).toBe(200);
    const other = await workerA.get(`/api/assessment/scores/worker/${ids.b}?period=2026-09`);
    expect(other.statusCode).toBe(403);
    expect(other.data.error.code).toBeDefined();
    const window = await workerB.get('/api/assessment/rankings?period=2026-09');
    expect(window.statusCode, window.body).toBe(200);
    expect(window.data.unit.id).toBe(ids.district);
    expect(window.data.total).toBe(2);
    expect(window.data.items.some((i: { self: boolean }) => i.self)).toBe(true);
    const full = await operator.get(`/api/assessment/rankings?period=2026-09&unitId=${ids.street}`);
    expect(full.data.items.map((i: { subject: { id: string } }) => i.subject.id)).toEqual([ids.a, ids.b]);
    // B had nothing to judge: unranked.
    expect(full.data.items[1]).toMatchObject({ rank: null, composite: null });
  });

  it('a unit outside the caller’s scope is 404', async () => {
    const demoDistrict = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', '120110000000')
      .executeTakeFirstOrThrow();
    const res = await operator.get(`/api/assessment/rankings?period=2026-09&unitId=${demoDistrict.id}`);
    expect(res.statusCode).toBe(404);
  });

  it('a frozen month does not move when a late event arrives; freezing twice or an open month is 409', async () => {
    const frozen = await operator.post('/api/assessment/periods/2026-09/freeze', { unitId: ids.district });
    expect(frozen.statusCode, frozen.body).toBe(200);
    expect(frozen.data.results).toBeGreaterThan(0);
    await newCase({ reporter: ids.a, reportedAt: SEPT(20), filed: true });
    const after = await operator.get(`/api/assessment/scores/worker/${ids.a}?period=2026-09`);
    expect(after.data).toMatchObject({ composite: 52.6, frozen: true });
    expect(
      (await operator.post('/api/assessment/periods/2026-09/freeze', { unitId: ids.district })).data.error,
    ).toMatchObject({
      details: { state: 'frozen' },
    });
    const open = await operator.post('/api/assessment/periods/2099-01/freeze', { unitId: ids.district });
    expect(open.statusCode).toBe(409);
    const periods = await operator.get(`/api/assessment/periods?unitId=${ids.district}`);
    expect(periods.data.items.find((p: { period: string }) => p.period === '2026-09')).toMatchObject({
      state: 'frozen',
      actions: [],
    });
    expect(
      (await workerA.post('/api/assessment/periods/2026-08/freeze', { unitId: ids.district })).statusCode,
    ).toBe(403);
  });

  it('a scheme changed from October applies from October only; weights must sum to 100', async () => {
    const bad = await operator.post('/api/assessment/schemes', {
      unitId: ids.district,
      subject: 'worker',
      effectiveFrom: '2026-10',
      indicators: [{ code: 'valid_report_rate', weight: 90, target: 95 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.details.field).toBe('indicators');
    const scheme = await operator.post('/api/assessment/schemes', {
      unitId: ids.district,
      subject: 'worker',
      effectiveFrom: '2026-10',
      indicators: [
        { code: 'valid_report_rate', weight: 100, target: 95 },
        { code: 'missed_report_rate', weight: 0, target: 10 },
      ],
      note: '十月起只考核有效上报率',
    });
    expect(scheme.statusCode, scheme.body).toBe(201);
    await newCase({ reporter: ids.a, reportedAt: OCT(8), filed: true });
    const oct = await operator.get(`/api/assessment/scores/worker/${ids.a}?period=2026-10`);
    expect(oct.data).toMatchObject({
      composite: 100,
      grade: 'A',
      scheme: { id: scheme.data.id, effectiveFrom: '2026-10' },
    });
    const sept = await operator.get(`/api/assessment/scores/worker/${ids.a}?period=2026-09`);
    expect(sept.data.composite).toBe(52.6);
    const list = await operator.get(`/api/assessment/schemes?unitId=${ids.district}&subject=worker`);
    expect(list.data).toMatchObject({
      actions: ['create'],
      items: [{ effectiveFrom: '2026-10', note: '十月起只考核有效上报率' }],
    });
  });

  it('shows the scorecard of the child units with lights', async () => {
    const res = await operator.get(`/api/assessment/scorecard?period=2026-09&unitId=${ids.district}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.unit.id).toBe(ids.district);
    expect(res.data.rows).toHaveLength(1);
    // 5 cases reported in the street, none closed: closure 0 % → red.
    expect(res.data.rows[0].values.area_closure_rate).toMatchObject({ value: 0, light: 'red' });
  });
});
