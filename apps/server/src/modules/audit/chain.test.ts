import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { cloneDatabase, runDatabases } from '../../../test/databases.ts';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { loadConfig } from '../../config.ts';
import { createDb } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import type { Database } from '../../db/schema.ts';
import { auditKey } from './chain.ts';
import { linkPendingAudit } from './linker.ts';
import { pruneAuditLog } from './prune.ts';
import { recordAudit } from './record.ts';
import { verifyAuditChain } from './verify.ts';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** A superuser session with triggers off: what an intruder with database access could do. */
async function tamper(fn: (trx: Kysely<Database>) => Promise<unknown>) {
  await t.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await fn(trx);
  });
}

/** The chain once every committed record is linked (the app's linker may still be at it). */
async function links() {
  await linkPendingAudit({ db: t.db, key: auditKey() });
  return t.db.selectFrom('audit_log').selectAll().where('seq', 'is not', null).orderBy('seq').execute();
}

async function verify() {
  const res = await admin.get('/api/audit/verify');
  expect(res.statusCode).toBe(200);
  return res.data;
}

/** Audited writes racing each other: logins in transactions, failed logins outside any. */
async function auditedBurst(n: number) {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      i % 3 === 0
        ? t.anon.post('/api/auth/login', { username: 'street1', password: 'wrong' })
        : t.login('patroller'),
    ),
  );
}

