// A throwaway PostgreSQL cluster of the test's own (replication and logical replication need
// settings and pg_hba entries the shared test server does not have). Run as the `postgres` OS
// user when the tests run as root, since PostgreSQL refuses to start as root.
import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
export const PG_BIN = '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the postgres user when we are root. */
export async function pgTool(tool: string, args: string[]): Promise<string> {
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, tool), ...args]]
    : [path.join(PG_BIN, tool), args];
  const { stdout } = await run(file, argv, { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export interface PgCluster {
  port: number;
  dir: string;
  url(database?: string): string;
  stop(): Promise<void>;
}

async function ownedTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout), Number(gid));
  }
  return dir;
}

function clusterAt(dir: string, port: number): PgCluster {
  return {
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop() {
      await pgTool('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function start(dir: string, port: number): Promise<void> {
  await pgTool('pg_ctl', [
    '-D',
    path.join(dir, 'data'),
    '-l',
    path.join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    '-w',
    'start',
  ]);
}

/** initdb + start, with replication allowed from 127.0.0.1; speed over durability (fsync off). */
export async function startPrimary(port: number, walLevel: 'replica' | 'logical'): Promise<PgCluster> {
  const dir = await ownedTempDir('wangge-h5-pg-');
  const cluster = clusterAt(dir, port);
  try {
    const data = path.join(dir, 'data');
    await pgTool('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    const settings = [
      `wal_level = ${walLevel}`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'max_wal_senders = 10',
      'max_replication_slots = 10',
      'hot_standby = on',
      'wal_receiver_status_interval = 1s',
    ].join('\n');
    await run(asRoot ? 'runuser' : 'sh', [
      ...(asRoot ? ['-u', 'postgres', '--', 'sh'] : []),
      '-c',
      `printf '%s\\n' "${settings}" >> ${data}/postgresql.conf && printf '%s\\n' 'host replication all 127.0.0.1/32 trust' >> ${data}/pg_hba.conf`,
    ]);
    await start(dir, port);
    return cluster;
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}

/** pg_basebackup -R of the primary, started as a hot standby streaming from it. */
export async function startReplica(primary: PgCluster, port: number): Promise<PgCluster> {
  const dir = await ownedTempDir('wangge-h5-replica-');
  const cluster = clusterAt(dir, port);
  try {
    await pgTool('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      path.join(dir, 'data'),
      '-R',
      '-X',
      'stream',
      // An immediate checkpoint: the default spread one waits minutes on an idle server.
      '-c',
      'fast',
      '--no-sync',
    ]);
    await start(dir, port);
    return cluster;
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}

export async function query<R extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Copies a database of the shared test server into the cluster, without the bulky register search
 * keys (derived data, 300 MB; nothing refers to them).
 */
export async function copyDatabase(fromUrl: string, cluster: PgCluster, database: string): Promise<void> {
  await query(cluster.url(), `CREATE DATABASE ${database}`);
  const dump = path.join(cluster.dir, 'copy.dump');
  const skipped = ['register_grams', 'register_digit_keys'];
  await pgTool('pg_dump', [
    '-d',
    fromUrl,
    '-Fc',
    '-Z0',
    '-f',
    dump,
    ...skipped.map((t) => `--exclude-table-data=${t}`),
  ]);
  await pgTool('pg_restore', ['-d', cluster.url(database), '--no-owner', '-j', '2', dump]);
  await rm(dump, { force: true });
}
