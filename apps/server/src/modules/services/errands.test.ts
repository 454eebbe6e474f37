import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { departmentUser, uploadPhoto } from '../cases/test-helpers.ts';

// Service errands (代办, DOMAIN.md §6): Dongli's elderly card, door to card.
const GRID = '120110001001001';
const OTHER_STREET_GRID = '120110002001001';
let t: TestApp;
let admin: Client;
let worker: Client;
let leader: Client;
let civil: Client;
let labour: Client;
let personId: string;
let secondPersonId: string;

const ELDERLY_FIELDS = { applicant_phone: '13812345678', hukou_type: 'local', delivery: 'home' };

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  worker = await t.login(`w${GRID}`);
  leader = await t.login(`wz${GRID}`);
  civil = await departmentUser(t, admin, 'dept.civil', 'civil_affairs');
  labour = await departmentUser(t, admin, 'dept.labour', 'human_resources');
  const people = await t.db
    .selectFrom('people')
    .select('id')
    .where('grid_path', 'like', `%/${GRID}/`)
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(2)
    .execute();
  personId = people[0]!.id;
  secondPersonId = people[1]!.id;
});
afterAll(() => t?.close());

async function start(
  client: Client,
  typeCode = 'elderly_card',
  fields: Record<string, unknown> = ELDERLY_FIELDS,
  who = personId,
) {
  const res = await client.post('/api/errands', {
    personId: who,
    typeCode,
    fields,
    note: '老人行动不便，上门代办',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.data;
}

async function attach(client: Client, errandId: string, documentKey: string) {
  const attachmentId = await uploadPhoto(client, { r: 10 + documentKey.length * 10, g: 90, b: 200 });
  const res = await client.post(`/api/errands/${errandId}/documents`, { documentKey, attachmentId });
  expect(res.statusCode, res.body).toBe(200);
  return res.data;
}

async function act(client: Client, errandId: string, action: string, body: Record<string, unknown> = {}) {
  const current = await client.get(`/api/errands/${errandId}`);
  expect(current.statusCode, current.body).toBe(200);
  const res = await client.post(`/api/errands/${errandId}/actions/${action}`, {
    version: current.data.version,
    ...body,
  });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.data;
}

async function inbox(client: Client) {
  const res = await client.get('/api/errands?view=inbox&pageSize=500');
  expect(res.statusCode, res.body).toBe(200);
  return res.data.items.map((e: { id: string }) => e.id) as string[];
}

async function notificationsOf(username: string, kind: string) {
  const rows = await t.db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.title', 'n.params'])
    .where('u.username', '=', username)
    .where('n.kind', '=', kind)
    .execute();
  return rows;
}

describe('item types', () => {
  it('lists the four seeded items with fields, documents, department kind and limit', async () => {
    const res = await worker.get('/api/errand-types');
    expect(res.statusCode).toBe(200);
    const codes = res.data.items.map((i: { code: string }) => i.code);
    expect(codes).toEqual([
      'disability_certificate',
      'elderly_card',
      'minimum_living_allowance',
      'unemployment_insurance',
    ]);
    const elderly = res.data.items.find((i: { code: string }) => i.code === 'elderly_card');
    expect(elderly).toMatchObject({
      nameZh: '老年人优待证',
      departmentKind: 'civil_affairs',
      timeLimitDays: 15,
    });
    expect(elderly.requiredDocuments.map((d: { key: string }) => d.key)).toEqual(['id_copy', 'photo']);
    const ui = res.data.items.find((i: { code: string }) => i.code === 'unemployment_insurance');
    expect(ui.departmentKind).toBe('human_resources');
  });

  it('an administrator configures a type; a worker may not', async () => {
    const body = {
      nameZh: '高龄津贴',
      nameEn: 'Old-age allowance',
      requiredFields: [
        {
          key: 'applicant_phone',
          labelZh: '联系电话',
          labelEn: 'Phone',
          type: 'text',
          required: true,
          format: 'phone',
        },
      ],
      requiredDocuments: [{ key: 'id_copy', labelZh: '身份证复印件', labelEn: 'ID card copy' }],
      departmentKind: 'civil_affairs',
      timeLimitDays: 10,
    };
    expect((await worker.put('/api/errand-types/old_age_allowance', body)).statusCode).toBe(403);
    const res = await admin.put('/api/errand-types/old_age_allowance', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ code: 'old_age_allowance', timeLimitDays: 10, active: true });
  });

  it('refuses field specs no value could satisfy, naming the field, and keeps the type as it was', async () => {
    const base = {
      nameZh: '高龄津贴',
      nameEn: 'Old-age allowance',
      requiredDocuments: [],
      departmentKind: 'civil_affairs',
      timeLimitDays: 10,
    };
    const field = { labelZh: '字段', labelEn: 'Field', required: true };
    const refused: [unknown[], string][] = [
      [[{ key: 'kind', type: 'enum', ...field }], 'requiredFields.0.options'],
      [[{ key: 'age', type: 'number', min: 80, max: 60, ...field }], 'requiredFields.0.max'],
      [[{ key: 'to', type: 'date', notBefore: 'from', ...field }], 'requiredFields.0.notBefore'],
      [
        [
          { key: 'a', type: 'text', ...field },
          { key: 'a', type: 'text', ...field },
        ],
        'requiredFields.1.key',
      ],
      [[{ key: 'age', type: 'number', min: '60', ...field }], 'requiredFields.0.min'],
    ];
    for (const [requiredFields, name] of refused) {
      const res = await admin.put('/api/errand-types/old_age_allowance', { ...base, requiredFields });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.data.error.details.field).toBe(name);
    }
    const types = (await admin.get('/api/errand-types')).data.items;
    expect(types.find((t: { code: string }) => t.code === 'old_age_allowance').requiredFields).toHaveLength(
      1,
    );
  });
});

