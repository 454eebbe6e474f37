import { addMonths, adjustedComposite, gradeOf, monthOf } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

// The demo district's assessment: frozen months on first start, the events behind every count of a
// busy worker, and adjustments of a frozen month on the workflow (four eyes, audited).
let t: TestApp;
let district: Client;
let city: Client;
let districtId: string;
const current = monthOf(new Date());
const lastMonth = addMonths(current, -1);

beforeAll(async () => {
  t = await startTestApp();
  const unit = await t.db
    .selectFrom('org_units')
    .select('id')
    .where('level', '=', 'district')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  districtId = String(unit.id);
  district = await t.login('district');
  city = await t.login('city');
}, 240_000);

afterAll(async () => {
  await t?.close();
});

type Item = { rank: number | null; subject: { id: string }; composite: number | null; self: boolean };

describe('demo assessment', () => {
  it('shows the last two complete months frozen, with the scheme’s history', async () => {
    const periods = await district.get(`/api/assessment/periods?unitId=${districtId}`);
    expect(periods.statusCode, periods.body).toBe(200);
    const state = new Map(
      periods.data.items.map((p: { period: string; state: string }) => [p.period, p.state]),
    );
    expect(state.get(lastMonth)).toBe('frozen');
    expect(state.get(addMonths(current, -2))).toBe('frozen');
    expect(state.get(addMonths(current, -3))).toBe('open');
    expect(state.get(current)).toBe('open');

    const ranking = await district.get(`/api/assessment/rankings?period=${lastMonth}&subject=worker`);
    expect(ranking.statusCode, ranking.body).toBe(200);
    expect(ranking.data.frozen).toBe(true);
    expect(ranking.data.total).toBeGreaterThan(10);
    // Ties share a rank, so the top ten may hold more than ten.
    expect(ranking.data.topTen.length).toBeGreaterThanOrEqual(10);
    for (const item of ranking.data.topTen) expect(item.rank).toBeLessThanOrEqual(10);
    expect(ranking.data.items.filter((i: Item) => i.composite !== null).length).toBeGreaterThan(10);

    const schemes = await district.get(`/api/assessment/schemes?unitId=${districtId}&subject=worker`);
    expect(schemes.statusCode, schemes.body).toBe(200);
    expect(schemes.data.items.map((s: { effectiveFrom: string }) => s.effectiveFrom)).toEqual([
      current,
      addMonths(current, -12),
    ]);
  });

  it('lists the same events as every count of a busy worker', async () => {
    const period = addMonths(current, -3);
    const ranking = await district.get(`/api/assessment/rankings?period=${period}&subject=worker`);
    expect(ranking.statusCode, ranking.body).toBe(200);
    const busy = ranking.data.items.find((i: Item) => i.composite !== null) as Item;
    const score = await district.get(`/api/assessment/scores/worker/${busy.subject.id}?period=${period}`);
    expect(score.statusCode, score.body).toBe(200);
    let checked = 0;
    for (const ind of score.data.indicators) {
      if (!ind.eventsUrl) continue;
      for (const part of [ind.numerator, ind.denominator]) {
        // Durations and working days are sums over the events, not counts of them.
        if (!part || /seconds|hours|workdays/.test(part.name)) continue;
        const url = `/api/assessment/scores/worker/${busy.subject.id}/events?period=${period}&count=${encodeURIComponent(part.name)}&page=1&pageSize=200`;
        const events = await district.get(url);
        if (events.statusCode === 400) continue; // a count without an event list (seconds, workdays)
        expect(events.statusCode, events.body).toBe(200);
        expect(events.data.total, part.name).toBe(part.count);
        // Two steps on one case (confirmed again after a reopen) are two events of that case.
        const keys = events.data.items.map(
          (e: { kind: string; id: string; at: string }) => `${e.kind}:${e.id}:${e.at}`,
        );
        expect(new Set(keys).size, part.name).toBe(Math.min(part.count, 200));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});

describe('adjustments of a frozen month', () => {
  let subjectId: string;
  let before: { composite: number; grade: string };

  beforeAll(async () => {
    const ranking = await district.get(`/api/assessment/rankings?period=${lastMonth}&subject=worker`);
    for (const item of ranking.data.items as Item[]) {
      if (item.composite === null || item.composite > 90) continue;
      const s = await district.get(`/api/assessment/scores/worker/${item.subject.id}?period=${lastMonth}`);
      if (s.data.adjustments.length === 0) {
        subjectId = item.subject.id;
        before = { composite: s.data.composite, grade: s.data.grade };
        break;
      }
    }
    expect(subjectId).toBeDefined();
  });

  const propose = (c: Client, body: Record<string, unknown> = {}) =>
    c.post('/api/assessment/adjustments', {
      subjectType: 'worker',
      subjectId,
      period: lastMonth,
      delta: 4.5,
      reason: '冻结后核实：一件上报被误判为无效',
      ...body,
    });

  it('is refused for an open month, a bad delta, a missing reason or without the permission', async () => {
    const open = await propose(district, { period: addMonths(current, -3) });
    expect(open.statusCode, open.body).toBe(409);
    const zero = await propose(district, { delta: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.data.error.details.field).toBe('delta');
    const blank = await propose(district, { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.data.error.details.field).toBe('reason');
    const worker = await t.login('w120110001001001');
    expect((await propose(worker)).statusCode).toBe(403);
  });

  it('moves the frozen composite only once approved by another manager, audited', async () => {
    const proposed = await propose(district);
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.data).toMatchObject({ state: 'proposed', delta: 4.5, version: 1, actions: [] });
    const still = await district.get(`/api/assessment/scores/worker/${subjectId}?period=${lastMonth}`);
    expect(still.data.composite).toBe(before.composite);
    expect(still.data.adjustments).toEqual([
      expect.objectContaining({ id: proposed.data.id, state: 'proposed' }),
    ]);

    // Four eyes: the proposer cannot approve their own.
    const own = await district.post(`/api/assessment/adjustments/${proposed.data.id}/actions/approve`, {
      version: 1,
    });
    expect(own.statusCode, own.body).toBe(403);
    const stale = await city.post(`/api/assessment/adjustments/${proposed.data.id}/actions/approve`, {
      version: 7,
    });
    expect(stale.statusCode).toBe(409);
    const approved = await city.post(`/api/assessment/adjustments/${proposed.data.id}/actions/approve`, {
      version: 1,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.data).toMatchObject({
      state: 'approved',
      version: 2,
      decidedBy: { name: expect.any(String) },
    });

    const after = await district.get(`/api/assessment/scores/worker/${subjectId}?period=${lastMonth}`);
    const expected = adjustedComposite(before.composite, [{ state: 'approved', delta: 4.5 }]);
    expect(after.data.frozen).toBe(true);
    expect(after.data.composite).toBe(expected);
    expect(after.data.grade).toBe(gradeOf(expected!));
    const ranking = await district.get(`/api/assessment/rankings?period=${lastMonth}&subject=worker`);
    expect(ranking.data.items.find((i: Item) => i.subject.id === subjectId).composite).toBe(expected);

    const again = await city.post(`/api/assessment/adjustments/${proposed.data.id}/actions/reject`, {
      version: 2,
      reason: '再议',
    });
    expect(again.statusCode).toBe(409);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', proposed.data.id)
      .where('action', 'like', 'assessment.adjustment.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'assessment.adjustment.proposed',
      'assessment.adjustment.approved',
    ]);
  });

  it('a rejection needs a reason and leaves the composite alone', async () => {
    const now = await district.get(`/api/assessment/scores/worker/${subjectId}?period=${lastMonth}`);
    const proposed = await propose(district, { delta: -10, reason: '迟报' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const bare = await city.post(`/api/assessment/adjustments/${proposed.data.id}/actions/reject`, {
      version: 1,
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.data.error.details.field).toBe('reason');
    const rejected = await city.post(`/api/assessment/adjustments/${proposed.data.id}/actions/reject`, {
      version: 1,
      reason: '证据不足',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.data).toMatchObject({ state: 'rejected', decisionReason: '证据不足' });
    const after = await district.get(`/api/assessment/scores/worker/${subjectId}?period=${lastMonth}`);
    expect(after.data.composite).toBe(now.data.composite);
  });
});
