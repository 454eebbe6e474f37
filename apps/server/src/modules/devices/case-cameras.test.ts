import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { DEMO_CAMERA_STREAM } from '../demo/seed-devices.ts';

// Cameras (issue 14 point 4): the demo cameras play a clip Wangge serves itself (no internet, no
// transcoding at run time), and a case links the camera that saw it.
let t: TestApp;
let admin: Client;

const camera = () =>
  t.db
    .selectFrom('devices')
    .select(['id', 'code', 'stream_url', 'grid_path'])
    .where('type', '=', 'camera')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

describe('demo camera stream', () => {
  it('the demo cameras point at the HLS clip, which is served with its segments', async () => {
    const cam = await camera();
    expect(cam.stream_url).toBe(DEMO_CAMERA_STREAM);
    const listed = await admin.get('/api/devices?type=camera');
    expect(listed.data.items.length).toBeGreaterThan(0);
    expect(listed.data.items.every((d: { streamUrl: string }) => d.streamUrl === DEMO_CAMERA_STREAM)).toBe(
      true,
    );
    const manifest = await t.anon.get(DEMO_CAMERA_STREAM);
    expect(manifest.statusCode).toBe(200);
    expect(manifest.body.startsWith('#EXTM3U')).toBe(true);
    const segments = manifest.body.split('\n').filter((line) => line.endsWith('.m2ts'));
    expect(segments.length).toBeGreaterThanOrEqual(3);
    let bytes = 0;
    for (const segment of segments) {
      const res = await t.anon.get(`/media/demo-camera/${segment}`);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload[0]).toBe(0x47); // MPEG-TS sync byte
      bytes += res.rawPayload.length;
    }
    expect(bytes).toBeLessThan(300_000);
    // The player feeds the <video> from a blob: URL (MediaSource): the CSP lets it.
    expect(String(manifest.headers['content-security-policy'])).toMatch(/media-src 'self' blob:/);
    expect((await t.anon.get('/media/demo-camera/../../package.json')).statusCode).toBe(404);
  });
});

describe('case ↔ camera', () => {
  it('links the camera that saw a case, once, only a camera, only what the caller sees', async () => {
    const cam = await camera();
    const other = await t.db
      .selectFrom('devices')
      .select('id')
      .where('type', '=', 'smoke')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const kase = await t.db
      .selectFrom('cases')
      .select('id')
      .where('grid_path', '=', cam.grid_path)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const url = `/api/cases/${kase.id}/cameras`;
    const before = await admin.get(url);
    expect(before.statusCode).toBe(200);
    expect(before.data).toEqual({ items: [], canLink: true });

    const linked = await admin.post(url, { deviceId: cam.id });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.data.items).toEqual([
      expect.objectContaining({ id: cam.id, code: cam.code, streamUrl: DEMO_CAMERA_STREAM }),
    ]);
    expect((await admin.post(url, { deviceId: cam.id })).statusCode).toBe(409);
    const notCamera = await admin.post(url, { deviceId: other.id });
    expect(notCamera.statusCode).toBe(400);
    expect(notCamera.data.error.details.field).toBe('deviceId');
    expect((await admin.post(url, { deviceId: '999999999' })).statusCode).toBe(404);
    expect((await admin.get('/api/cases/999999999/cameras')).statusCode).toBe(404);
    expect((await admin.get(url)).data.items).toHaveLength(1);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'cases.link_camera')
      .execute();
    expect(audit).toEqual([{ action: 'cases.link_camera', target_id: kase.id }]);

    // Without devices.read (a department user) no link can be made.
    const dept = await t.login('dept_civil');
    expect((await dept.post(url, { deviceId: cam.id })).statusCode).toBeGreaterThanOrEqual(403);
  });
});
