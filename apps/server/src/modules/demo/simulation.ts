// The living demo: demo grid workers walk their grids and now and then report a case, so the
// command centre sees dots move and its feed run on the first `npm start`. Fixes go through the
// positions pipeline and reports through report-case.ts, exactly as a phone's would; a pg-boss job
// that schedules its own next run drives it (jobs/queue.ts, RepeatingJob).
import { createRandom, type Random } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import type { RepeatingJob } from '../../jobs/queue.ts';
import { loadActor } from '../access/actor.ts';
import type { CalendarService } from '../cases/calendar-service.ts';
import { reportCase } from '../cases/report-case.ts';
import type { GridIndex } from '../grids/grid-index.ts';
import type { PushHub } from '../notifications/hub.ts';
import { flush, newOutbox } from '../notifications/notify.ts';
import type { PositionPipeline } from '../patrol/pipeline.ts';

/** What a walking worker now and then finds: common street problems. */
const FINDINGS = [
  { categoryCode: 'CG01-02', description: '巡查发现楼道口杂物堆放，影响通行' },
  { categoryCode: 'CG06-02', description: '巡查发现路灯不亮，夜间行人不便' },
  { categoryCode: 'SG03-01', description: '居民反映邻里噪音纠纷，需要协调' },
] as const;

const M = 1 / 111_195;

export interface SimulationOptions {
  db: Db;
  positions: PositionPipeline;
  gridIndex: GridIndex;
  calendars: CalendarService;
  hub: PushHub;
  /** How many workers walk (the first full-time workers of the demo, by grid code). */
  workers: number;
  /** Chance per run that one of them reports a case. */
  reportChance: number;
  random?: Random;
  now?: Date;
}

/** One step: every walking worker's next fix, perhaps one report. Returns what it did. */
export async function simulateStep(options: SimulationOptions): Promise<{ fixes: number; reported: number }> {
  const { db, positions, gridIndex } = options;
  const now = options.now ?? new Date();
  const random = options.random ?? createRandom(now.getTime() & 0xffffffff);
  const walkers = await db
    .selectFrom('grid_team_members as m')
    .innerJoin('org_units as g', 'g.id', 'm.grid_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.grid_id', 'g.path'])
    .where('m.team_role', '=', 'full_time')
    .where('u.active', '=', true)
    .orderBy('g.code')
    .limit(options.workers)
    .execute();
  if (walkers.length === 0) return { fixes: 0, reported: 0 };
  const last = new Map(
    positions
      .live(
        walkers.map((w) => w.path),
        { since: new Date(now.getTime() - 10 * 60_000) },
      )
      .map((p) => [p.userId, p]),
  );
  let fixes = 0;
  const moved: { userId: string; lon: number; lat: number }[] = [];
  for (const w of walkers) {
    const from = last.get(w.user_id);
    let next: { lon: number; lat: number } | null = null;
    if (from && gridIndex.locate(from.lon, from.lat)?.id === w.grid_id) {
      // About ten seconds at a walking pace, in any direction; a step out of the grid turns back.
      const heading = random.next() * 2 * Math.PI;
      const metres = 8 + random.next() * 12;
      const candidate = {
        lon: from.lon + (Math.sin(heading) * metres * M) / Math.cos((from.lat * Math.PI) / 180),
        lat: from.lat + Math.cos(heading) * metres * M,
      };
      next = gridIndex.locate(candidate.lon, candidate.lat)?.id === w.grid_id ? candidate : from;
    } else {
      const buildings = await db
        .selectFrom('buildings')
        .select(['lon', 'lat'])
        .where('grid_id', '=', w.grid_id)
        .limit(20)
        .execute();
      if (buildings.length > 0) next = random.pick(buildings);
    }
    if (!next) continue;
    const result = await positions.ingest({
      userId: w.user_id,
      deviceId: null,
      source: 'app',
      fixes: [{ recordedAt: now, lon: next.lon, lat: next.lat, accuracy: 5 + random.int(0, 10) }],
    });
    fixes += result.accepted;
    moved.push({ userId: w.user_id, ...next });
  }
  let reported = 0;
  if (moved.length > 0 && random.chance(options.reportChance)) {
    const who = random.pick(moved);
    const actor = await loadActor(db, who.userId, 'token', null);
    const finding = random.pick(FINDINGS);
    if (actor) {
      const outbox = newOutbox();
      await reportCase({
        db,
        actor,
        origin: { ip: null, userAgent: 'demo-simulation' },
        gridIndex,
        calendars: options.calendars,
        outbox,
        input: { ...finding, lon: who.lon, lat: who.lat, source: 'patrol' },
        idempotencyKey: null,
      });
      flush(options.hub, outbox);
      reported = 1;
    }
  }
  return { fixes, reported };
}

/**
 * The simulation as a job that runs every `everySeconds` while `enabled()`: once it answers false
 * the job does not schedule itself again and the workers stand still.
 */
export function demoSimulationJob(
  options: SimulationOptions & {
    everySeconds: number;
    enabled: () => boolean;
    log: { error(obj: object, msg: string): void };
  },
): RepeatingJob {
  return {
    queue: 'demo-simulation',
    everySeconds: options.everySeconds,
    enabled: options.enabled,
    async run() {
      if (!options.enabled()) return;
      await simulateStep(options).catch((err: unknown) =>
        options.log.error({ err }, 'demo simulation step failed'),
      );
    },
  };
}
