// `npm run restore -- FOLDER`: rebuilds the platform from a backup folder into an empty database
// (DATABASE_URL) or an empty embedded data directory, with the same data key. See README "Backups".
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { resolveDataKey } from '../modules/registers/privacy/crypto.ts';
import { restoreBackup } from '../ops/restore.ts';

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
  console.error('用法 (usage): npm run restore -- <backup folder>');
  process.exit(2);
}
const config = loadConfig();
const started = Date.now();
const embedded = config.databaseUrl
  ? null
  : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
try {
  const result = await restoreBackup({
    folder: path.resolve(positionals[0]!),
    databaseUrl: config.databaseUrl ?? embedded!.url,
    filesDir: config.filesDir,
    dataKey: await resolveDataKey(config),
  });
  const differing = Object.entries(result.manifest.rowCounts).filter(([t, n]) => result.rowCounts[t] !== n);
  console.log(
    `恢复完成 (restored) from ${result.manifest.createdAt}: ${Object.keys(result.rowCounts).length} tables, ` +
      `${result.files} files, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const [table, n] of differing)
    console.log(
      `  行数与清单不同 (row count differs from manifest) ${table}: ${result.rowCounts[table]} vs ${n}`,
    );
} catch (err) {
  console.error(`恢复失败 (restore failed): ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
