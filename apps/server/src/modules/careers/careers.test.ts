import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgUnit, createUser } from '../../../test/factories.ts';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { countEvents } from '../assessment/event-counts.ts';

// Careers and training: Hohhot's promotion rule over crafted years of ratings, confirmation
// audited, a worker reads only their own career, training hours summed per worker.
let t: TestApp;
let district: Client;
let grid: { id: string; path: string; code: string };
let districtUnit: { id: string };

let gridNo = 0;
/** A full-time worker on a new grid of the demo community (one full-time worker per grid). */
async function worker(username: string) {
  gridNo++;
  const own = await createOrgUnit(t.db, {
    code: `${grid.code}9${String(gridNo).padStart(2, '0')}`,
    name: `测试网格${gridNo}`,
    level: 'grid',
    parent: grid,
  });
  const user = await createUser(t.db, { username, roles: ['grid_worker_full'], orgUnitIds: [own.id] });
  await t.db
    .insertInto('grid_team_members')
    .values({ grid_id: own.id, user_id: user.id, team_role: 'full_time' })
    .execute();
  return String(user.id);
}

async function rate(userId: string, year: number, rating: string, reason?: string) {
  const res = await district.post('/api/careers/ratings/confirm', { userId, year, rating, reason });
  expect(res.statusCode, res.body).toBe(200);
  return res.data as { rating: { state: string; rating: string }; promotion: null | Record<string, unknown> };
}

