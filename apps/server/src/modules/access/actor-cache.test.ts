import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

// The caller's grants are cached per process under users.authz_version (access/actor.ts); the
// triggers of migration 0017 bump it. Every change below is made behind the app's back, in SQL,
// and the very next request of an already-cached caller must see it.

let t: TestApp;
let token: Client;
let session: Client;
let userId: string;
let street1: string;
let street2: string;

const unitId = async (code: string) =>
  (await t.db.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const me = async (client: Client) => (await client.get('/api/auth/me')).data.user;

beforeAll(async () => {
  t = await startTestApp();
  token = await t.withToken('street1');
  session = await t.login('street1');
  userId = (
    await t.db.selectFrom('users').select('id').where('username', '=', 'street1').executeTakeFirstOrThrow()
  ).id;
  street1 = await unitId('120110001000');
  street2 = await unitId('120110002000');
});
afterAll(() => t?.close());

describe('cached grants follow every change at once', () => {
  it('a role losing a permission, for token and session callers alike', async () => {
    for (const c of [token, session]) expect((await c.get('/api/registers/stats')).statusCode).toBe(200);
    await sql`UPDATE roles SET permissions = array_remove(permissions, 'registers.read')
      WHERE code = 'street_operator'`.execute(t.db);
    for (const c of [token, session]) expect((await c.get('/api/registers/stats')).statusCode).toBe(403);
    await sql`UPDATE roles SET permissions = permissions || '{registers.read}'::text[]
      WHERE code = 'street_operator'`.execute(t.db);
    for (const c of [token, session]) expect((await c.get('/api/registers/stats')).statusCode).toBe(200);
  });

  it('a role taken away and given back', async () => {
    expect((await me(token)).roles.map((r: { code: string }) => r.code)).toEqual(['street_operator']);
    await t.db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    expect((await me(token)).roles).toEqual([]);
    expect((await token.get('/api/registers/stats')).statusCode).toBe(403);
    await t.db.insertInto('user_roles').values({ user_id: userId, role_code: 'street_operator' }).execute();
    expect((await token.get('/api/registers/stats')).statusCode).toBe(200);
  });

  it('an assignment moved to another street moves the scope', async () => {
    expect((await token.get(`/api/org/units/${street1}`)).statusCode).toBe(200);
    expect((await token.get(`/api/org/units/${street2}`)).statusCode).toBe(404);
    await t.db
      .updateTable('user_assignments')
      .set({ org_unit_id: street2 })
      .where('user_id', '=', userId)
      .where('org_unit_id', '=', street1)
      .execute();
    expect((await token.get(`/api/org/units/${street1}`)).statusCode).toBe(404);
    expect((await session.get(`/api/org/units/${street2}`)).statusCode).toBe(200);
    await t.db
      .updateTable('user_assignments')
      .set({ org_unit_id: street1 })
      .where('user_id', '=', userId)
      .where('org_unit_id', '=', street2)
      .execute();
    expect((await token.get(`/api/org/units/${street1}`)).statusCode).toBe(200);
  });

  it('a deactivated account and a revoked token are refused on the next request', async () => {
    await t.db.updateTable('users').set({ active: false }).where('id', '=', userId).execute();
    expect((await token.get('/api/auth/me')).statusCode).toBe(401);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    await t.db.updateTable('users').set({ active: true }).where('id', '=', userId).execute();
    expect((await token.get('/api/auth/me')).statusCode).toBe(200);
    await t.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .execute();
    expect((await token.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('bulk changes bump each user once per statement', async () => {
    const before = await t.db
      .selectFrom('users')
      .select(['id', 'authz_version'])
      .where('username', 'in', ['street1', 'street2'])
      .execute();
    await sql`UPDATE roles SET permissions = permissions WHERE code = 'street_operator'`.execute(t.db);
    const after = await t.db
      .selectFrom('users')
      .select(['id', 'authz_version'])
      .where('username', 'in', ['street1', 'street2'])
      .execute();
    for (const b of before) {
      const a = after.find((x) => x.id === b.id)!;
      expect(BigInt(a.authz_version)).toBe(BigInt(b.authz_version) + 1n);
    }
  });
});
