import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { pointIn, unitId } from './test-helpers.ts';

const GRID = '120110001001004';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('POST /api/cases/hotspots/instruct', () => {
  it('a leader’s instruction on a hotspot supervises each of its cases, in their history and the handlers’ inboxes', async () => {
    const worker = await t.login(`w${GRID}`);
    const at = await pointIn(t, GRID, 1);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await worker.post('/api/cases', {
        categoryCode: 'SG03-01',
        description: `楼道噪音扰民第${i + 1}次`,
        source: 'patrol',
        address: '青松里5号楼3单元',
        lon: at.lon + i * 0.0001,
        lat: at.lat,
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.data.id);
    }
    const leader = await t.login('leader');
    const spots = await leader.get(`/api/cases/hotspots?within=${await unitId(t, GRID)}&minCount=3`);
    expect(spots.statusCode, spots.body).toBe(200);
    const spot = (spots.data.items as { kind: string; key: string; cases: { id: string }[] }[]).find(
      (s) => s.kind === 'address' && s.cases.some((c) => c.id === ids[0]),
    );
    expect(spot).toBeDefined();
    const instruction = '请街道牵头，一周内联合物业和派出所化解，结果报我';
    const res = await leader.post('/api/cases/hotspots/instruct', {
      kind: spot!.kind,
      key: spot!.key,
      caseIds: spot!.cases.map((c) => c.id),
      instruction,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.instructed.map((c: { id: string }) => c.id).sort()).toEqual(
      spot!.cases.map((c) => c.id).sort(),
    );
    const detail = await leader.get(`/api/cases/${ids[0]}`);
    expect(detail.data.supervision).toBe('ordinary');
    const step = detail.data.steps.find((s: { action: string }) => s.action === 'instruct');
    expect(step).toMatchObject({ note: instruction });
    expect(step.details.hotspot).toMatchObject({ kind: 'address', key: spot!.key });
    // The street's dispatchers own the reported cases: the instruction is in their inbox.
    const dispatcher = await t.login('street1');
    const inbox = await dispatcher.get('/api/notifications');
    expect(
      inbox.data.items.filter(
        (n: { kind: string; caseId: string }) => n.kind === 'leader_instruction' && ids.includes(n.caseId),
      ).length,
    ).toBeGreaterThanOrEqual(3);
    // An empty instruction is refused naming the field; a worker may not instruct; another street's cases are not found.
    const empty = await leader.post('/api/cases/hotspots/instruct', {
      kind: 'address',
      key: 'x',
      caseIds: ids,
      instruction: ' ',
    });
    expect(empty.statusCode).toBe(400);
    expect(
      (
        await worker.post('/api/cases/hotspots/instruct', {
          kind: 'address',
          key: 'x',
          caseIds: ids,
          instruction: '办',
        })
      ).statusCode,
    ).toBe(403);
    const street2 = await t.login('street2');
    expect(
      (
        await street2.post('/api/cases/hotspots/instruct', {
          kind: 'address',
          key: 'x',
          caseIds: ids,
          instruction: '办',
        })
      ).statusCode,
    ).toBe(403);
  });
});
