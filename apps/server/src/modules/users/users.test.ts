import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let admin: Client;
let street1: Client;
const unitId = async (code: string) =>
  (await t.db.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  street1 = await t.login('street1');
});
afterAll(() => t?.close());

describe('users, roles and placements', () => {
  it('lists roles as data', async () => {
    const res = await admin.get('/api/roles');
    const codes = res.data.items.map((r: { code: string }) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'admin',
        'grid_worker_full',
        'grid_worker_part',
        'grid_leader',
        'grid_instructor',
        'patroller',
        'dispatcher',
        'handler',
        'department_staff',
        'community_operator',
        'street_operator',
        'district_operator',
        'city_operator',
        'leader',
        'resident',
      ]),
    );
  });

  it('a street operator creates a handler on a grid of their street; the handler logs in and sees that grid', async () => {
    const grid = await unitId('120110001002001');
    const res = await street1.post('/api/users', {
      username: 'new.worker',
      displayName: '王小明',
      password: 'Grid2026pass',
      phone: '13912345678',
      roles: ['handler'],
      orgUnitIds: [grid],
    });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({
      username: 'new.worker',
      phone: '139****5678',
      roles: ['handler'],
    });
    expect(res.data.assignments[0].orgUnit.code).toBe('120110001002001');
    const worker = await t.login('new.worker', 'Grid2026pass');
    const me = (await worker.get('/api/auth/me')).data.user;
    expect(me.scope.map((s: { code: string }) => s.code)).toEqual(['120110001002001']);
    const audit = await admin.get(`/api/audit?action=users.create&targetType=user`);
    expect(audit.data.items.some((i: { targetId: string }) => i.targetId === res.data.id)).toBe(true);
  });

  it('validates input and names the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ username: 'x', displayName: 'a', password: 'Abcdefg123' }, 'username'],
      [{ username: 'valid_name', displayName: '', password: 'Abcdefg123' }, 'displayName'],
      [{ username: 'valid_name', displayName: 'a', password: 'short1' }, 'password'],
      [{ username: 'valid_name', displayName: 'a', password: 'onlyletters' }, 'password'],
      [{ username: 'valid_name', displayName: 'a', password: 'Abcdefg123', phone: '12345' }, 'phone'],
      [{ username: 'valid_name', displayName: 'a', password: 'Abcdefg123', roles: ['wizard'] }, 'roles'],
      [
        { username: 'valid_name', displayName: 'a', password: 'Abcdefg123', orgUnitIds: ['99999999'] },
        'orgUnitIds',
      ],
      [{ username: 'valid_name', displayName: 'a', password: 'Abcdefg123', extra: true }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data.error.details.field, JSON.stringify(body)).toBe(field);
    }
    const taken = await admin.post('/api/users', {
      username: 'admin',
      displayName: 'a',
      password: 'Abcdefg123',
    });
    expect(taken.statusCode).toBe(409);
  });

  it('only an admin grants admin; a street operator cannot touch an admin', async () => {
    const res = await street1.post('/api/users', {
      username: 'wannabe',
      displayName: 'a',
      password: 'Abcdefg123',
      roles: ['admin'],
      orgUnitIds: [await unitId('120110001000')],
    });
    expect(res.statusCode).toBe(403);
  });

  it('edits roles and placements but keeps placements outside the editor’s scope', async () => {
    const created = await admin.post('/api/users', {
      username: 'two.streets',
      displayName: '跨街道',
      password: 'Abcdefg123',
      roles: ['dispatcher'],
      orgUnitIds: [await unitId('120110001000'), await unitId('120110002000')],
    });
    const res = await street1.patch(`/api/users/${created.data.id}`, {
      roles: ['dispatcher', 'handler'],
      orgUnitIds: [await unitId('120110001001')],
    });
    expect(res.statusCode).toBe(200);
    const after = await admin.get(`/api/users/${created.data.id}`);
    expect(after.data.roles).toEqual(['dispatcher', 'handler']);
    expect(after.data.assignments.map((a: { orgUnit: { code: string } }) => a.orgUnit.code).sort()).toEqual([
      '120110001001',
      '120110002000',
    ]);
  });

  it('disabling a user ends their sessions; a password reset does too', async () => {
    // A grid worker holds field permissions no operator role has, so only the administrator manages them.
    const worker = await t.login('w120110001001002');
    const id = (await worker.get('/api/auth/me')).data.user.id;
    expect((await admin.patch(`/api/users/${id}`, { active: false })).statusCode).toBe(200);
    expect((await worker.get('/api/auth/me')).statusCode).toBe(401);
    expect(
      (await t.anon.post('/api/auth/login', { username: 'w120110001001002', password: 'Wangge@2026' }))
        .statusCode,
    ).toBe(401);
    await admin.patch(`/api/users/${id}`, { active: true });
    const again = await t.login('w120110001001002');
    expect((await admin.post(`/api/users/${id}/password`, { password: 'NewPass2026' })).statusCode).toBe(204);
    expect((await again.get('/api/auth/me')).statusCode).toBe(401);
    await t.login('w120110001001002', 'NewPass2026');
  });

  it('records reads of personal data', async () => {
    const before = await admin.get('/api/audit?action=users.read');
    const target = (await street1.get('/api/users?q=street1')).data.items[0];
    await street1.get(`/api/users/${target.id}`);
    const after = await admin.get('/api/audit?action=users.read');
    expect(after.data.total).toBe(before.data.total + 1);
    expect((await admin.get('/api/audit?action=users.list')).data.total).toBeGreaterThan(0);
  });

  it('lists departments in scope', async () => {
    const res = await admin.get('/api/departments');
    expect(res.data.items.some((d: { isPolice: boolean }) => d.isPolice)).toBe(true);
  });
});
