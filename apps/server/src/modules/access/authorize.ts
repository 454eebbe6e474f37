import { isWithinScope, type Permission } from '@wangge/rules';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { AppError, forbidden, notFound, unauthenticated } from '../../http/errors.ts';
import type { Actor } from './actor.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** False in demo mode (config.demo), where everyone knows the seeded password anyway. */
    passwordChangeEnforced: boolean;
  }
}

// All a user who must change their password may do: see who they are, leave, or change it.
const OPEN_DURING_PASSWORD_CHANGE = new Set([
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'POST /api/auth/password',
]);

/**
 * The actor's password was set for them (seed, administrator) and must be changed before anything
 * else. API tokens pass: the gate is about the password, no token can be created while the change
 * is pending, and a reset revokes the tokens; devices enrolled before an upgrade keep working.
 */
export function passwordChangeRequired(request: FastifyRequest, actor: Actor): boolean {
  return actor.mustChangePassword && actor.via === 'session' && request.server.passwordChangeEnforced;
}

/**
 * The one gate every route passes: who is calling and whether they hold the permission.
 * Where the data lies is decided by the scope helpers below, before any row is read.
 */
export function authorize(request: FastifyRequest, permission?: Permission): Actor {
  const actor = request.actor;
  if (!actor) throw unauthenticated();
  if (
    passwordChangeRequired(request, actor) &&
    !OPEN_DURING_PASSWORD_CHANGE.has(`${request.method} ${request.routeOptions.url}`)
  ) {
    throw new AppError(403, 'password_change_required', '请先修改密码 (change your password first)', {
      field: 'password',
    });
  }
  if (permission && !actor.permissions.has(permission)) {
    throw forbidden(`缺少权限 ${permission} (missing permission ${permission})`, { permission });
  }
  return actor;
}

/**
 * For settings that hold for the whole city (work calendar, errand types, …): the permission alone
 * is not enough, the caller must be assigned a city-level unit. Otherwise a street-level holder of
 * a configure permission would change the rules of every district.
 */
export async function authorizeCityWide(
  request: FastifyRequest,
  db: Db,
  permission: Permission,
): Promise<{ actor: Actor; city: { id: string; code: string; path: string } }> {
  const actor = authorize(request, permission);
  const city = actor.scopePaths.length
    ? await db
        .selectFrom('org_units')
        .select(['id', 'code', 'path'])
        .where('level', '=', 'city')
        .where('path', 'in', actor.scopePaths)
        .executeTakeFirst()
    : undefined;
  if (!city) {
    throw forbidden(
      `${permission} 是全市设置，需市级管辖范围 (a city-wide setting needs a city-level scope)`,
      {
        permission,
        scope: 'city',
      },
    );
  }
  return { actor, city };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function inScope(actor: Actor, path: string): boolean {
  return isWithinScope(path, actor.scopePaths);
}

/**
 * Outside the caller's scope a thing does not exist for them: 404, never a hint that it is there.
 */
export function assertInScope(actor: Actor, path: string | null | undefined, what: string, id: string): void {
  if (!path || !inScope(actor, path)) throw notFound(what, id);
}
