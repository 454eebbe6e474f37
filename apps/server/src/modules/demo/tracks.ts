// The demo's patrol tracks: each grid's full-time worker walks their grid yesterday and today
// (08:30–11:50 and 14:00–17:30 China time), building to building at walking pace, stopping at
// some for a visit or a word at the gate, a fix every 20 seconds with a few metres of noise.
// Pure and deterministic, so the track playback and the live map have something true to show.
import { createRandom } from '@wangge/rules';
import { chance, float, int, type Rng } from './random.ts';
import type { DemoData } from './types.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CST = 8 * HOUR;
const FIX_EVERY_MS = 20_000;
const M_PER_DEG_LAT = 111_195;
const SHIFTS: readonly [number, number][] = [
  [8.5, 11 + 50 / 60],
  [14, 17.5],
];

export interface PlannedFix {
  worker: string;
  gridCode: string;
  at: Date;
  lon: number;
  lat: number;
  accuracyM: number;
  battery: number;
}

interface Place {
  lon: number;
  lat: number;
}

/** Nearest-neighbour tour over the grid's buildings from the first: a plausible walking order. */
function tour(buildings: readonly Place[]): Place[] {
  const left = [...buildings];
  const out = [left.shift()!];
  while (left.length) {
    const here = out[out.length - 1]!;
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    left.forEach((b, i) => {
      const d = (b.lon - here.lon) ** 2 + (b.lat - here.lat) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    out.push(left.splice(best, 1)[0]!);
  }
  return out;
}

function metres(a: Place, b: Place): number {
  const dy = (b.lat - a.lat) * M_PER_DEG_LAT;
  const dx = (b.lon - a.lon) * M_PER_DEG_LAT * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

function jitter(rng: Rng, p: Place, m: number): Place {
  const k = m / M_PER_DEG_LAT;
  return {
    lon: p.lon + float(rng, -k, k) / Math.cos((p.lat * Math.PI) / 180),
    lat: p.lat + float(rng, -k, k),
  };
}

/** Yesterday's and today's fixes (up to `today`) of every grid's full-time worker. */
export function generateTracks(options: { data: DemoData; today: Date; seed?: number }): PlannedFix[] {
  const { data, today } = options;
  const rng = createRandom((options.seed ?? 20261204) ^ 0x5ca1ab1e);
  const buildings = new Map<string, Place[]>();
  for (const b of data.buildings) {
    const list = buildings.get(b.gridCode) ?? [];
    list.push({ lon: b.lon, lat: b.lat });
    buildings.set(b.gridCode, list);
  }
  const todayStart = Math.floor((today.getTime() + CST) / DAY) * DAY - CST;
  const fixes: PlannedFix[] = [];
  for (const grid of data.grids) {
    const places = buildings.get(grid.code);
    const worker = data.users.find((u) =>
      u.team.some((m) => m.gridCode === grid.code && m.teamRole === 'full_time'),
    );
    if (!places?.length || !worker) continue;
    const route = tour(places);
    for (const dayStart of [todayStart - DAY, todayStart]) {
      let battery = int(rng, 88, 100);
      let stop = int(rng, 0, route.length - 1);
      for (const [from, to] of SHIFTS) {
        let t = dayStart + from * HOUR + int(rng, 0, 10) * 60_000;
        const end = Math.min(dayStart + to * HOUR, today.getTime());
        let here = route[stop]!;
        while (t < end) {
          // Linger at a building now and then (a visit, a chat at the gate), else walk on.
          if (chance(rng, 0.35)) {
            const until = Math.min(end, t + int(rng, 8, 25) * 60_000);
            for (; t < until; t += FIX_EVERY_MS) {
              fixes.push({
                worker: worker.username,
                gridCode: grid.code,
                at: new Date(t),
                ...jitter(rng, here, 4),
                accuracyM: int(rng, 5, 12),
                battery,
              });
            }
          }
          stop = (stop + 1) % route.length;
          const next = route[stop]!;
          const speed = float(rng, 1.0, 1.4);
          const steps = Math.max(1, Math.ceil(metres(here, next) / speed / (FIX_EVERY_MS / 1000)));
          for (let i = 1; i <= steps && t < end; i++, t += FIX_EVERY_MS) {
            const f = i / steps;
            const p = {
              lon: here.lon + (next.lon - here.lon) * f,
              lat: here.lat + (next.lat - here.lat) * f,
            };
            fixes.push({
              worker: worker.username,
              gridCode: grid.code,
              at: new Date(t),
              ...jitter(rng, p, 3),
              accuracyM: int(rng, 5, 15),
              battery,
            });
          }
          here = next;
          battery = Math.max(20, battery - (chance(rng, 0.2) ? 1 : 0));
        }
      }
    }
  }
  return fixes;
}
