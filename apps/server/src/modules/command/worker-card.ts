import { maskPhone, type ShiftHoursTable, type ShiftKind, shiftInterval } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { inScope } from '../access/authorize.ts';
import { dutyRepository } from '../duty/repository.ts';
import { buildTrack } from '../patrol/operations.ts';
import { DAY_MS, dayBounds, dayOf, patrolRepository } from '../patrol/repository.ts';
import { visitTimeOfDay } from '../services/visits/operations.ts';
import { workerCardRepository as repo } from './worker-card-repository.ts';

/** How far back the card looks for a last fix (a worker quiet for a week shows none). */
const LAST_FIX_DAYS = 7;

/**
 * A worker's card on the command screen: who, where, and how today went so far (Beijing day of
 * `now`). Distance and time inside the own grids come from the patrol track rules, visits from the
 * services module, the shift from the rota. A worker outside the caller's scope does not exist.
 */
export async function workerCard(options: {
  db: Db;
  actor: Actor;
  userId: string;
  now: Date;
  gapS: number;
  shiftHours: ShiftHoursTable;
}) {
  const { db, actor, userId, now } = options;
  const worker = await patrolRepository.worker(db, userId);
  const homePaths = worker?.home_paths ?? [];
  if (!worker || !homePaths.some((p) => inScope(actor, p))) throw notFound('人员', userId);
  const date = dayOf(now);
  const { start, end } = dayBounds(date);
  const gridIds = worker.grid_ids ?? [];
  const [person, fixes, lastFix, visits, casesReported, rota] = await Promise.all([
    repo.person(db, userId, gridIds),
    patrolRepository.track(db, userId, start, now < end ? now : end),
    repo.lastFix(db, userId, new Date(now.getTime() - LAST_FIX_DAYS * DAY_MS)),
    visitTimeOfDay(db, { userId, date, homePaths }),
    repo.casesReported(db, userId, start, end),
    dutyRepository.entriesAround(db, now, [userId]),
  ]);
  const track = buildTrack(fixes, new Set(gridIds), options.gapS);
  // The shift covering now: today's, or yesterday's night patrol running past midnight.
  const shift = rota
    .map((e) => ({ kind: e.kind as ShiftKind, span: shiftInterval(e.day, e.kind, options.shiftHours) }))
    .find((s) => s.span !== null && s.span.start <= now && now < s.span.end);
  return {
    userId,
    name: person.user?.display_name ?? worker.username,
    phoneMasked: maskPhone(person.user?.phone),
    grids: person.grids,
    date,
    lastFix: lastFix && {
      at: lastFix.recorded_at,
      ageS: Math.max(0, Math.round((now.getTime() - lastFix.recorded_at.getTime()) / 1000)),
      lon: lastFix.lon,
      lat: lastFix.lat,
      battery: lastFix.battery,
    },
    distanceM: Math.round(track.distanceM),
    trackedS: track.trackedS,
    insideOwnGridS: track.insideOwnGridS,
    visits,
    casesReported,
    onDuty: shift?.span ? { kind: shift.kind, since: shift.span.start } : null,
  };
}

export type WorkerCard = Awaited<ReturnType<typeof workerCard>>;

/** Dates as ISO text; the shift kind stays a code the screen labels. */
export const presentWorkerCard = (c: WorkerCard) => ({
  ...c,
  lastFix: c.lastFix && { ...c.lastFix, at: c.lastFix.at.toISOString() },
  onDuty: c.onDuty && { kind: c.onDuty.kind, since: c.onDuty.since.toISOString() },
});