describe('Dongli: an elderly card, door to card', () => {
  it('worker starts with fields, ID copy and photo → submits → leader approves → civil affairs approves → completed', async () => {
    const started = await start(worker);
    expect(started).toMatchObject({
      state: 'draft',
      version: 1,
      type: { code: 'elderly_card', nameZh: '老年人优待证' },
      grid: { code: GRID },
      fields: ELDERLY_FIELDS,
      department: null,
      actions: ['attachDocument', 'submit', 'cancel'],
    });
    expect(started.code).toMatch(/^DB\d{8}\d{6}$/);
    expect(started.person.idNumber).toMatch(/\*/);
    expect(started.requiredDocuments.map((d: { present: boolean }) => d.present)).toEqual([false, false]);
    const id = started.id as string;

    await attach(worker, id, 'id_copy');
    const withDocs = await attach(worker, id, 'photo');
    expect(withDocs.requiredDocuments.every((d: { present: boolean }) => d.present)).toBe(true);
    expect(withDocs.version).toBe(1);

    // The leader sees it, but has nothing to do before it is submitted.
    expect((await leader.get(`/api/errands/${id}`)).data.actions).toEqual([]);
    expect(await inbox(leader)).not.toContain(id);

    const submitted = await act(worker, id, 'submit');
    expect(submitted).toMatchObject({ state: 'leader_review', version: 2, actions: [] });
    expect(submitted.dueAt).not.toBeNull();
    expect(await inbox(leader)).toContain(id);
    expect((await notificationsOf(`wz${GRID}`, 'errand_review')).some((n) => n.params.errandId === id)).toBe(
      true,
    );

    // Civil affairs cannot see it yet: it has not been forwarded.
    expect((await civil.get(`/api/errands/${id}`)).statusCode).toBe(404);

    const leaderView = await leader.get(`/api/errands/${id}`);
    expect(leaderView.data.actions).toEqual(['leaderApprove', 'leaderReturn']);
    // The leader reviews the document photos through the errand.
    const photoUrl = leaderView.data.requiredDocuments[0].file.url as string;
    const photo = await leader.get(photoUrl);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect((await leader.get(leaderView.data.requiredDocuments[0].file.thumbnailUrl)).statusCode).toBe(200);

    const forwarded = await act(leader, id, 'leaderApprove', { note: '材料齐全' });
    expect(forwarded).toMatchObject({
      state: 'department_review',
      department: { name: expect.stringContaining('民政局') },
    });
    expect(await inbox(civil)).toContain(id);
    expect(await inbox(labour)).not.toContain(id);
    expect((await labour.get(`/api/errands/${id}`)).statusCode).toBe(404);
    expect((await notificationsOf('dept.civil', 'errand_approval')).length).toBeGreaterThan(0);
    expect((await civil.get(photoUrl)).statusCode).toBe(200);

    // Dongli took 5 days from door to card: start the clock five days back.
    await t.db
      .updateTable('errands')
      .set({ started_at: sql<Date>`now() - interval '5 days'` })
      .where('id', '=', id)
      .execute();
    // 网格员送证上门: the department's approval is not the end, the worker still brings the card.
    const approved = await act(civil, id, 'departmentApprove', { note: '证件已制作' });
    expect(approved).toMatchObject({ state: 'awaiting_delivery', completedAt: null, actions: [] });
    expect((await leader.get(`/api/errands/${id}`)).data.actions).toEqual([]);
    expect((await worker.get(`/api/errands/${id}`)).data.actions).toEqual(['deliver']);
    const [toDeliver] = (await notificationsOf(`w${GRID}`, 'errand_delivery')).filter(
      (n) => n.params.errandId === id,
    );
    expect(toDeliver!.title).toMatch(/^代办已审批，请送证上门：老年人优待证 · \S+ DB\d{14}$/);
    const noNote = await worker.post(`/api/errands/${id}/actions/deliver`, { version: approved.version });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.data.error.details.field).toBe('note');
    const byCivil = await civil.post(`/api/errands/${id}/actions/deliver`, {
      version: approved.version,
      note: '已送达',
    });
    expect(byCivil.statusCode).toBe(403);
    const notMine = await worker.post(`/api/errands/${id}/actions/deliver`, {
      version: approved.version,
      note: '已送达',
      attachmentId: '999999999',
    });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.data.error.details.field).toBe('attachmentId');
    const handover = await uploadPhoto(worker, { r: 200, g: 180, b: 40 });
    const done = await act(worker, id, 'deliver', {
      note: '证件已送达老人家中，本人签收',
      attachmentId: handover,
    });
    expect(done).toMatchObject({
      state: 'completed',
      completionNote: '证件已送达老人家中，本人签收',
      elapsed: { days: 5, completed: true },
      actions: [],
    });
    expect(done.completedAt).not.toBeNull();
    expect(done.steps.at(-1)).toMatchObject({
      action: 'deliver',
      actorRole: 'worker',
      fromState: 'awaiting_delivery',
      toState: 'completed',
      details: { attachmentId: handover },
    });
    expect(
      done.steps.map((s: { action: string; actorRole: string }) => `${s.action}:${s.actorRole}`),
    ).toEqual([
      'start:worker',
      'attachDocument:worker',
      'attachDocument:worker',
      'submit:worker',
      'leaderApprove:leader',
      'departmentApprove:department',
      'deliver:worker',
    ]);
    expect(done.steps[4]).toMatchObject({
      note: '材料齐全',
      fromState: 'leader_review',
      toState: 'department_review',
    });
    // Everyone involved sees status and history.
    for (const client of [worker, leader, civil]) {
      const res = await client.get(`/api/errands/${id}`);
      expect(res.data).toMatchObject({ state: 'completed', elapsed: { days: 5 } });
      expect(res.data.steps).toHaveLength(7);
      // The handover photo too, not only to the worker who took it.
      const photo = res.data.steps.at(-1).photo;
      expect(photo).toEqual({
        attachmentId: handover,
        url: `/api/errands/${id}/documents/${handover}`,
        thumbnailUrl: `/api/errands/${id}/documents/${handover}/thumbnail`,
      });
      const image = await client.get(photo.thumbnailUrl);
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/jpeg');
    }
    // The route serves the errand's photos only, not any attachment by id.
    const stray = await uploadPhoto(worker, { r: 10, g: 10, b: 10 });
    expect((await leader.get(`/api/errands/${id}/documents/${stray}`)).statusCode).toBe(404);
    // The worker completed it; the grid leader hears of it.
    expect(
      (await notificationsOf(`wz${GRID}`, 'errand_completed')).some((n) => n.params.errandId === id),
    ).toBe(true);
    const list = await worker.get('/api/errands?state=completed');
    expect(list.data.items.map((e: { id: string }) => e.id)).toContain(id);
  });

  it('steps are append-only in the database', async () => {
    await expect(sql`UPDATE errand_steps SET note = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM errand_steps`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});

describe('returns and resubmission', () => {
  it('the leader returns with a reason; the worker fixes and resubmits; the department returns; it goes through the leader again', async () => {
    const e = await start(worker, 'elderly_card', ELDERLY_FIELDS, secondPersonId);
    await attach(worker, e.id, 'id_copy');
    await attach(worker, e.id, 'photo');
    await act(worker, e.id, 'submit');

    const noReason = await leader.post(`/api/errands/${e.id}/actions/leaderReturn`, { version: 2 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.data.error.details.field).toBe('reason');

    const returned = await act(leader, e.id, 'leaderReturn', { reason: '照片模糊，请重新拍摄' });
    expect(returned.state).toBe('returned');
    expect(await inbox(worker)).toContain(e.id);
    expect((await notificationsOf(`w${GRID}`, 'errand_returned')).length).toBeGreaterThan(0);

    // A new photo replaces the blurred one; the old one stays in the history.
    const again = await attach(worker, e.id, 'photo');
    expect(again.documents).toHaveLength(3);
    expect(again.documents.filter((d: { current: boolean }) => d.current)).toHaveLength(2);
    const resubmitted = await act(worker, e.id, 'submit', {
      fields: { ...ELDERLY_FIELDS, delivery: 'pickup' },
    });
    expect(resubmitted).toMatchObject({ state: 'leader_review', fields: { delivery: 'pickup' } });
    expect(resubmitted.steps.at(-1).details).toMatchObject({ resubmission: true });

    await act(leader, e.id, 'leaderApprove');
    const deptReturned = await act(civil, e.id, 'departmentReturn', { reason: '户籍信息与系统不符，请核实' });
    expect(deptReturned.state).toBe('returned');
    expect(deptReturned.department).not.toBeNull();
    // The department still sees what it returned, but has nothing to do.
    expect((await civil.get(`/api/errands/${e.id}`)).data.actions).toEqual([]);

    const third = await act(worker, e.id, 'submit');
    expect(third.state).toBe('leader_review');
    // The department cannot skip the leader.
    const skip = await civil.post(`/api/errands/${e.id}/actions/departmentApprove`, {
      version: third.version,
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.data.error.code).toBe('illegal_transition');
    await act(leader, e.id, 'leaderApprove');
    const done = await act(civil, e.id, 'departmentApprove');
    expect(done.state).toBe('completed');
    expect(done.completionNote).toBeNull();
    expect(done.steps.map((s: { action: string }) => s.action)).toEqual([
      'start',
      'attachDocument',
      'attachDocument',
      'submit',
      'leaderReturn',
      'attachDocument',
      'submit',
      'leaderApprove',
      'departmentReturn',
      'submit',
      'leaderApprove',
      'departmentApprove',
    ]);
    expect(done.steps[4]).toMatchObject({ reason: '照片模糊，请重新拍摄', actorRole: 'leader' });
  });

  it('a retried start with the same Idempotency-Key returns the errand the first one started', async () => {
    const body = { personId: secondPersonId, typeCode: 'elderly_card', fields: ELDERLY_FIELDS };
    const key = { 'idempotency-key': 'errand-retry-0001' };
    const [a, b] = await Promise.all([
      worker.request('POST', '/api/errands', body, key),
      worker.request('POST', '/api/errands', body, key),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.data.id).toBe(b.data.id);
    const again = await worker.request('POST', '/api/errands', body, key);
    expect(again.statusCode).toBe(200);
    expect(again.data.id).toBe(a.data.id);
    const rows = await t.db
      .selectFrom('errands')
      .select('id')
      .where('idempotency_key', '=', key['idempotency-key'])
      .execute();
    expect(rows).toHaveLength(1);
    const other = await worker.request('POST', '/api/errands', body, {
      'idempotency-key': 'errand-retry-0002',
    });
    expect(other.statusCode).toBe(201);
    expect(other.data.id).not.toBe(a.data.id);
  });

  it('a worker cancels a draft with a reason', async () => {
    const e = await start(worker);
    const done = await act(worker, e.id, 'cancel', { reason: '老人已自行办理' });
    expect(done).toMatchObject({ state: 'cancelled', actions: [] });
  });
});

describe('validation', () => {
  it('missing or invalid fields → 400 naming the field', async () => {
    const missing = await worker.post('/api/errands', {
      personId,
      typeCode: 'elderly_card',
      fields: { hukou_type: 'local', delivery: 'home' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.data.error.details.field).toBe('fields.applicant_phone');

    const badEnum = await worker.post('/api/errands', {
      personId,
      typeCode: 'elderly_card',
      fields: { ...ELDERLY_FIELDS, delivery: 'drone' },
    });
    expect(badEnum.data.error.details.field).toBe('fields.delivery');

    const unknown = await worker.post('/api/errands', {
      personId,
      typeCode: 'elderly_card',
      fields: { ...ELDERLY_FIELDS, favourite_colour: 'red' },
    });
    expect(unknown.data.error.details.field).toBe('fields.favourite_colour');

    const ui = await worker.post('/api/errands', {
      personId,
      typeCode: 'unemployment_insurance',
      fields: {
        applicant_phone: '13812345678',
        last_employer: '天津某机械厂',
        separation_date: '2026-02-30',
        separation_reason: 'contract_expired',
        insured_years: 6,
      },
    });
    expect(ui.statusCode).toBe(400);
    expect(ui.data.error.details.field).toBe('fields.separation_date');

    const type = await worker.post('/api/errands', { personId, typeCode: 'passport', fields: {} });
    expect(type.data.error.details.field).toBe('typeCode');
  });

  it('submitting without the required documents → 400 naming the document', async () => {
    const e = await start(worker);
    const none = await worker.post(`/api/errands/${e.id}/actions/submit`, { version: 1 });
    expect(none.statusCode).toBe(400);
    expect(none.data.error.details).toMatchObject({
      field: 'documents.id_copy',
      missing: ['id_copy', 'photo'],
    });
    await attach(worker, e.id, 'id_copy');
    const one = await worker.post(`/api/errands/${e.id}/actions/submit`, { version: 1 });
    expect(one.data.error.details).toMatchObject({ field: 'documents.photo', missing: ['photo'] });
    // Invalid field values sent with the submission are refused as well.
    const bad = await worker.post(`/api/errands/${e.id}/actions/submit`, {
      version: 1,
      fields: { ...ELDERLY_FIELDS, applicant_phone: '12' },
    });
    expect(bad.data.error.details.field).toBe('fields.applicant_phone');
    expect((await worker.get(`/api/errands/${e.id}`)).data.state).toBe('draft');
  });

  it('a document must be one of the type, and a photo the worker uploaded and not used elsewhere', async () => {
    const e = await start(worker);
    const photo = await uploadPhoto(worker);
    const wrongKey = await worker.post(`/api/errands/${e.id}/documents`, {
      documentKey: 'passport',
      attachmentId: photo,
    });
    expect(wrongKey.data.error.details.field).toBe('documentKey');
    const leaderPhoto = await uploadPhoto(leader);
    const notMine = await worker.post(`/api/errands/${e.id}/documents`, {
      documentKey: 'photo',
      attachmentId: leaderPhoto,
    });
    expect(notMine.data.error.details.field).toBe('attachmentId');
    expect(
      (await worker.post(`/api/errands/${e.id}/documents`, { documentKey: 'photo', attachmentId: photo }))
        .statusCode,
    ).toBe(200);
    const reused = await worker.post(`/api/errands/${e.id}/documents`, {
      documentKey: 'id_copy',
      attachmentId: photo,
    });
    expect(reused.data.error.details.field).toBe('attachmentId');
  });

  it('a stale version → 409 and nothing changes', async () => {
    const e = await start(worker);
    await attach(worker, e.id, 'id_copy');
    await attach(worker, e.id, 'photo');
    await act(worker, e.id, 'submit');
    const stale = await leader.post(`/api/errands/${e.id}/actions/leaderApprove`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.data.error).toMatchObject({
      code: 'stale_version',
      details: { version: 2, state: 'leader_review' },
    });
    expect((await leader.get(`/api/errands/${e.id}`)).data.state).toBe('leader_review');
  });

  it('roles: a worker cannot review, a leader cannot start', async () => {
    const e = await start(worker);
    await attach(worker, e.id, 'id_copy');
    await attach(worker, e.id, 'photo');
    await act(worker, e.id, 'submit');
    const self = await worker.post(`/api/errands/${e.id}/actions/leaderApprove`, { version: 2 });
    expect(self.statusCode).toBe(403);
    expect(
      (await leader.post('/api/errands', { personId, typeCode: 'elderly_card', fields: ELDERLY_FIELDS }))
        .statusCode,
    ).toBe(403);
  });
});

describe('scope isolation', () => {
  it('a worker of street 2 can neither see nor act on an errand of street 1, nor start one for its residents', async () => {
    const e = await start(worker);
    const other = await t.login(`w${OTHER_STREET_GRID}`);
    const otherLeader = await t.login(`wz${OTHER_STREET_GRID}`);
    const detail = await other.get(`/api/errands/${e.id}`);
    expect(detail.statusCode).toBe(404);
    expect(detail.body).not.toContain(e.code);
    const list = await other.get('/api/errands?pageSize=500');
    expect(list.data.items.map((x: { id: string }) => x.id)).not.toContain(e.id);
    expect(await inbox(otherLeader)).not.toContain(e.id);
    const photo = await uploadPhoto(other);
    expect(
      (await other.post(`/api/errands/${e.id}/documents`, { documentKey: 'photo', attachmentId: photo }))
        .statusCode,
    ).toBe(404);
    expect(
      (await other.post(`/api/errands/${e.id}/actions/cancel`, { version: 1, reason: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await otherLeader.post(`/api/errands/${e.id}/actions/leaderApprove`, { version: 1 })).statusCode,
    ).toBe(404);
    const foreign = await other.post('/api/errands', {
      personId,
      typeCode: 'elderly_card',
      fields: ELDERLY_FIELDS,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await worker.get(`/api/errands/${e.id}`)).data.state).toBe('draft');
  });
});

describe('notifications', () => {
  type Pushed = { type: string; errandId?: string; state?: string; item?: { kind: string; title: string } };

  async function listen(base: string, username: string, password = 'Wangge@2026') {
    const login = await t.anon.post('/api/auth/login', { username, password });
    const cookie = `wangge_session=${login.cookies.find((c) => c.name === 'wangge_session')!.value}`;
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/ws`, {
      headers: { cookie, origin: base },
    });
    const messages: Pushed[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    return { socket, messages };
  }
  const states = (messages: Pushed[], errandId: string) =>
    messages.filter((m) => m.type === 'errand' && m.errandId === errandId).map((m) => m.state);
  const kinds = (messages: Pushed[]) =>
    messages.filter((m) => m.type === 'notification').map((m) => m.item!.kind);

  it('the starter and whoever acts next hear of every step: inbox rows and WebSocket pushes', async () => {
    const base = await t.listen();
    const [workerWs, leaderWs, civilWs, bystanderWs] = [
      await listen(base, `w${GRID}`),
      await listen(base, `wz${GRID}`),
      await listen(base, 'dept.civil', 'Dept2026pass'),
      await listen(base, `w${OTHER_STREET_GRID}`),
    ];
    // Picked up at the community: the department's approval completes it.
    const e = await start(worker, 'elderly_card', { ...ELDERLY_FIELDS, delivery: 'pickup' }, secondPersonId);
    await attach(worker, e.id, 'id_copy');
    await attach(worker, e.id, 'photo');
    await act(worker, e.id, 'submit');
    await act(leader, e.id, 'leaderApprove');

    const inboxRes = await worker.get('/api/notifications?unread=true');
    const forwarded = inboxRes.data.items.find(
      (n: { kind: string; errandId: string | null }) => n.kind === 'errand_forwarded' && n.errandId === e.id,
    );
    // A reader sees what happened, to which item and whose, and the client opens the errand by its id.
    expect(forwarded.title).toBe(`代办已通过网格长审核：老年人优待证 · ${e.person.name} ${e.code}`);
    expect(forwarded.subject.en).toBe(`Senior citizen card · ${e.person.name} ${e.code}`);

    await act(civil, e.id, 'departmentApprove');
    await expect.poll(() => states(workerWs.messages, e.id).at(-1)).toBe('completed');
    await expect.poll(() => states(leaderWs.messages, e.id).at(-1)).toBe('completed');
    await expect.poll(() => states(civilWs.messages, e.id).at(-1)).toBe('completed');
    expect(states(workerWs.messages, e.id)).toEqual([
      'draft',
      'draft',
      'draft',
      'leader_review',
      'department_review',
      'completed',
    ]);
    expect(kinds(workerWs.messages)).toEqual(['errand_forwarded', 'errand_completed']);
    // The leader hears of nothing before the submission; civil affairs nothing before forwarding.
    expect(states(leaderWs.messages, e.id)).toEqual(['leader_review', 'department_review', 'completed']);
    expect(kinds(leaderWs.messages)).toEqual(['errand_review', 'errand_completed']);
    expect(states(civilWs.messages, e.id)).toEqual(['department_review', 'completed']);
    expect(kinds(civilWs.messages)).toEqual(['errand_approval']);
    expect(workerWs.messages.find((m) => m.type === 'errand')).toMatchObject({ code: e.code, version: 1 });
    expect(bystanderWs.messages).toEqual([]);
    for (const ws of [workerWs, leaderWs, civilWs, bystanderWs]) ws.socket.close();
  });
});
