// The audit log's keyed hash chain: each record's hash is HMAC-SHA256 over the previous hash and
// the record, so an edited or deleted record breaks every check from it on. The key is derived
// from the platform's data key (which never enters the database) under its own HKDF label, so it
// is useless for the registers' encryption and hashing and theirs is useless here.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

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

/** A record as written, before the linker gives it its place in the chain. */
export type RecordFields = Omit<LinkFields, 'seq'>;

const NONCE_BYTES = 16;

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

/** A JSON array keeps field boundaries unambiguous ('ab' + 'c' ≠ 'a' + 'bc'). */
function recordText(f: RecordFields, seq?: string): string {
  const fields = [
    f.at.toISOString(),
    f.userId,
    f.action,
    f.targetType,
    f.targetId,
    f.ip,
    f.userAgent,
    canonicalJson(f.details),
  ];
  return JSON.stringify(seq === undefined ? fields : [seq, ...fields]);
}

const derive = (dataKey: Buffer, label: string) =>
  Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), label, 32));

export class AuditChainKey {
  private readonly key: Buffer;
  /** Its own label: a record's MAC can never pass for a link or an anchor, nor the reverse. */
  private readonly recordKey: Buffer;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== 32) throw new Error('data key must be 32 bytes');
    this.key = derive(dataKey, 'wangge audit-log chain hmac-sha256 v1');
    this.recordKey = derive(dataKey, 'wangge audit-log record hmac-sha256 v1');
  }

  link(prevHash: Buffer, f: LinkFields): Buffer {
    return createHmac('sha256', this.key).update(prevHash).update(recordText(f, f.seq)).digest();
  }

  /**
   * The MAC a record carries from its insert until it is linked: a random nonce, so no two records
   * share one (the unique index refuses a copied record), then HMAC over the nonce and the record.
   */
  recordMac(f: RecordFields): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    return Buffer.concat([nonce, this.recordTag(nonce, f)]);
  }

  recordMacHolds(mac: Buffer | null, f: RecordFields): boolean {
    if (mac === null || mac.length !== NONCE_BYTES + 32) return false;
    return sameHash(mac.subarray(NONCE_BYTES), this.recordTag(mac.subarray(0, NONCE_BYTES), f));
  }

  private recordTag(nonce: Buffer, f: RecordFields): Buffer {
    return createHmac('sha256', this.recordKey).update(nonce).update(recordText(f)).digest();
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
