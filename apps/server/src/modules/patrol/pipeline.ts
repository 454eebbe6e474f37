import { haversineM, isWithinScope } from '@wangge/rules';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { PositionSource } from '../../db/schema.ts';
import type { GridIndex } from '../grids/grid-index.ts';
import type { PushHub } from '../notifications/hub.ts';
import { addDays, dayOf, type PositionRow, patrolRepository as repo } from './repository.ts';

/** One fix as a protocol decoded it; speed in m/s, accuracy in metres, battery in percent. */
export interface Fix {
  recordedAt: Date;
  lon: number;
  lat: number;
  accuracy?: number | null;
  speed?: number | null;
  heading?: number | null;
  altitude?: number | null;
  battery?: number | null;
}

export type RejectReason =
  | 'invalid_time'
  | 'future'
  | 'out_of_range'
  | 'zero_coordinates'
  | 'inaccurate'
  | 'too_fast';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; reason: RejectReason }[];
}

export interface LivePosition {
  userId: string;
  lon: number;
  lat: number;
  accuracy: number | null;
  at: Date;
  gridId: string | null;
  gridCode: string | null;
  gridPath: string | null;
  source: PositionSource | null;
}

interface WorkerState {
  homePaths: string[];
  loadedAt: number;
  last: LivePosition | null;
}

const WORKER_TTL_MS = 10 * 60_000;
const MONITOR_TTL_MS = 60_000;
const DEVICE_TTL_MS = 60_000;
const WARM_HOURS = 24;
/** Rows per INSERT; requests arriving while one is being written are coalesced into the next. */
const MAX_ROWS_PER_WRITE = 5_000;
const PARALLEL_WRITES = 2;

const clean = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

interface Pending {
  rows: PositionRow[];
  resolve: (inserted: boolean[]) => void;
  reject: (err: unknown) => void;
}

/**
 * The in-process position pipeline every source goes through (field app batches, OsmAnd,
 * OwnTracks): plausibility filters → point → grid → coalesced multi-row INSERT with
 * ON CONFLICT DO NOTHING (so a resent fix is accepted once) → last position per worker in
 * memory → push to the monitors whose scope covers it.
 */
