import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { act, departmentId, departmentUser, pointIn, unitId } from './test-helpers.ts';

// The seeds' stories, end to end through the API (DOMAIN.md §4).
const GRID = '120110001001001';
let t: TestApp;
let admin: Client;
let worker: Client;
let dispatcher: Client;
let sanitation: Client;
let housing: Client;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  worker = await t.login(`w${GRID}`);
  dispatcher = await t.login('dispatcher');
  sanitation = await departmentUser(t, admin, 'dept.urban', 'urban_management');
  housing = await departmentUser(t, admin, 'dept.housing', 'housing');
});
afterAll(() => t?.close());

async function report(
  client: Client,
  categoryCode: string,
  description: string,
  nth = 0,
  extra: Record<string, unknown> = {},
) {
  const at = await pointIn(t, GRID, nth);
  const res = await client.post('/api/cases', {
    categoryCode,
    description,
    source: 'patrol',
    ...at,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.data;
}

async function inbox(client: Client) {
  const res = await client.get('/api/cases?view=inbox&pageSize=500');
  expect(res.statusCode, res.body).toBe(200);
  return res.data.items.map((c: { id: string }) => c.id) as string[];
}

describe('Dongli: clutter in a stairwell', () => {
  it('worker reports → street dispatches sanitation → handled → verified → closed → evaluated → archived', async () => {
    const kase = await report(worker, 'SG02-01', '3号楼2单元楼道堆放纸箱等易燃杂物', 0, {
      address: '丽湖路18号3号楼',
    });
    expect(kase).toMatchObject({
      state: 'reported',
      grid: { code: GRID },
      owner: { level: 'community' },
      light: 'green',
    });
    expect(kase.code).toMatch(/^SJ\d{14}$/);
    expect(kase.stepDueAt).not.toBeNull();
    expect(await inbox(dispatcher)).toContain(kase.id);
    expect((await dispatcher.get(`/api/cases/${kase.id}`)).data.actions).toEqual(
      expect.arrayContaining(['accept', 'requestConfirm', 'requestVoid']),
    );

    await act(dispatcher, kase.id, 'accept');
    await act(dispatcher, kase.id, 'file');
    const targets = (await dispatcher.get(`/api/cases/${kase.id}/targets`)).data;
    const urban = targets.departments.find((d: { kind: string }) => d.kind === 'urban_management');
    expect(urban).toBeDefined();
    await act(dispatcher, kase.id, 'dispatch', { target: { type: 'department', id: urban.id } });
    expect(await inbox(sanitation)).toContain(kase.id);
    const notes = (await sanitation.get('/api/notifications?unread=true')).data;
    expect(
      notes.items.some(
        (n: { caseId: string; kind: string }) => n.caseId === kase.id && n.kind === 'dispatched',
      ),
    ).toBe(true);

    await act(sanitation, kase.id, 'acceptTask');
    await act(sanitation, kase.id, 'handle', { note: '已清理楼道杂物，张贴消防提示' });
    expect(await inbox(worker)).toContain(kase.id);
    await act(worker, kase.id, 'verifyPass', { note: '现场复核，楼道已清理干净' });
    await act(dispatcher, kase.id, 'close');
    await act(dispatcher, kase.id, 'evaluate', { rating: 5 });
    const done = await act(dispatcher, kase.id, 'archive');
    expect(done.state).toBe('archived');
    expect(done.steps.map((s: { action: string }) => s.action)).toEqual([
      'report',
      'accept',
      'file',
      'dispatch',
      'acceptTask',
      'handle',
      'verifyPass',
      'close',
      'evaluate',
      'archive',
    ]);
    for (const s of done.steps) expect(s.actorName).toBeTruthy();
    expect(done.steps[3].details.target.name).toContain('城市管理');
    await act(dispatcher, kase.id, 'returnVisit', {
      note: '电话回访居民',
      satisfaction: 5,
      comment: '很满意',
    });
    expect((await dispatcher.get(`/api/cases/${kase.id}`)).data).toMatchObject({
      satisfaction: 5,
      rating: 5,
    });
  });
});

describe('Dongli: a broken manhole cover the community cannot fix', () => {
  it('community escalates → street whistles to departments → they report for duty → lead handles → verified', async () => {
    const community = await t.login('community1');
    const kase = await report(worker, 'CG06-01', '路口井盖破损，存在安全隐患', 1);
    await act(community, kase.id, 'accept');
    await act(community, kase.id, 'file');
    const up = await act(community, kase.id, 'escalate', { reason: '社区无维修能力，需街道协调' });
    expect(up).toMatchObject({ state: 'filed', owner: { level: 'street', code: '120110001000' } });
    expect(await inbox(dispatcher)).toContain(kase.id);

    const lead = await departmentId(t, 'urban_management');
    const helper = await departmentId(t, 'housing');
    const missingLead = await dispatcher.post(`/api/cases/${kase.id}/actions/whistle`, {
      version: up.version,
      targets: [
        { departmentId: lead, lead: false },
        { departmentId: helper, lead: false },
      ],
    });
    expect(missingLead.statusCode).toBe(400);
    expect(missingLead.data.error.details.field).toBe('targets');
    const whistled = await act(dispatcher, kase.id, 'whistle', {
      targets: [
        { departmentId: lead, lead: true },
        { departmentId: helper, lead: false },
      ],
    });
    expect(whistled.state).toBe('dispatched');
    expect(whistled.assignments.filter((a: { active: boolean }) => a.active)).toHaveLength(2);
    expect(whistled.assignments.every((a: { ackDueAt: string | null }) => a.ackDueAt)).toBe(true);

    await act(housing, kase.id, 'acknowledge');
    await act(sanitation, kase.id, 'acknowledge');
    const again = await housing.post(`/api/cases/${kase.id}/actions/acknowledge`, {
      version: (await housing.get(`/api/cases/${kase.id}`)).data.version,
    });
    expect(again.statusCode).toBe(409);
    const acked = (await dispatcher.get(`/api/cases/${kase.id}`)).data;
    expect(
      acked.assignments
        .filter((a: { active: boolean }) => a.active)
        .every((a: { acknowledgedAt: string }) => a.acknowledgedAt),
    ).toBe(true);

    await act(sanitation, kase.id, 'acceptTask');
    await act(sanitation, kase.id, 'handle', { note: '已更换井盖' });
    const verified = await act(worker, kase.id, 'verifyPass', { note: '井盖已更换' });
    expect(verified.state).toBe('verified');
  });
});

describe('Houjie: escalation up the chain', () => {
  it('patroller reports → street dispatcher escalates to the district → district assigns back down to the street', async () => {
    const patroller = await t.login('patroller');
    const district = await t.login('district');
    const kase = await report(patroller, 'CG04-02', '无照游商占道经营，劝导无效', 2);
    await act(dispatcher, kase.id, 'accept');
    await act(dispatcher, kase.id, 'file');
    await act(dispatcher, kase.id, 'escalate', { reason: '街道协调无果' }); // community → street
    const atDistrict = await act(dispatcher, kase.id, 'escalate', { reason: '需区级干部决策' });
    expect(atDistrict.owner.level).toBe('district');
    expect(await inbox(district)).toContain(kase.id);
    // The street is no longer the dispatcher of a district case.
    expect((await dispatcher.get(`/api/cases/${kase.id}`)).data.actions).not.toContain('dispatch');
    const down = await act(district, kase.id, 'assignDown', {
      target: { type: 'unit', id: await unitId(t, '120110001000') },
    });
    expect(down.owner.code).toBe('120110001000');
    expect(await inbox(dispatcher)).toContain(kase.id);
  });

  it('the city cannot escalate further', async () => {
    const kase = await report(worker, 'CG01-01', '暴露垃圾', 3);
    await act(admin, kase.id, 'accept');
    await act(admin, kase.id, 'file');
    for (let i = 0; i < 3; i++) await act(admin, kase.id, 'escalate', { reason: '上报' });
    const top = (await admin.get(`/api/cases/${kase.id}`)).data;
    expect(top.owner.level).toBe('city');
    const res = await admin.post(`/api/cases/${kase.id}/actions/escalate`, {
      version: top.version,
      reason: '再上报',
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('a failed verification goes back to the same handler', () => {
  it('dispatch to the community → handled → verification fails → rework → handled again → passes', async () => {
    const community = await t.login('community1');
    const kase = await report(worker, 'CG02-01', '墙面非法小广告', 4);
    await act(dispatcher, kase.id, 'accept');
    await act(dispatcher, kase.id, 'file');
    await act(dispatcher, kase.id, 'dispatch', {
      target: { type: 'unit', id: await unitId(t, '120110001001') },
    });
    expect(await inbox(community)).toContain(kase.id);
    await act(community, kase.id, 'acceptTask');
    await act(community, kase.id, 'handle', { note: '已清除' });
    const failed = await act(worker, kase.id, 'verifyFail', { reason: '仍有两处未清除' });
    expect(failed.state).toBe('rework');
    expect(await inbox(community)).toContain(kase.id);
    const rework = (await community.get('/api/notifications')).data.items.find(
      (n: { caseId: string; kind: string }) => n.caseId === kase.id && n.kind === 'rework',
    );
    expect(rework).toBeDefined();
    await act(community, kase.id, 'acceptTask');
    await act(community, kase.id, 'handle', { note: '已全部清除' });
    expect((await act(worker, kase.id, 'verifyPass', { note: '已全部清除' })).state).toBe('verified');
  });
});
