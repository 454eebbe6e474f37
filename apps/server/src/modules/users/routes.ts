import { grantableRoles, mayManageUser } from '@wangge/rules';
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { notFound } from '../../http/errors.ts';
import { Id, IdParams, Paging } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope, authorize, can } from '../access/authorize.ts';
import { pathInScope } from '../access/scope-sql.ts';
import { originOf, recordAudit } from '../audit/record.ts';
import { orgRepository } from '../org/repository.ts';
import { createUser, permissionsOf, resetPassword, unlockUser, updateUser } from './operations.ts';
import { presentUser } from './presenter.ts';
import { userRepository as repo } from './repository.ts';
import { Department, Role, UserDetail, UserSummary } from './schemas.ts';

const tags = ['users'];
const Username = Type.String({
  pattern: '^[A-Za-z0-9_.-]{3,64}$',
  description: '3–64 letters, digits, _ . -',
});
const DisplayName = Type.String({ minLength: 1, maxLength: 50 });
const Phone = Type.Union([
  Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'mainland mobile number' }),
  Type.Null(),
]);
// Length and the rest of the policy are checked by checkPasswordPolicy, which names the broken rule.
const Password = Type.String({ minLength: 1, maxLength: 256 });
const Placement = {
  roles: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 })),
  orgUnitIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  departmentIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
};

export function registerUserRoutes(app: App, { db }: AppContext): void {
  async function detail(actor: Actor, id: string) {
    const row = await repo.findVisible(db, actor, id);
    if (!row) throw notFound('用户', id);
    const writable =
      can(actor, 'users.write') &&
      mayManageUser(actor.permissions, permissionsOf(await repo.rolePermissions(db), row.roles ?? []));
    return {
      ...presentUser(row),
      actions: writable ? ['user.edit', 'user.resetPassword', 'user.unlock'] : [],
    };
  }

  app.get(
    '/api/roles',
    {
      schema: {
        tags,
        summary: '角色 (roles and their permissions)',
        response: { 200: Type.Object({ items: Type.Array(Role) }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'users.read');
      const rows = await db
        .selectFrom('roles')
        .selectAll()
        .orderBy('builtin', 'desc')
        .orderBy('code')
        .execute();
      // The console offers only these in the user form; the server checks again on save.
      const grantable = can(actor, 'users.write') ? grantableRoles(actor.permissions, rows) : new Set();
      return {
        items: rows.map((r) => ({
          code: r.code,
          nameZh: r.name_zh,
          nameEn: r.name_en,
          permissions: r.permissions,
          builtin: r.builtin,
          grantable: grantable.has(r.code),
        })),
      };
    },
  );

  app.get(
    '/api/departments',
    {
      schema: {
        tags,
        summary: '职能部门 (departments in my scope)',
        response: { 200: Type.Object({ items: Type.Array(Department) }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'org.read');
      const rows = await db
        .selectFrom('departments as d')
        .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
        .select([
          'd.id',
          'd.code',
          'd.name',
          'd.kind',
          'd.is_police',
          'o.id as org_unit_id',
          'o.name as org_unit_name',
        ])
        .where(pathInScope(actor, 'o.path'))
        .orderBy('d.code')
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          code: r.code,
          name: r.name,
          kind: r.kind,
          isPolice: r.is_police,
          orgUnit: { id: r.org_unit_id, name: r.org_unit_name },
        })),
      };
    },
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: '用户列表 (users placed in my scope)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 50 })),
          role: Type.Optional(Type.String({ maxLength: 50 })),
          orgUnitId: Type.Optional(Id),
          ...Paging,
        }),
        response: { 200: Type.Object({ items: Type.Array(UserSummary), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'users.read');
      const { q, role, orgUnitId } = request.query;
      let orgUnitPath: string | undefined;
      if (orgUnitId) {
        const unit = await orgRepository.findById(db, orgUnitId);
        assertInScope(actor, unit?.path, '单位', orgUnitId);
        orgUnitPath = unit!.path;
      }
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 50;
      const { items, total } = await repo.list(
        db,
        actor,
        { q, role, orgUnitPath },
        { limit: pageSize, offset: (page - 1) * pageSize },
      );
      // Names and phone numbers are personal data: every read is on record.
      await recordAudit(db, originOf(request), {
        userId: actor.userId,
        action: 'users.list',
        targetType: 'user',
        details: { q, role, orgUnitId, page, returned: items.length },
      });
      return { items: items.map(presentUser), total };
    },
  );

  app.get(
    '/api/users/:id',
    { schema: { tags, summary: '用户详情 (one user)', params: IdParams, response: { 200: UserDetail } } },
    async (request) => {
      const actor = authorize(request, 'users.read');
      const result = await detail(actor, request.params.id);
      await recordAudit(db, originOf(request), {
        userId: actor.userId,
        action: 'users.read',
        targetType: 'user',
        targetId: request.params.id,
      });
      return result;
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: '新建用户 (create a user with roles and placements)',
        body: Type.Object(
          {
            username: Username,
            displayName: DisplayName,
            password: Password,
            phone: Type.Optional(Phone),
            ...Placement,
          },
          { additionalProperties: false, title: 'UserCreate' },
        ),
        response: { 201: UserDetail },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'users.write');
      const id = await createUser({ db, actor, origin: originOf(request), user: request.body });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: '修改用户 (edit a user; placements outside my scope are kept)',
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(DisplayName),
            phone: Type.Optional(Phone),
            active: Type.Optional(Type.Boolean()),
            ...Placement,
          },
          { additionalProperties: false, minProperties: 1, title: 'UserPatch' },
        ),
        response: { 200: UserDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'users.write');
      await updateUser({
        db,
        actor,
        origin: originOf(request),
        id: request.params.id,
        changes: request.body,
      });
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      schema: {
        tags,
        summary: '重置密码 (reset a password; ends the user’s sessions and revokes their API tokens)',
        params: IdParams,
        body: Type.Object({ password: Password }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'users.write');
      await resetPassword({
        db,
        actor,
        origin: originOf(request),
        id: request.params.id,
        password: request.body.password,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/users/:id/unlock',
    {
      schema: {
        tags,
        summary: '解除锁定 (unlock after failed logins)',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'users.write');
      await unlockUser({ db, actor, origin: originOf(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
