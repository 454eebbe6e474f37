import type { Db } from '../../db/database.ts';
import type { PositionTuples } from './copy-binary.ts';
import { DAY_MS, DAY_OFFSET_MS, dayOf, type PositionRow, patrolRepository as repo } from './repository.ts';

/** Rows per write; requests arriving while one is being written are coalesced into the next. */
const MAX_ROWS_PER_WRITE = 5_000;
// One write at a time: requests queue up behind it and the next COPY takes them all. PostgreSQL
// spends less per row on a larger COPY (about 2.5 µs at 1,000 rows, 1.5 µs at 100,000 here), and
// two concurrent smaller writes were no faster in the ingest bench.
const PARALLEL_WRITES = 1;
const UNIQUE_VIOLATION = '23505';

/** One request's accepted fixes, all of one worker, on their way into the table. */
export interface WriteJob {
  userId: string;
  /** Fixes not newer than the worker's newest stored one (resent, or a late backlog), oldest first. */
  checked: PositionRow[];
  /** The newer rest as COPY tuples, oldest first… */
  fresh: PositionTuples;
  /** …and the same as rows, built only when they cannot be copied. */
  freshRows: () => PositionRow[];
  /** The day numbers (dayNumber) of all the fixes. */
  days: readonly number[];
}

export interface WriteOutcome {
  /** Every fresh fix was stored now. */
  freshStored: boolean;
  /** Keys (keyOf) of the other fixes that were stored now; the rest were there already. */
  stored: ReadonlySet<string>;
}

interface Pending {
  job: WriteJob;
  resolve: (outcome: WriteOutcome) => void;
  reject: (err: unknown) => void;
}

export const keyOf = (userId: string, t: number) => `${userId}|${t}`;
const rowKey = (r: PositionRow) => keyOf(r.userId, r.recordedAt.getTime());
const sizeOf = (job: WriteJob) => job.checked.length + job.fresh.count;
/** Numeric order of bigint ids given as decimal strings. */
const byId = (a: Pending, b: Pending) =>
  a.job.userId.length - b.job.userId.length ||
  (a.job.userId < b.job.userId ? -1 : a.job.userId > b.job.userId ? 1 : 0);

/**
 * Group commit of positions, exactly once per (user, time). Fixes newer than their worker's newest
 * stored fix are almost always new, so they go in by binary COPY — PostgreSQL's cheapest way in,
 * and every copied row is new, nothing to read back. Only when COPY meets a fix that is stored
 * already (a unique violation rolls it back whole) are those fixes written again through
 * INSERT … ON CONFLICT DO NOTHING RETURNING, which tells which were new. Fixes not newer than the
 * worker's newest (a resent batch, an offline backlog arriving late) take that insert directly and
 * cannot spoil a COPY shared with other requests.
 */
export class PositionWriter {
  private readonly queue: Pending[] = [];
  private writing = 0;
  private readonly partitionDays = new Set<string>();
  /** Called when the last queued write has finished; see drain(). */
  private readonly idle: (() => void)[] = [];

  constructor(private readonly db: Db) {}

  /** Resolves once every write queued so far is in the table (or failed): shutdown waits for it. */
  drain(): Promise<void> {
    if (this.writing === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  write(job: WriteJob): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.writing < PARALLEL_WRITES && this.queue.length > 0) {
      const batch: Pending[] = [];
      let n = 0;
      while (
        this.queue.length > 0 &&
        (batch.length === 0 || n + sizeOf(this.queue[0]!.job) <= MAX_ROWS_PER_WRITE)
      ) {
        const next = this.queue.shift()!;
        batch.push(next);
        n += sizeOf(next.job);
      }
      this.writing++;
      void this.flush(batch).finally(() => {
        this.writing--;
        this.pump();
        if (this.writing === 0 && this.queue.length === 0) for (const done of this.idle.splice(0)) done();
      });
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      // Every statement writes in (user, time) order, so concurrent writes never deadlock.
      batch.sort(byId);
      const tuples: Buffer[] = [];
      const checked: PositionRow[] = [];
      const days = new Set<number>();
      // A worker with several requests in one write: their fixes, merged in time order, are all
      // checked; the first request carrying a fix owns it, a later one counts it as a duplicate.
      const owners = new Map<string, Pending>();
      const merged = new Set<Pending>();
      for (let i = 0, j = 1; i < batch.length; i = j, j = i + 1) {
        while (j < batch.length && batch[j]!.job.userId === batch[i]!.job.userId) j++;
        for (const p of batch.slice(i, j)) for (const d of p.job.days) days.add(d);
        const { job } = batch[i]!;
        if (j - i === 1) {
          for (const r of job.checked) checked.push(r);
          if (job.fresh.count > 0) tuples.push(job.fresh.bytes);
          continue;
        }
        const rows: PositionRow[] = [];
        for (const p of batch.slice(i, j)) {
          merged.add(p);
          for (const r of [...p.job.checked, ...p.job.freshRows()]) {
            const key = rowKey(r);
            if (owners.has(key)) continue;
            owners.set(key, p);
            rows.push(r);
          }
        }
        rows.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
        for (const r of rows) checked.push(r);
      }
      await this.ensureDays([...days].map((d) => dayOf(d * DAY_MS - DAY_OFFSET_MS)));

      const [copyFailed, stored] = await Promise.all([
        this.copy(tuples),
        checked.length > 0 ? repo.insertPositions(this.db, checked) : new Set<string>(),
      ]);
      if (copyFailed) {
        const rows = batch.flatMap((p) =>
          merged.has(p) || p.job.fresh.count === 0 ? [] : p.job.freshRows(),
        );
        for (const key of await repo.insertPositions(this.db, rows)) stored.add(key);
      }
      for (const p of batch) {
        p.resolve(
          merged.has(p)
            ? { freshStored: false, stored: new Set([...stored].filter((k) => owners.get(k) === p)) }
            : { freshStored: !copyFailed, stored },
        );
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  /** Copies the tuples; true when COPY met an already stored fix and nothing was written. */
  private async copy(tuples: Buffer[]): Promise<boolean> {
    if (tuples.length === 0) return false;
    try {
      await repo.copyPositions(this.db, tuples);
      return false;
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) return true;
      throw err;
    }
  }

  /** Partitions on demand for the days a write touches (a device's backlog of an older day). */
  async ensureDays(days: Iterable<string>): Promise<void> {
    const missing = [...new Set(days)].filter((d) => !this.partitionDays.has(d));
    if (missing.length === 0) return;
    await repo.ensurePartitions(this.db, missing);
    for (const d of missing) this.partitionDays.add(d);
  }

  /** After the retention job dropped partitions, they must be created again if a fix needs them. */
  forgetPartitions(days: Iterable<string>): void {
    for (const d of days) this.partitionDays.delete(d);
  }
}
