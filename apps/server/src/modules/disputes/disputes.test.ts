import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { pointIn, uploadPhoto } from '../cases/test-helpers.ts';

// Hohhot's seed: a quarrel in the community's WeChat group turns to a threat of violence; the grid
// worker brings in the judicial office's mediator and a lawyer, they mediate at home, an agreement
// is signed and followed up.
const GRID = '120110001001001';
let t: TestApp;
let worker: Client;
let mediator: Client;
let community: Client;
let caseId: string;

async function report(client: Client, categoryCode: string, description: string) {
  const at = await pointIn(t, GRID, 3);
  const res = await client.post('/api/cases', { categoryCode, description, source: 'patrol', ...at });
  if (res.statusCode !== 201) throw new Error(`report → ${res.statusCode} ${res.body}`);
  return res.data.id as string;
}

async function userIdOf(username: string) {
  return (
    await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id;
}

async function notificationsOf(username: string, kind: string) {
  return t.db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.case_id', 'n.kind'])
    .where('u.username', '=', username)
    .where('n.kind', '=', kind)
    .execute();
}

async function act(client: Client, action: string, body: Record<string, unknown> = {}) {
  const current = await client.get(`/api/cases/${caseId}/dispute`);
  return client.post(`/api/cases/${caseId}/dispute/actions/${action}`, {
    version: current.data.version,
    ...body,
  });
}

const opening = async () => ({
  riskLevel: 'medium',
  summary: '两户居民在社区微信群争吵，一方扬言要动手',
  parties: [
    { role: 'applicant', name: '赵建国' },
    { role: 'respondent', name: '钱卫东', note: '楼上住户' },
  ],
  mediators: [
    { kind: 'judicial_mediator', userId: await userIdOf('mediator') },
    { kind: 'lawyer', name: '孙律师', organisation: '包联律师事务所' },
  ],
});

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.login(`w${GRID}`);
  mediator = await t.login('mediator');
  community = await t.login('community1');
  caseId = await report(worker, 'SG01-02', '邻里纠纷：微信群内争吵');
});
afterAll(() => t?.close());

describe('the demo’s mediation records', () => {
  it('hold records in every live state and at the end, the first grid’s escalated one first', async () => {
    const district = await t.login('district');
    const list = await district.get('/api/disputes?pageSize=100');
    expect(list.statusCode).toBe(200);
    const states = new Set(list.data.items.map((d: { state: string }) => d.state));
    for (const state of ['registered', 'mediating', 'agreed', 'closed'])
      expect(states, state).toContain(state);
    expect(list.data.items[0]).toMatchObject({ riskLevel: 'high', escalatedAt: expect.any(String) });
    const first = await district.get(`/api/cases/${list.data.items[0].caseId}/dispute`);
    expect(first.data.steps.map((s: { action: string }) => s.action)).toContain('flagEscalation');
    expect(first.data.mediators.map((m: { kind: string }) => m.kind)).toContain('judicial_mediator');
  });
});

