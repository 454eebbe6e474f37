import { mayManageUser, type RolePermissions, ungrantedRoles } from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { inScope } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { clearLoginThrottle } from '../auth/login-throttle.ts';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.ts';
import { authRepository } from '../auth/repository.ts';
import { userRepository as repo } from './repository.ts';

export interface Placement {
  roles?: string[];
  orgUnitIds?: string[];
  departmentIds?: string[];
}

/**
 * Roles must exist and hold no permission the caller lacks (@wangge/rules grants.ts), and every
 * placement lies in the caller's scope.
 */
async function checkPlacement(
  db: Db,
  actor: Actor,
  roles: RolePermissions[],
  placement: Placement,
): Promise<void> {
  if (placement.roles) {
    const known = new Set(roles.map((r) => r.code));
    const unknown = placement.roles.filter((r) => !known.has(r));
    if (unknown.length)
      throw badRequest('roles', `未知角色 ${unknown.join(', ')} (unknown roles)`, { unknown });
    const refused = ungrantedRoles(actor.permissions, roles, placement.roles);
    if (refused.length) {
      throw forbidden(
        `不能授予超出自身权限的角色 ${refused.join(', ')} (you cannot grant a role with permissions you do not hold)`,
        { field: 'roles', roles: refused },
      );
    }
  }
  const units = await repo.orgUnitPaths(db, placement.orgUnitIds ?? []);
  for (const id of placement.orgUnitIds ?? []) {
    const unit = units.find((u) => u.id === id);
    if (!unit || !inScope(actor, unit.path)) {
      throw badRequest('orgUnitIds', `单位 ${id} 不存在或不在您的管辖范围内 (unit not in your scope)`, {
        id,
      });
    }
  }
  const depts = await repo.departmentPaths(db, placement.departmentIds ?? []);
  for (const id of placement.departmentIds ?? []) {
    const dept = depts.find((d) => d.id === id);
    if (!dept || !inScope(actor, dept.path)) {
      throw badRequest(
        'departmentIds',
        `部门 ${id} 不存在或不在您的管辖范围内 (department not in your scope)`,
        { id },
      );
    }
  }
}

/** A user holding a permission the caller lacks is beyond them: no edit, reset or unlock. */
function assertMayManage(actor: Actor, roles: RolePermissions[], targetRoles: readonly string[]): void {
  if (!mayManageUser(actor.permissions, permissionsOf(roles, targetRoles))) {
    throw forbidden('该用户拥有您没有的权限，不能修改 (this user holds permissions you do not hold)');
  }
}

export function permissionsOf(roles: RolePermissions[], codes: readonly string[]): string[] {
  return roles.filter((r) => codes.includes(r.code)).flatMap((r) => r.permissions);
}

async function writePlacement(db: Db, actor: Actor, userId: string, placement: Placement): Promise<void> {
  if (placement.roles) {
    await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    if (placement.roles.length) {
      await db
        .insertInto('user_roles')
        .values([...new Set(placement.roles)].map((role_code) => ({ user_id: userId, role_code })))
        .execute();
    }
  }
  if (placement.orgUnitIds || placement.departmentIds) {
    const keep = new Set((await repo.outOfScopeAssignments(db, actor, userId)).map((a) => a.id));
    let del = db.deleteFrom('user_assignments').where('user_id', '=', userId);
    if (keep.size) del = del.where('id', 'not in', [...keep]);
    if (!placement.orgUnitIds) del = del.where('org_unit_id', 'is', null);
    if (!placement.departmentIds) del = del.where('department_id', 'is', null);
    await del.execute();
    const rows = [
      ...(placement.orgUnitIds ?? []).map((id) => ({
        user_id: userId,
        org_unit_id: id,
        department_id: null,
      })),
      ...(placement.departmentIds ?? []).map((id) => ({
        user_id: userId,
        org_unit_id: null,
        department_id: id,
      })),
    ];
    if (rows.length)
      await db
        .insertInto('user_assignments')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .execute();
  }
}