export class PositionPipeline {
  private readonly workers = new Map<string, WorkerState>();
  private readonly partitionDays = new Set<string>();
  private monitors: { userId: string; paths: string[] }[] = [];
  private monitorsLoadedAt = 0;
  private monitorsLoading: Promise<void> | null = null;
  private readonly recipientsByPath = new Map<string, string[]>();
  private readonly devices = new Map<
    string,
    { userId: string | null; protocol: string | null; at: number }
  >();
  private hub: PushHub | null = null;
  private readonly queue: Pending[] = [];
  private writing = 0;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly gridIndex: GridIndex,
  ) {}

  /** Partitions for today..+2 days and the last fix of every worker from the past day. */
  async start(hub: PushHub): Promise<void> {
    this.hub = hub;
    await this.ensureDays([0, 1, 2].map((n) => addDays(dayOf(Date.now()), n)));
    const rows = await repo.lastFixes(this.db, null, new Date(Date.now() - WARM_HOURS * 3600_000));
    this.remember(rows);
  }

  // ---- ingest -------------------------------------------------------------------------------

  async ingest(input: {
    userId: string;
    deviceId: string | null;
    source: PositionSource;
    fixes: readonly Fix[];
    receivedAt?: Date;
  }): Promise<IngestResult> {
    const now = input.receivedAt ?? new Date();
    const { maxAccuracyM, maxSpeedKmh, clockSkewSeconds } = this.config.patrol;
    const maxSpeed = maxSpeedKmh / 3.6;
    const rejected: IngestResult['rejected'] = [];
    const candidates: { index: number; fix: Fix; t: number }[] = [];
    input.fixes.forEach((fix, index) => {
      const t = fix.recordedAt instanceof Date ? fix.recordedAt.getTime() : Number.NaN;
      const reason: RejectReason | null = !Number.isFinite(t)
        ? 'invalid_time'
        : t > now.getTime() + clockSkewSeconds * 1000
          ? 'future'
          : !Number.isFinite(fix.lon) ||
              !Number.isFinite(fix.lat) ||
              Math.abs(fix.lat) > 90 ||
              Math.abs(fix.lon) > 180
            ? 'out_of_range'
            : fix.lon === 0 && fix.lat === 0
              ? 'zero_coordinates'
              : (clean(fix.accuracy) ?? 0) > maxAccuracyM
                ? 'inaccurate'
                : (clean(fix.speed) ?? 0) > maxSpeed
                  ? 'too_fast'
                  : null;
      if (reason) rejected.push({ index, reason });
      else candidates.push({ index, fix, t });
    });

    const state = await this.worker(input.userId);
    if (this.monitorsLoadedAt === 0) await this.loadMonitors();
    // Speed against the neighbouring accepted fix: the batch in time order, starting from the
    // worker's last known fix. Average speed between two genuine fixes never exceeds the real top
    // speed; both accuracies are forgiven so that jitter of a standing worker is not "fast".
    candidates.sort((a, b) => a.t - b.t || a.index - b.index);
    let ref: { t: number; lon: number; lat: number; acc: number } | null = state.last
      ? {
          t: state.last.at.getTime(),
          lon: state.last.lon,
          lat: state.last.lat,
          acc: state.last.accuracy ?? 0,
        }
      : null;
    const seen = new Set<number>();
    const rows: { index: number; row: PositionRow; path: string | null; code: string | null }[] = [];
    let duplicates = 0;
    for (const c of candidates) {
      if (seen.has(c.t)) {
        duplicates++;
        continue;
      }
      const acc = clean(c.fix.accuracy) ?? 0;
      if (clean(c.fix.speed) === null && ref && ref.t !== c.t) {
        const metres = Math.max(
          0,
          haversineM(ref.lon, ref.lat, c.fix.lon, c.fix.lat) - ref.acc - Math.max(acc, 0),
        );
        const seconds = Math.abs(c.t - ref.t) / 1000;
        if (metres / Math.max(seconds, 1) > maxSpeed) {
          rejected.push({ index: c.index, reason: 'too_fast' });
          continue;
        }
      }
      seen.add(c.t);
      const grid = this.gridIndex.locate(c.fix.lon, c.fix.lat);
      rows.push({
        index: c.index,
        path: grid?.path ?? null,
        code: grid?.code ?? null,
        row: {
          userId: input.userId,
          deviceId: input.deviceId,
          recordedAt: new Date(c.t),
          receivedAt: now,
          lon: c.fix.lon,
          lat: c.fix.lat,
          accuracy: acc > 0 ? acc : null,
          speed: clean(c.fix.speed) !== null && (c.fix.speed as number) >= 0 ? (c.fix.speed as number) : null,
          heading:
            clean(c.fix.heading) !== null && (c.fix.heading as number) >= 0
              ? (c.fix.heading as number)
              : null,
          altitude: clean(c.fix.altitude),
          battery:
            clean(c.fix.battery) !== null && (c.fix.battery as number) >= 0
              ? Math.round(c.fix.battery as number)
              : null,
          gridId: grid?.id ?? null,
          source: input.source,
        },
      });
      ref = { t: c.t, lon: c.fix.lon, lat: c.fix.lat, acc: Math.max(acc, 0) };
    }
    rejected.sort((a, b) => a.index - b.index);

    const inserted = await this.write(rows.map((r) => r.row));
    let accepted = 0;
    let newest: (typeof rows)[number] | null = null;
    rows.forEach((r, i) => {
      if (!inserted[i]) {
        duplicates++;
        return;
      }
      accepted++;
      if (!newest || r.row.recordedAt > newest.row.recordedAt) newest = r;
    });
    if (newest) this.advance(state, input.userId, newest);
    return { accepted, duplicates, rejected };
  }

  /** Moves the worker's live position forward (never back) and pushes it to the monitors. */
  private advance(
    state: WorkerState,
    userId: string,
    r: { row: PositionRow; path: string | null; code: string | null },
  ): void {
    if (state.last && state.last.at >= r.row.recordedAt) return;
    state.last = {
      userId,
      lon: r.row.lon,
      lat: r.row.lat,
      accuracy: r.row.accuracy,
      at: r.row.recordedAt,
      gridId: r.row.gridId,
      gridCode: r.code,
      gridPath: r.path,
      source: r.row.source,
    };
    if (!this.hub) return;
    const recipients = new Set<string>();
    for (const path of r.path ? [r.path, ...state.homePaths] : state.homePaths) {
      for (const id of this.recipientsOf(path)) recipients.add(id);
    }
    if (recipients.size === 0) return;
    this.hub.send(recipients, {
      type: 'position',
      userId,
      lon: r.row.lon,
      lat: r.row.lat,
      at: r.row.recordedAt,
      gridId: r.row.gridId,
    });
    if (Date.now() - this.monitorsLoadedAt > MONITOR_TTL_MS) void this.loadMonitors();
  }

  /** Region enter/leave events (OwnTracks transitions): same time and place checks, own table. */
  async recordEvent(input: {
    userId: string;
    deviceId: string | null;
    source: PositionSource;
    kind: 'region_enter' | 'region_leave';
    regionId: string | null;
    regionName: string | null;
    fix: Fix;
  }): Promise<'recorded' | 'duplicate' | RejectReason> {
    const t = input.fix.recordedAt.getTime();
    if (!Number.isFinite(t)) return 'invalid_time';
    if (t > Date.now() + this.config.patrol.clockSkewSeconds * 1000) return 'future';
    const { lon, lat } = input.fix;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
      return 'out_of_range';
    if (lon === 0 && lat === 0) return 'zero_coordinates';
    const acc = clean(input.fix.accuracy);
    const row = await repo.insertEvent(this.db, {
      user_id: input.userId,
      device_id: input.deviceId,
      kind: input.kind,
      region_id: input.regionId,
      region_name: input.regionName,
      recorded_at: input.fix.recordedAt,
      lon,
      lat,
      accuracy_m: acc !== null && acc > 0 ? acc : null,
      grid_id: this.gridIndex.locate(lon, lat)?.id ?? null,
      source: input.source,
    });
    return row ? 'recorded' : 'duplicate';
  }

  // ---- group-commit writer ------------------------------------------------------------------

  /** Resolves with one flag per row: inserted (true) or already present (false). */
  private write(rows: PositionRow[]): Promise<boolean[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.writing < PARALLEL_WRITES && this.queue.length > 0) {
      const batch: Pending[] = [];
      let n = 0;
      while (
        this.queue.length > 0 &&
        (batch.length === 0 || n + this.queue[0]!.rows.length <= MAX_ROWS_PER_WRITE)
      ) {
        const next = this.queue.shift()!;
        batch.push(next);
        n += next.rows.length;
      }
      this.writing++;
      void this.flush(batch).finally(() => {
        this.writing--;
        this.pump();
      });
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      // Two requests of one flush carrying the same fix: the first owns it, the second is a duplicate.
      const owner = new Map<string, PositionRow>();
      const rows: PositionRow[] = [];
      for (const p of batch) {
        for (const r of p.rows) {
          const key = `${r.userId}|${r.recordedAt.getTime()}`;
          if (owner.has(key)) continue;
          owner.set(key, r);
          rows.push(r);
        }
      }
      await this.ensureDays(rows.map((r) => dayOf(r.recordedAt)));
      const inserted = await repo.insertPositions(this.db, rows);
      for (const p of batch) {
        p.resolve(
          p.rows.map((r) => {
            const key = `${r.userId}|${r.recordedAt.getTime()}`;
            return owner.get(key) === r && inserted.has(key);
          }),
        );
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
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

  // ---- workers, monitors and devices in memory ------------------------------------------------

  private async worker(userId: string): Promise<WorkerState> {
    const state = this.workers.get(userId);
    if (state && Date.now() - state.loadedAt < WORKER_TTL_MS) return state;
    const rows = await repo.lastFixes(this.db, [userId], new Date(Date.now() - WARM_HOURS * 3600_000));
    this.remember(rows);
    return this.workers.get(userId)!;
  }

  private remember(rows: Awaited<ReturnType<typeof repo.lastFixes>>): void {
    const now = Date.now();
    for (const r of rows) {
      const known = this.workers.get(r.user_id);
      let last = known?.last ?? null;
      if (r.recorded_at && r.lon !== null && r.lat !== null && (!last || last.at < r.recorded_at)) {
        const grid = this.gridIndex.locate(r.lon, r.lat);
        last = {
          userId: r.user_id,
          lon: r.lon,
          lat: r.lat,
          accuracy: r.accuracy_m,
          at: r.recorded_at,
          gridId: r.grid_id,
          gridCode: grid?.code ?? null,
          gridPath: grid?.path ?? null,
          source: null,
        };
      }
      this.workers.set(r.user_id, { homePaths: r.home_paths ?? [], loadedAt: now, last });
    }
  }

  private loadMonitors(): Promise<void> {
    this.monitorsLoading ??= repo
      .monitors(this.db)
      .then((rows) => {
        this.monitors = rows.map((r) => ({ userId: r.user_id, paths: r.paths }));
        this.monitorsLoadedAt = Date.now();
        this.recipientsByPath.clear();
      })
      .finally(() => {
        this.monitorsLoading = null;
      });
    return this.monitorsLoading;
  }

  private recipientsOf(path: string): string[] {
    let ids = this.recipientsByPath.get(path);
    if (!ids) {
      ids = this.monitors.filter((m) => isWithinScope(path, m.paths)).map((m) => m.userId);
      this.recipientsByPath.set(path, ids);
    }
    return ids;
  }

  /** Last positions of the workers seen at `path` or assigned within any of `scopePaths`. */
  live(scopePaths: readonly string[], options: { since?: Date } = {}): LivePosition[] {
    const out: LivePosition[] = [];
    for (const state of this.workers.values()) {
      const last = state.last;
      if (!last || (options.since && last.at < options.since)) continue;
      const visible =
        (last.gridPath !== null && isWithinScope(last.gridPath, scopePaths)) ||
        state.homePaths.some((p) => isWithinScope(p, scopePaths));
      if (visible) out.push(last);
    }
    return out.sort((a, b) => (a.userId < b.userId ? -1 : 1));
  }

  /** The user a tracker device id is bound to (null: unknown or revoked), cached for a minute. */
  async deviceOwner(deviceId: string): Promise<{ userId: string | null; protocol: string | null }> {
    const cached = this.devices.get(deviceId);
    if (cached && Date.now() - cached.at < DEVICE_TTL_MS) return cached;
    const row = await repo.findDevice(this.db, deviceId);
    const entry = {
      userId: row && !row.revoked_at ? row.user_id : null,
      protocol: row ? row.protocol : null,
      at: Date.now(),
    };
    if (this.devices.size > 100_000) this.devices.clear();
    this.devices.set(deviceId, entry);
    return entry;
  }

  forgetDevice(deviceId: string): void {
    this.devices.delete(deviceId);
  }

  forgetWorker(userId: string): void {
    this.workers.delete(userId);
  }
}
