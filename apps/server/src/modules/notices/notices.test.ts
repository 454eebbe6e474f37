import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

// Community notices: operators publish to the communities of their scope; residents read a
// community's current ones without signing in.
let t: TestApp;
let community1: Client;

async function communityOf(username: string) {
  return t.db
    .selectFrom('user_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .select(['o.id', 'o.path'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await startTestApp();
  community1 = await t.login('community1');
});
afterAll(() => t?.close());

describe('notices', () => {
  it('a community operator publishes to their community and residents see it while current', async () => {
    const own = await communityOf('community1');
    const res = await community1.post('/api/notices', {
      communityId: own.id,
      title: '周六义诊',
      body: '周六上午社区卫生站义诊，欢迎居民参加。',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data).toMatchObject({ state: 'current', community: { id: own.id } });
    const shown = await t.anon.get(`/api/residents/notices?communityId=${own.id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.data.items.map((n: { title: string }) => n.title)).toContain('周六义诊');
    // The demo's scheduled and expired notices are not shown.
    const titles = shown.data.items.map((n: { title: string }) => n.title);
    expect(titles).not.toContain('下周二停水通知');
    expect(titles).not.toContain('国庆期间社区服务站值班安排');
    expect(shown.data.items[0]).not.toHaveProperty('state');

    const withdrawn = await community1.post(`/api/notices/${res.data.id}/withdraw`);
    expect(withdrawn.data.state).toBe('withdrawn');
    const after = await t.anon.get(`/api/residents/notices?communityId=${own.id}`);
    expect(after.data.items.map((n: { id: string }) => n.id)).not.toContain(res.data.id);
    const again = await community1.post(`/api/notices/${res.data.id}/withdraw`);
    expect(again.statusCode).toBe(409);
  });

  it('keeps an operator to the communities of their scope', async () => {
    const other = await communityOf('community2');
    const res = await community1.post('/api/notices', {
      communityId: other.id,
      title: '越权',
      body: '不应发布',
    });
    expect(res.statusCode).toBe(404);
    const list = await community1.get('/api/notices');
    const own = await communityOf('community1');
    expect(list.data.items.length).toBeGreaterThan(0);
    expect(list.data.items.every((n: { community: { id: string } }) => n.community.id === own.id)).toBe(true);
    const street = await t.login('street1');
    const streetList = await street.get('/api/notices');
    const ids = new Set(streetList.data.items.map((n: { community: { id: string } }) => n.community.id));
    expect(ids.has(own.id) && ids.has(other.id)).toBe(true);
  });

  it('refuses those without the permission and names bad fields', async () => {
    const worker = await t.login('w120110001001001');
    expect((await worker.get('/api/notices')).statusCode).toBe(403);
    const own = await communityOf('community1');
    const late = await community1.post('/api/notices', {
      communityId: own.id,
      title: '时间不对',
      body: '截止早于发布',
      publishAt: '2026-01-02T00:00:00Z',
      expireAt: '2026-01-01T00:00:00Z',
    });
    expect(late.statusCode).toBe(400);
    expect(late.data.error.details.field).toBe('expireAt');
  });
});
