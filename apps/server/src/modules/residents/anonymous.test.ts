import { formatTrackingCode, parseTrackingCode, trackingCheckCharacter } from '@wangge/rules';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { multipart } from '../../../test/multipart.ts';
import { clearThrottle } from '../access/throttle.ts';
import { act, pointIn, uploadPhoto } from '../cases/test-helpers.ts';
import { ANONYMOUS_REPORTS_PER_HOUR, TRACKING_LOOKUPS_PER_WINDOW } from './anonymous.ts';

// Reporting without an account and following the report by its tracking code: photos held under a
// token, the case routed like any other, the public timeline only, and nothing for guessers.
const GRID = '120110001001001';
let t: TestApp;
let dispatcher: Client;

beforeAll(async () => {
  t = await startTestApp();
  dispatcher = await t.login('dispatcher');
});
afterAll(() => t?.close());
beforeEach(() => clearThrottle(t.db, { prefix: 'resident-' }));

async function sendPhoto(shade = 90): Promise<{ id: string; token: string }> {
  const jpeg = await sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: shade, g: 120, b: 60 } },
  })
    .jpeg()
    .toBuffer();
  const { body, contentType } = multipart([
    { name: 'file', data: jpeg, filename: 'p.jpg', contentType: 'image/jpeg' },
  ]);
  const res = await t.anon.request('POST', '/api/residents/anonymous/photos', body, {
    'content-type': contentType,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.data;
}

let keys = 0;
async function reportAnonymously(
  extra: Record<string, unknown> = {},
  key = `anon-test-${++keys}-${Date.now()}`,
) {
  const at = await pointIn(t, GRID, 40 + keys);
  const body = {
    categoryCode: 'CG01-01',
    description: '路灯不亮',
    photos: [await sendPhoto()],
    ...at,
    ...extra,
  };
  return t.anon.request('POST', '/api/residents/anonymous/reports', JSON.stringify(body), {
    'content-type': 'application/json',
    'idempotency-key': key,
  });
}

describe('a report without an account', () => {
  it('becomes a case routed to its grid, followed by the tracking code it returns', async () => {
    const res = await reportAnonymously({ contactPhone: '13812345678' });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode, report } = res.data;
    expect(trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}$/);
    expect(parseTrackingCode(trackingCode).ok).toBe(true);
    expect(report).toMatchObject({ phase: 'received', categoryCode: 'CG01-01', description: '路灯不亮' });
    expect(report.timeline).toHaveLength(1);

    // Staff see it as a resident-app case of the grid, with the photo and the contact left.
    const kase = await dispatcher.get(`/api/cases/${report.id}`);
    expect(kase.statusCode, kase.body).toBe(200);
    expect(kase.data).toMatchObject({ source: 'resident_app', grid: { code: GRID } });
    expect(kase.data.photos).toHaveLength(1);

    // The resident follows the handling; staff names and internal notes stay out.
    await act(dispatcher, report.id, 'accept', { note: '内部备注：请张三处理' });
    const lower = trackingCode.toLowerCase().replace(/-/g, ' ');
    const tracked = await t.anon.get(`/api/residents/track/${encodeURIComponent(lower)}`);
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.data.id).toBe(report.id);
    expect(tracked.body).not.toContain('张三');
    expect(tracked.body).not.toContain('13812345678');
    expect(tracked.body).not.toMatch(/dispatcher|调度员/);
    // Nobody reads the channel account's inbox: the progress of its reports is not written there.
    const inbox = await t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('n.id')
      .where('u.username', '=', 'system.resident')
      .execute();
    expect(inbox).toEqual([]);
  });

  it('returns the same case to a retry with the same key, with a second code that works too', async () => {
    const key = `anon-retry-${Date.now()}`;
    const first = await reportAnonymously({}, key);
    expect(first.statusCode, first.body).toBe(201);
    const at = { lon: first.data.report.lon, lat: first.data.report.lat };
    // The retry carries the same photo (already claimed by the first attempt).
    const again = await t.anon.request(
      'POST',
      '/api/residents/anonymous/reports',
      JSON.stringify({
        categoryCode: 'CG01-01',
        description: '路灯不亮',
        photos: [{ id: '1', token: 'x' }],
        ...at,
      }),
      { 'content-type': 'application/json', 'idempotency-key': key },
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.data.report.id).toBe(first.data.report.id);
    expect(again.data.trackingCode).not.toBe(first.data.trackingCode);
    for (const code of [first.data.trackingCode, again.data.trackingCode]) {
      expect((await t.anon.get(`/api/residents/track/${code}`)).data.id).toBe(first.data.report.id);
    }
  });

  it('refuses a photo with a wrong token or one already used, and makes nothing', async () => {
    const photo = await sendPhoto(30);
    const wrong = await reportAnonymously({ photos: [{ id: photo.id, token: `${photo.token}x` }] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.data.error.details).toMatchObject({ field: 'photos', missing: [photo.id] });

    const used = await reportAnonymously({ photos: [photo] });
    expect(used.statusCode, used.body).toBe(201);
    const reused = await reportAnonymously({ photos: [photo] });
    expect(reused.statusCode).toBe(400);

    // A signed-in user's own upload cannot be claimed either: it was never held for a token.
    const worker = await t.login(`w${GRID}`);
    const theirs = await uploadPhoto(worker);
    const stolen = await reportAnonymously({ photos: [{ id: theirs, token: photo.token }] });
    expect(stolen.statusCode).toBe(400);
  });

  it('names the field of bad input', async () => {
    const noKey = await t.anon.request(
      'POST',
      '/api/residents/anonymous/reports',
      JSON.stringify({ categoryCode: 'CG01-01', description: '', photos: [], lon: 117.3, lat: 39.1 }),
      { 'content-type': 'application/json' },
    );
    expect(noKey.statusCode).toBe(400);
    const category = await reportAnonymously({ categoryCode: 'SG01-08' });
    expect(category.statusCode).toBe(400);
    expect(JSON.stringify(category.data.error)).toContain('categoryCode');
    const phone = await reportAnonymously({ contactPhone: '12345' });
    expect(phone.statusCode).toBe(400);
    expect(JSON.stringify(phone.data.error)).toContain('contactPhone');
  });

  it('throttles reports per address', async () => {
    for (let i = 0; i < ANONYMOUS_REPORTS_PER_HOUR; i++) {
      await t.db
        .insertInto('throttle_buckets')
        .values({
          key: 'resident-anon-report|127.0.0.1',
          hits: i + 1,
          window_ends_at: new Date(Date.now() + 3_600_000),
        })
        .onConflict((oc) => oc.column('key').doUpdateSet({ hits: i + 1 }))
        .execute();
    }
    const res = await reportAnonymously();
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });
});

