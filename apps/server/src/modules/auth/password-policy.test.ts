import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let admin: Client;
const gridId = async () =>
  (
    await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', '120110001002001')
      .executeTakeFirstOrThrow()
  ).id;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

describe('the password policy wherever a password is set', () => {
  it('refuses a password equal to the username with 400 naming the field and the reason', async () => {
    const res = await admin.post('/api/users', {
      username: 'zhangsan01',
      displayName: '张三',
      password: 'zhangsan01',
      roles: ['grid_worker_full'],
      orgUnitIds: [await gridId()],
    });
    expect(res.statusCode).toBe(400);
    expect(res.data.error.details).toMatchObject({ field: 'password', reason: 'username' });
  });

  it('refuses a common password, on creation and on an administrator’s reset', async () => {
    const created = await admin.post('/api/users', {
      username: 'lisi.worker',
      displayName: '李四',
      password: 'woaini1314',
      roles: ['grid_worker_full'],
      orgUnitIds: [await gridId()],
    });
    expect(created.statusCode).toBe(400);
    expect(created.data.error.details).toMatchObject({ field: 'password', reason: 'common' });
    const handler = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'handler')
      .executeTakeFirstOrThrow();
    const reset = await admin.post(`/api/users/${handler.id}/password`, { password: '1qaz2wsx3edc' });
    expect(reset.statusCode).toBe(400);
    expect(reset.data.error.details).toMatchObject({ field: 'password', reason: 'common' });
    const asName = await admin.post(`/api/users/${handler.id}/password`, { password: 'Handler-2026' });
    expect(asName.data.error.details).toMatchObject({ field: 'password', reason: 'username' });
  });
});
