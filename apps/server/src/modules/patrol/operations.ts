import { detectStops, haversineM, movingAndStopped, type StopRule } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { can, inScope } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { visitTimeOfDay } from '../services/visits/operations.ts';
import type { PositionPipeline } from './pipeline.ts';
import { dayBounds, patrolRepository as repo } from './repository.ts';

export type TrackerProtocol = 'osmand' | 'owntracks';

/**
 * Binds a tracker device to the caller. A device bound to another worker is refused (409) until
 * that binding is revoked; binding one's own device again is a no-op; a revoked one is re-bound.
 */
export async function bindDevice(options: {
  db: Db;
  positions: PositionPipeline;
  actor: Pick<Actor, 'userId'>;
  origin: AuditOrigin;
  deviceId: string;
  protocol: TrackerProtocol;
}) {
  const { db, actor, deviceId, protocol } = options;
  const result = await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('tracker_devices')
      .selectAll()
      .where('device_id', '=', deviceId)
      .forUpdate()
      .executeTakeFirst();
    if (existing && !existing.revoked_at && existing.user_id !== actor.userId) {
      throw conflict('设备已绑定到其他人员 (device is bound to another worker)', { field: 'deviceId' });
    }
    if (existing && !existing.revoked_at && existing.protocol === protocol) {
      return { row: existing, created: false };
    }
    const row = existing
      ? await trx
          .updateTable('tracker_devices')
          .set({ user_id: actor.userId, protocol, bound_at: new Date(), revoked_at: null })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('tracker_devices')
          .values({ device_id: deviceId, user_id: actor.userId, protocol })
          .returningAll()
          .executeTakeFirstOrThrow();
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'tracker_device.bind',
      targetType: 'tracker_device',
      targetId: row.id,
      details: { deviceId, protocol },
    });
    return { row, created: true };
  });
  await options.positions.forgetDevice(deviceId);
  return result;
}

/** Revokes a binding: by its worker, or by a monitor whose scope covers the worker. */
export async function revokeDevice(options: {
  db: Db;
  positions: PositionPipeline;
  actor: Actor;
  origin: AuditOrigin;
  deviceId: string;
}): Promise<void> {
  const { db, actor, deviceId } = options;
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('tracker_devices')
      .selectAll()
      .where('device_id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('设备', deviceId);
    if (row.user_id !== actor.userId) {
      const worker = await repo.worker(trx, row.user_id);
      const visible =
        can(actor, 'patrol.monitor') && (worker?.home_paths ?? []).some((p) => inScope(actor, p));
      if (!visible) throw notFound('设备', deviceId);
    }
    await trx
      .updateTable('tracker_devices')
      .set({ revoked_at: new Date() })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'tracker_device.revoke',
      targetType: 'tracker_device',
      targetId: row.id,
      details: { deviceId, workerId: row.user_id },
    });
  });
  await options.positions.forgetDevice(deviceId);
}

export interface TrackFix {
  recorded_at: Date;
  lon: number;
  lat: number;
  accuracy_m: number | null;
  grid_id: string | null;
}

export interface DayTrack {
  fixes: number;
  /** Time covered by segments (between the first and last fix of each). */
  trackedS: number;
  segments: {
    from: Date;
    to: Date;
    fixes: number;
    distanceM: number;
    coordinates: [number, number][];
    /** Epoch milliseconds of each coordinate, for playback. */
    times: number[];
  }[];
  distanceM: number;
  insideOwnGridS: number;
  first: TrackFix | null;
  last: TrackFix | null;
}

/**
 * A day's fixes as lines split where the worker went quiet for longer than `gapS`. Distance sums
 * haversine steps inside segments, moving on only when a step leaves both fixes' accuracy (a
 * standing worker's jitter walks nowhere). Time in the own grids: a step between two fixes inside
 * them counts whole, a step with one end inside counts half; steps across a gap count nothing.
 */
