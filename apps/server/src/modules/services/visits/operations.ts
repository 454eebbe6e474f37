import {
  checkVisitTimes,
  chinaDayWindow,
  coveredMs,
  DEFAULT_DAILY_VISIT_MINUTES,
  isWithinScope,
} from '@wangge/rules';
import type { Db } from '../../../db/database.ts';
import { badRequest } from '../../../http/errors.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope } from '../../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../../audit/record.ts';
import { visitRepository as repo } from './repository.ts';

export interface VisitInput {
  personId?: string;
  houseId?: string;
  startedAt: string;
  endedAt: string;
  lon?: number;
  lat?: number;
  note: string;
  idempotencyKey: string;
}

/**
 * Records one door-to-door visit of the caller. The field app queues visits offline and retries:
 * the same idempotency key returns the visit recorded the first time (created: false).
 */
export async function recordVisit(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  input: VisitInput;
  now?: Date;
}): Promise<{ visitId: string; created: boolean }> {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  return options.db.transaction().execute(async (trx) => {
    const existing = await repo.byKey(trx, actor.userId, input.idempotencyKey);
    if (existing) return { visitId: existing.id, created: false };
    if (!input.personId && !input.houseId) {
      throw badRequest('personId', '须指定走访的人员或房屋 (a visit names a person or a house)');
    }
    const startedAt = new Date(input.startedAt);
    const endedAt = new Date(input.endedAt);
    const times = checkVisitTimes(startedAt, endedAt, now);
    if (!times.ok) throw badRequest(times.field, times.reason);

    const house = input.houseId ? await repo.house(trx, input.houseId) : undefined;
    if (input.houseId) assertInScope(actor, house?.grid_path, '房屋', input.houseId);
    const person = input.personId ? await repo.person(trx, input.personId) : undefined;
    if (input.personId) assertInScope(actor, person?.grid_path, '人员', input.personId);
    const where = house ?? person!;
    let householdKey = house ? `h:${house.id}` : `p:${person!.id}`;
    if (!house && person?.address_id) {
      const home = await repo.houseAt(trx, person.address_id);
      if (home) householdKey = `h:${home.id}`;
    }
    const row = await repo.insert(trx, {
      user_id: actor.userId,
      person_id: person?.id ?? null,
      house_id: house?.id ?? null,
      grid_id: where.grid_id,
      grid_path: where.grid_path,
      household_key: householdKey,
      started_at: startedAt,
      ended_at: endedAt,
      lon: input.lon ?? null,
      lat: input.lat ?? null,
      note: input.note,
      idempotency_key: input.idempotencyKey,
    });
    if (!row) {
      // A retry raced this request and won: answer with its visit.
      const winner = await repo.byKey(trx, actor.userId, input.idempotencyKey);
      return { visitId: winner!.id, created: false };
    }
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'visits.record',
      targetType: 'visit',
      targetId: row.id,
      details: {
        gridId: where.grid_id,
        minutes: Math.round((endedAt.getTime() - startedAt.getTime()) / 60_000),
      },
    });
    return { visitId: row.id, created: true };
  });
}

/** The daily target of a grid: the nearest configured ancestor, else the default (3 hours). */
export function targetFor(gridPath: string, targets: { path: string; daily_minutes: number }[]): number {
  let best: { path: string; daily_minutes: number } | undefined;
  for (const t of targets) {
    if (gridPath.startsWith(t.path) && (!best || t.path.length > best.path.length)) best = t;
  }
  return best?.daily_minutes ?? DEFAULT_DAILY_VISIT_MINUTES;
}

/**
 * One worker's visit time on a day, as the patrol day shows it beside the track: overlapping
 * visits once, only their part inside the day, against the target of the grid first visited (or
 * of the worker's first assigned unit).
 */
export async function visitTimeOfDay(
  db: Db,
  options: { userId: string; date: string; homePaths: readonly string[] },
) {
  const window = chinaDayWindow(options.date);
  const [visits, targets] = await Promise.all([
    repo.intervalsOf(db, options.userId, new Date(window.start), new Date(window.end)),
    repo.targets(db),
  ]);
  const intervals = visits.map((v) => ({ start: v.started_at.getTime(), end: v.ended_at.getTime() }));
  const path = visits[0]?.grid_path ?? options.homePaths[0] ?? '/';
  return {
    count: visits.length,
    households: new Set(visits.map((v) => v.household_key)).size,
    seconds: Math.round(coveredMs(intervals, window) / 1000),
    targetMinutes: targetFor(path, targets),
  };
}

/**
 * Per worker of the grids in scope (under `withinPath`): visits of the day, the minutes they
 * cover (overlapping visits counted once, the part inside the day only), distinct households,
 * against the daily target.
 */
export async function visitSummary(db: Db, actor: Actor, options: { date: string; withinPath?: string }) {
  const window = chinaDayWindow(options.date);
  const [workers, visits, targets] = await Promise.all([
    repo.workersInScope(db, actor, options.withinPath),
    repo.visitsInWindow(db, actor, {
      from: new Date(window.start),
      to: new Date(window.end),
      withinPath: options.withinPath,
    }),
    repo.targets(db),
  ]);
  type Entry = {
    user: { id: string; username: string; displayName: string };
    grids: { id: string; code: string; name: string; path: string }[];
    visits: { start: number; end: number }[];
    households: Set<string>;
  };
  const byUser = new Map<string, Entry>();
  const entry = (id: string, username: string, displayName: string) => {
    let e = byUser.get(id);
    if (!e) {
      e = { user: { id, username, displayName }, grids: [], visits: [], households: new Set() };
      byUser.set(id, e);
    }
    return e;
  };
  for (const w of workers) {
    entry(w.user_id, w.username, w.display_name).grids.push({
      id: w.grid_id,
      code: w.grid_code,
      name: w.grid_name,
      path: w.grid_path,
    });
  }
  for (const v of visits) {
    const e = entry(v.user_id, v.username, v.display_name);
    e.visits.push({ start: v.started_at.getTime(), end: v.ended_at.getTime() });
    e.households.add(v.household_key);
    if (!e.grids.some((g) => g.id === v.grid_id)) {
      // A visitor not assigned to the grid (e.g. its leader): show the grid visited.
      e.grids.push({ id: v.grid_id, code: v.grid_code, name: v.grid_name, path: v.grid_path });
    }
  }
  const items = [...byUser.values()]
    .filter((e) => e.grids.some((g) => isWithinScope(g.path, actor.scopePaths)))
    .map((e) => {
      const minutes = Math.round(coveredMs(e.visits, window) / 60_000);
      const targetMinutes = targetFor(e.grids[0]?.path ?? '/', targets);
      return {
        user: e.user,
        grids: e.grids.map(({ path: _path, ...g }) => g),
        visits: e.visits.length,
        minutes,
        targetMinutes,
        metTarget: minutes >= targetMinutes,
        households: e.households.size,
      };
    })
    .sort((a, b) => a.user.username.localeCompare(b.user.username));
  return {
    date: options.date,
    items,
    totals: {
      workers: items.length,
      metTarget: items.filter((i) => i.metTarget).length,
      visits: items.reduce((n, i) => n + i.visits, 0),
      minutes: items.reduce((n, i) => n + i.minutes, 0),
    },
  };
}
