// Bulk writes of register rows: INSERT … SELECT FROM unnest(one array per column), used by the
// demo seeder and the Excel import. Ids come back in input order (RETURNING follows unnest order).
import { sql } from 'kysely';
import type { Executor } from './shared.ts';

/** [column name, PostgreSQL element type] */
export type BulkColumn = [name: string, type: string];

/** One statement per `chunk` rows; returns the RETURNING rows of all statements, in order. */
export async function bulkInsert(
  db: Executor,
  table: string,
  cols: readonly BulkColumn[],
  rows: readonly unknown[][],
  returning?: string,
  chunk = 20_000,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const arrays = cols.map((c, k) => sql`${part.map((r) => r[k] ?? null)}::${sql.raw(c[1])}[]`);
    const names = sql.raw(cols.map((c) => c[0]).join(', '));
    const { rows: got } = await sql<Record<string, unknown>>`
      INSERT INTO ${sql.table(table)} (${names})
      SELECT * FROM unnest(${sql.join(arrays)})
      ${returning ? sql`RETURNING ${sql.raw(returning)}` : sql``}`.execute(db);
    for (const r of got) out.push(r);
  }
  return out;
}

export const PEOPLE_COLUMNS: BulkColumn[] = [
  ['name', 'text'],
  ['gender', 'text'],
  ['birth_date', 'date'],
  ['ethnicity', 'text'],
  ['id_number_enc', 'bytea'],
  ['id_number_hash', 'bytea'],
  ['phone_enc', 'bytea'],
  ['phone_hash', 'bytea'],
  ['hukou_place', 'text'],
  ['address_id', 'bigint'],
  ['grid_id', 'bigint'],
  ['grid_path', 'text'],
];
export const GRAM_COLUMNS: BulkColumn[] = [
  ['gram', 'text'],
  ['entity_type', 'smallint'],
  ['entity_id', 'bigint'],
  ['grid_path', 'text'],
];
export const DIGIT_KEY_COLUMNS: BulkColumn[] = [
  ['digest', 'bytea'],
  ['entity_type', 'smallint'],
  ['entity_id', 'bigint'],
  ['grid_path', 'text'],
];
export const PERSON_ROLE_COLUMNS: BulkColumn[] = [
  ['person_id', 'bigint'],
  ['kind', 'text'],
  ['data', 'jsonb'],
  ['valid_from', 'date'],
];
/** An address element's columns, as the demo seeder and the address import both write them. */
export const ADDRESS_COLUMNS: BulkColumn[] = [
  ['parent_id', 'bigint'],
  ['level', 'text'],
  ['code', 'text'],
  ['name', 'text'],
  ['full_name', 'text'],
  ['grid_id', 'bigint'],
  ['grid_path', 'text'],
  ['building_id', 'bigint'],
  ['unit_no', 'int'],
  ['floor', 'int'],
  ['room', 'text'],
];
/** A house's columns without its note: the demo writes none, the import appends it. */
export const HOUSE_COLUMNS: BulkColumn[] = [
  ['address_id', 'bigint'],
  ['grid_id', 'bigint'],
  ['grid_path', 'text'],
  ['use', 'text'],
  ['structure', 'text'],
  ['area_m2', 'numeric'],
  ['is_rental', 'boolean'],
  ['rental_hazard', 'text'],
  ['is_dangerous', 'boolean'],
];