export async function createUser(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  user: { username: string; displayName: string; password: string; phone?: string | null } & Placement;
}): Promise<string> {
  const { db, actor, user } = options;
  checkPasswordPolicy(user.password, user.username);
  const passwordHash = await hashPassword(user.password);
  return db.transaction().execute(async (trx) => {
    await checkPlacement(trx, actor, await repo.rolePermissions(trx), user);
    const exists = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', user.username)
      .executeTakeFirst();
    if (exists) throw conflict(`用户名 ${user.username} 已被使用 (username taken)`, { field: 'username' });
    const { id } = await trx
      .insertInto('users')
      .values({
        username: user.username,
        display_name: user.displayName,
        phone: user.phone ?? null,
        password_hash: passwordHash,
        // Chosen by the administrator, not the user: changed at first login outside demo mode.
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writePlacement(trx, actor, id, {
      roles: user.roles ?? [],
      orgUnitIds: user.orgUnitIds ?? [],
      departmentIds: user.departmentIds ?? [],
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'users.create',
      targetType: 'user',
      targetId: id,
      details: {
        username: user.username,
        roles: user.roles ?? [],
        orgUnitIds: user.orgUnitIds ?? [],
        departmentIds: user.departmentIds ?? [],
      },
    });
    return id;
  });
}

export async function updateUser(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  id: string;
  changes: { displayName?: string; phone?: string | null; active?: boolean } & Placement;
}): Promise<void> {
  const { db, actor, changes } = options;
  await db.transaction().execute(async (trx) => {
    const target = await repo.findVisible(trx, actor, options.id);
    if (!target) throw notFound('用户', options.id);
    if (options.id === actor.userId && changes.active === false) {
      throw badRequest('active', '不能停用自己的账户 (you cannot disable yourself)');
    }
    const roles = await repo.rolePermissions(trx);
    assertMayManage(actor, roles, target.roles ?? []);
    await checkPlacement(trx, actor, roles, changes);
    const set: Record<string, unknown> = {};
    if (changes.displayName !== undefined) set.display_name = changes.displayName;
    if (changes.phone !== undefined) set.phone = changes.phone;
    if (changes.active !== undefined) set.active = changes.active;
    if (Object.keys(set).length) {
      await trx
        .updateTable('users')
        .set({ ...set, updated_at: sql`now()` })
        .where('id', '=', options.id)
        .execute();
    }
    if (changes.active === false)
      await trx.deleteFrom('sessions').where('user_id', '=', options.id).execute();
    await writePlacement(trx, actor, options.id, changes);
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'users.update',
      targetType: 'user',
      targetId: options.id,
      details: { changes: { ...changes, phone: changes.phone === undefined ? undefined : '(changed)' } },
    });
  });
}

export async function resetPassword(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  id: string;
  password: string;
}) {
  const { db, actor } = options;
  await db.transaction().execute(async (trx) => {
    const target = await repo.findVisible(trx, actor, options.id);
    if (!target) throw notFound('用户', options.id);
    assertMayManage(actor, await repo.rolePermissions(trx), target.roles ?? []);
    // The username is only known here; policy feedback goes to no one outside the caller's scope.
    checkPasswordPolicy(options.password, target.username);
    const hash = await hashPassword(options.password);
    await trx
      .updateTable('users')
      .set({
        password_hash: hash,
        // The administrator knows it: the user must choose their own outside demo mode.
        must_change_password: true,
        updated_at: sql`now()`,
      })
      .where('id', '=', options.id)
      .execute();
    // A reset is what follows a lost or stolen credential: whatever the old password could reach
    // ends with it, the sessions and the API tokens created with it.
    await trx.deleteFrom('sessions').where('user_id', '=', options.id).execute();
    await authRepository.revokeUserApiTokens(trx, options.id);
    // As before the throttle moved out of users: a reset also unlocks the name.
    await clearLoginThrottle(trx, target.username);
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'users.password_reset',
      targetType: 'user',
      targetId: options.id,
    });
  });
}

export async function unlockUser(options: { db: Db; actor: Actor; origin: AuditOrigin; id: string }) {
  const { db, actor } = options;
  await db.transaction().execute(async (trx) => {
    const target = await repo.findVisible(trx, actor, options.id);
    if (!target) throw notFound('用户', options.id);
    assertMayManage(actor, await repo.rolePermissions(trx), target.roles ?? []);
    await clearLoginThrottle(trx, target.username);
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'users.unlock',
      targetType: 'user',
      targetId: options.id,
    });
  });
}
