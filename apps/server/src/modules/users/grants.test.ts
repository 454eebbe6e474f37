import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

// Issue 10, item 1: nobody grants a role, or takes over an account, holding a permission they lack;
// and settings valid for the whole city need a city-level scope besides the permission.
let t: TestApp;
let roles: { code: string; permissions: string[] }[];
const STREET = '120110001000';
const COMMUNITY = '120110001001';
const OTHER_STREET = '120110002000';
const unitId = async (code: string) =>
  (await t.db.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const subset = (target: string[], granter: string[]) => target.every((p) => granter.includes(p));

beforeAll(async () => {
  t = await startTestApp();
  // Every role the database holds, built-in or added: the rule is about data, not a list here.
  roles = await t.db.selectFrom('roles').select(['code', 'permissions']).orderBy('code').execute();
});
afterAll(() => t?.close());

describe('granting roles: only roles within the granter’s own permissions', () => {
  it('the matrix of every (granter role, target role) on create and on update', async () => {
    const community = await unitId(COMMUNITY);
    let n = 0;
    for (const granter of roles) {
      const username = `granter.${granter.code}`;
      await createUser(t.db, { username, roles: [granter.code], orgUnitIds: [await unitId(STREET)] });
      const client = await t.login(username);
      for (const target of roles) {
        n += 1;
        const expected = !granter.permissions.includes('users.write')
          ? 403
          : subset(target.permissions, granter.permissions)
            ? 201
            : 403;
        const created = await client.post('/api/users', {
          username: `made.${n}`,
          displayName: '受理人',
          password: 'Grant2026pass',
          roles: [target.code],
          orgUnitIds: [community],
        });
        expect(created.statusCode, `${granter.code} creates ${target.code}: ${created.body}`).toBe(expected);
        if (expected === 403) expect(created.data.error.code).toBe('forbidden');

        const plain = await createUser(t.db, { username: `plain.${n}`, roles: [], orgUnitIds: [community] });
        const updated = await client.patch(`/api/users/${plain.id}`, { roles: [target.code] });
        expect(updated.statusCode, `${granter.code} grants ${target.code}: ${updated.body}`).toBe(
          expected === 201 ? 200 : 403,
        );
        const held = await t.db
          .selectFrom('user_roles')
          .select('role_code')
          .where('user_id', '=', plain.id)
          .execute();
        expect(held.map((r) => r.role_code)).toEqual(expected === 201 ? [target.code] : []);
      }
    }
  });

  it('a role the granter may give is still refused outside their scope', async () => {
    const street1 = await t.login('street1');
    const res = await street1.post('/api/users', {
      username: 'elsewhere',
      displayName: '越界',
      password: 'Grant2026pass',
      roles: ['handler'],
      orgUnitIds: [await unitId(OTHER_STREET)],
    });
    expect(res.statusCode).toBe(400);
    expect(res.data.error.details.field).toBe('orgUnitIds');
    // A district's department lies above a street operator.
    const department = await t.db
      .selectFrom('departments as d')
      .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
      .select('d.id')
      .where('o.level', '=', 'district')
      .executeTakeFirstOrThrow();
    const dept = await street1.post('/api/users', {
      username: 'elsewhere.dept',
      displayName: '越界',
      password: 'Grant2026pass',
      roles: ['handler'],
      orgUnitIds: [await unitId(STREET)],
      departmentIds: [department.id],
    });
    expect(dept.statusCode).toBe(400);
    expect(dept.data.error.details.field).toBe('departmentIds');
  });

  it('GET /api/roles tells the caller which roles they may grant', async () => {
    const street1 = await t.login('street1');
    const own = new Set(roles.find((r) => r.code === 'street_operator')!.permissions);
    const items: { code: string; grantable: boolean }[] = (await street1.get('/api/roles')).data.items;
    for (const r of roles) {
      const item = items.find((i) => i.code === r.code)!;
      expect(item.grantable, r.code).toBe(r.permissions.every((p) => own.has(p)));
    }
    expect(items.find((i) => i.code === 'city_operator')!.grantable).toBe(false);
    const admin = await t.login('admin');
    expect(
      ((await admin.get('/api/roles')).data.items as { grantable: boolean }[]).every((i) => i.grantable),
    ).toBe(true);
    // The command centre reads users but writes none (migration 0026 took users.read from the leader).
    const reader = await t.login('command');
    expect(
      ((await reader.get('/api/roles')).data.items as { grantable: boolean }[]).some((i) => i.grantable),
    ).toBe(false);
  });
});

describe('the outside tester’s story', () => {
  it('a street operator cannot create a city or district operator in its street', async () => {
    const street1 = await t.login('street1');
    for (const role of ['city_operator', 'district_operator', 'command_operator', 'leader', 'admin']) {
      const res = await street1.post('/api/users', {
        username: `climb.${role}`,
        displayName: '提权',
        password: 'Grant2026pass',
        roles: [role],
        orgUnitIds: [await unitId(STREET)],
      });
      expect(res.statusCode, role).toBe(403);
      expect(res.data.error.details.field).toBe('roles');
    }
    const exists = await t.db.selectFrom('users').select('id').where('username', 'like', 'climb.%').execute();
    expect(exists).toEqual([]);
  });

  it('a street operator cannot take over a higher account placed in its street', async () => {
    const high = await createUser(t.db, {
      username: 'high.in.street',
      roles: ['city_operator'],
      orgUnitIds: [await unitId(STREET)],
    });
    const street1 = await t.login('street1');
    const detail = await street1.get(`/api/users/${high.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.data.actions).toEqual([]);
    expect(
      (await street1.post(`/api/users/${high.id}/password`, { password: 'Taken2026over' })).statusCode,
    ).toBe(403);
    expect((await street1.patch(`/api/users/${high.id}`, { active: false })).statusCode).toBe(403);
    expect((await street1.patch(`/api/users/${high.id}`, { roles: [] })).statusCode).toBe(403);
    expect((await street1.post(`/api/users/${high.id}/unlock`)).statusCode).toBe(403);
    const held = await t.db
      .selectFrom('user_roles')
      .select('role_code')
      .where('user_id', '=', high.id)
      .execute();
    expect(held).toEqual([{ role_code: 'city_operator' }]);
    // Its own peers stay manageable.
    const peer = await createUser(t.db, {
      username: 'peer.in.street',
      roles: ['grid_worker_part'],
      orgUnitIds: [await unitId(COMMUNITY)],
    });
    const peerDetail = await (await t.login('admin')).get(`/api/users/${peer.id}`);
    expect(peerDetail.data.actions).toEqual(['user.edit', 'user.resetPassword', 'user.unlock']);
  });

  it('a holder of the configure permissions placed only on a street cannot change city-wide settings', async () => {
    await createUser(t.db, {
      username: 'city.op.on.street',
      roles: ['city_operator'],
      orgUnitIds: [await unitId(STREET)],
    });
    const low = await t.login('city.op.on.street');
    const city = await t.login('city');
    const errandType = {
      nameZh: '高龄津贴',
      nameEn: 'Old-age allowance',
      requiredFields: [],
      requiredDocuments: [],
      departmentKind: 'civil_affairs',
      timeLimitDays: 10,
    };
    const refused = await low.put('/api/errand-types/h1_city_wide', errandType);
    expect(refused.statusCode).toBe(403);
    expect(refused.data.error.details).toMatchObject({ permission: 'errands.configure', scope: 'city' });
    expect((await city.put('/api/errand-types/h1_city_wide', errandType)).statusCode).toBe(200);

    const calendar = (await city.get('/api/work-calendar')).data.calendar;
    const calRefused = await low.put('/api/work-calendar', { calendar });
    expect(calRefused.statusCode).toBe(403);
    expect(calRefused.data.error.details).toMatchObject({ permission: 'cases.configure', scope: 'city' });
    expect((await city.put('/api/work-calendar', { calendar })).statusCode).toBe(200);
  });
});
