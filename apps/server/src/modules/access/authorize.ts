import { isWithinScope, type Permission } from '@wangge/rules';
import type { FastifyRequest } from 'fastify';
import { forbidden, notFound, unauthenticated } from '../../http/errors.ts';
import type { Actor } from './actor.ts';

/**
 * The one gate every route passes: who is calling and whether they hold the permission.
 * Where the data lies is decided by the scope helpers below, before any row is read.
 */
export function authorize(request: FastifyRequest, permission?: Permission): Actor {
  const actor = request.actor;
  if (!actor) throw unauthenticated();
  if (permission && !actor.permissions.has(permission)) {
    throw forbidden(`缺少权限 ${permission} (missing permission ${permission})`, { permission });
  }
  return actor;
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