describe('audit log hash chain', () => {
  it('verifies on the demo database after concurrent audited writes', async () => {
    await auditedBurst(12);
    const all = await links();
    expect(all.length).toBeGreaterThanOrEqual(13);
    expect(all.map((r) => Number(r.seq))).toEqual(all.map((_, i) => i + 1));
    expect(await verify()).toEqual({ ok: true, checked: all.length, unchained: 0, pending: 0 });
  });

  it('links a record right after its transaction commits, with no call of its own', async () => {
    await t.login('patroller');
    const deadline = Date.now() + 5000;
    let waiting = -1;
    while (waiting !== 0 && Date.now() < deadline) {
      const row = await t.db
        .selectFrom('audit_log')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('seq', 'is', null)
        .executeTakeFirstOrThrow();
      waiting = row.n;
    }
    expect(waiting).toBe(0);
  });

  it('is readable only with audit.read', async () => {
    const patroller = await t.login('patroller');
    expect((await patroller.get('/api/audit/verify')).statusCode).toBe(403);
  });

  it('refuses UPDATE, DELETE and TRUNCATE, and records written around the chain', async () => {
    const [first] = await links();
    await expect(
      sql`UPDATE audit_log SET action = 'x' WHERE id = ${first!.id}`.execute(t.db),
    ).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(sql`DELETE FROM audit_log WHERE id = ${first!.id}`.execute(t.db)).rejects.toThrow(
      /append-only \(DELETE refused\)/,
    );
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_anchors`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(
      sql`INSERT INTO audit_log (action, target_type) VALUES ('auth.login', 'user')`.execute(t.db),
    ).rejects.toThrow(/audit_log_chained/);
  });

  it('reports an edited record, and verifies again once it is restored', async () => {
    const middle = (await links())[5]!;
    await tamper((trx) =>
      sql`UPDATE audit_log SET details = details || '{"username":"nobody"}' WHERE id = ${middle.id}`.execute(
        trx,
      ),
    );
    expect(await verify()).toMatchObject({
      ok: false,
      checked: 6,
      firstBroken: { id: middle.id, reason: 'hash_mismatch' },
    });
    await tamper((trx) =>
      sql`UPDATE audit_log SET details = ${JSON.stringify(middle.details)}::jsonb WHERE id = ${middle.id}`.execute(
        trx,
      ),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('reports the record after a deleted one, and verifies again once it is put back', async () => {
    const all = await links();
    const [gone, next] = [all[3]!, all[4]!];
    await tamper((trx) => sql`DELETE FROM audit_log WHERE id = ${gone.id}`.execute(trx));
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { id: next.id, reason: 'missing_before' },
    });
    await tamper((trx) =>
      sql`INSERT INTO audit_log (id, at, user_id, action, target_type, target_id, ip, user_agent, details, seq, prev_hash, hash)
          OVERRIDING SYSTEM VALUE VALUES (${gone.id}, ${gone.at}, ${gone.user_id}, ${gone.action}, ${gone.target_type},
          ${gone.target_id}, ${gone.ip}, ${gone.user_agent}, ${JSON.stringify(gone.details)}::jsonb, ${gone.seq},
          ${gone.prev_hash}, ${gone.hash})`.execute(trx),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('prunes the prefix past the retention behind an anchor; the remainder and new links verify', async () => {
    const old = await links();
    const cutoff = new Date(Math.max(...old.map((r) => r.at.getTime())) + 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await auditedBurst(4);
    const now = new Date(cutoff.getTime() + 180 * DAY_MS);
    const result = await pruneAuditLog({ db: t.db, key: auditKey(), retentionDays: 180, now });
    expect(result).toEqual({ pruned: old.length });
    const remaining = await links();
    expect(remaining.length).toBe(4);
    expect(Number(remaining[0]!.seq)).toBe(old.length + 1);
    expect(await verify()).toEqual({ ok: true, checked: 4, unchained: 0, pending: 0 });
    // Nothing older is left: a second run prunes nothing and writes no anchor.
    expect(await pruneAuditLog({ db: t.db, key: auditKey(), retentionDays: 180, now })).toEqual({
      pruned: 0,
    });

    // Everything pruned: the next link continues from the anchor.
    const later = new Date(Date.now() + 181 * DAY_MS);
    expect(await pruneAuditLog({ db: t.db, key: auditKey(), retentionDays: 180, now: later })).toEqual({
      pruned: 4,
    });
    await t.login('patroller');
    await links();
    expect(await verify()).toEqual({ ok: true, checked: 1, unchained: 0, pending: 0 });
  });

  it('reports a record edited before its link and never links it; refuses a copy', async () => {
    // A second pool has no linker behind it: once the app's linker is idle, its record waits, as
    // one would between commit and link.
    await t.context.auditLinker.drain();
    const other = createDb(t.databaseUrl, { max: 1 });
    try {
      await recordAudit(
        other,
        { ip: '10.0.0.9', userAgent: 'test' },
        { userId: null, action: 'registers.person.read', targetType: 'person', targetId: '42' },
      );
    } finally {
      await other.destroy();
    }
    const waiting = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', 'is', null)
      .executeTakeFirstOrThrow();
    expect(await verify()).toMatchObject({ ok: true, pending: 1 });

    await expect(
      sql`INSERT INTO audit_log (at, action, target_type, target_id, details, mac)
          VALUES (${waiting.at}, ${waiting.action}, ${waiting.target_type}, ${waiting.target_id},
          ${JSON.stringify(waiting.details)}::jsonb, ${waiting.mac})`.execute(t.db),
    ).rejects.toThrow(/audit_log_mac_idx/);

    await tamper((trx) => sql`UPDATE audit_log SET target_id = '43' WHERE id = ${waiting.id}`.execute(trx));
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { id: waiting.id, reason: 'record_forged' },
    });
    expect(await linkPendingAudit({ db: t.db, key: auditKey() })).toEqual({
      linked: 0,
      forged: [waiting.id],
    });

    await tamper((trx) => sql`UPDATE audit_log SET target_id = '42' WHERE id = ${waiting.id}`.execute(trx));
    expect(await linkPendingAudit({ db: t.db, key: auditKey() })).toEqual({ linked: 1, forged: [] });
    expect(await verify()).toMatchObject({ ok: true, pending: 0 });
  });

  it('reports a copy written around the unique index', async () => {
    const [first] = await links();
    await tamper(async (trx) => {
      await sql`DROP INDEX audit_log_mac_idx`.execute(trx);
      await sql`INSERT INTO audit_log (at, action, target_type, target_id, details, mac)
                VALUES (${first!.at}, ${first!.action}, ${first!.target_type}, ${first!.target_id},
                ${JSON.stringify(first!.details)}::jsonb, ${first!.mac})`.execute(trx);
    });
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { reason: 'copied' } });
  });

  it('detects an anchor written without the key (a prefix deleted outside the prune)', async () => {
    const [head] = await links();
    await sql`INSERT INTO audit_anchors (through_seq, hash, cutoff, mac)
              VALUES (${head!.seq}, ${head!.hash}, now(), ${Buffer.alloc(32, 1)})`.execute(t.db);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { id: null, reason: 'anchor_forged' } });
  });
});

describe('migration 0018 on a database with audit records', () => {
  it('keeps the older records outside the chain, starts it at the genesis anchor, prunes them by age', async () => {
    const names = runDatabases(inject('pgRunId'));
    const database = await cloneDatabase(inject('pgServerUrl'), 'template0', names.clonePrefix);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const db = createDb(database.url, { max: 2 });
    try {
      const dir = path.resolve(import.meta.dirname, '../../../migrations');
      const before = (await readdir(dir)).filter((f) => /^\d{4}_.+\.sql$/.test(f) && f < '0018').sort();
      await client.query(
        'CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const file of before) {
        await client.query(await readFile(path.join(dir, file), 'utf8'));
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      }
      await client.query(`INSERT INTO audit_log (at, action, target_type) VALUES
        (now() - interval '200 days', 'auth.login', 'user'), (now() - interval '1 day', 'auth.login', 'user')`);
      await migrate(database.url);

      expect(await verifyAuditChain(db, auditKey())).toEqual({
        ok: true,
        checked: 0,
        unchained: 2,
        pending: 0,
      });
      await recordAudit(
        db,
        { ip: null, userAgent: null },
        { userId: null, action: 'auth.login', targetType: 'user' },
      );
      expect(await verifyAuditChain(db, auditKey())).toEqual({
        ok: true,
        checked: 0,
        unchained: 2,
        pending: 1,
      });
      expect(await linkPendingAudit({ db, key: auditKey() })).toEqual({ linked: 1, forged: [] });
      const [first] = await db
        .selectFrom('audit_log')
        .select(['seq', 'prev_hash'])
        .where('seq', 'is not', null)
        .execute();
      expect(first).toEqual({ seq: '1', prev_hash: Buffer.alloc(32) });
      expect(await verifyAuditChain(db, auditKey())).toEqual({
        ok: true,
        checked: 1,
        unchained: 2,
        pending: 0,
      });

      expect(await pruneAuditLog({ db, key: auditKey(), retentionDays: 180 })).toEqual({ pruned: 1 });
      expect(await verifyAuditChain(db, auditKey())).toEqual({
        ok: true,
        checked: 1,
        unchained: 1,
        pending: 0,
      });
    } finally {
      await db.destroy();
      await client.end();
      await database.drop();
    }
  });
});

describe('audit retention setting', () => {
  it('refuses less than the six months 等保 2.0 requires', () => {
    vi.stubEnv('WANGGE_AUDIT_RETENTION_DAYS', '90');
    try {
      expect(() => loadConfig()).toThrow(/WANGGE_AUDIT_RETENTION_DAYS 不得少于 180 天/);
      vi.stubEnv('WANGGE_AUDIT_RETENTION_DAYS', '365');
      expect(loadConfig().audit.retentionDays).toBe(365);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
