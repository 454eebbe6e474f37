// A worker's day on the map: where they stopped and for how long, and the day as a GPX file.
// Pure, so the console's playback and the server's day summary agree to the second.
import { haversineM } from '../cases/duplicates.ts';

export interface TrackPoint {
  /** Epoch milliseconds. */
  at: number;
  lon: number;
  lat: number;
}

export interface StopRule {
  /** A stop lasts at least this long … */
  minStayS: number;
  /** … with every fix within this distance of its first one. */
  radiusM: number;
}

/** Configurable per district; these are the defaults (a visit or a chat at a gate, not a red light). */
export const DEFAULT_STOP_RULE: StopRule = { minStayS: 5 * 60, radiusM: 50 };

export interface Stop {
  from: number;
  to: number;
  durationS: number;
  /** The mean of the stop's fixes. */
  lon: number;
  lat: number;
  fixes: number;
}

/**
 * Stay points (Li et al. 2008): from each fix, the longest run of later fixes within `radiusM` of
 * it; a run lasting `minStayS` or more is a stop and the search goes on after it, else it goes on
 * from the next fix. Points must be in time order. A long silence at one place still counts as a
 * stop: the worker did not move.
 */
export function detectStops(points: readonly TrackPoint[], rule: StopRule = DEFAULT_STOP_RULE): Stop[] {
  const stops: Stop[] = [];
  let i = 0;
  while (i < points.length) {
    const anchor = points[i]!;
    let j = i + 1;
    while (
      j < points.length &&
      haversineM(anchor.lon, anchor.lat, points[j]!.lon, points[j]!.lat) <= rule.radiusM
    )
      j++;
    const last = points[j - 1]!;
    const durationS = (last.at - anchor.at) / 1000;
    if (j - i >= 2 && durationS >= rule.minStayS) {
      let lon = 0;
      let lat = 0;
      for (let k = i; k < j; k++) {
        lon += points[k]!.lon;
        lat += points[k]!.lat;
      }
      stops.push({
        from: anchor.at,
        to: last.at,
        durationS: Math.round(durationS),
        lon: lon / (j - i),
        lat: lat / (j - i),
        fixes: j - i,
      });
      i = j;
    } else {
      i++;
    }
  }
  return stops;
}

/**
 * Moving time: the time between consecutive fixes no longer than `gapS` apart (a longer silence
 * is not tracked) and not both inside one stop. Stopped time is the stops' whole length, a silent
 * stay included.
 */
export function movingAndStopped(
  points: readonly TrackPoint[],
  stops: readonly Stop[],
  gapS: number,
): { movingS: number; stoppedS: number } {
  let movingMs = 0;
  let s = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const dt = b.at - a.at;
    if (dt > gapS * 1000) continue;
    while (s < stops.length && stops[s]!.to < a.at) s++;
    const stop = stops[s];
    if (stop && stop.from <= a.at && b.at <= stop.to) continue;
    movingMs += dt;
  }
  return {
    movingS: Math.round(movingMs / 1000),
    stoppedS: stops.reduce((sum, x) => sum + x.durationS, 0),
  };
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

/** A day as GPX 1.1: one track, one segment per stretch between silences, times in UTC. */
export function trackToGpx(track: {
  name: string;
  description?: string;
  segments: readonly (readonly TrackPoint[])[];
  stops?: readonly Stop[];
}): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const waypoints = (track.stops ?? []).map(
    (s) =>
      `  <wpt lat="${s.lat.toFixed(7)}" lon="${s.lon.toFixed(7)}"><time>${iso(s.from)}</time><name>stop ${Math.round(s.durationS / 60)} min</name></wpt>`,
  );
  const segments = track.segments
    .filter((seg) => seg.length > 0)
    .map(
      (seg) =>
        `    <trkseg>\n${seg
          .map(
            (p) =>
              `      <trkpt lat="${p.lat.toFixed(7)}" lon="${p.lon.toFixed(7)}"><time>${iso(p.at)}</time></trkpt>`,
          )
          .join('\n')}\n    </trkseg>`,
    );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="Wangge" xmlns="http://www.topografix.com/GPX/1/1">',
    ...waypoints,
    '  <trk>',
    `    <name>${escapeXml(track.name)}</name>`,
    ...(track.description ? [`    <desc>${escapeXml(track.description)}</desc>`] : []),
    ...segments,
    '  </trk>',
    '</gpx>',
    '',
  ].join('\n');
}
