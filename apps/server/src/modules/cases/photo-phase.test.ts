import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { act, departmentUser, pointIn, uploadPhoto } from './test-helpers.ts';

// Whoever verifies a handled case sees the problem (处置前) beside its handling (处置后).
const GRID = '120110001001001';
let t: TestApp;
let worker: Client;
let dispatcher: Client;
let urban: Client;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.login(`w${GRID}`);
  dispatcher = await t.login('dispatcher');
  urban = await departmentUser(t, await t.login('admin'), 'dept.phase', 'urban_management');
});
afterAll(() => t?.close());

const phases = (detail: { photos: { id: string; phase: string }[] }) =>
  Object.fromEntries(detail.photos.map((p) => [p.id, p.phase]));

describe('case photos carry their phase', () => {
  it("a report's photos are before, the handler's are after", async () => {
    const before = await uploadPhoto(worker);
    const res = await worker.post('/api/cases', {
      categoryCode: 'SG02-01',
      description: '楼道堆放纸箱',
      source: 'patrol',
      photoIds: [before],
      ...(await pointIn(t, GRID)),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(phases(res.data)).toEqual({ [before]: 'before' });
    const id = res.data.id as string;
    await act(dispatcher, id, 'accept');
    await act(dispatcher, id, 'file');
    const targets = (await dispatcher.get(`/api/cases/${id}/targets`)).data;
    const dept = targets.departments.find((d: { kind: string }) => d.kind === 'urban_management');
    await act(dispatcher, id, 'dispatch', { target: { type: 'department', id: dept.id } });
    await act(urban, id, 'acceptTask');
    const after = await uploadPhoto(urban, { r: 40, g: 160, b: 60 });
    await act(urban, id, 'handle', { note: '已清理', photoIds: [after] });
    const seen = (await worker.get(`/api/cases/${id}`)).data;
    expect(seen.actions).toContain('verifyPass');
    expect(phases(seen)).toEqual({ [before]: 'before', [after]: 'after' });
  });

  it('the after-photos of a self-handled report are after', async () => {
    const before = await uploadPhoto(worker);
    const after = await uploadPhoto(worker, { r: 10, g: 90, b: 200 });
    const res = await worker.post('/api/cases', {
      categoryCode: 'CG01-02',
      description: '乱堆乱放，已清理',
      source: 'patrol',
      selfHandled: true,
      photoIds: [before],
      afterPhotoIds: [after],
      ...(await pointIn(t, GRID, 1)),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(phases(res.data)).toEqual({ [before]: 'before', [after]: 'after' });
  });
});
