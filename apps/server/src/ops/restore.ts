import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import {
  DUMP_FILE,
  dataKeyFingerprint,
  FILES_DIR,
  type Manifest,
  readManifest,
  rowCounts,
  userTables,
} from './manifest.ts';
import { findPgTool, runPgTool } from './pg-tools.ts';

export interface RestoreResult {
  manifest: Manifest;
  rowCounts: Record<string, number>;
  files: number;
}

/**
 * Rebuilds the platform from a backup folder into an empty database and the photo store. Refuses a
 * database that already has tables, and a data key other than the backup's: the encrypted register
 * fields (ID and phone numbers) would be unreadable and their search keys wrong.
 */
export async function restoreBackup(options: {
  folder: string;
  databaseUrl: string;
  filesDir: string;
  dataKey: Buffer;
}): Promise<RestoreResult> {
  const manifest = await readManifest(options.folder);
  if (manifest.dataKeyFingerprint !== dataKeyFingerprint(options.dataKey))
    throw new Error(
      '数据密钥与备份不一致，恢复后登记表中加密的身份证号和电话将无法解密 ' +
        "(the data key differs from the backup's: the encrypted register fields would be unreadable): " +
        '请设置备份时使用的 WANGGE_DATA_KEY 或放回 data/keys/data.key ' +
        '(set WANGGE_DATA_KEY, or restore data/keys/data.key, to the key in use when the backup was made)',
    );
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const existing = await userTables(client);
    if (existing.length > 0)
      throw new Error(
        `目标数据库不是空的，已有 ${existing.length} 张表（如 ${existing.slice(0, 3).join(', ')}），恢复只写入空数据库 ` +
          `(the target database is not empty: it has ${existing.length} tables; restore writes only into an empty database)`,
      );
    const serverMajor = Math.floor(
      Number(
        (await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v,
      ) / 10000,
    );
    const pgRestore = await findPgTool('pg_restore', serverMajor);
    await runPgTool(pgRestore, [
      '--no-owner',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${options.databaseUrl}`,
      path.join(options.folder, DUMP_FILE),
    ]);
    // Statistics are not in a dump; without them the first queries plan as on empty tables.
    await client.query('ANALYZE');
    const files = await restoreFiles(path.join(options.folder, FILES_DIR), options.filesDir);
    return { manifest, rowCounts: await rowCounts(client), files };
  } finally {
    await client.end();
  }
}

/** Content-addressed: a file already present under the same key has the same bytes and is kept. */
async function restoreFiles(from: string, to: string): Promise<number> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  let count = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const source = path.join(entry.parentPath, entry.name);
    await cp(source, path.join(to, path.relative(from, source)), { force: false, preserveTimestamps: true });
    count += 1;
  }
  return count;
}
