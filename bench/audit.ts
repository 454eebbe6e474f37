// The audit log's hash chain: audited mutations per second with every record MAC'd in its
// transaction and chained after commit by the app's linker (migration 0061), next to the same
// transactions writing the record unchained, as before migration 0018; then how far the linker
// lagged and how fast the whole chain verifies.
import { sql } from 'kysely';
import type { Db } from '../apps/server/src/db/database.ts';
import { auditKey } from '../apps/server/src/modules/audit/chain.ts';
import { linkPendingAudit } from '../apps/server/src/modules/audit/linker.ts';
import { type AuditEntry, type AuditOrigin, recordAudit } from '../apps/server/src/modules/audit/record.ts';
import { verifyAuditChain } from '../apps/server/src/modules/audit/verify.ts';
import { closedLoop } from './load.ts';
import { describe, startBenchServer } from './support.ts';

const MUTATIONS = 2_000;
const SERIAL_MUTATIONS = 500;

const origin: AuditOrigin = { ip: '127.0.0.1', userAgent: 'bench' };
const entry = (i: number): AuditEntry => ({
  userId: '1',
  action: 'registers.person.update',
  targetType: 'person',
  targetId: String(i),
  details: { fields: ['phone', 'name'], version: i },
});

export async function benchAudit(): Promise<void> {
  const server = await startBenchServer('wangge_bench_audit', async (db) => {
    // The mutation audited, and the audit log as it was before the chain (no lock, no hash).
    await sql`CREATE TABLE bench_mutations (id bigint GENERATED ALWAYS AS IDENTITY, n int)`.execute(db);
    await sql`CREATE TABLE bench_audit_unchained (LIKE audit_log INCLUDING DEFAULTS INCLUDING IDENTITY)`.execute(
      db,
    );
  });
  try {
    const { db } = server;
    const mutate = (audit: (trx: Db, i: number) => Promise<void>) => async (i: number) => {
      await db.transaction().execute(async (trx) => {
        await sql`INSERT INTO bench_mutations (n) VALUES (${i})`.execute(trx);
        await audit(trx, i);
      });
      return true;
    };
    const unchained = mutate(async (trx, i) => {
      const e = entry(i);
      await sql`INSERT INTO bench_audit_unchained (user_id, action, target_type, target_id, ip, user_agent, details)
        VALUES (${e.userId}, ${e.action}, ${e.targetType}, ${e.targetId}, ${origin.ip}, ${origin.userAgent},
                ${JSON.stringify(e.details)})`.execute(trx);
    });
    const chained = mutate((trx, i) => recordAudit(trx, origin, entry(i)));

    await closedLoop(200, 8, unchained);
    await closedLoop(200, 8, chained);
    for (const concurrency of [8, 1]) {
      const count = concurrency === 1 ? SERIAL_MUTATIONS : MUTATIONS;
      const base = await closedLoop(count, concurrency, unchained);
      const linked = await closedLoop(count, concurrency, chained);
      console.log(`concurrency ${concurrency}:`);
      console.log(describe('  audited mutation, chained', linked));
      console.log(describe('  same, unchained (baseline)', base));
      console.log(
        `  chained runs at ${((linked.perSecond / base.perSecond) * 100).toFixed(1)}% of the baseline`,
      );
    }

    const lagged = await linkPendingAudit({ db, key: auditKey() });
    console.log(`records the linker had not reached when the load stopped: ${lagged.linked}`);
    const started = performance.now();
    const result = await verifyAuditChain(db, auditKey());
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(`chain broken: ${JSON.stringify(result)}`);
    console.log(
      `verify: ${result.checked} links in ${ms.toFixed(0)} ms (${Math.round((result.checked / ms) * 1000).toLocaleString('en-US')} links/s)`,
    );
  } finally {
    await server.close();
  }
}
