// Streams the first worksheet of an .xlsx row by row (exceljs WorkbookReader): never the whole
// workbook in memory; `meter.bytesRead` tells how far into the file the stream has got. The header row is matched by the Chinese headers of the register's columns
// (order free, unknown headers ignored); the template's English hint row is skipped.
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Column } from './columns.ts';

export interface SheetRow {
  /** Excel row number (1-based, as the user sees it). */
  row: number;
  values: Record<string, string>;
}

export class SheetFormatError extends Error {}

function pad(n: number) {
  return String(n).padStart(2, '0');
}

/** Any cell value → trimmed text; dates → YYYY-MM-DD, integers without exponent. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') {
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) {
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      error?: string;
    };
    if (v.richText)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return '';
  }
  return String(value).trim();
}

export async function* readSheetRows(
  file: string,
  columns: readonly Column[],
  meter: { bytesRead: number } = { bytesRead: 0 },
): AsyncGenerator<SheetRow> {
  const counted = createReadStream(file).pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        meter.bytesRead += chunk.length;
        done(null, chunk);
      },
    }),
  );
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    let map: Map<number, Column> | null = null;
    for await (const row of sheet) {
      const cells = row.values as unknown[];
      if (!map) {
        const found = new Map<number, Column>();
        cells.forEach((v, i) => {
          const text = cellText(v)
            .replace(/\s+/g, '')
            .replace(/[*＊]$/, '');
          const col = columns.find((c) => c.header === text);
          if (col) found.set(i, col);
        });
        map = found;
        const missing = columns.filter((c) => c.required && ![...found.values()].includes(c));
        if (missing.length) {
          throw new SheetFormatError(
            `第 ${row.number} 行表头缺少必填列：${missing.map((c) => c.header).join('、')} (the header row lacks required columns: ${missing.map((c) => c.hint).join('; ')})`,
          );
        }
        continue;
      }
      const values: Record<string, string> = {};
      let any = false;
      for (const [i, col] of map) {
        const text = cellText(cells[i]);
        if (text) any = true;
        values[col.field] = text;
      }
      if (!any) continue;
      // The template's hint row: every filled cell equals its column's English hint.
      if (
        [...map].every(([i, col]: [number, Column]) => !cellText(cells[i]) || cellText(cells[i]) === col.hint)
      )
        continue;
      yield { row: row.number, values };
    }
    if (!map) throw new SheetFormatError('工作表为空 (the worksheet is empty)');
    return; // only the first worksheet
  }
  throw new SheetFormatError('文件中没有工作表 (the workbook has no worksheet)');
}
