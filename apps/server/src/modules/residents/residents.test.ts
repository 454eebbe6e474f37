import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { clearThrottle } from '../access/throttle.ts';
import { act, pointIn, uploadPhoto } from '../cases/test-helpers.ts';
import { DEMO_RESIDENT_PHONES } from '../demo/seed-residents.ts';
import type { DevSmsSink } from './sms.ts';
import { reportAsResident, signInResident } from './test-helpers.ts';

// The resident app's API: sign-in by SMS code, following one's own reports through a public
// timeline, "+1" on a case already reported instead of a duplicate, and rating the result.
const GRID = '120110001001001';
let t: TestApp;
let dispatcher: Client;
let worker: Client;

beforeAll(async () => {
  t = await startTestApp();
  dispatcher = await t.login('dispatcher');
  worker = await t.login(`w${GRID}`);
});
afterAll(() => t?.close());

const codeSentTo = (phone: string) => (t.app.sms as DevSmsSink).lastTo(phone)?.match(/\d{6}/)?.[0] ?? null;

// Every request of a test comes from one address; each sign-in starts that address afresh so the
// per-address limit is met only where a test means to.
const forgetAddress = () => clearThrottle(t.db, { prefix: 'resident-code|addr|' });

const report = (client: Client, nth: number, categoryCode = 'SG02-01') =>
  reportAsResident(t, client, GRID, nth, categoryCode);

describe('sign-in with a one-time code', () => {
  it('creates a resident account on the first sign-in and finds it again on the next', async () => {
    const first = await signInResident(t, '13900000001');
    const me = await first.get('/api/auth/me');
    expect(me.data.user.roles.map((r: { code: string }) => r.code)).toEqual(['resident']);
    const again = await signInResident(t, '13900000001');
    expect((await again.get('/api/auth/me')).data.user.id).toBe(me.data.user.id);
  });

  it('refuses a wrong code', async () => {
    const phone = '13900000002';
    await t.anon.post('/api/residents/code', { phone });
    const wrong = String((Number(codeSentTo(phone)) + 1) % 1_000_000).padStart(6, '0');
    const res = await t.anon.post('/api/residents/sign-in', { phone, code: wrong });
    expect(res.statusCode).toBe(401);
    expect(res.data.error).toMatchObject({ code: 'invalid_code', details: { field: 'code' } });
  });

  it('refuses an expired code', async () => {
    const phone = '13900000003';
    await t.anon.post('/api/residents/code', { phone });
    await t.db
      .updateTable('resident_sign_in_codes')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('phone', '=', phone)
      .execute();
    const res = await t.anon.post('/api/residents/sign-in', { phone, code: codeSentTo(phone) });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a code used once already', async () => {
    const phone = '13900000004';
    await t.anon.post('/api/residents/code', { phone });
    const code = codeSentTo(phone);
    expect((await t.anon.post('/api/residents/sign-in', { phone, code })).statusCode).toBe(200);
    expect((await t.anon.post('/api/residents/sign-in', { phone, code })).statusCode).toBe(401);
  });

  it('stores no code in clear', async () => {
    const phone = '13900000005';
    await t.anon.post('/api/residents/code', { phone });
    const rows = await t.db
      .selectFrom('resident_sign_in_codes')
      .select('code_hash')
      .where('phone', '=', phone)
      .execute();
    expect(rows.map((r) => r.code_hash)).not.toContain(codeSentTo(phone));
  });

  it('limits the codes sent to one number (429 naming the field)', async () => {
    await forgetAddress();
    const phone = '13900000006';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await t.anon.post('/api/residents/code', { phone })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const res = await t.anon.post('/api/residents/code', { phone });
    expect(res.data.error.details.field).toBe('phone');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits the codes one address asks for, whatever the numbers', async () => {
    await forgetAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const phone = `1370000${String(i).padStart(4, '0')}`;
      statuses.push((await t.anon.post('/api/residents/code', { phone })).statusCode);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
  });

  it('limits the codes tried against one number', async () => {
    await forgetAddress();
    const phone = '13900000007';
    await t.anon.post('/api/residents/code', { phone });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await t.anon.post('/api/residents/sign-in', { phone, code: '000000' })).statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
    // Even the right code waits out the block.
    expect((await t.anon.post('/api/residents/sign-in', { phone, code: codeSentTo(phone) })).statusCode).toBe(
      429,
    );
  });

  it('names the field of a malformed phone number', async () => {
    const res = await t.anon.post('/api/residents/code', { phone: '12345' });
    expect(res.statusCode).toBe(400);
    expect(res.data.error.details.field).toBe('phone');
  });
});

