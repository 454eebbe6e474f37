// Batched look-ups of the Excel import: one query per batch of rows, never one per row.
import { sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import { pathInScope } from '../../access/scope-sql.ts';
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

const addressNodeColumns = [
  'a.id',
  'a.code',
  'a.level',
  'a.name',
  'a.full_name',
  'a.grid_id',
  'a.grid_path',
  'a.building_id',
  'a.unit_no',
  'a.floor',
  'a.retired_at',
  'o.level as org_level',
] as const;

/** The look-ups of the address import: parents, codes and names already taken, grids' shapes. */
export const addressImportRepository = {
  /** Addresses in the caller's scope by code (retired ones too: the import says why they cannot be used). */
  byCode(db: Executor, actor: Actor, codes: string[]) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('addresses as a')
      .innerJoin('org_units as o', 'o.id', 'a.grid_id')
      .select(addressNodeColumns)
      .where('a.code', '=', sql<string>`ANY(${codes}::text[])`)
      .where(pathInScope(actor, 'a.grid_path'))
      .execute();
  },
  /** Current addresses in the caller's scope with one of these full names. */
  byFullName(db: Executor, actor: Actor, fullNames: string[]) {
    if (fullNames.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('addresses as a')
      .innerJoin('org_units as o', 'o.id', 'a.grid_id')
      .select(addressNodeColumns)
      .where(pathInScope(actor, 'a.grid_path'))
      .where('a.full_name', '=', sql<string>`ANY(${fullNames}::text[])`)
      .where('a.retired_at', 'is', null)
      .execute();
  },
  /** Codes already taken, anywhere (codes are unique across the whole register). */
  async takenCodes(db: Executor, codes: string[]) {
    if (codes.length === 0) return [];
    const rows = await db
      .selectFrom('addresses')
      .select('code')
      .where('code', '=', sql<string>`ANY(${codes}::text[])`)
      .execute();
    return rows.map((r) => r.code);
  },
  /** Children per parent, retired ones included (generated codes never reuse a number). */
  async childCounts(db: Executor, parentIds: string[]) {
    if (parentIds.length === 0) return [];
    const { rows } = await sql<{ parent_id: string; n: number }>`
      SELECT parent_id, count(*)::int AS n FROM addresses
      WHERE parent_id = ANY(${parentIds}::bigint[]) GROUP BY parent_id`.execute(db);
    return rows;
  },
  async rootCount(db: Executor) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM addresses WHERE parent_id IS NULL`.execute(db);
    return rows[0]!.n;
  },
  /** Current children of these parents with one of these names (a superset of the pairs asked). */
  childrenNamed(db: Executor, parentIds: string[], names: string[]) {
    if (parentIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('addresses')
      .select(['parent_id', 'name'])
      .where('parent_id', '=', sql<string>`ANY(${parentIds}::bigint[])`)
      .where('name', '=', sql<string>`ANY(${names}::text[])`)
      .where('retired_at', 'is', null)
      .execute();
  },
  /** Current roads of these org units with one of these names. */
  roadsNamed(db: Executor, gridIds: string[], names: string[]) {
    if (gridIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('addresses')
      .select(['grid_id', 'name'])
      .where('parent_id', 'is', null)
      .where('grid_id', '=', sql<string>`ANY(${gridIds}::bigint[])`)
      .where('name', '=', sql<string>`ANY(${names}::text[])`)
      .where('retired_at', 'is', null)
      .execute();
  },
  buildingsByCode(db: Executor, codes: string[]) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('buildings as b')
      .innerJoin('org_units as o', 'o.id', 'b.grid_id')
      .select(['b.id', 'b.code', 'b.grid_id', 'o.code as grid_code', 'o.path as grid_path'])
      .where('b.code', '=', sql<string>`ANY(${codes}::text[])`)
      .execute();
  },
  currentBoundaries(db: Executor, orgUnitIds: string[]) {
    if (orgUnitIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('boundaries')
      .select(['org_unit_id', 'geometry'])
      .where('org_unit_id', '=', sql<string>`ANY(${orgUnitIds}::bigint[])`)
      .where('valid_to', 'is', null)
      .execute();
  },
};
export type AddressNodeRow = Awaited<ReturnType<typeof addressImportRepository.byCode>>[number];

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
  progress: number;
  rows_created: number;
  errors_total: number;
  errors: unknown[];
  message: string | null;
  created_at: Date;
  finished_at: Date | null;
  idempotency_key: string | null;
}

export const importJobs = {
  async create(
    db: Executor,
    job: {
      userId: string;
      register: string;
      dryRun: boolean;
      fileName: string | null;
      idempotencyKey?: string | null;
    },
  ) {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO register_imports (user_id, register, dry_run, file_name, idempotency_key)
      VALUES (${job.userId}, ${job.register}, ${job.dryRun}, ${job.fileName}, ${job.idempotencyKey ?? null})
      RETURNING id`.execute(db);
    return rows[0]!.id;
  },
  /** The user's applied import with this key, if one committed. */
  async applied(db: Executor, userId: string, key: string) {
    const { rows } = await sql<ImportJobRow>`SELECT * FROM register_imports
      WHERE user_id = ${userId} AND idempotency_key = ${key} AND status = 'succeeded' AND NOT dry_run`.execute(
      db,
    );
    return rows[0];
  },
  async progress(db: Executor, id: string, rowsDone: number, progress: number) {
    await sql`UPDATE register_imports SET rows_done = ${rowsDone}, progress = ${Math.min(1, progress)}
      WHERE id = ${id}`.execute(db);
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
      UPDATE register_imports SET status = ${r.status}, rows_total = ${r.rowsTotal}, rows_done = ${r.rowsTotal}, progress = 1,
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
