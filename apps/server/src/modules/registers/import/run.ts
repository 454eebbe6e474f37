// One import: stream the sheet, parse each row, check and (unless a dry run) write it in batches of
// 1,000 inside ONE transaction. Any bad row anywhere → the transaction is rolled back and nothing
// is written (all or nothing); writing stops at the first bad row, checking goes on to the end so
// every bad row is reported. A dry run never writes. Progress goes to the job row between batches.
import { rm, stat } from 'node:fs/promises';
import type { Actor } from '../../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../../audit/record.ts';
import type { GridIndex } from '../../grids/grid-index.ts';
import type { Executor, RegistersContext } from '../shared.ts';
import type { RegisterName } from './columns.ts';
import type { Item } from './importer.ts';
import { importerFor } from './importers.ts';
import { readSheetRows, SheetFormatError } from './reader.ts';
import { importJobs } from './repository.ts';

export const BATCH_ROWS = 1000;
/** Errors kept on the job (errors_total counts them all). */
export const MAX_STORED_ERRORS = 10_000;

export interface RowError {
  /** Excel row number */
  row: number;
  /** header as in the workbook */
  column: string;
  field: string;
  reason: string;
}

export interface ImportOutcome {
  status: 'succeeded' | 'rejected' | 'failed';
  rowsTotal: number;
  rowsCreated: number;
  errorsTotal: number;
  errors: RowError[];
  message: string | null;
}

class Rollback extends Error {}

export async function runImport(
  options: RegistersContext & {
    actor: Actor;
    gridIndex: GridIndex;
    origin: AuditOrigin;
    importId: string;
    register: RegisterName;
    file: string;
    fileName: string | null;
    dryRun: boolean;
    /** Where unexpected failures are logged. */
    log?: (err: unknown) => void;
  },
): Promise<ImportOutcome> {
  const { db, actor, register, dryRun, importId } = options;
  const importer = importerFor(register, { actor, cipher: options.cipher, gridIndex: options.gridIndex });
  const headerOf = new Map(importer.columns.map((c) => [c.field, c.header]));
  const errors: RowError[] = [];
  let errorsTotal = 0;
  let rowsTotal = 0;
  let rowsCreated = 0;
  const report = (row: number) => (field: string, reason: string) => {
    errorsTotal++;
    if (errors.length < MAX_STORED_ERRORS)
      errors.push({ row, column: headerOf.get(field) ?? field, field, reason });
  };

  const work = async (trx: Executor) => {
    const size = (await stat(options.file)).size;
    const meter = { bytesRead: 0 };
    let batch: Item<unknown>[] = [];
    const flush = async () => {
      const passed = await importer.check(trx, batch);
      if (!dryRun && errorsTotal === 0 && passed.length) rowsCreated += await importer.insert(trx, passed);
      batch = [];
      await importJobs.progress(db, importId, rowsTotal, meter.bytesRead / size);
    };
    for await (const { row, values } of readSheetRows(options.file, importer.columns, meter)) {
      rowsTotal++;
      const rowReport = report(row);
      const before = errorsTotal;
      const value = importer.parse(values, rowReport, row);
      // A row with any field error is reported once per field and not checked further.
      if (value && errorsTotal === before) batch.push({ row, value, report: rowReport });
      if (batch.length >= BATCH_ROWS) await flush();
    }
    if (batch.length) await flush();
  };

  // One audit record per import, whatever its outcome; only the outcome-specific details differ.
  const audit = (exec: Executor, details: Record<string, unknown>) =>
    recordAudit(exec, options.origin, {
      userId: actor.userId,
      action: 'registers.import',
      targetType: register,
      targetId: importId,
      details: { importId, register, dryRun, fileName: options.fileName, rows: rowsTotal, ...details },
    });

  let outcome: ImportOutcome;
  try {
    outcome = await db.transaction().execute(async (trx) => {
      await work(trx);
      if (dryRun || errorsTotal > 0 || rowsTotal === 0) throw new Rollback();
      await audit(trx, { created: rowsCreated });
      const applied: ImportOutcome = {
        status: 'succeeded',
        rowsTotal,
        rowsCreated,
        errorsTotal,
        errors,
        message: null,
      };
      // Finished with its rows: a job never reads 'succeeded' before its counts (a poller saw
      // succeeded with 0 rows between the commit and a later update). A second applied job with
      // the same key fails here on register_imports_applied_key_idx and rolls back.
      await importJobs.finish(trx, importId, applied);
      return applied;
    });
  } catch (err) {
    if (err instanceof Rollback) {
      outcome = {
        status: errorsTotal > 0 || rowsTotal === 0 ? 'rejected' : 'succeeded',
        rowsTotal,
        rowsCreated: 0,
        errorsTotal,
        errors,
        message:
          rowsTotal === 0
            ? '没有数据行 (no data rows)'
            : errorsTotal > 0
              ? `${errorsTotal} 处错误，未写入任何数据 (${errorsTotal} errors; nothing was written)`
              : '试导入通过，未写入数据 (dry run passed; nothing was written)',
      };
    } else if ((err as { constraint?: string }).constraint === 'register_imports_applied_key_idx') {
      outcome = {
        status: 'failed',
        rowsTotal,
        rowsCreated: 0,
        errorsTotal,
        errors,
        message:
          '同一幂等键的导入已写入，本次未写入数据 (an import with this Idempotency-Key was already applied)',
      };
    } else {
      const known = err instanceof SheetFormatError;
      outcome = {
        status: 'failed',
        rowsTotal,
        rowsCreated: 0,
        errorsTotal,
        errors,
        message: known
          ? (err as Error).message
          : /zip|end of central|signature|invalid|FILE_ENDED/i.test(String((err as Error)?.message))
            ? '不是有效的 .xlsx 文件 (not a valid .xlsx workbook)'
            : '导入失败，未写入任何数据 (the import failed; nothing was written)',
      };
      if (!known && outcome.message?.startsWith('导入失败')) options.log?.(err);
    }
  } finally {
    await rm(options.file, { force: true }).catch(() => {});
  }
  // Applied imports were audited and finished inside their transaction; every other outcome here.
  if (!(outcome.status === 'succeeded' && !dryRun)) {
    await audit(db, { created: 0, status: outcome.status, errors: errorsTotal });
    await importJobs.finish(db, importId, outcome);
  }
  return outcome;
}
