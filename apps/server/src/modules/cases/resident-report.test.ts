import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { pointIn, uploadPhoto } from './test-helpers.ts';

// A resident (cases.report without cases.read) reports from the resident app and never
// self-handles, whatever its client sends (@wangge/rules reportChoicesFor).
const GRID = '120110001001001';
let t: TestApp;
let resident: Client;
let worker: Client;

beforeAll(async () => {
  t = await startTestApp();
  resident = await t.login('resident');
  worker = await t.login(`w${GRID}`);
});
afterAll(() => t?.close());

async function report(client: Client, body: Record<string, unknown>) {
  const at = await pointIn(t, GRID, 2);
  return client.post('/api/cases', {
    categoryCode: 'SG02-01',
    description: '楼道堆放纸箱',
    lon: at.lon,
    lat: at.lat,
    ...body,
  });
}

describe('a resident reporting', () => {
  it('reports from the resident app', async () => {
    const res = await report(resident, { source: 'resident_app' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.source).toBe('resident_app');
  });

  it('may not pass as a patrol or another channel', async () => {
    for (const source of ['patrol', 'hotline', 'leader']) {
      const res = await report(resident, { source });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.data.error.details).toMatchObject({ field: 'source', allowed: ['resident_app', 'open311'] });
      expect(res.data.error.message).toContain('居民');
    }
  });

  it('may not self-handle', async () => {
    const after = await uploadPhoto(resident, { r: 30, g: 160, b: 90 });
    const res = await report(resident, { source: 'resident_app', selfHandled: true, afterPhotoIds: [after] });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.data.error.details.field).toBe('selfHandled');
  });

  it('a grid worker still reports from patrol and self-handles', async () => {
    const after = await uploadPhoto(worker, { r: 30, g: 60, b: 190 });
    const res = await report(worker, { source: 'patrol', selfHandled: true, afterPhotoIds: [after] });
    expect(res.statusCode, res.body).toBe(201);
  });
});
