import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let community1: Client;
beforeAll(async () => {
  t = await startTestApp();
  community1 = await t.login('community1');
});
afterAll(() => t?.close());

interface StatsGrid {
  gridId: string;
  code: string;
  name: string;
  households: number;
  people: number;
}

describe('one source per grid figure (issue 11)', () => {
  it('shows on the grid page the registers’ counts, and the demo declares the same', async () => {
    const stats = await community1.get('/api/registers/stats');
    expect(stats.statusCode).toBe(200);
    const grids: StatsGrid[] = stats.data.grids;
    expect(grids.length).toBeGreaterThan(3);
    expect(grids.map((g) => g.name)).toContain('丽湖社区第一网格');
    for (const g of grids) {
      const page = await community1.get(`/api/grids/${g.gridId}`);
      expect(page.statusCode).toBe(200);
      expect(page.data.registered, g.name).toEqual({ households: g.households, population: g.people });
      expect(g.people, g.name).toBeGreaterThan(0);
      expect(page.data.population, g.name).toBe(g.people);
      expect(page.data.households, g.name).toBe(g.households);
    }
  });

  it('keeps the declared figure apart: editing it leaves the registered count alone', async () => {
    const admin = await t.login('admin');
    const stats = await admin.get('/api/registers/stats');
    const first: StatsGrid = stats.data.grids[0];
    const before = await admin.get(`/api/grids/${first.gridId}`);
    const patched = await admin.patch(`/api/grids/${first.gridId}`, {
      population: before.data.population + 39,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.data.population).toBe(first.people + 39);
    expect(patched.data.registered.population).toBe(first.people);
    const again = await admin.get('/api/registers/stats');
    const same = again.data.grids.find((g: StatsGrid) => g.gridId === first.gridId);
    expect(same.people).toBe(first.people);
  });
});
