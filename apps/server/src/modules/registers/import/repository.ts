// Batched look-ups of the Excel import: one query per batch of rows, never one per row.
import { sql } from 'kysely';
import type { Executor } from '../shared.ts';

export const importRepository = {
  addressesByCode(db: Executor, codes: string[]) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('addresses as a')
      .innerJoin('org_units as o', 'o.id', 'a.grid_id')
      .select(['a.id', 'a.code', 'a.grid_id', 'a.grid_path', 'a.retired_at', 'o.level as org_level'])
      .where('a.code', '=', sql<string>`ANY(${codes}::text[])`)
      .execute();
  },
  orgUnitsByCode(db: Executor, codes: string[]) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('org_units')
      .select(['id', 'code', 'path', 'level'])
      .where('code', '=', sql<string>`ANY(${codes}::text[])`)
      .execute();
  },
  currentHousesAt(db: Executor, addressIds: string[]) {
    if (addressIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('houses')
      .select(['id', 'address_id'])
      .where('address_id', '=', sql<string>`ANY(${addressIds}::bigint[])`)
      .where('retired_at', 'is', null)
      .execute();
  },
  unitsByCreditCode(db: Executor, codes: string[]) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('units')
      .select(['id', 'credit_code'])
      .where('credit_code', '=', sql<string>`ANY(${codes}::text[])`)
      .where('retired_at', 'is', null)
      .execute();
  },
};

/** register_imports is not in the hand-written schema types; its few statements are plain SQL. */
export interface ImportJobRow {
  id: string;
  user_id: string;
  register: string;
  dry_run: boolean;
  file_name: string | null;
  status: 'running' | 'succeeded' | 'rejected' | 'failed';
  rows_total: number;
  rows_done: number;
  rows_created: number;
  errors_total: number;
  errors: unknown[];
  message: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export const importJobs = {
  async create(
    db: Executor,
    job: { userId: string; register: string; dryRun: boolean; fileName: string | null },
  ) {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO register_imports (user_id, register, dry_run, file_name)
      VALUES (${job.userId}, ${job.register}, ${job.dryRun}, ${job.fileName}) RETURNING id`.execute(db);
    return rows[0]!.id;
  },
  async progress(db: Executor, id: string, rowsDone: number) {
    await sql`UPDATE register_imports SET rows_done = ${rowsDone} WHERE id = ${id}`.execute(db);
  },
  async finish(
    db: Executor,
    id: string,
    r: {
      status: ImportJobRow['status'];
      rowsTotal: number;
      rowsCreated: number;
      errorsTotal: number;
      errors: unknown[];
      message: string | null;
    },
  ) {
    await sql`
      UPDATE register_imports SET status = ${r.status}, rows_total = ${r.rowsTotal}, rows_done = ${r.rowsTotal},
        rows_created = ${r.rowsCreated}, errors_total = ${r.errorsTotal}, errors = ${JSON.stringify(r.errors)}::jsonb,
        message = ${r.message}, finished_at = now()
      WHERE id = ${id}`.execute(db);
  },
  async find(db: Executor, id: string) {
    const { rows } = await sql<ImportJobRow>`SELECT * FROM register_imports WHERE id = ${id}`.execute(db);
    return rows[0];
  },
  /** Jobs of a process that stopped mid-import (the platform runs one server process). */
  async failInterrupted(db: Executor) {
    await sql`
      UPDATE register_imports SET status = 'failed', finished_at = now(),
        message = '服务重启，导入中断，未写入任何数据 (the server restarted; nothing was written)'
      WHERE status = 'running'`.execute(db);
  },
};
