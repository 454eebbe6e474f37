// 吹哨报到 through HTTP: the report-for-duty limit follows the category, the 报到 action goes once
// a department has reported, and the timer job supervises a department that does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { newOutbox } from '../notifications/notify.ts';
import { act, departmentId, departmentUser, pointIn } from './test-helpers.ts';
import { refreshCaseTimers } from './timers.ts';

const GRID = '120110001001003';
let t: TestApp;
let worker: Client;
let dispatcher: Client;
let urban: Client;
let housing: Client;
let urbanId: string;
let housingId: string;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  worker = await t.login(`w${GRID}`);
  dispatcher = await t.login('dispatcher');
  urban = await departmentUser(t, admin, 'rfd.urban', 'urban_management');
  housing = await departmentUser(t, admin, 'rfd.housing', 'housing');
  urbanId = await departmentId(t, 'urban_management');
  housingId = await departmentId(t, 'housing');
});
afterAll(() => t?.close());

/** A case of the category reported in the grid, filed by the street and whistled to two departments. */
async function whistled(categoryCode: string, nth: number) {
  const at = await pointIn(t, GRID, nth);
  const created = await worker.post('/api/cases', {
    categoryCode,
    description: '吹哨报到测试：现场情况紧急',
    source: 'patrol',
    ...at,
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.data.id as string;
  await act(dispatcher, id, 'accept');
  await act(dispatcher, id, 'file');
  if ((await dispatcher.get(`/api/cases/${id}`)).data.owner.level === 'community') {
    await act(await t.login('community1'), id, 'escalate', { reason: '需街道吹哨' });
  }
  return act(dispatcher, id, 'whistle', {
    targets: [
      { departmentId: urbanId, lead: true },
      { departmentId: housingId, lead: false },
    ],
  });
}

const active = (detail: { assignments: { active: boolean; ackDueAt: string; ackLight: string }[] }) =>
  detail.assignments.filter((a) => a.active);

describe('report for duty (报到)', () => {
  it('follows the category: a gas leak within its 2-hour handling limit, a dispute within a day', async () => {
    const gas = await whistled('CG05-02', 0);
    const gasStep = gas.steps.at(-1);
    expect(gasStep.details.ackLimit).toEqual({ amount: 2, unit: 'hours' });
    for (const a of active(gas)) {
      // Same working-time rule, same start, same 2 hours as the handling step.
      expect(a.ackDueAt).toBe(gas.stepDueAt);
      expect(a.ackLight).toBe('green');
    }
    const dispute = await whistled('SG01-05', 1);
    expect(dispute.steps.at(-1).details.ackLimit).toEqual({ amount: 1, unit: 'days' });
    for (const a of active(dispute))
      expect(Date.parse(a.ackDueAt)).toBeLessThan(Date.parse(dispute.stepDueAt));
  });

  it('offers 报到 until the department has reported, then answers a repeat with already_reported', async () => {
    const kase = await whistled('CG06-01', 2);
    expect((await urban.get(`/api/cases/${kase.id}`)).data.actions).toContain('acknowledge');
    const after = await act(urban, kase.id, 'acknowledge');
    expect(after.actions).not.toContain('acknowledge');
    expect((await urban.get(`/api/cases/${kase.id}`)).data.actions).not.toContain('acknowledge');
    expect((await housing.get(`/api/cases/${kase.id}`)).data.actions).toContain('acknowledge');
    const again = await urban.post(`/api/cases/${kase.id}/actions/acknowledge`, { version: after.version });
    expect(again.statusCode).toBe(409);
    expect(again.data.error.code).toBe('already_reported');
  });

  it('is supervised by the timer job: a late department turns red, is carded and notified', async () => {
    const kase = await whistled('CG05-02', 3);
    await act(urban, kase.id, 'acknowledge');
    const later = new Date(Date.now() + 30 * 24 * 3_600_000);
    const result = await refreshCaseTimers({
      db: t.db,
      calendars: t.context.calendars,
      outbox: newOutbox(),
      now: later,
    });
    expect(result.supervised).toBeGreaterThan(0);
    const detail = (await dispatcher.get(`/api/cases/${kase.id}`)).data;
    const byDept = (id: string) =>
      detail.assignments.find(
        (a: { active: boolean; target: { id: string } }) => a.active && a.target.id === id,
      );
    expect(byDept(housingId)).toMatchObject({ ackLight: 'red', ackSupervision: 'red_card' });
    expect(byDept(urbanId)).toMatchObject({ ackLight: 'green', ackSupervision: 'none' });
    const step = detail.steps.find(
      (s: { action: string; details: { reportForDuty?: { departmentId: string } } }) =>
        s.action === 'supervise' && s.details.reportForDuty?.departmentId === housingId,
    );
    expect(step).toBeDefined();
    const notes = (await housing.get('/api/notifications')).data.items;
    expect(
      notes.some((n: { caseId: string; kind: string }) => n.caseId === kase.id && n.kind === 'supervision'),
    ).toBe(true);
    const again = await refreshCaseTimers({
      db: t.db,
      calendars: t.context.calendars,
      outbox: newOutbox(),
      now: later,
    });
    const raisedAgain = (await dispatcher.get(`/api/cases/${kase.id}`)).data.steps.filter(
      (s: { action: string; details: { reportForDuty?: unknown } }) =>
        s.action === 'supervise' && s.details.reportForDuty,
    );
    expect(raisedAgain).toHaveLength(1);
    expect(again.checked).toBeGreaterThan(0);
  });
});
