import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import { iso } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { authRepository as repo } from './repository.ts';
import { sha256 } from './secrets.ts';

/** "My sessions": where I am signed in, never with the token itself. */
export async function listMySessions(options: {
  db: Db;
  config: Config;
  actor: Actor;
  sessionToken: string | null;
}) {
  const current = options.sessionToken && sha256(options.sessionToken);
  const rows = await repo.listLiveSessions(
    options.db,
    options.actor.userId,
    options.config.sessionIdleMinutes,
  );
  return rows.map((r) => ({
    id: r.id,
    createdAt: iso(r.created_at),
    lastSeenAt: iso(r.last_seen_at),
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.token_hash === current,
  }));
}

/** Ends one of my sessions (a lost phone, a shared computer); another user's is not found. */
export async function endMySession(options: { db: Db; actor: Actor; id: string; origin: AuditOrigin }) {
  await options.db.transaction().execute(async (trx) => {
    const ended = await repo.deleteSessionOf(trx, options.actor.userId, options.id);
    if (!ended) throw notFound('会话', options.id);
    await recordAudit(trx, options.origin, {
      userId: options.actor.userId,
      action: 'auth.session_ended',
      targetType: 'session',
      targetId: options.id,
    });
  });
}

/** Ends every session of mine but the one asking. */
export async function endMyOtherSessions(options: {
  db: Db;
  actor: Actor;
  sessionToken: string | null;
  origin: AuditOrigin;
}) {
  await options.db.transaction().execute(async (trx) => {
    await repo.deleteOtherSessions(
      trx,
      options.actor.userId,
      options.sessionToken && sha256(options.sessionToken),
    );
    await recordAudit(trx, options.origin, {
      userId: options.actor.userId,
      action: 'auth.sessions_ended',
      targetType: 'user',
      targetId: options.actor.userId,
      details: { scope: 'others' },
    });
  });
}
