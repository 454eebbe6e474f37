import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface AuditEntry {
  userId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditOrigin {
  ip: string | null;
  userAgent: string | null;
}

export function originOf(request: FastifyRequest): AuditOrigin {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null };
}

/** Written inside the caller's transaction, so a write and its audit record commit together. */
export async function recordAudit(
  db: Kysely<Database>,
  origin: AuditOrigin,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.userId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId ?? null,
      ip: origin.ip,
      user_agent: origin.userAgent,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
