import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { pointIn } from './test-helpers.ts';

// A worker's own reports: the case number comes back, an empty address is filled from the nearest
// standard address, the title names the category once, and view=mine lists what the caller reported.
const GRID = '120110001001001';
let t: TestApp;
let admin: Client;
let worker: Client;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  worker = await t.login(`w${GRID}`);
});
afterAll(() => t?.close());

/** The standard address of the grid's nth building, as the registers spell it. */
async function buildingAddress(nth: number): Promise<string> {
  const rows = await t.db
    .selectFrom('buildings as b')
    .innerJoin('org_units as o', 'o.id', 'b.grid_id')
    .innerJoin('addresses as a', (j) => j.onRef('a.building_id', '=', 'b.id').on('a.level', '=', 'building'))
    .select('a.full_name')
    .where('o.code', '=', GRID)
    .orderBy('b.code')
    .execute();
  return rows[nth % rows.length]!.full_name;
}

async function report(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/cases', {
    categoryCode: 'SG02-01',
    description: '楼道堆放纸箱',
    source: 'patrol',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.data;
}

describe('reporting without an address', () => {
  it('fills the nearest building’s standard address and names the category once in the title', async () => {
    const at = await pointIn(t, GRID, 1);
    const kase = await report(worker, { lon: at.lon + 0.0001, lat: at.lat });
    const expected = await buildingAddress(1);
    expect(kase.code).toMatch(/^SJ\d{14}$/);
    expect(kase.address).toBe(expected);
    expect(kase.title).toBe(`${kase.categoryName} · ${expected}`);
  });

  it('keeps an address the reporter typed', async () => {
    const at = await pointIn(t, GRID, 0);
    const kase = await report(worker, { ...at, address: '  丽湖路18号3号楼东侧  ' });
    expect(kase.address).toBe('丽湖路18号3号楼东侧');
  });

  it('an address of blanks counts as none', async () => {
    const at = await pointIn(t, GRID, 2);
    const kase = await report(worker, { ...at, address: '   ' });
    expect(kase.address).toBe(await buildingAddress(2));
  });
});

describe('view=mine (我的上报)', () => {
  it('lists the caller’s reports only, newest first, with number and state', async () => {
    const at = await pointIn(t, GRID, 0);
    const own = await report(worker, { ...at, description: '我的上报一' });
    const other = await report(admin, { ...at, description: '别人的上报' });
    const res = await worker.get('/api/cases?view=mine&pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.data.items.map((c: { id: string }) => c.id);
    expect(ids[0]).toBe(own.id);
    expect(ids).not.toContain(other.id);
    expect(res.data.total).toBe(ids.length);
    expect(res.data.items[0]).toMatchObject({ code: own.code, state: 'reported' });
    const mine = await admin.get('/api/cases?view=mine&pageSize=100');
    const theirs = mine.data.items.map((c: { id: string }) => c.id);
    expect(theirs).toContain(other.id);
    expect(theirs).not.toContain(own.id);
  });

  it('combines with a state filter (处理中 / 已办结)', async () => {
    const open = await worker.get('/api/cases?view=mine&state=reported&state=accepted');
    expect(open.data.total).toBeGreaterThan(0);
    for (const c of open.data.items) expect(['reported', 'accepted']).toContain(c.state);
    const done = await worker.get('/api/cases?view=mine&state=closed&state=evaluated&state=archived');
    expect(done.statusCode).toBe(200);
    for (const c of done.data.items) expect(['closed', 'evaluated', 'archived']).toContain(c.state);
    expect(done.data.total + open.data.total).toBeLessThanOrEqual(
      (await worker.get('/api/cases?view=mine')).data.total,
    );
  });
});