export function buildTrack(
  fixes: readonly TrackFix[],
  ownGridIds: ReadonlySet<string>,
  gapS: number,
): DayTrack {
  const segments: DayTrack['segments'] = [];
  let distanceM = 0;
  let insideMs = 0;
  let trackedMs = 0;
  let anchor: TrackFix | null = null;
  let prev: TrackFix | null = null;
  for (const f of fixes) {
    const gap = !prev || (f.recorded_at.getTime() - prev.recorded_at.getTime()) / 1000 > gapS;
    if (gap) {
      segments.push({
        from: f.recorded_at,
        to: f.recorded_at,
        fixes: 0,
        distanceM: 0,
        coordinates: [],
        times: [],
      });
      anchor = f;
    } else if (prev) {
      const dt = f.recorded_at.getTime() - prev.recorded_at.getTime();
      trackedMs += dt;
      const inside =
        (prev.grid_id && ownGridIds.has(prev.grid_id) ? 1 : 0) +
        (f.grid_id && ownGridIds.has(f.grid_id) ? 1 : 0);
      insideMs += (dt * inside) / 2;
      const step = haversineM(anchor!.lon, anchor!.lat, f.lon, f.lat);
      if (step > Math.max(anchor!.accuracy_m ?? 0, f.accuracy_m ?? 0)) {
        const seg = segments[segments.length - 1]!;
        seg.distanceM += step;
        distanceM += step;
        anchor = f;
      }
    }
    const seg = segments[segments.length - 1]!;
    seg.fixes++;
    seg.to = f.recorded_at;
    seg.coordinates.push([f.lon, f.lat]);
    seg.times.push(f.recorded_at.getTime());
    prev = f;
  }
  return {
    fixes: fixes.length,
    trackedS: Math.round(trackedMs / 1000),
    segments,
    distanceM,
    insideOwnGridS: Math.round(insideMs / 1000),
    first: fixes[0] ?? null,
    last: fixes[fixes.length - 1] ?? null,
  };
}

/**
 * A worker's day (Asia/Shanghai): the track, time in the own grids, and the time spent on
 * door-to-door visits. Others' days need patrol.monitor and the worker in scope.
 */
export async function workerDay(options: {
  db: Db;
  actor: Actor;
  userId: string;
  date: string;
  gapS: number;
  stop: StopRule;
}) {
  const { db, actor, userId, date } = options;
  const worker = await repo.worker(db, userId);
  if (!worker) throw notFound('人员', userId);
  if (userId !== actor.userId) {
    const visible = can(actor, 'patrol.monitor') && (worker.home_paths ?? []).some((p) => inScope(actor, p));
    if (!visible) throw notFound('人员', userId);
  }
  const { start, end } = dayBounds(date);
  const [fixes, events, visits, activities] = await Promise.all([
    repo.track(db, userId, start, end),
    repo.events(db, userId, start, end),
    visitTimeOfDay(db, { userId, date, homePaths: worker.home_paths ?? [] }),
    repo.activities(db, userId, start, end),
  ]);
  const ownGridIds = new Set(worker.grid_ids ?? []);
  const track = buildTrack(fixes, ownGridIds, options.gapS);
  const points = fixes.map((f) => ({ at: f.recorded_at.getTime(), lon: f.lon, lat: f.lat }));
  const stops = detectStops(points, options.stop);
  return {
    worker,
    date,
    stopRule: options.stop,
    ownGridIds: [...ownGridIds],
    track,
    stops,
    totals: {
      distanceM: track.distanceM,
      trackedS: track.trackedS,
      ...movingAndStopped(points, stops, options.gapS),
      insideOwnGridS: track.insideOwnGridS,
      outsideOwnGridS: Math.max(0, track.trackedS - track.insideOwnGridS),
    },
    events,
    visits,
    activities: activities.map((a) => placeOnTrack(a, fixes)),
  };
}

/**
 * An activity of the day where it happened: its own point, or else (a visit recorded without a
 * location) the fix nearest to its time, so every marker sits on the track.
 */
function placeOnTrack<T extends { at: Date; lon: number | null; lat: number | null }>(
  activity: T,
  fixes: readonly { recorded_at: Date; lon: number; lat: number }[],
): T & { placed: 'own' | 'track' | 'none' } {
  if (activity.lon !== null && activity.lat !== null) return { ...activity, placed: 'own' };
  let best: (typeof fixes)[number] | undefined;
  for (const f of fixes)
    if (!best || Math.abs(+f.recorded_at - +activity.at) < Math.abs(+best.recorded_at - +activity.at))
      best = f;
  return best
    ? { ...activity, lon: best.lon, lat: best.lat, placed: 'track' }
    : { ...activity, placed: 'none' };
}
