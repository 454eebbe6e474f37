import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { act, pointIn, uploadPhoto } from '../cases/test-helpers.ts';
import { closeCase, reportAsResident, signInResident } from './test-helpers.ts';

// Residents following a report (its reporter, its "+1"s) are told of each change of the public
// phase and of each note staff publish — in the resident's words, never with staff names.
const GRID = '120110001001001';
let t: TestApp;
let dispatcher: Client;

beforeAll(async () => {
  t = await startTestApp();
  dispatcher = await t.login('dispatcher');
});
afterAll(() => t?.close());

interface Item {
  id: string;
  kind: string;
  title: string;
  titleKey: string | null;
  subject: { zh: string; en: string } | null;
  body: string;
  caseId: string | null;
  readAt?: string | null;
}

async function inbox(client: Client, caseId: string): Promise<Item[]> {
  const res = await client.get('/api/notifications');
  expect(res.statusCode, res.body).toBe(200);
  return (res.data.items as Item[]).filter((n) => n.caseId === caseId);
}

describe('notifying the followers of a report', () => {
  it('tells the reporter and the +1s of a new phase and a published note, no one else', async () => {
    const reporter = await signInResident(t, '13900000701');
    const joiner = await signInResident(t, '13900000702');
    const stranger = await signInResident(t, '13900000703');
    const { id } = await reportAsResident(t, reporter, GRID, 0);
    expect((await joiner.post(`/api/residents/reports/${id}/plus-one`)).statusCode).toBe(200);

    // Accepting keeps the phase (received) and publishes nothing: no news.
    await act(dispatcher, id, 'accept', { note: '内部：转城管处理' });
    expect(await inbox(reporter, id)).toEqual([]);

    // Filing starts the handling: news for both followers.
    await act(dispatcher, id, 'file', { note: '内部：立案' });
    for (const follower of [reporter, joiner]) {
      const items = await inbox(follower, id);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        kind: 'report_progress',
        titleKey: 'report_progress.handling',
        subject: { zh: '楼道堆放杂物', en: 'Things piled in the stairwell' },
        title: '您反映的问题正在处理：楼道堆放杂物',
        body: '',
        readAt: null,
      });
    }

    // A note published for the public reaches them even when the phase stays.
    const grid = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', GRID)
      .executeTakeFirstOrThrow();
    await act(dispatcher, id, 'dispatch', {
      target: { type: 'unit', id: grid.id },
      note: '内部：请网格员尽快',
      publicNote: '已安排网格员上门清理',
    });
    const latest = (await inbox(joiner, id))[0]!;
    expect(latest).toMatchObject({ titleKey: 'report_progress', body: '已安排网格员上门清理' });

    expect(await inbox(stranger, id)).toEqual([]);
    expect((await inbox(dispatcher, id)).filter((n) => n.kind === 'report_progress')).toEqual([]);

    const staff = await t.db
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', 'dispatcher')
      .executeTakeFirstOrThrow();
    const text = JSON.stringify([...(await inbox(reporter, id)), ...(await inbox(joiner, id))]);
    expect(text).not.toContain(staff.display_name);
    expect(text).not.toContain('内部');

    // Read once tapped.
    expect((await reporter.post(`/api/notifications/${latest.id}/read`)).statusCode).toBe(404);
    const mine = (await inbox(reporter, id))[0]!;
    expect((await reporter.post(`/api/notifications/${mine.id}/read`)).statusCode).toBe(204);
    expect((await inbox(reporter, id))[0]!.readAt).not.toBeNull();
  });

  it('tells the +1s of a case staff reported, not the staff reporter', async () => {
    const worker = await t.login(`w${GRID}`);
    const joiner = await signInResident(t, '13900000711');
    const at = await pointIn(t, GRID, 1);
    const created = await worker.post('/api/cases', {
      categoryCode: 'SG02-01',
      description: '楼道堆放纸箱',
      source: 'patrol',
      photoIds: [await uploadPhoto(worker)],
      ...at,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.data.id as string;
    expect((await joiner.post(`/api/residents/reports/${id}/plus-one`)).statusCode).toBe(200);
    await act(dispatcher, id, 'accept');
    await act(dispatcher, id, 'file');
    expect((await inbox(joiner, id)).map((n) => n.titleKey)).toEqual(['report_progress.handling']);
    // A patrol case's reporter is staff: not told as a follower.
    expect((await inbox(worker, id)).filter((n) => n.kind === 'report_progress')).toEqual([]);
  });

  it('tells the +1s, not the reporter, when the reporter reopens the report', async () => {
    const worker = await t.login(`w${GRID}`);
    const reporter = await signInResident(t, '13900000721');
    const joiner = await signInResident(t, '13900000722');
    const { id } = await reportAsResident(t, reporter, GRID, 2);
    expect((await joiner.post(`/api/residents/reports/${id}/plus-one`)).statusCode).toBe(200);
    await closeCase(t, { dispatcher, worker }, id, GRID);
    const reopened = await reporter.post(`/api/residents/reports/${id}/reopen`, {
      reason: '纸箱又堆上了',
      photoIds: [await uploadPhoto(reporter)],
    });
    expect(reopened.statusCode, reopened.body).toBe(200);

    const keys = async (c: Client) => (await inbox(c, id)).map((n) => n.titleKey);
    const before = ['report_progress.closed', 'report_progress.handled', 'report_progress.handling'];
    expect(await keys(reporter)).toEqual(before);
    expect(await keys(joiner)).toEqual(['report_progress.reopened', ...before]);
    const text = JSON.stringify(await inbox(joiner, id));
    for (const words of ['已清理', '已核查', '纸箱又堆上了']) expect(text).not.toContain(words);
  });
});