describe('dispute mediation', () => {
  it('tells the case page whether a record may be opened, and by whom', async () => {
    expect((await worker.get(`/api/cases/${caseId}/dispute-status`)).data).toEqual({
      record: null,
      actions: ['open'],
    });
    const leader = await t.login('leader');
    expect((await leader.get(`/api/cases/${caseId}/dispute-status`)).data).toEqual({
      record: null,
      actions: [],
    });
  });

  it('opens the record with parties and mediators; the named mediator hears of it', async () => {
    const res = await worker.post(`/api/cases/${caseId}/dispute`, await opening());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data).toMatchObject({
      caseId,
      state: 'registered',
      version: 1,
      riskLevel: 'medium',
      parties: [
        { role: 'applicant', name: '赵建国' },
        { role: 'respondent', name: '钱卫东', note: '楼上住户' },
      ],
      mediators: [
        { kind: 'judicial_mediator', name: expect.any(String), userId: await userIdOf('mediator') },
        { kind: 'lawyer', name: '孙律师', organisation: '包联律师事务所', userId: null },
      ],
      steps: [{ seq: 1, action: 'register', toState: 'registered' }],
      actions: ['startMediation', 'flagEscalation'],
    });
    expect(await notificationsOf('mediator', 'dispute_mediator')).toEqual([
      { case_id: caseId, kind: 'dispute_mediator' },
    ]);
    const status = (await worker.get(`/api/cases/${caseId}/dispute-status`)).data;
    expect(status).toMatchObject({ record: { caseId, state: 'registered' }, actions: [] });
  });

  it('refuses a second record (409), a case that is no dispute (422), and callers without the right', async () => {
    expect((await worker.post(`/api/cases/${caseId}/dispute`, await opening())).statusCode).toBe(409);
    const litter = await report(worker, 'SG02-01', '楼道堆放杂物');
    const notDispute = await worker.post(`/api/cases/${litter}/dispute`, await opening());
    expect(notDispute.statusCode).toBe(422);
    expect(notDispute.data.error).toMatchObject({ code: 'not_a_dispute', details: { field: 'caseId' } });
    const elsewhere = await t.login('w120110002001001');
    expect((await elsewhere.get(`/api/cases/${caseId}/dispute`)).statusCode).toBe(404);
    expect((await (await t.login('street2')).get(`/api/cases/${caseId}/dispute`)).statusCode).toBe(404);
    const resident = await t.login('resident');
    expect((await resident.post(`/api/cases/${caseId}/dispute`, await opening())).statusCode).toBe(403);
    const oneParty = { ...(await opening()), parties: [{ role: 'applicant', name: '赵建国' }] };
    const bad = await community.post(`/api/cases/${litter}/dispute`, oneParty);
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.details.field).toMatch(/parties/);
  });

  it('mediates: sessions need a note, a stale version is 409, escalation reaches the police and the grid', async () => {
    expect((await act(mediator, 'startMediation')).data.state).toBe('mediating');
    const noNote = await act(mediator, 'recordSession');
    expect(noNote.statusCode).toBe(400);
    expect(noNote.data.error.details.field).toBe('note');
    const stale = await mediator.post(`/api/cases/${caseId}/dispute/actions/recordSession`, {
      version: 1,
      note: '第一次上门',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.data.error).toMatchObject({
      code: 'stale_version',
      details: { state: 'mediating', version: 2 },
    });
    const session = await act(mediator, 'recordSession', { note: '网格员、调解员、律师第一次上门疏导' });
    expect(session.data).toMatchObject({ state: 'mediating', version: 3 });

    const escalated = await act(worker, 'flagEscalation', { reason: '一方扬言要采取暴力手段' });
    expect(escalated.statusCode, escalated.body).toBe(200);
    expect(escalated.data).toMatchObject({
      state: 'mediating',
      riskLevel: 'high',
      escalatedAt: expect.any(String),
    });
    expect(escalated.data.steps.at(-1)).toMatchObject({
      action: 'flagEscalation',
      reason: '一方扬言要采取暴力手段',
      details: { police: { name: expect.any(String) } },
    });
    expect(await notificationsOf('street1_police', 'dispute_escalated')).toHaveLength(1);
    expect(await notificationsOf(`wz${GRID}`, 'dispute_escalated')).toHaveLength(1);
    const escalatedList = await community.get('/api/disputes?escalated=true');
    expect(escalatedList.data.items.map((d: { caseId: string }) => d.caseId)).toContain(caseId);
  });

  it('records the signed agreement, plans the follow-ups, and closes only after them', async () => {
    const photo = await uploadPhoto(mediator);
    const agreed = await act(mediator, 'recordAgreement', {
      note: '双方握手言和，签订调解协议',
      attachmentId: photo,
    });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.data).toMatchObject({ state: 'agreed', agreement: { attachmentId: photo } });
    expect(agreed.data.followUps).toHaveLength(3);
    expect(agreed.data.followUps.every((f: { done: boolean }) => !f.done)).toBe(true);
    const image = await community.get(agreed.data.agreement.thumbnailUrl);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');

    const early = await act(community, 'close', { note: '化解' });
    expect(early.statusCode).toBe(409);
    expect(early.data.error.details).toMatchObject({ state: 'agreed', followUpsDone: 0 });
    for (const note of ['一周回访：相处正常', '一月回访：无反复', '三月回访：关系融洽']) {
      expect((await act(worker, 'followUp', { note })).statusCode).toBe(200);
    }
    const closed = await act(community, 'close', { note: '矛盾已化解' });
    expect(closed.data).toMatchObject({ state: 'closed', followUpsDone: 3, actions: [] });
    expect(closed.data.followUps.every((f: { done: boolean }) => f.done)).toBe(true);
    const after = await act(mediator, 'recordSession', { note: '再记一笔' });
    expect(after.statusCode).toBe(409);
    expect(after.data.error).toMatchObject({ code: 'illegal_transition', details: { state: 'closed' } });
    expect(closed.data.steps.map((s: { action: string }) => s.action)).toEqual([
      'register',
      'startMediation',
      'recordSession',
      'flagEscalation',
      'recordAgreement',
      'followUp',
      'followUp',
      'followUp',
      'close',
    ]);
  });

  it('keeps the history append-only', async () => {
    await expect(
      sql`UPDATE dispute_steps SET note = 'x' WHERE case_id = ${caseId}`.execute(t.db),
    ).rejects.toThrow(/append-only/);
  });
});
