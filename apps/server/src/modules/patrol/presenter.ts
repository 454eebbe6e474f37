import type { workerDay } from './operations.ts';
import type { IngestResult, LivePosition } from './pipeline.ts';

export const presentIngest = (r: IngestResult) => ({
  accepted: r.accepted,
  duplicates: r.duplicates,
  rejected: r.rejected,
});

export const presentLive = (p: LivePosition) => ({
  userId: p.userId,
  lon: p.lon,
  lat: p.lat,
  accuracy: p.accuracy,
  at: p.at.toISOString(),
  gridId: p.gridId,
  gridCode: p.gridCode,
});

export function presentDevice(row: {
  device_id: string;
  user_id: string;
  username?: string;
  protocol: string;
  bound_at: Date;
  revoked_at: Date | null;
}) {
  return {
    deviceId: row.device_id,
    userId: row.user_id,
    ...(row.username === undefined ? {} : { username: row.username }),
    protocol: row.protocol,
    boundAt: row.bound_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

const fix = (
  f: {
    recorded_at: Date;
    lon: number;
    lat: number;
    accuracy_m: number | null;
    grid_id: string | null;
  } | null,
) =>
  f && { at: f.recorded_at.toISOString(), lon: f.lon, lat: f.lat, accuracy: f.accuracy_m, gridId: f.grid_id };

/** The day as GeoJSON: one LineString per segment of two or more fixes, split at gaps. */
export function presentDay(day: Awaited<ReturnType<typeof workerDay>>) {
  const { track } = day;
  return {
    userId: day.worker.id,
    date: day.date,
    ownGridIds: day.ownGridIds,
    fixes: track.fixes,
    distanceM: Math.round(track.distanceM * 10) / 10,
    insideOwnGridS: track.insideOwnGridS,
    totals: { ...day.totals, distanceM: Math.round(day.totals.distanceM * 10) / 10 },
    stops: day.stops.map((s) => ({
      from: new Date(s.from).toISOString(),
      to: new Date(s.to).toISOString(),
      durationS: s.durationS,
      lon: s.lon,
      lat: s.lat,
      fixes: s.fixes,
    })),
    visits: day.visits,
    activities: day.activities.map((a) => ({
      kind: a.kind,
      id: a.id,
      at: a.at.toISOString(),
      until: a.until?.toISOString() ?? null,
      lon: a.lon,
      lat: a.lat,
      placed: a.placed,
      label: a.label,
    })),
    stopRule: day.stopRule,
    firstFix: fix(track.first),
    lastFix: fix(track.last),
    track: {
      type: 'FeatureCollection' as const,
      features: track.segments
        .filter((s) => s.coordinates.length >= 2)
        .map((s) => ({
          type: 'Feature' as const,
          geometry: { type: 'LineString' as const, coordinates: s.coordinates },
          properties: {
            from: s.from.toISOString(),
            to: s.to.toISOString(),
            // Epoch milliseconds per coordinate: the console's playback moves along them.
            times: s.times,
            fixes: s.fixes,
            distanceM: Math.round(s.distanceM * 10) / 10,
          },
        })),
    },
    segments: track.segments.map((s) => ({
      from: s.from.toISOString(),
      to: s.to.toISOString(),
      fixes: s.fixes,
      distanceM: Math.round(s.distanceM * 10) / 10,
    })),
    events: day.events.map((e) => ({
      kind: e.kind,
      regionId: e.region_id,
      regionName: e.region_name,
      at: e.recorded_at.toISOString(),
      lon: e.lon,
      lat: e.lat,
      gridId: e.grid_id,
      source: e.source,
    })),
  };
}
