import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

export interface TimedPoint {
  at: number;
  lon: number;
  lat: number;
}

/** Longer silences than this are not interpolated: the dot waits where the worker was last seen. */
const HOLD_AFTER_MS = 5 * 60_000;

/** Where the worker was at `time`: between two fixes, on the line joining them. */
export function positionAt(points: readonly TimedPoint[], time: number): TimedPoint | null {
  if (points.length === 0) return null;
  if (time <= points[0]!.at) return points[0]!;
  let lo = 0;
  let hi = points.length - 1;
  if (time >= points[hi]!.at) return points[hi]!;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.at <= time) lo = mid;
    else hi = mid;
  }
  const a = points[lo]!;
  const b = points[hi]!;
  if (b.at - a.at > HOLD_AFTER_MS) return a;
  const f = (time - a.at) / (b.at - a.at);
  return { at: time, lon: a.lon + (b.lon - a.lon) * f, lat: a.lat + (b.lat - a.lat) * f };
}

/** Play, pause, seek and speed over a day's fixes; the clock advances `speed` seconds per second. */
export function usePlayback(points: readonly TimedPoint[]) {
  const start = points[0]?.at ?? 0;
  const end = points[points.length - 1]?.at ?? 0;
  const [time, setTime] = useState(start);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(16);
  const last = useRef<number | null>(null);

  useEffect(() => {
    setTime(start);
    setPlaying(false);
  }, [start]);

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const tick = (now: number) => {
      const previous = last.current ?? now;
      last.current = now;
      setTime((t) => {
        const next = t + (now - previous) * speed;
        if (next >= end) {
          setPlaying(false);
          return end;
        }
        return next;
      });
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      last.current = null;
    };
  }, [playing, speed, end]);

  const toggle = useCallback(() => {
    setPlaying((p) => !p);
    setTime((t) => (t >= end ? start : t));
  }, [start, end]);
  const position = useMemo(() => positionAt(points, time), [points, time]);
  return { start, end, time, playing, speed, setSpeed, toggle, seek: setTime, position };
}