describe('following by tracking code', () => {
  it('finds the demo’s report sent without an account', async () => {
    const res = await t.anon.get('/api/residents/track/DEM0-TRAC-K11');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.timeline.length).toBeGreaterThan(0);
  });

  it('tells a typo from an unknown code', async () => {
    const res = await reportAnonymously();
    const code: string = res.data.trackingCode;
    const flipped = code.slice(0, 2) + (code[2] === 'A' ? 'B' : 'A') + code.slice(3);
    const typo = await t.anon.get(`/api/residents/track/${flipped}`);
    expect(typo.statusCode).toBe(400);
    expect(typo.data.error.details).toMatchObject({ field: 'code', reason: 'check' });
    const short = await t.anon.get('/api/residents/track/ABC');
    expect(short.data.error.details).toMatchObject({ field: 'code', reason: 'length' });

    // A well-formed code nobody was given: 404, no hint.
    const body = '0000000001';
    const unknown = await t.anon.get(
      `/api/residents/track/${formatTrackingCode(body + trackingCheckCharacter(body))}`,
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('limits lookups per address, so codes cannot be guessed', async () => {
    let last = 0;
    for (let i = 0; i <= TRACKING_LOOKUPS_PER_WINDOW; i++) {
      const body = String(i).padStart(10, '0');
      last = (await t.anon.get(`/api/residents/track/${body}${trackingCheckCharacter(body)}`)).statusCode;
    }
    expect(last).toBe(429);
  });
});
