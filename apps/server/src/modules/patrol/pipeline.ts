import { haversineM, isWithinScope } from '@wangge/rules';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { PositionSource } from '../../db/schema.ts';
import type { EventBus } from '../../events/bus.ts';
import type { BusEventOf } from '../../events/messages.ts';
import type { GridIndex } from '../grids/grid-index.ts';
import type { PushHub } from '../notifications/hub.ts';
import { PositionTuples } from './copy-binary.ts';
import { accuracyOf, finite, type Origin, positionRow } from './fix-values.ts';
import { addDays, dayNumber, dayOf, type PositionRow, patrolRepository as repo } from './repository.ts';
import { keyOf, PositionWriter } from './writer.ts';

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

/** Why a fix cannot be genuine on its own (the speed between fixes is checked in time order). */
function implausibility(
  fix: Fix,
  t: number,
  latest: number,
  maxAccuracyM: number,
  maxSpeed: number,
): RejectReason | null {
  if (!Number.isFinite(t)) return 'invalid_time';
  if (t > latest) return 'future';
  const { lon, lat } = fix;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return 'out_of_range';
  if (lon === 0 && lat === 0) return 'zero_coordinates';
  if ((finite(fix.accuracy) ?? 0) > maxAccuracyM) return 'inaccurate';
  if ((finite(fix.speed) ?? 0) > maxSpeed) return 'too_fast';
  return null;
}

/**
 * The in-process position pipeline every source goes through (field app batches, OsmAnd,
 * OwnTracks): plausibility filters → point → grid → group commit, exactly once per (worker, time)
 * (writer.ts: binary COPY, or INSERT … ON CONFLICT DO NOTHING where a fix may be stored already)
 * → last position per worker in memory → push to the monitors whose scope covers it.
 */
