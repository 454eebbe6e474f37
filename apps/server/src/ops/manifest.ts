import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

export const MANIFEST_FILE = 'manifest.json';
export const DUMP_FILE = 'database.dump';
export const FILES_DIR = 'files';

export interface Manifest {
  format: 1;
  createdAt: string;
  appVersion: string;
  postgresVersion: string;
  pgDumpVersion: string;
  /** The last applied migration file and how many were applied. */
  migration: { last: string | null; count: number };
  /** Exact row counts of every table (partitioned tables counted once, through their parent). */
  rowCounts: Record<string, number>;
  files: { count: number; bytes: number };
  /** Identifies the registers' data key without revealing it: restore refuses a different key. */
  dataKeyFingerprint: string;
}

/** A one-way tag of the master key; a domain string keeps it from equalling any hash the app stores. */
export function dataKeyFingerprint(key: Buffer): string {
  return createHash('sha256')
    .update('wangge data key fingerprint v1\0')
    .update(key)
    .digest('hex')
    .slice(0, 32);
}

export async function readManifest(folder: string): Promise<Manifest> {
  return JSON.parse(await readFile(path.join(folder, MANIFEST_FILE), 'utf8')) as Manifest;
}

export async function writeManifest(folder: string, manifest: Manifest): Promise<void> {
  await writeFile(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Ordinary and partitioned tables outside the system schemas that no extension owns (PostGIS's are its own). */
const USER_TABLES = `
  SELECT n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                     AND d.objid = c.oid AND d.deptype = 'e')
   ORDER BY 1, 2`;

export async function userTables(client: pg.Client): Promise<string[]> {
  const rows = (await client.query<{ schema: string; name: string }>(USER_TABLES)).rows;
  return rows.map((r) => (r.schema === 'public' ? r.name : `${r.schema}.${r.name}`));
}

export async function rowCounts(client: pg.Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await userTables(client)) {
    const quoted = table
      .split('.')
      .map((part) => client.escapeIdentifier(part))
      .join('.');
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted}`);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}
