// `npm run audit:verify`: walks the audit log's keyed hash chain (DATABASE_URL or the embedded
// database) and exits 1 at the first broken record. Needs the same data key as the server.
import { loadConfig } from '../config.ts';
import { createDb } from '../db/database.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { AuditChainKey } from '../modules/audit/chain.ts';
import { verifyAuditChain } from '../modules/audit/verify.ts';
import { resolveDataKey } from '../modules/registers/privacy/crypto.ts';

const config = loadConfig();
const embedded = config.databaseUrl
  ? null
  : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
const db = createDb(config.databaseUrl ?? embedded!.url);
try {
  const result = await verifyAuditChain(db, new AuditChainKey(await resolveDataKey(config)));
  console.log(JSON.stringify(result));
  if (result.ok) {
    console.log(
      `审计日志完整 (audit log intact): ${result.checked} 条链接已校验 (links checked), ${result.pending} 条待链接、签名有效 (awaiting their link, MACs valid)`,
    );
  } else {
    const broken = result.firstBroken!;
    console.error(`审计日志被篡改 (audit log broken) at record ${broken.id ?? '(anchor)'}: ${broken.reason}`);
    process.exitCode = 1;
  }
} finally {
  await db.destroy();
  await embedded?.stop();
}
