// What every register's importer is: parse a row, check a batch, insert a batch; and the field
// helpers, within-file duplicate keys, history events and search postings they share.
import type { Actor } from '../../access/actor.ts';
import type { GridIndex } from '../../grids/grid-index.ts';
import { bulkInsert, GRAM_COLUMNS } from '../bulk.ts';
import type { DataCipher } from '../privacy/crypto.ts';
import { type Executor, gramsOf } from '../shared.ts';
import { BOOLEAN_OPTIONS, type Column, optionList, vocabularyKey } from './columns.ts';

/** Reports a problem with one field of the current row. */
export type Report = (field: string, reason: string) => void;

export interface Item<T> {
  row: number;
  value: T;
  report: Report;
}

export interface Importer<T> {
  columns: readonly Column[];
  /** `row` is the Excel row number, for importers that remember rows across the file. */
  parse(values: Record<string, string>, report: Report, row: number): T | null;
  /** Returns the items that passed; reports the others through their own report. */
  check(trx: Executor, items: Item<T>[]): Promise<Item<T>[]>;
  /** Writes the batch; returns the number of records created. */
  insert(trx: Executor, items: Item<T>[]): Promise<number>;
}

export interface ImportContext {
  actor: Actor;
  cipher: DataCipher;
  /** Places a building given by its coordinates in its grid. */
  gridIndex: GridIndex;
}

export function required(v: Record<string, string>, field: string, report: Report): string | null {
  const text = v[field] ?? '';
  if (!text) {
    report(field, '必填 (required)');
    return null;
  }
  return text;
}

export function maxLength(text: string, max: number, field: string, report: Report): boolean {
  if (Array.from(text).length > max) {
    report(field, `不能超过 ${max} 个字 (at most ${max} characters)`);
    return false;
  }
  return true;
}

export function enumOf<K extends string>(
  options: readonly { key: K; labelZh: string; labelEn: string }[],
  text: string,
  field: string,
  report: Report,
): K | null {
  const key = vocabularyKey(options, text);
  if (key === null)
    report(
      field,
      `应为以下之一：${optionList(options)} (must be one of: ${options.map((o) => o.key).join(', ')})`,
    );
  return key as K | null;
}

export function yesNo(text: string, field: string, report: Report): boolean | null {
  if (!text) return false;
  const key = enumOf(BOOLEAN_OPTIONS, text, field, report);
  return key === null ? null : key === 'true';
}

/** Within-file duplicates: the first row of each key, remembered for the whole file. */
export class Seen {
  private readonly first = new Map<string, number>();
  /** The earlier row with this key, or null (and the key is remembered for this row). */
  claim(key: string, row: number): number | null {
    const earlier = this.first.get(key);
    if (earlier !== undefined) return earlier;
    this.first.set(key, row);
    return null;
  }
}

export async function events(
  trx: Executor,
  ctx: ImportContext,
  entityType: 'address' | 'person' | 'house' | 'unit',
  rows: { id: string; gridPath: string; changes: Record<string, unknown> }[],
  effectiveDate: string,
) {
  await bulkInsert(
    trx,
    'register_events',
    [
      ['entity_type', 'text'],
      ['entity_id', 'bigint'],
      ['kind', 'text'],
      ['effective_date', 'date'],
      ['actor_user_id', 'bigint'],
      ['grid_path', 'text'],
      ['changes', 'jsonb'],
    ],
    rows.map((r) => [
      entityType,
      r.id,
      'created',
      effectiveDate,
      ctx.actor.userId,
      r.gridPath,
      JSON.stringify({ ...r.changes, source: 'import' }),
    ]),
  );
}

export async function grams(
  trx: Executor,
  type: number,
  rows: { id: string; gridPath: string; text: string }[],
) {
  const out: unknown[][] = [];
  for (const r of rows) for (const g of gramsOf([r.text])) out.push([g, type, r.id, r.gridPath]);
  await bulkInsert(trx, 'register_grams', GRAM_COLUMNS, out);
}
