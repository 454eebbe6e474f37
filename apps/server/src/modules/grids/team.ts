import { TEAM_ROLES, type TeamRole } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { badRequest } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { userRepository } from '../users/repository.ts';
import { gridRepository as repo } from './repository.ts';

const SINGLE: TeamRole[] = ['leader', 'instructor', 'full_time'];

/**
 * Replaces a grid's team (1 leader + 1 instructor + 1 full-time worker + N part-time).
 * Members must be users the caller can see; each is also placed on the grid so it is in their scope.
 */
export async function setGridTeam(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  gridId: string;
  members: { userId: string; teamRole: TeamRole }[];
}) {
  const { db, actor, members } = options;
  for (const role of SINGLE) {
    if (members.filter((m) => m.teamRole === role).length > 1) {
      throw badRequest(
        'members',
        `每个网格只能有一名${role === 'leader' ? '网格长' : role === 'instructor' ? '网格指导员' : '专职网格员'} (only one ${role} per grid)`,
        {
          teamRole: role,
        },
      );
    }
  }
  const ids = members.map((m) => m.userId);
  if (new Set(ids).size !== ids.length)
    throw badRequest('members', '同一用户在团队中出现多次 (a user appears twice)');
  await db.transaction().execute(async (trx) => {
    const grid = await repo.findGrid(trx, options.gridId);
    assertInScope(actor, grid?.path, '网格', options.gridId);
    for (const m of members) {
      if (!(await userRepository.findVisible(trx, actor, m.userId))) {
        throw badRequest('members', `用户 ${m.userId} 不存在或不在您的管辖范围内 (unknown user)`, {
          userId: m.userId,
        });
      }
    }
    const before = await repo.team(trx, options.gridId);
    const kept = new Map(before.map((b) => [b.user_id, b]));
    await trx.deleteFrom('grid_team_members').where('grid_id', '=', options.gridId).execute();
    if (members.length) {
      await trx
        .insertInto('grid_team_members')
        .values(
          members.map((m) => ({
            grid_id: options.gridId,
            user_id: m.userId,
            team_role: m.teamRole,
            // Keeping "since" for members who stay in the same role preserves their tenure.
            ...(kept.get(m.userId)?.team_role === m.teamRole ? { since: kept.get(m.userId)!.since } : {}),
          })),
        )
        .execute();
      await trx
        .insertInto('user_assignments')
        .values(members.map((m) => ({ user_id: m.userId, org_unit_id: options.gridId, department_id: null })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'grids.team_update',
      targetType: 'grid',
      targetId: options.gridId,
      details: { before: before.map((b) => ({ userId: b.user_id, teamRole: b.team_role })), after: members },
    });
  });
}

export { TEAM_ROLES };