async function career(id: string) {
  const res = await district.get(`/api/careers/workers/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.data;
}

beforeAll(async () => {
  t = await startTestApp();
  district = await t.login('district');
  grid = await t.db
    .selectFrom('grid_team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('org_units as g', 'g.id', 'm.grid_id')
    .innerJoin('org_units as c', 'c.id', 'g.parent_id')
    .select(['c.id', 'c.path', 'c.code'])
    .where('u.username', '=', 'w120110001001001')
    .executeTakeFirstOrThrow();
  const codes = grid.path.split('/').filter(Boolean);
  districtUnit = await t.db
    .selectFrom('org_units')
    .select('id')
    .where('path', '=', `/${codes[0]}/${codes[1]}/`)
    .executeTakeFirstOrThrow();
});
afterAll(() => t?.close());

describe('careers', () => {
  it('promotes by Hohhot’s rule: three qualified → +1, then three excellent → +2', async () => {
    const id = await worker('cw_rule_a');
    const set = await district.post(`/api/careers/workers/${id}/grade`, {
      grade: 3,
      effectiveOn: '2019-01-01',
      note: '入职定级',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.data.grade).toBe(3);
    expect((await rate(id, 2019, 'qualified')).promotion).toBeNull();
    expect((await rate(id, 2020, 'excellent')).promotion).toBeNull();
    const third = await rate(id, 2021, 'qualified');
    expect(third.promotion).toMatchObject({
      fromGrade: 3,
      toGrade: 4,
      years: [2019, 2020, 2021],
      basis: 'three_qualified',
      state: 'proposed',
      actions: ['approve', 'reject'],
    });
    const approved = await district.post(`/api/careers/promotions/${third.promotion!.id}/actions/approve`, {
      version: 1,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.data.state).toBe('approved');
    const again = await district.post(`/api/careers/promotions/${third.promotion!.id}/actions/approve`, {
      version: 2,
    });
    expect(again.statusCode).toBe(409);
    expect((await career(id)).grade).toBe(4);
    // The years spent on that promotion do not count again.
    expect((await rate(id, 2022, 'excellent')).promotion).toBeNull();
    expect((await rate(id, 2023, 'excellent')).promotion).toBeNull();
    const plusTwo = await rate(id, 2024, 'excellent');
    expect(plusTwo.promotion).toMatchObject({
      fromGrade: 4,
      toGrade: 6,
      years: [2022, 2023, 2024],
      basis: 'three_excellent',
    });
    await district.post(`/api/careers/promotions/${plusTwo.promotion!.id}/actions/approve`, { version: 1 });
    const after = await career(id);
    expect(after.grade).toBe(6);
    expect(after.grades.map((g: { grade: number }) => g.grade)).toEqual([6, 4, 3]);
    expect(after.grades.map((g: { cause: string }) => g.cause)).toEqual([
      'promotion',
      'promotion',
      'appointed',
    ]);
  });

  it('an unqualified year resets the run; nothing is due until three good years follow; rejection needs a reason', async () => {
    const id = await worker('cw_rule_b');
    await district.post(`/api/careers/workers/${id}/grade`, {
      grade: 2,
      effectiveOn: '2018-03-01',
      note: '入职定级',
    });
    expect((await rate(id, 2018, 'qualified')).promotion).toBeNull();
    expect((await rate(id, 2019, 'unqualified')).promotion).toBeNull();
    expect((await rate(id, 2020, 'qualified')).promotion).toBeNull();
    expect((await rate(id, 2021, 'excellent')).promotion).toBeNull();
    const due = await rate(id, 2022, 'excellent');
    expect(due.promotion).toMatchObject({
      fromGrade: 2,
      toGrade: 3,
      years: [2020, 2021, 2022],
      basis: 'three_qualified',
    });
    const bare = await district.post(`/api/careers/promotions/${due.promotion!.id}/actions/reject`, {
      version: 1,
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.data.error.details.field).toBe('reason');
    const rejected = await district.post(`/api/careers/promotions/${due.promotion!.id}/actions/reject`, {
      version: 1,
      reason: '年内受到通报批评',
    });
    expect(rejected.data).toMatchObject({ state: 'rejected', decisionReason: '年内受到通报批评' });
    expect((await career(id)).grade).toBe(2);
    // Six years: 2023 qualified makes 2021–2023 a new run of three.
    const next = await rate(id, 2023, 'qualified');
    expect(next.promotion).toMatchObject({ fromGrade: 2, toGrade: 3, years: [2021, 2022, 2023] });
  });

  it('proposes the rating from the frozen months; another rating needs a reason and is audited', async () => {
    const id = await worker('cw_rating');
    await district.post(`/api/careers/workers/${id}/grade`, {
      grade: 1,
      effectiveOn: '2025-01-01',
      note: '入职定级',
    });
    for (let m = 1; m <= 12; m++) {
      await sql`INSERT INTO assessment_results (period, subject_type, subject_id, unit_id, composite, grade, indicators, counts)
        VALUES (${`2025-${String(m).padStart(2, '0')}`}, 'worker', ${id}, ${grid.id}, ${m <= 6 ? 95 : 88}, 'A', '[]', '{}')`.execute(
        t.db,
      );
    }
    const proposed = await district.post('/api/careers/ratings/propose', { year: 2025, unitId: grid.id });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.data.proposed).toBeGreaterThanOrEqual(1);
    const overview = await district.get(`/api/careers?unitId=${grid.id}&ratingYear=2025`);
    const pending = overview.data.pendingRatings.find((r: { worker: { id: string } }) => r.worker.id === id);
    expect(pending).toMatchObject({
      proposed: 'excellent',
      meanScore: 91.5,
      months: 12,
      state: 'proposed',
      rating: null,
    });
    const bare = await district.post('/api/careers/ratings/confirm', {
      userId: id,
      year: 2025,
      rating: 'qualified',
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.data.error.details.field).toBe('reason');
    const changed = await rate(id, 2025, 'qualified', '下半年两次漏报被约谈');
    expect(changed.rating).toMatchObject({ state: 'confirmed', rating: 'qualified', proposed: 'excellent' });
    const twice = await district.post('/api/careers/ratings/confirm', {
      userId: id,
      year: 2025,
      rating: 'excellent',
    });
    expect(twice.statusCode).toBe(409);
    const audit = await sql<{ action: string; details: { changed: boolean; reason: string } }>`
      SELECT action, details FROM audit_log WHERE action = 'careers.rating_confirmed' AND target_id = ${id}`.execute(
      t.db,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.details).toMatchObject({ changed: true, reason: '下半年两次漏报被约谈' });
  });

  it('a worker reads their own career and training, not another’s', async () => {
    const a = await worker('cw_self_a');
    const b = await worker('cw_self_b');
    const me = await t.login('cw_self_a');
    expect((await me.get(`/api/careers/workers/${a}`)).statusCode).toBe(200);
    expect((await me.get(`/api/careers/workers/${b}`)).statusCode).toBe(403);
    expect((await me.get(`/api/training/workers/${b}`)).statusCode).toBe(403);
    expect((await me.get(`/api/training/workers/${a}`)).statusCode).toBe(200);
    expect((await me.get('/api/careers')).statusCode).toBe(403);
    expect(
      (await me.post('/api/careers/ratings/confirm', { userId: a, year: 2024, rating: 'excellent' }))
        .statusCode,
    ).toBe(403);
  });

  it('the pay ladder is configuration per district with history; bad ladders are refused', async () => {
    const pay = Array.from({ length: 12 }, (_, i) => 300_000 + i * 20_000);
    const res = await district.post('/api/careers/ladder', {
      unitId: districtUnit.id,
      effectiveFrom: '2026-01',
      payFen: pay,
      note: '2026 年标准',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.items[0]).toMatchObject({ effectiveFrom: '2026-01', payFen: pay });
    const falling = [...pay];
    falling[5] = 1;
    const bad = await district.post('/api/careers/ladder', {
      unitId: districtUnit.id,
      effectiveFrom: '2026-02',
      payFen: falling,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.details.field).toBe('payFen');
    const id = await worker('cw_pay');
    await district.post(`/api/careers/workers/${id}/grade`, {
      grade: 5,
      effectiveOn: '2024-01-01',
      note: '定级',
    });
    const c = await career(id);
    expect(c.payFen).toBe(pay[4]);
    expect(c.nextPayFen).toBe(pay[5]);
  });
});

describe('training', () => {
  it('sums hours and trainings per worker for a year, and counts training.hours for assessment', async () => {
    const a = await worker('cw_train_a');
    const b = await worker('cw_train_b');
    const course = async (title: string, hours: number) => {
      const res = await district.post('/api/training/courses', {
        unitId: districtUnit.id,
        title,
        kind: 'offline',
        hours,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.data.id as string;
    };
    const c1 = await course('矛盾纠纷调解实务', 2.5);
    const c2 = await course('网格员信息采集规范', 4);
    const session = async (courseId: string, startsAt: string) => {
      const res = await district.post(`/api/training/courses/${courseId}/sessions`, {
        startsAt,
        place: '区网格中心',
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.data.id as string;
    };
    const s1 = await session(c1, '2025-06-10T01:00:00Z');
    const s2 = await session(c2, '2025-06-20T01:00:00Z');
    const s3 = await session(c2, '2024-12-31T17:00:00Z'); // 2025-01-01 01:00 China time
    const put = (s: string, records: unknown[]) =>
      district.put(`/api/training/sessions/${s}/attendance`, { records });
    expect(
      (
        await put(s1, [
          {
            userId: a,
            attended: true,
            quizScore: 92,
            passed: true,
            certificateNo: 'PX2025-001',
            certificateIssuedOn: '2025-06-12',
          },
          { userId: b, attended: true },
        ])
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await put(s2, [
          { userId: a, attended: true },
          { userId: b, attended: false },
        ])
      ).statusCode,
    ).toBe(200);
    expect((await put(s3, [{ userId: a, attended: true }])).statusCode).toBe(200);
    const bad = await put(s1, [{ userId: a, attended: true, certificateNo: 'X' }]);
    expect(bad.statusCode).toBe(400);

    const hours = await district.get(`/api/training/hours?year=2025&unitId=${grid.id}`);
    expect(hours.statusCode, hours.body).toBe(200);
    const of = (id: string) => hours.data.items.find((i: { worker: { id: string } }) => i.worker.id === id);
    expect(of(a)).toMatchObject({ count: 3, hours: 10.5, passed: 1, certificates: 1 });
    expect(of(b)).toMatchObject({ count: 1, hours: 2.5, passed: 0, certificates: 0 });

    const counts = await countEvents({
      db: t.db,
      subjectType: 'worker',
      ids: [a, b],
      from: new Date('2025-05-31T16:00:00Z'),
      to: new Date('2025-06-30T16:00:00Z'),
    });
    expect(counts.get(Number(a))!['training.hours']).toBe(6.5);
    expect(counts.get(Number(b))!['training.hours']).toBe(2.5);

    const detail = await district.get(`/api/training/courses/${c1}`);
    expect(detail.data.sessions[0].attendance).toHaveLength(2);
    const own = await (await t.login('cw_train_b')).get(`/api/training/workers/${b}?year=2025`);
    expect(own.data).toMatchObject({ count: 1, hours: 2.5 });
  });
});
