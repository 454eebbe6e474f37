import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { newOutbox } from '../notifications/notify.ts';
import { act, departmentUser, pointIn, unitId, uploadPhoto } from './test-helpers.ts';
import { refreshCaseTimers } from './timers.ts';

const GRID = '120110001001002';
let t: TestApp;
let worker: Client;
let dispatcher: Client;
let street: Client;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.login(`w${GRID}`);
  dispatcher = await t.login('dispatcher');
  street = await t.login('street1');
});
afterAll(() => t?.close());

async function report(extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const at = await pointIn(t, GRID);
  return worker.request(
    'POST',
    '/api/cases',
    { categoryCode: 'CG01-02', description: '乱堆乱放', source: 'patrol', ...at, ...extra },
    headers,
  );
}

describe('reporting', () => {
  it('an idempotency key makes a retried report return the same case, once', async () => {
    const key = { 'idempotency-key': 'report-0001-abcdef' };
    const [a, b] = await Promise.all([report({}, key), report({}, key)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.data.id).toBe(b.data.id);
    const c = await report({}, key);
    expect(c.statusCode).toBe(200);
    expect(c.data.id).toBe(a.data.id);
    const count = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('idempotency_key', '=', 'report-0001-abcdef')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses unknown or non-leaf categories, points outside every grid and bad fields, writing nothing', async () => {
    const before = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const unknown = await report({ categoryCode: 'XX99-01' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.data.error.details.field).toBe('categoryCode');
    const major = await report({ categoryCode: 'CG01' });
    expect(major.statusCode).toBe(400);
    const outside = await report({ lon: 100.0, lat: 30.0 });
    expect(outside.statusCode).toBe(422);
    expect(outside.data.error.code).toBe('outside_all_grids');
    const badLat = await report({ lat: 123 });
    expect(badLat.statusCode).toBe(400);
    expect(badLat.data.error.details.field).toBe('lat');
    const badSource = await report({ source: 'pigeon' });
    expect(badSource.statusCode).toBe(400);
    expect(badSource.data.error.details.field).toBe('source');
    const photos = await report({ photoIds: ['999999'] });
    expect(photos.statusCode).toBe(400);
    expect(photos.data.error.details.field).toBe('photoIds');
    const after = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('keeps the time a report was recorded offline in its history, within sane bounds', async () => {
    const recorded = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const res = await report({ observedAt: recorded });
    expect(res.statusCode, res.body).toBe(201);
    expect(Date.parse(res.data.steps[0].at)).toBe(Date.parse(recorded));
    expect(Date.parse(res.data.reportedAt)).toBeGreaterThan(Date.parse(recorded));
    expect(res.data.steps[0].details).toMatchObject({ observedAt: recorded });
    for (const observedAt of [
      new Date(Date.now() - 10 * 86_400_000).toISOString(),
      new Date(Date.now() + 3_600_000).toISOString(),
      'yesterday',
    ]) {
      const bad = await report({ observedAt });
      expect(bad.statusCode, observedAt).toBe(400);
      expect(bad.data.error.details.field).toBe('observedAt');
    }
  });

  it('routes police matters straight to the police department', async () => {
    const res = await report({ categoryCode: 'SG02-05', description: '疑似聚众赌博' });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({ state: 'dispatched', isPolice: true });
    // The nearest police unit above the grid: the street's police station.
    expect(res.data.assignments[0].target.name).toMatch(/派出所/);
    const police = await departmentUser(
      t,
      await t.login('admin'),
      'station.officer',
      'public_security',
      '120110001000',
    );
    expect((await police.get('/api/cases?view=inbox')).data.items.map((c: { id: string }) => c.id)).toContain(
      res.data.id,
    );
    const detail = (await police.get(`/api/cases/${res.data.id}`)).data;
    expect(detail.actions).toContain('acceptTask');
    // The routing step names its system actor by code, so each reader sees it in their language.
    const routed = detail.steps.find((s: { systemActor: string | null }) => s.systemActor);
    expect(routed).toMatchObject({ systemActor: 'policeRouting', actorName: '系统（警情分流）' });
    expect(detail.steps.filter((s: { systemActor: string | null }) => s.systemActor).length).toBe(1);
  });

  it('suggests duplicates and lets a dispatcher merge one into another', async () => {
    const first = (await report({ categoryCode: 'CG03-02', description: '夜间施工噪音' })).data;
    const at = await pointIn(t, GRID);
    const dupes = await worker.post('/api/cases/duplicates', { categoryCode: 'CG03-02', ...at });
    expect(dupes.data.items[0]).toMatchObject({ id: first.id, distanceM: expect.any(Number) });
    const second = (await report({ categoryCode: 'CG03-02', description: '又有施工噪音' })).data;
    const merged = await dispatcher.post(`/api/cases/${second.id}/merge`, {
      version: second.version,
      intoCaseId: first.id,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.data).toMatchObject({ state: 'voided', mergedInto: first.id });
  });
});

describe('the state machine in practice', () => {
  it('refuses illegal transitions (409 with the state), stale versions (409) and missing inputs (400)', async () => {
    const kase = (await report()).data;
    const illegal = await dispatcher.post(`/api/cases/${kase.id}/actions/close`, { version: kase.version });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.data.error).toMatchObject({ code: 'illegal_transition', details: { state: 'reported' } });
    const stale = await dispatcher.post(`/api/cases/${kase.id}/actions/accept`, {
      version: kase.version + 5,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.data.error).toMatchObject({
      code: 'stale_version',
      details: { version: kase.version, state: 'reported' },
    });
    const noReason = await dispatcher.post(`/api/cases/${kase.id}/actions/requestVoid`, {
      version: kase.version,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.data.error.details.field).toBe('reason');
    const wrongRole = await worker.post(`/api/cases/${kase.id}/actions/accept`, { version: kase.version });
    expect(wrongRole.statusCode).toBe(403);
    const unknownAction = await dispatcher.post(`/api/cases/${kase.id}/actions/explode`, {
      version: kase.version,
    });
    expect(unknownAction.statusCode).toBe(400);
    expect((await dispatcher.get(`/api/cases/${kase.id}`)).data.steps).toHaveLength(1);
  });

  it('serialises concurrent actions: of two accepts with one version, one wins and one gets 409', async () => {
    const kase = (await report()).data;
    const [a, b] = await Promise.all([
      dispatcher.post(`/api/cases/${kase.id}/actions/accept`, { version: kase.version }),
      street.post(`/api/cases/${kase.id}/actions/accept`, { version: kase.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await dispatcher.get(`/api/cases/${kase.id}`)).data.steps).toHaveLength(2);
  });

  it('voiding needs approval; rejection returns the case', async () => {
    const kase = (await report()).data;
    await act(dispatcher, kase.id, 'accept');
    const pending = await act(dispatcher, kase.id, 'requestVoid', { reason: '重复上报' });
    expect(pending.state).toBe('void_pending');
    expect(pending.actions).not.toContain('approveVoid'); // the dispatcher has no approval right
    const approved = await act(street, kase.id, 'approveVoid');
    expect(approved.state).toBe('voided');
    const other = (await report()).data;
    await act(dispatcher, other.id, 'accept');
    await act(dispatcher, other.id, 'requestVoid', { reason: '误报' });
    expect((await act(street, other.id, 'rejectVoid', { reason: '现场确有问题' })).state).toBe('accepted');
  });

  it('asks the worker to confirm on site, then extension, suspension and resumption', async () => {
    const kase = (await report()).data;
    await act(dispatcher, kase.id, 'requestConfirm');
    expect((await act(worker, kase.id, 'confirm', { note: '现场属实' })).state).toBe('accepted');
    await act(dispatcher, kase.id, 'file');
    await act(dispatcher, kase.id, 'dispatch', { target: { type: 'unit', id: await unitId(t, GRID) } });
    await act(worker, kase.id, 'acceptTask');
    const before = (await worker.get(`/api/cases/${kase.id}`)).data.stepDueAt;
    await act(worker, kase.id, 'requestExtension', {
      reason: '需等待物业配合',
      extension: { amount: 2, unit: 'days' },
    });
    const twice = await worker.post(`/api/cases/${kase.id}/actions/requestExtension`, {
      version: (await worker.get(`/api/cases/${kase.id}`)).data.version,
      reason: '再延',
      extension: { amount: 1, unit: 'days' },
    });
    expect(twice.statusCode).toBe(409);
    const extended = await act(dispatcher, kase.id, 'approveExtension');
    expect(Date.parse(extended.stepDueAt)).toBeGreaterThan(Date.parse(before));
    expect(extended.pendingExtension).toBeNull();
    expect((await act(worker, kase.id, 'suspend', { reason: '等待业主回国' })).state).toBe('suspended');
    expect((await act(worker, kase.id, 'resume')).state).toBe('in_progress');
  });

  it('self-handled reports need after photos, go to the grid leader for audit, then close', async () => {
    const withoutPhotos = await report({ selfHandled: true });
    expect(withoutPhotos.statusCode).toBe(400);
    expect(withoutPhotos.data.error.details.field).toBe('afterPhotoIds');
    const before = await uploadPhoto(worker);
    const after = await uploadPhoto(worker, { r: 40, g: 160, b: 60 });
    const res = await report({ selfHandled: true, photoIds: [before], afterPhotoIds: [after] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data).toMatchObject({ state: 'self_handled', selfHandled: true });
    expect(res.data.photos.map((p: { id: string }) => p.id).sort()).toEqual([before, after].sort());
    expect(res.data.steps[0].details).toMatchObject({ before: [before], after: [after] });
    const leader = await t.login(`wz${GRID}`);
    expect((await leader.get('/api/cases?view=inbox')).data.items.map((c: { id: string }) => c.id)).toContain(
      res.data.id,
    );
    // Told by a message too, and the dispatchers over the community are not: nothing for them to do.
    const told = async (client: typeof leader) =>
      (await client.get('/api/notifications')).data.items.filter(
        (n: { caseId: string }) => n.caseId === res.data.id,
      );
    expect((await told(leader)).map((n: { kind: string }) => n.kind)).toEqual(['self_handled_audit']);
    expect(await told(dispatcher)).toEqual([]);
    const photo = await leader.get(res.data.photos[0].thumbnailUrl);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect((await act(leader, res.data.id, 'auditSelfHandled')).state).toBe('closed');
    // A photo already used by one case cannot be attached to another.
    const reuse = await report({ photoIds: [before] });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.data.error.details.field).toBe('photoIds');
  });

  it('keeps the step history append-only, even against direct SQL', async () => {
    const kase = (await report()).data;
    await expect(
      t.db.updateTable('case_steps').set({ note: 'tampered' }).where('case_id', '=', kase.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('case_steps').where('case_id', '=', kase.id).execute()).rejects.toThrow(
      /append-only/,
    );
  });
});

describe('time limits', () => {
  it('turns lights yellow and red by working time and raises supervision with notifications', async () => {
    const kase = (await report()).data;
    const due = Date.parse(kase.stepDueAt);
    const started = Date.parse(
      (
        await t.db
          .selectFrom('cases')
          .select('step_started_at')
          .where('id', '=', kase.id)
          .executeTakeFirstOrThrow()
      ).step_started_at.toISOString(),
    );
    const calendars = t.context.calendars;
    // Far beyond the limit: at least twice the working time used → red card.
    const later = new Date(due + 30 * 24 * 3_600_000);
    const outbox = newOutbox();
    const result = await refreshCaseTimers({ db: t.db, calendars, outbox, now: later });
    expect(result.supervised).toBeGreaterThan(0);
    expect(started).toBeLessThan(due);
    const after = (await dispatcher.get(`/api/cases/${kase.id}`)).data;
    expect(after).toMatchObject({ light: 'red', supervision: 'red_card' });
    const step = after.steps.at(-1);
    expect(step).toMatchObject({ action: 'supervise', actorName: '系统（超时督办）' });
    const notes = (await dispatcher.get('/api/notifications')).data.items;
    expect(
      notes.some((n: { caseId: string; kind: string }) => n.caseId === kase.id && n.kind === 'supervision'),
    ).toBe(true);
    expect(outbox.messages.length).toBeGreaterThan(0);
    const overdue = await dispatcher.get('/api/cases?overdue=true&pageSize=500');
    expect(overdue.data.items.map((c: { id: string }) => c.id)).toContain(kase.id);
    // A second run raises nothing new.
    const again = await refreshCaseTimers({ db: t.db, calendars, outbox: newOutbox(), now: later });
    expect(again.supervised).toBe(0);
  });
});

describe('statistics', () => {
  it('the monthly rollup agrees with the cases for any period, and with a rebuild', async () => {
    // Spread some cases over earlier months so periods cut through them.
    // One statement: the demo's year of history makes one UPDATE per case too slow.
    await sql`UPDATE cases c SET reported_at = c.reported_at - make_interval(days => ((o.i * 17) % 120)::int)
      FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM cases) o WHERE o.id = c.id`.execute(
      t.db,
    );
    const day = 86_400_000;
    const now = Date.now();
    const periods = [
      {},
      { from: now - 35 * day },
      { from: now - 100 * day, to: now - 20 * day },
      { to: now - 45 * day },
    ];
    const streetPath = '/120100000000/120110000000/120110001000/';
    for (const p of periods) {
      const q = new URLSearchParams();
      if (p.from) q.set('from', new Date(p.from).toISOString());
      if (p.to) q.set('to', new Date(p.to).toISOString());
      const api = (await street.get(`/api/cases/stats?${q}`)).data;
      const direct = await sql<{ reported: number; closed: number; voided: number; filed: number }>`
        SELECT count(*)::int AS reported, count(*) FILTER (WHERE state IN ('closed','evaluated','archived'))::int AS closed,
               count(*) FILTER (WHERE state = 'voided')::int AS voided, count(filed_at)::int AS filed
        FROM cases WHERE grid_path LIKE ${`${streetPath}%`}
          AND reported_at >= ${new Date(p.from ?? 0)} AND reported_at < ${new Date(p.to ?? now + day)}`.execute(
        t.db,
      );
      expect(
        { reported: api.reported, closed: api.closed, voided: api.voided, filed: api.filed },
        JSON.stringify(p),
      ).toEqual(direct.rows[0]);
    }
    const before =
      await sql`SELECT * FROM case_stats_monthly WHERE reported <> 0 ORDER BY 1, 2, 3, 4`.execute(t.db);
    await sql`SELECT case_stats_rebuild()`.execute(t.db);
    const after = await sql`SELECT * FROM case_stats_monthly ORDER BY 1, 2, 3, 4`.execute(t.db);
    expect(after.rows).toEqual(before.rows);
  });

  it('counts reported, filed, closed and rates for a unit subtree', async () => {
    const res = await street.get(`/api/cases/stats?within=${await unitId(t, '120110001000')}`);
    expect(res.statusCode).toBe(200);
    expect(res.data.reported).toBeGreaterThan(5);
    expect(res.data.voided).toBeGreaterThanOrEqual(2);
    expect(res.data.bySource[0]).toMatchObject({ source: 'patrol' });
    expect(res.data.byCategory.reduce((s: number, c: { reported: number }) => s + c.reported, 0)).toBe(
      res.data.reported,
    );
    const other = await (await t.login('street2')).get('/api/cases/stats');
    const street2 = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cases WHERE grid_path LIKE '/120100000000/120110000000/120110002000/%'`.execute(
      t.db,
    );
    expect(other.data.reported).toBe(street2.rows[0]!.n);
    const worker2 = await t.login('w120110001001001');
    expect((await worker2.get('/api/cases/stats')).statusCode).toBe(403);
  });
});
