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
 * record is the next link of the chain (chain.ts); the chain lock is held until that transaction
 * ends, which serialises audited writes from here to their commit (BENCHMARKS.md, audit).
 */
export async function recordAudit(
  db: Kysely<Database>,
  origin: AuditOrigin,
  entry: AuditEntry,
): Promise<void> {
  // The transaction-scoped lock needs a transaction; reads audited outside one get their own.
  if (!db.isTransaction) return db.transaction().execute((trx) => recordAudit(trx, origin, entry));
  const key = auditKey();
  const head = await auditRepository.lockHead(db);
  const details = JSON.stringify(entry.details ?? {});
  const fields = {
    seq: (BigInt(head.seq) + 1n).toString(),
    at: head.now,
    userId: entry.userId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    ip: origin.ip,
    userAgent: origin.userAgent,
    // Signed as it will read back from jsonb (no undefined, dates as strings).
    details: JSON.parse(details) as unknown,
  };
  await auditRepository.insertLink(db, {
    seq: fields.seq,
    at: fields.at,
    user_id: fields.userId,
    action: fields.action,
    target_type: fields.targetType,
    target_id: fields.targetId,
    ip: fields.ip,
    user_agent: fields.userAgent,
    details,
    prev_hash: head.hash,
    hash: key.link(head.hash, fields),
  });
}
