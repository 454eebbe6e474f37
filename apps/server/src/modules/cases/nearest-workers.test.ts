import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { pointIn } from './test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const M = 1 / 111_195;

describe('GET /api/cases/:id/nearest-workers', () => {
  it('lists workers with a fresh fix nearest first, with their grids’ open cases, for the dispatcher only', async () => {
    const GRID = '120110001001001';
    const at = await pointIn(t, GRID);
    const reporter = await t.login(`w${GRID}`);
    const report = await reporter.post('/api/cases', {
      categoryCode: 'CG01-02',
      description: '乱堆乱放',
      source: 'patrol',
      ...at,
    });
    expect(report.statusCode, report.body).toBe(201);
    const now = Date.now();
    const fix = (dyM: number, agoMin: number) => ({
      recordedAt: new Date(now - agoMin * 60_000).toISOString(),
      lon: at.lon,
      lat: at.lat + dyM * M,
      accuracy: 8,
    });
    const sent = [
      ['w120110001001001', fix(60, 1)],
      ['w120110001001002', fix(400, 2)],
      ['w120110001001003', fix(20, 30)], // nearest, but half an hour ago
    ] as const;
    for (const [username, f] of sent) {
      const res = await (await t.login(username)).post('/api/positions', { positions: [f] });
      expect(res.statusCode, res.body).toBe(200);
    }
    const dispatcher = await t.login('dispatcher');
    const res = await dispatcher.get(`/api/cases/${report.data.id}/nearest-workers`);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.data.items.map((w: { username: string }) => w.username);
    expect(names.slice(0, 2)).toEqual(['w120110001001001', 'w120110001001002']);
    expect(names).not.toContain('w120110001001003');
    expect(res.data.items[0].distanceM).toBeGreaterThan(50);
    expect(res.data.items[0].distanceM).toBeLessThan(70);
    expect(res.data.items[0].openCases).toBeGreaterThanOrEqual(1);
    const wider = await dispatcher.get(
      `/api/cases/${report.data.id}/nearest-workers?freshMinutes=60&limit=1`,
    );
    expect(wider.data.items.map((w: { username: string }) => w.username)).toEqual(['w120110001001003']);
    expect((await reporter.get(`/api/cases/${report.data.id}/nearest-workers`)).statusCode).toBe(403);
    expect((await dispatcher.get('/api/cases/999999999/nearest-workers')).statusCode).toBe(404);
  });
});
