import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { pointIn, unitId } from './test-helpers.ts';

const GRID = '120110001001001';
let t: TestApp;
let worker: Client;
beforeAll(async () => {
  t = await startTestApp();
  worker = await t.login(`w${GRID}`);
});
afterAll(() => t?.close());

type Spot = { kind: string; categoryCode: string | null; address: string | null; cases: { id: string }[] };

describe('GET /api/cases/hotspots', () => {
  it('finds a category cluster and a repeated address the new reports make, for the street, not for another', async () => {
    const at = await pointIn(t, GRID, 3);
    const ids: string[] = [];
    for (const [i, address] of [
      '丽湖小区7号楼2单元',
      '丽湖小区7号楼 2单元',
      '丽湖小区７号楼2单元',
    ].entries()) {
      const res = await worker.post('/api/cases', {
        // A category the demo's history of this grid is unlikely to crowd: the cluster is ours.
        categoryCode: 'SG03-01',
        description: `邻里纠纷第${i + 1}次`,
        source: 'patrol',
        address,
        lon: at.lon + i * 0.0001,
        lat: at.lat,
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.data.id);
    }
    const street1 = await t.login('street1');
    const res = await street1.get(`/api/cases/hotspots?within=${await unitId(t, GRID)}&minCount=3`);
    expect(res.statusCode, res.body).toBe(200);
    const spots = res.data.items as Spot[];
    const cluster = spots.find((s) => s.kind === 'category' && s.categoryCode === 'SG03-01');
    expect(cluster?.cases.map((c) => c.id)).toEqual(expect.arrayContaining(ids));
    const address = spots.find((s) => s.kind === 'address' && s.cases.some((c) => c.id === ids[0]));
    expect(address?.cases.map((c) => c.id).sort()).toEqual([...ids].sort());

    const street2 = await t.login('street2');
    expect((await street2.get(`/api/cases/hotspots?within=${await unitId(t, GRID)}`)).statusCode).toBe(404);
    const theirs = (await street2.get('/api/cases/hotspots')).data.items as Spot[];
    expect(theirs.some((s) => s.cases.some((c) => ids.includes(c.id)))).toBe(false);
    expect((await worker.get('/api/cases/hotspots')).statusCode).toBe(403);
    expect((await street1.get('/api/cases/hotspots?radiusM=5')).statusCode).toBe(400);
  });

  it('shows the district some hotspots in the demo’s last month', async () => {
    const district = await t.login('district');
    const res = await district.get('/api/cases/hotspots');
    expect(res.statusCode).toBe(200);
    expect(res.data.items.length).toBeGreaterThan(0);
  });
});
