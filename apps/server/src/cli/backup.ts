// `npm run backup [-- --out DIR]`: a dated folder (default ./backups/) with the database dump, the
// photo store and a manifest, from DATABASE_URL or the embedded database. See README "Backups".
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { resolveDataKey } from '../modules/registers/privacy/crypto.ts';
import { createBackup } from '../ops/backup.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'backups' } } });
const config = loadConfig();
const started = Date.now();
const embedded = config.databaseUrl
  ? null
  : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
try {
  const result = await createBackup({
    databaseUrl: config.databaseUrl ?? embedded!.url,
    filesDir: config.filesDir,
    dataKey: await resolveDataKey(config),
    outDir: path.resolve(values.out),
  });
  const rows = Object.values(result.manifest.rowCounts).reduce((a, b) => a + b, 0);
  console.log(
    `备份完成 (backup written): ${result.folder}\n` +
      `  数据库 (database): ${(result.dumpBytes / 1e6).toFixed(1)} MB, ${rows} rows in ` +
      `${Object.keys(result.manifest.rowCounts).length} tables\n` +
      `  照片 (files): ${result.manifest.files.count} files, ${(result.manifest.files.bytes / 1e6).toFixed(1)} MB\n` +
      `  用时 (took): ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (err) {
  console.error(`备份失败 (backup failed): ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