describe('following my reports', () => {
  it('shows my report with a public timeline, never staff names or internal notes', async () => {
    const resident = await signInResident(t, '13900000011');
    const { id } = await report(resident, 0);
    await act(dispatcher, id, 'accept', { note: '内部：转城管', publicNote: '已受理，将尽快处置' });
    const res = await resident.get(`/api/residents/reports/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ id, phase: 'received', joined: false, actions: [] });
    expect(res.data.timeline.map((e: { publicNote: string | null }) => e.publicNote)).toContain(
      '已受理，将尽快处置',
    );
    const staff = await t.db
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', 'dispatcher')
      .executeTakeFirstOrThrow();
    expect(res.body).not.toContain('内部');
    expect(res.body).not.toContain(staff.display_name);
    const list = await resident.get('/api/residents/reports');
    expect(list.data.items.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  it('another resident’s report is not found', async () => {
    const owner = await signInResident(t, '13900000012');
    const other = await signInResident(t, '13900000013');
    const { id } = await report(owner, 1);
    expect((await other.get(`/api/residents/reports/${id}`)).statusCode).toBe(404);
    expect((await other.get('/api/residents/reports')).data.items).toEqual([]);
    expect((await other.post(`/api/residents/reports/${id}/rating`, { score: 5 })).statusCode).toBe(404);
  });

  it('staff without the report permission are refused', async () => {
    expect((await t.anon.get('/api/residents/reports')).statusCode).toBe(401);
  });
});

describe('+1 instead of a duplicate', () => {
  it('offers the open case of the same category nearby and joins it', async () => {
    const first = await signInResident(t, '13900000021');
    const second = await signInResident(t, '13900000022');
    const { id, lon, lat } = await report(first, 2, 'SG02-02');
    const near = await second.get(
      `/api/residents/nearby?lon=${lon + 0.0002}&lat=${lat}&categoryCode=SG02-02`,
    );
    expect(near.statusCode, near.body).toBe(200);
    const offered = near.data.items.find((c: { id: string }) => c.id === id);
    expect(offered).toMatchObject({ phase: 'received', plusOnes: 0, actions: ['plusOne'] });
    expect(offered.distanceMetres).toBeGreaterThan(0);
    expect(offered.distanceMetres).toBeLessThanOrEqual(200);
    const other = await second.get(`/api/residents/nearby?lon=${lon}&lat=${lat}&categoryCode=SG01-01`);
    expect(other.data.items.map((c: { id: string }) => c.id)).not.toContain(id);

    const joined = await second.post(`/api/residents/reports/${id}/plus-one`);
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.data).toMatchObject({ id, joined: true, plusOnes: 1 });
    // Twice counts once; the reporter's own +1 counts nothing.
    expect((await second.post(`/api/residents/reports/${id}/plus-one`)).data.plusOnes).toBe(1);
    expect((await first.post(`/api/residents/reports/${id}/plus-one`)).data.plusOnes).toBe(1);
    const mine = await second.get('/api/residents/reports');
    expect(mine.data.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(
      (await t.db.selectFrom('cases').select('plus_ones').where('id', '=', id).executeTakeFirstOrThrow())
        .plus_ones,
    ).toBe(1);
  });

  it('refuses to join a closed case (409 with its state)', async () => {
    const resident = await signInResident(t, '13900000023');
    const at = await pointIn(t, GRID, 3);
    const after = await uploadPhoto(worker);
    const own = await worker.post('/api/cases', {
      categoryCode: 'SG02-01',
      description: '自行处置',
      source: 'patrol',
      selfHandled: true,
      afterPhotoIds: [after],
      ...at,
    });
    expect(own.statusCode, own.body).toBe(201);
    const res = await resident.post(`/api/residents/reports/${own.data.id}/plus-one`);
    expect(res.statusCode).toBe(409);
    expect(res.data.error.details.state).toBe(own.data.state);
  });
});

describe('rating the result', () => {
  it('rates once after the case is handled, not before', async () => {
    const resident = await signInResident(t, '13900000031');
    const { id } = await report(resident, 4);
    const early = await resident.post(`/api/residents/reports/${id}/rating`, { score: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.data.error.details.state).toBe('reported');

    await act(dispatcher, id, 'accept');
    await act(dispatcher, id, 'file');
    const grid = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', GRID)
      .executeTakeFirstOrThrow();
    await act(dispatcher, id, 'dispatch', { target: { type: 'unit', id: grid.id } });
    await act(worker, id, 'acceptTask');
    await act(worker, id, 'handle', { note: '已清理', photoIds: [await uploadPhoto(worker)] });

    const detail = await resident.get(`/api/residents/reports/${id}`);
    expect(detail.data).toMatchObject({ phase: 'handled', actions: ['rate'] });
    expect(detail.data.timeline.map((e: { phase: string }) => e.phase)).toEqual([
      'received',
      'handling',
      'handled',
    ]);
    const rated = await resident.post(`/api/residents/reports/${id}/rating`, {
      score: 4,
      comment: ' 清理及时 ',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.data).toMatchObject({ rating: { score: 4, comment: '清理及时' }, actions: [] });
    expect((await resident.post(`/api/residents/reports/${id}/rating`, { score: 1 })).statusCode).toBe(409);
  });

  it('names the field of a score out of range', async () => {
    const resident = await signInResident(t, '13900000032');
    const { id } = await report(resident, 5);
    const res = await resident.post(`/api/residents/reports/${id}/rating`, { score: 6 });
    expect(res.statusCode).toBe(400);
    expect(res.data.error.details.field).toBe('score');
  });
});

describe('the demo residents', () => {
  it('follow reports in several phases, one joined with +1 and one rated', async () => {
    const resident = await signInResident(t, DEMO_RESIDENT_PHONES[0]);
    const items = (await resident.get('/api/residents/reports')).data.items as {
      phase: string;
      joined: boolean;
      rating: unknown;
    }[];
    expect(new Set(items.map((r) => r.phase)).size).toBeGreaterThan(1);
    expect(items.some((r) => r.joined)).toBe(true);
    expect(items.some((r) => r.rating)).toBe(true);
  });

  it('cannot sign in with a password', async () => {
    const res = await t.anon.post('/api/auth/login', {
      username: `r${DEMO_RESIDENT_PHONES[1]}`,
      password: 'Wangge@2026',
    });
    expect(res.statusCode).toBe(401);
  });
});
