import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STOP_RULE,
  detectStops,
  movingAndStopped,
  type TrackPoint,
  trackToGpx,
} from '../src/index.ts';

const T0 = Date.UTC(2026, 11, 4, 1, 0, 0);
const MIN = 60_000;
// ~1.11 m per 1e-5° of latitude.
const at = (min: number, dLatM: number, dLonM = 0): TrackPoint => ({
  at: T0 + min * MIN,
  lat: 40.84 + dLatM / 111_195,
  lon: 111.75 + dLonM / (111_195 * Math.cos((40.84 * Math.PI) / 180)),
});

describe('detectStops', () => {
  it('finds a 10-minute stay among walking, with its mean position', () => {
    const walk = [0, 1, 2].map((m) => at(m, m * 80));
    const stay = [3, 5, 7, 9, 11, 13].map((m, k) => at(m, 240 + (k % 2) * 10, (k % 3) * 5));
    const on = [14, 15].map((m, k) => at(m, 400 + k * 80));
    const stops = detectStops([...walk, ...stay, ...on]);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({ from: T0 + 3 * MIN, to: T0 + 13 * MIN, durationS: 600, fixes: 6 });
    expect(stops[0]!.lat).toBeCloseTo(40.84 + 245 / 111_195, 6);
  });

  it('needs both the duration and the radius: 4 minutes or 60 m drift is no stop by default', () => {
    expect(detectStops([0, 1, 2, 3, 4].map((m) => at(m, 0)))).toEqual([]);
    expect(detectStops([0, 3, 6].map((m) => at(m, m * 10)))).toEqual([]);
    expect(
      detectStops(
        [0, 3, 6].map((m) => at(m, m * 10)),
        { minStayS: 300, radiusM: 70 },
      ),
    ).toHaveLength(1);
  });

  it('counts a silence at one place, takes stops back to back, and handles empty and single tracks', () => {
    expect(detectStops([at(0, 0), at(40, 3)])).toMatchObject([{ durationS: 2400, fixes: 2 }]);
    const two = detectStops([at(0, 0), at(6, 0), at(7, 500), at(20, 505)]);
    expect(two.map((s) => s.durationS)).toEqual([360, 780]);
    expect(detectStops([])).toEqual([]);
    expect(detectStops([at(0, 0)])).toEqual([]);
    expect(DEFAULT_STOP_RULE).toEqual({ minStayS: 300, radiusM: 50 });
  });
});

describe('movingAndStopped', () => {
  it('splits tracked time into moving and stopped; a silence is not moving, a silent stay is stopped', () => {
    const points = [at(0, 0), at(1, 80), at(2, 160), at(12, 165), at(13, 250), at(40, 330), at(41, 410)];
    const stops = detectStops(points);
    expect(stops).toMatchObject([{ from: T0 + 2 * MIN, to: T0 + 12 * MIN }]);
    // Moving: 0→1, 1→2, 12→13, 40→41 (13→40 is a 27-minute silence, over the 5-minute gap).
    expect(movingAndStopped(points, stops, 300)).toEqual({ movingS: 240, stoppedS: 600 });
    expect(movingAndStopped(points, [], 3600)).toEqual({ movingS: 41 * 60, stoppedS: 0 });
    expect(movingAndStopped([], [], 300)).toEqual({ movingS: 0, stoppedS: 0 });
  });
});

describe('trackToGpx', () => {
  it('writes GPX 1.1 with a segment per stretch, UTC times, stops as waypoints and escaped names', () => {
    const gpx = trackToGpx({
      name: '王建国 <w1> 2026-12-04',
      segments: [[at(0, 0), at(1, 50)], [], [at(30, 100)]],
      stops: [{ from: T0, to: T0 + 6 * MIN, durationS: 360, lon: 111.75, lat: 40.84, fixes: 3 }],
    });
    expect(gpx).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<gpx version="1.1"/);
    expect(gpx.match(/<trkseg>/g)).toHaveLength(2);
    expect(gpx.match(/<trkpt /g)).toHaveLength(3);
    expect(gpx).toContain('<time>2026-12-04T01:00:00.000Z</time>');
    expect(gpx).toContain('<name>王建国 &lt;w1&gt; 2026-12-04</name>');
    expect(gpx).toContain('<wpt lat="40.8400000" lon="111.7500000">');
    expect(gpx).toContain('stop 6 min');
  });
});
