import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { auditKey } from './chain.ts';
import { auditRepository } from './repository.ts';

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

/**
 * Written inside the caller's transaction, so a write and its audit record commit together. The
 * record carries its own MAC and takes no lock; the linker chains it right after the commit
 * (linker.ts, migrations/0061), so audited writes no longer queue behind each other.
 */
export async function recordAudit(
  db: Kysely<Database>,
  origin: AuditOrigin,
  entry: AuditEntry,
): Promise<void> {
  await auditRepository.insertRecord(db, auditRecord(origin, entry));
}

/**
 * The row of one record, with its MAC over the values as stored: for a write that inserts it in a
 * statement of its own making (cases/report-statements.ts).
 */
export function auditRecord(origin: AuditOrigin, entry: AuditEntry) {
  const details = JSON.stringify(entry.details ?? {});
  const fields = {
    at: new Date(),
    userId: entry.userId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    ip: origin.ip,
    userAgent: origin.userAgent,
    // Signed as it will read back from jsonb (no undefined, dates as strings).
    details: JSON.parse(details) as unknown,
  };
  return {
    at: fields.at,
    user_id: fields.userId,
    action: fields.action,
    target_type: fields.targetType,
    target_id: fields.targetId,
    ip: fields.ip,
    user_agent: fields.userAgent,
    details,
    mac: auditKey().recordMac(fields),
  };
}