export class PositionPipeline {
  private readonly workers = new Map<string, WorkerState>();
  private monitors: { userId: string; paths: string[] }[] = [];
  private monitorsLoadedAt = 0;
  private monitorsLoading: Promise<void> | null = null;
  private readonly recipientsByPath = new Map<string, string[]>();
  private readonly devices = new Map<
    string,
    { userId: string | null; protocol: string | null; at: number }
  >();
  private hub: PushHub | null = null;
  private readonly writer: PositionWriter;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly gridIndex: GridIndex,
    private readonly bus: EventBus,
    private readonly log: { error(obj: unknown, msg?: string): void },
  ) {
    this.writer = new PositionWriter(db);
    // Every instance keeps every worker's live position and pushes to the monitors connected to it.
    bus.subscribe('position.moved', (event) => this.applyMove(event));
    bus.subscribe('device.changed', (event) => {
      this.devices.delete(event.deviceId);
    });
    bus.onResync(() => this.resync());
  }

  /** Partitions for today..+2 days and the last fix of every worker from the past day. */
  async start(hub: PushHub): Promise<void> {
    this.hub = hub;
    await this.writer.ensureDays([0, 1, 2].map((n) => addDays(dayOf(Date.now()), n)));
    const rows = await repo.lastFixes(this.db, null, new Date(Date.now() - WARM_HOURS * 3600_000));
    this.remember(rows);
  }

  /**
   * After missing events: device bindings are read again on next use, live positions and
   * monitors come from the database (remember() only moves a position forward).
   */
  private async resync(): Promise<void> {
    this.devices.clear();
    const rows = await repo.lastFixes(this.db, null, new Date(Date.now() - WARM_HOURS * 3600_000));
    this.remember(rows);
    await this.loadMonitors();
  }

  /** Waits for the fixes already accepted to be written; the platform's stop() calls it. */
  drain(): Promise<void> {
    return this.writer.drain();
  }

  // ---- ingest -------------------------------------------------------------------------------

  async ingest(input: {
    userId: string;
    deviceId: string | null;
    source: PositionSource;
    fixes: readonly Fix[];
    receivedAt?: Date;
  }): Promise<IngestResult> {
    const { userId, fixes } = input;
    const origin: Origin = {
      userId,
      deviceId: input.deviceId,
      source: input.source,
      receivedAt: input.receivedAt ?? new Date(),
    };
    const { maxAccuracyM, maxSpeedKmh, clockSkewSeconds } = this.config.patrol;
    const maxSpeed = maxSpeedKmh / 3.6;
    const latest = origin.receivedAt.getTime() + clockSkewSeconds * 1000;
    const rejected: IngestResult['rejected'] = [];
    // Plausible fixes as indexes into `fixes`, with their times; a field app sends them in order.
    const times = new Float64Array(fixes.length);
    const order: number[] = [];
    let inOrder = true;
    for (let i = 0; i < fixes.length; i++) {
      const fix = fixes[i]!;
      const t = fix.recordedAt instanceof Date ? fix.recordedAt.getTime() : Number.NaN;
      const reason = implausibility(fix, t, latest, maxAccuracyM, maxSpeed);
      if (reason) {
        rejected.push({ index: i, reason });
        continue;
      }
      if (order.length > 0 && t < times[order[order.length - 1]!]!) inOrder = false;
      times[i] = t;
      order.push(i);
    }

    const state = await this.worker(userId);
    if (this.monitorsLoadedAt === 0) await this.loadMonitors();
    if (!inOrder) order.sort((a, b) => times[a]! - times[b]! || a - b);
    // Speed against the neighbouring accepted fix: the batch in time order, starting from the
    // worker's last known fix. Average speed between two genuine fixes never exceeds the real top
    // speed; both accuracies are forgiven so that jitter of a standing worker is not "fast".
    // The reference fix as plain numbers: an object per fix would be garbage by the thousand.
    let hasRef = state.last !== null;
    let refT = state.last?.at.getTime() ?? 0;
    let refLon = state.last?.lon ?? 0;
    let refLat = state.last?.lat ?? 0;
    let refAcc = state.last?.accuracy ?? 0;
    // Fixes after the worker's newest known one are very likely new: they go by COPY.
    const newestKnown = hasRef ? refT : Number.NEGATIVE_INFINITY;
    const checked: PositionRow[] = [];
    const fresh = new PositionTuples(order.length, origin);
    const freshIndexes: number[] = [];
    const freshGrids: (string | null)[] = [];
    const accepted: number[] = [];
    const days: number[] = [];
    let duplicates = 0;
    let lastAccepted = Number.NaN;
    for (const i of order) {
      const fix = fixes[i]!;
      const t = times[i]!;
      // Times ascend, so a time taken already is the one just accepted.
      if (t === lastAccepted) {
        duplicates++;
        continue;
      }
      const acc = Math.max(finite(fix.accuracy) ?? 0, 0);
      if (finite(fix.speed) === null && hasRef && refT !== t) {
        const metres = Math.max(0, haversineM(refLon, refLat, fix.lon, fix.lat) - refAcc - acc);
        if (metres / Math.max(Math.abs(t - refT) / 1000, 1) > maxSpeed) {
          rejected.push({ index: i, reason: 'too_fast' });
          continue;
        }
      }
      const gridId = this.gridIndex.locate(fix.lon, fix.lat)?.id ?? null;
      if (t > newestKnown) {
        fresh.add(t, fix, gridId);
        freshIndexes.push(i);
        freshGrids.push(gridId);
      } else checked.push(positionRow(origin, fix, t, gridId));
      accepted.push(i);
      lastAccepted = t;
      const day = dayNumber(t);
      if (days[days.length - 1] !== day) days.push(day);
      hasRef = true;
      refT = t;
      refLon = fix.lon;
      refLat = fix.lat;
      refAcc = acc;
    }
    if (rejected.length > 1) rejected.sort((a, b) => a.index - b.index);
    if (accepted.length === 0) return { accepted: 0, duplicates, rejected };

    const outcome = await this.writer.write({
      userId,
      checked,
      fresh,
      freshRows: () =>
        freshIndexes.map((i, k) => positionRow(origin, fixes[i]!, times[i]!, freshGrids[k] ?? null)),
      days,
    });
    let stored = 0;
    let newest = -1;
    for (const i of accepted) {
      const t = times[i]!;
      if ((t > newestKnown && outcome.freshStored) || outcome.stored.has(keyOf(userId, t))) {
        stored++;
        newest = i;
      }
    }
    if (newest >= 0) {
      const fix = fixes[newest]!;
      // The bus runs this instance's handler inside publish, so the answer below already shows the move here.
      await this.bus
        .publish({
          kind: 'position.moved',
          v: 1,
          userId: origin.userId,
          lon: fix.lon,
          lat: fix.lat,
          accuracy: accuracyOf(fix),
          at: new Date(times[newest]!).toISOString(),
          source: origin.source,
        })
        .catch((err: unknown) => this.log.error({ err }, 'position move not published'));
    }
    return { accepted: stored, duplicates: duplicates + accepted.length - stored, rejected };
  }

  /**
   * Moves the worker's live position forward (never back) and pushes it to the monitors connected
   * to this instance. A worker this instance has not seen yet is first loaded from the database.
   */
  private async applyMove(move: BusEventOf<'position.moved'>): Promise<void> {
    const state = await this.worker(move.userId);
    const at = new Date(move.at);
    if (state.last && state.last.at >= at) return;
    if (this.monitorsLoadedAt === 0) await this.loadMonitors();
    const grid = this.gridIndex.locate(move.lon, move.lat);
    state.last = {
      userId: move.userId,
      lon: move.lon,
      lat: move.lat,
      accuracy: move.accuracy,
      at,
      gridId: grid?.id ?? null,
      gridCode: grid?.code ?? null,
      gridPath: grid?.path ?? null,
      source: move.source as LivePosition['source'],
    };
    if (!this.hub) return;
    const recipients = new Set<string>();
    for (const path of grid ? [grid.path, ...state.homePaths] : state.homePaths) {
      for (const id of this.recipientsOf(path)) recipients.add(id);
    }
    if (recipients.size === 0) return;
    this.hub.deliver(recipients, {
      type: 'position',
      userId: move.userId,
      lon: move.lon,
      lat: move.lat,
      at,
      gridId: grid?.id ?? null,
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
    const row = await repo.insertEvent(this.db, {
      user_id: input.userId,
      device_id: input.deviceId,
      kind: input.kind,
      region_id: input.regionId,
      region_name: input.regionName,
      recorded_at: input.fix.recordedAt,
      lon,
      lat,
      accuracy_m: accuracyOf(input.fix),
      grid_id: this.gridIndex.locate(lon, lat)?.id ?? null,
      source: input.source,
    });
    return row ? 'recorded' : 'duplicate';
  }

  /** After the retention job dropped partitions, they must be created again if a fix needs them. */
  forgetPartitions(days: Iterable<string>): void {
    this.writer.forgetPartitions(days);
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

  /** On every instance: a device bound, revoked or rebound must not keep its old owner anywhere. */
  forgetDevice(deviceId: string): Promise<void> {
    return this.bus.publish({ kind: 'device.changed', v: 1, deviceId });
  }

  forgetWorker(userId: string): void {
    this.workers.delete(userId);
  }
}
