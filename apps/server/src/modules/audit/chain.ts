// The audit log's keyed hash chain: each record's hash is HMAC-SHA256 over the previous hash and
// the record, so an edited or deleted record breaks every check from it on. The key is derived
// from the platform's data key (which never enters the database) under its own HKDF label, so it
// is useless for the registers' encryption and hashing and theirs is useless here.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export const GENESIS_HASH = Buffer.alloc(32);

/** What a link signs: the record as stored, in a form that survives a round trip through jsonb. */
export interface LinkFields {
  seq: string;
  at: Date;
  userId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
}

export interface AnchorFields {
  throughSeq: string;
  hash: Buffer;
  cutoff: Date | null;
}

/**
 * jsonb keeps neither key order nor duplicate keys, so details are signed with keys sorted at
 * every level; a record then hashes the same when written and when read back.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export class AuditChainKey {
  private readonly key: Buffer;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== 32) throw new Error('data key must be 32 bytes');
    this.key = Buffer.from(
      hkdfSync('sha256', dataKey, Buffer.alloc(0), 'wangge audit-log chain hmac-sha256 v1', 32),
    );
  }

  link(prevHash: Buffer, f: LinkFields): Buffer {
    // A JSON array keeps field boundaries unambiguous ('ab' + 'c' ≠ 'a' + 'bc').
    const record = JSON.stringify([
      f.seq,
      f.at.toISOString(),
      f.userId,
      f.action,
      f.targetType,
      f.targetId,
      f.ip,
      f.userAgent,
      canonicalJson(f.details),
    ]);
    return createHmac('sha256', this.key).update(prevHash).update(record).digest();
  }

  anchorMac(a: AnchorFields): Buffer {
    const text = JSON.stringify([
      'anchor',
      a.throughSeq,
      a.hash.toString('hex'),
      a.cutoff?.toISOString() ?? null,
    ]);
    return createHmac('sha256', this.key).update(text).digest();
  }
}

export function sameHash(a: Buffer | null, b: Buffer): boolean {
  return a !== null && a.length === b.length && timingSafeEqual(a, b);
}

let installed: AuditChainKey | null = null;

/**
 * recordAudit() runs inside some sixty operations across every module; the key is installed once
 * per process (buildApp, the CLI) rather than threaded through all their signatures.
 */
export function installAuditKey(dataKey: Buffer): void {
  installed = new AuditChainKey(dataKey);
}

export function auditKey(): AuditChainKey {
  if (!installed) throw new Error('audit chain key not installed (installAuditKey at start-up)');
  return installed;
}
