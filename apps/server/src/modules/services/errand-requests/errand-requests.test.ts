import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../../test/harness.ts';
import { pointIn } from '../../cases/test-helpers.ts';
import { signInResident } from '../../residents/test-helpers.ts';

// Errands residents ask for: the request lands with the team of their home grid, who take it
// (starting the errand for the person in the registers) or decline it; the resident may withdraw.
const GRID = '120110001001001';
const OTHER_GRID = '120110001001002';
const PHONE = '13900000801';
let t: TestApp;
let resident: Client;
let worker: Client;
let otherWorker: Client;
let typeCode: string;
let personId: string;

beforeAll(async () => {
  t = await startTestApp();
  resident = await signInResident(t, PHONE);
  worker = await t.login(`w${GRID}`);
  otherWorker = await t.login(`w${OTHER_GRID}`);
  const types = await resident.get('/api/residents/errand-types');
  expect(types.statusCode, types.body).toBe(200);
  typeCode = 'elderly_card';
  expect(types.data.items.map((i: { code: string }) => i.code)).toContain(typeCode);
  const person = await t.db
    .selectFrom('people as p')
    .innerJoin('org_units as g', 'g.id', 'p.grid_id')
    .select('p.id')
    .where('g.code', '=', GRID)
    .where('p.status', '=', 'active')
    .orderBy('p.id')
    .executeTakeFirstOrThrow();
  personId = person.id;
});
afterAll(() => t?.close());

const ask = (client: Client, note: string, key?: string) =>
  client.request(
    'POST',
    '/api/residents/errand-requests',
    { typeCode, applicantName: '王秀兰', note },
    key ? { 'idempotency-key': key } : {},
  );
const act = (client: Client, id: string, action: string, body: Record<string, unknown>) =>
  client.post(`/api/errand-requests/${id}/actions/${action}`, body);

describe('asking for an errand', () => {
  it('needs a home grid first, then lands with that grid’s team', async () => {
    const before = await ask(resident, '母亲78岁，想办老年优待证');
    expect(before.statusCode).toBe(422);
    expect(before.data.error).toMatchObject({ code: 'no_home_grid', details: { field: 'homeGrid' } });

    expect((await resident.put('/api/residents/home-grid', await pointIn(t, GRID, 0))).statusCode).toBe(200);
    const res = await ask(resident, '母亲78岁，想办老年优待证');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data).toMatchObject({
      state: 'requested',
      actions: ['withdraw'],
      requesterPhone: null,
      errand: null,
    });

    const inbox = await worker.get('/api/notifications?unread=true');
    expect(inbox.data.items.some((n: { kind: string }) => n.kind === 'errand_requested')).toBe(true);
    const list = await worker.get('/api/errand-requests?state=requested');
    expect(list.statusCode, list.body).toBe(200);
    const mine = list.data.items.find((r: { id: string }) => r.id === res.data.id);
    expect(mine).toMatchObject({ requesterPhone: PHONE, actions: ['take', 'decline'] });

    // Another grid's worker neither lists it nor acts on it.
    const other = await otherWorker.get('/api/errand-requests');
    expect(other.data.items.some((r: { id: string }) => r.id === res.data.id)).toBe(false);
    expect(
      (await act(otherWorker, res.data.id, 'decline', { version: 1, reason: '不是本网格' })).statusCode,
    ).toBe(404);
  });

  it('is taken by starting the errand for the person, and the resident sees it', async () => {
    const asked = (await ask(resident, '父亲残疾证到期换证')).data;
    const missing = await act(worker, asked.id, 'take', { version: asked.version });
    expect(missing.statusCode).toBe(400);
    expect(missing.data.error.details.field).toBe('personId');
    const stale = await act(worker, asked.id, 'take', { version: asked.version + 1, personId });
    expect(stale.statusCode).toBe(409);
    expect(stale.data.error.code).toBe('stale_version');

    const fields = { applicant_phone: PHONE, hukou_type: 'local', delivery: 'home' };
    const incomplete = await act(worker, asked.id, 'take', { version: asked.version, personId });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.data.error.details.field).toMatch(/^fields\./);

    const take = () =>
      worker.request(
        'POST',
        `/api/errand-requests/${asked.id}/actions/take`,
        { version: asked.version, personId, fields },
        { 'idempotency-key': 'take-request-1' },
      );
    const taken = await take();
    expect(taken.statusCode, taken.body).toBe(200);
    // The answer was lost: the retry with the same key succeeds with the same errand.
    const retried = await take();
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.data.errand.id).toBe(taken.data.errand.id);
    expect(taken.data).toMatchObject({ state: 'taken', actions: [], errand: { state: 'draft' } });
    const errand = await worker.get(`/api/errands/${taken.data.errand.id}`);
    expect(errand.statusCode, errand.body).toBe(200);
    expect(errand.data.note).toContain('父亲残疾证到期换证');

    const seen = (await resident.get('/api/residents/errand-requests')).data.items.find(
      (r: { id: string }) => r.id === asked.id,
    );
    expect(seen).toMatchObject({ state: 'taken', errand: { code: taken.data.errand.code } });
    const note = (await resident.get('/api/notifications?unread=true')).data.items.find(
      (n: { kind: string }) => n.kind === 'errand_request_taken',
    );
    expect(note).toBeTruthy();
  });

  it('is declined with a reason the resident reads, or withdrawn before anyone answers', async () => {
    const declined = (await ask(resident, '想办居住证')).data;
    const noReason = await act(worker, declined.id, 'decline', { version: 1 });
    expect(noReason.data.error.details.field).toBe('reason');
    const done = await act(worker, declined.id, 'decline', {
      version: 1,
      reason: '居住证请到派出所办理，已电话告知',
    });
    expect(done.statusCode, done.body).toBe(200);
    const seen = (await resident.get('/api/residents/errand-requests')).data.items.find(
      (r: { id: string }) => r.id === declined.id,
    );
    expect(seen).toMatchObject({ state: 'declined', reason: '居住证请到派出所办理，已电话告知' });

    const withdrawn = (await ask(resident, '填错了')).data;
    expect((await act(resident, withdrawn.id, 'take', { version: 1, personId })).statusCode).toBe(403);
    const back = await act(resident, withdrawn.id, 'withdraw', { version: 1 });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.data.state).toBe('withdrawn');
    const late = await act(worker, withdrawn.id, 'take', { version: 2, personId });
    expect(late.statusCode).toBe(409);
    expect(late.data.error).toMatchObject({ code: 'illegal_transition', details: { state: 'withdrawn' } });
  });

  it('is made once per idempotency key and names bad input', async () => {
    const first = await ask(resident, '重试', 'errand-request-retry-1');
    const again = await ask(resident, '重试', 'errand-request-retry-1');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.data.id).toBe(first.data.id);

    const unknown = await resident.post('/api/residents/errand-requests', {
      typeCode: 'nope',
      applicantName: '王',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.data.error.details.field).toBe('typeCode');
    const empty = await resident.post('/api/residents/errand-requests', { typeCode, applicantName: '' });
    expect(empty.statusCode).toBe(400);
    // Staff have no home grid of their own: the request has nowhere to land.
    expect(
      (await worker.post('/api/residents/errand-requests', { typeCode, applicantName: '王' })).statusCode,
    ).toBe(422);
  });
});
