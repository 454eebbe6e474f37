import { cp, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import {
  DUMP_FILE,
  dataKeyFingerprint,
  FILES_DIR,
  type Manifest,
  rowCounts,
  writeManifest,
} from './manifest.ts';
import { findPgTool, runPgTool, toolVersion } from './pg-tools.ts';

export interface BackupResult {
  folder: string;
  manifest: Manifest;
  dumpBytes: number;
}

/**
 * One dated folder: database.dump (pg_dump custom format, one snapshot), files/ (the photo store),
 * manifest.json. The dump is taken before the files are copied: files are content-addressed and
 * written before the row that names them commits, so every file a dumped row names is already there.
 */
export async function createBackup(options: {
  databaseUrl: string;
  filesDir: string;
  dataKey: Buffer;
  outDir: string;
  now?: Date;
}): Promise<BackupResult> {
  const now = options.now ?? new Date();
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const folder = path.join(options.outDir, `wangge-${stamp}`);
  // Fails when the folder exists: a backup never overwrites another.
  await mkdir(options.outDir, { recursive: true });
  await mkdir(folder);

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const serverMajor =
      Number(
        (await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v,
      ) / 10000;
    const pgDump = await findPgTool('pg_dump', Math.floor(serverMajor));
    const dumpPath = path.join(folder, DUMP_FILE);
    await runPgTool(pgDump, [
      '--format=custom',
      '--no-owner',
      `--file=${dumpPath}`,
      `--dbname=${options.databaseUrl}`,
    ]);
    // Counted after the dump: on a busy platform they may differ slightly from the dump's snapshot.
    const counts = await rowCounts(client);
    const migrations = await client.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY name',
    );
    const files = await copyFiles(options.filesDir, path.join(folder, FILES_DIR));
    const manifest: Manifest = {
      format: 1,
      createdAt: now.toISOString(),
      appVersion: await appVersion(),
      postgresVersion: (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v"))
        .rows[0]!.v,
      pgDumpVersion: await toolVersion(pgDump),
      migration: { last: migrations.rows.at(-1)?.name ?? null, count: migrations.rowCount ?? 0 },
      rowCounts: counts,
      files,
      dataKeyFingerprint: dataKeyFingerprint(options.dataKey),
    };
    await writeManifest(folder, manifest);
    return { folder, manifest, dumpBytes: (await stat(dumpPath)).size };
  } finally {
    await client.end();
  }
}

async function copyFiles(from: string, to: string): Promise<{ count: number; bytes: number }> {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from, { recursive: true, withFileTypes: true }).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    },
  );
  let count = 0;
  let bytes = 0;
  for (const entry of entries) {
    // Temp files of uploads in flight are not part of the store.
    if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
    const source = path.join(entry.parentPath, entry.name);
    const target = path.join(to, path.relative(from, source));
    await mkdir(path.dirname(target), { recursive: true });
    await cp(source, target, { preserveTimestamps: true });
    count += 1;
    bytes += (await stat(source)).size;
  }
  return { count, bytes };
}

async function appVersion(): Promise<string> {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(await readFile(file, 'utf8')) as { version: string }).version;
}
