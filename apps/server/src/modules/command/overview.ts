// The big screen's figures for a unit's subtree and each of its children (the drill-down), and
// the charts beside them. Reads only: the routes hand them the read replica when there is one.
import {
  addDays,
  beijingDay,
  chinaDayOf,
  DEFAULT_SHIFT_HOURS,
  effectiveCycleDays,
  inspectionDue,
  onDutyAt,
  perThousand,
  rate,
  type ShiftHoursTable,
  type ShiftKind,
} from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { inScope } from '../access/authorize.ts';
import type { PositionPipeline } from '../patrol/pipeline.ts';
import { targetFor } from '../services/visits/operations.ts';
import { visitRepository } from '../services/visits/repository.ts';
import { type CaseFigureRow, commandRepository as repo } from './repository.ts';

/** A fix this fresh counts as online (of the workers on shift by the duty rota). */
export const ONLINE_MINUTES = 10;

type Unit = Awaited<ReturnType<typeof repo.units>>[number];

export interface Figures {
  reportedToday: number;
  filedToday: number;
  handledToday: number;
  closedToday: number;
  /** Last 30 days, percent with one decimal (null: nothing to divide by); satisfaction: 满意 or 基本满意 of those rated. */
  closureRate: number | null;
  onTimeRate: number | null;
  satisfaction: number | null;
  open: number;
  overdue: number;
  redCards: number;
  /** Open cases per 1,000 registered households. */
  openPer1000: number | null;
  workersOnDuty: number;
  workersOnline: number;
  visitMinutesToday: number;
  visitTargetMinutes: number;
  /** Venue inspections done today, and (venue, checklist) pairs due or overdue now on the rolling cycle. */
  inspectionsDoneToday: number;
  inspectionsDue: number;
  inspectionsOverdue: number;
  people: number;
  households: number;
}

interface Tally {
  cases: CaseFigureRow[];
  people: number;
  households: number;
  visitMinutes: number;
  visitTarget: number;
  inspections: number;
  inspectionsDue: number;
  inspectionsOverdue: number;
  onDuty: number;
  online: number;
}

const emptyTally = (): Tally => ({
  cases: [],
  people: 0,
  households: 0,
  visitMinutes: 0,
  visitTarget: 0,
  inspections: 0,
  inspectionsDue: 0,
  inspectionsOverdue: 0,
  onDuty: 0,
  online: 0,
});

function figuresOf(t: Tally): Figures {
  const sum = (k: keyof CaseFigureRow) => t.cases.reduce((n, r) => n + Number(r[k] ?? 0), 0);
  const open = sum('open');
  return {
    reportedToday: sum('reported_today'),
    filedToday: sum('filed_today'),
    handledToday: sum('handled_today'),
    closedToday: sum('closed_today'),
    closureRate: rate(sum('closed_30'), sum('reported_30') - sum('voided_30')),
    onTimeRate: rate(sum('steps_on_time_30'), sum('steps_ended_30')),
    satisfaction: rate(sum('satisfied_30'), sum('rated_30')),
    open,
    overdue: sum('overdue'),
    redCards: sum('red_cards'),
    openPer1000: perThousand(open, t.households),
    workersOnDuty: t.onDuty,
    workersOnline: t.online,
    visitMinutesToday: Math.round(t.visitMinutes),
    visitTargetMinutes: t.visitTarget,
    inspectionsDoneToday: t.inspections,
    inspectionsDue: t.inspectionsDue,
    inspectionsOverdue: t.inspectionsOverdue,
    people: t.people,
    households: t.households,
  };
}

/** The unit asked for, or the caller's own scope root; outside the caller's scope it does not exist. */
export async function resolveUnit(db: Db, actor: Actor, unitId: string | undefined): Promise<Unit> {
  if (unitId) {
    const [unit] = await db
      .selectFrom('org_units')
      .select(['id', 'code', 'name', 'level', 'path'])
      .where('id', '=', unitId)
      .execute();
    if (!unit || !inScope(actor, unit.path)) throw notFound('单位', unitId);
    return unit;
  }
  const root = [...actor.scopePaths].sort((a, b) => a.length - b.length)[0];
  const [unit] = root ? await repo.units(db, [root]) : [];
  if (!unit) throw notFound('单位', 'scope');
  return unit;
}

/** The unit's ancestors from the caller's scope root down to the unit itself. */
async function breadcrumb(db: Db, actor: Actor, unit: Unit) {
  const segments = unit.path.split('/').filter(Boolean);
  const paths = segments.map((_, i) => `/${segments.slice(0, i + 1).join('/')}/`);
  return (
    await repo.units(
      db,
      paths.filter((p) => inScope(actor, p)),
    )
  ).map(presentUnit);
}

const presentUnit = (u: Unit) => ({ id: u.id, code: u.code, name: u.name, level: u.level });

export async function commandOverview(options: {
  db: Db;
  actor: Actor;
  positions: PositionPipeline;
  unitId?: string;
  now?: Date;
  /** The configured shift hours (config.shiftHours): who is on duty comes from the rota. */
  shiftHours?: ShiftHoursTable;
}) {
  const { db, actor } = options;
  const now = options.now ?? new Date();
  const unit = await resolveUnit(db, actor, options.unitId);
  const dayStart = new Date(`${chinaDayOf(now)}T00:00:00+08:00`);
  const from30 = new Date(dayStart.getTime() - 29 * 86_400_000);
  const today = beijingDay(now);
  const [crumbs, children, cases, registered, work, duty, targets, cycles, rota] = await Promise.all([
    breadcrumb(db, actor, unit),
    repo.children(db, unit.id),
    repo.caseFigures(db, unit.path, chinaDayOf(dayStart), chinaDayOf(from30)),
    repo.registered(db, unit.path),
    repo.fieldWork(db, unit.path, dayStart, now),
    repo.visitDuty(db, unit.path),
    visitRepository.targets(db),
    repo.inspectionCycles(db, unit.path),
    repo.rota(db, unit.path, addDays(today, -1), today),
  ]);
  const tallies = new Map<string, Tally>(children.map((c) => [c.path, emptyTally()]));
  const total = emptyTally();
  const tallyOf = (child: string | null) => (child ? tallies.get(child) : undefined);
  for (const row of cases) {
    total.cases.push(row);
    tallyOf(row.child)?.cases.push(row);
  }
  const add = (rows: { child: string | null }[], pick: (r: never) => number, key: keyof Tally) => {
    for (const r of rows) {
      const n = pick(r as never);
      (total[key] as number) += n;
      const t = tallyOf(r.child);
      if (t) (t[key] as number) += n;
    }
  };
  add(registered.people, (r: { n: number }) => r.n, 'people');
  add(registered.households, (r: { n: number }) => r.n, 'households');
  add(work.visits, (r: { minutes: number }) => r.minutes, 'visitMinutes');
  add(work.inspections, (r: { n: number }) => r.n, 'inspections');
  const childOfPath = (path: string) =>
    path.length > unit.path.length ? `${unit.path}${path.slice(unit.path.length).split('/')[0]}/` : null;
  add(
    duty.map((d) => ({ child: childOfPath(d.path), n: d.workers * targetFor(d.path, targets) })),
    (r: { n: number }) => r.n,
    'visitTarget',
  );
  const day = chinaDayOf(now);
  const due = cycles.map((c) => ({
    child: childOfPath(c.grid_path),
    ...inspectionDue({
      lastInspectedOn: c.last_observed_at ? chinaDayOf(c.last_observed_at) : null,
      cycleDays: effectiveCycleDays(c.cycle_days, c.fire_safety_level),
      today: day,
    }),
  }));
  add(
    due.filter((d) => d.status !== 'done').map((d) => ({ child: d.child, n: 1 })),
    (r: { n: number }) => r.n,
    'inspectionsDue',
  );
  add(
    due.filter((d) => d.status === 'overdue').map((d) => ({ child: d.child, n: 1 })),
    (r: { n: number }) => r.n,
    'inspectionsOverdue',
  );
  // Workers on duty by the rota (the shift covering now), counted in the grid of that shift; online
  // when one of them also sent a fix in the last minutes, wherever it lies.
  const hours = options.shiftHours ?? DEFAULT_SHIFT_HOURS;
  const onShift = new Map<string, string>();
  for (const r of rota) {
    const entry = { userId: r.user_id, day: r.day, kind: r.kind as ShiftKind };
    if (!onShift.has(r.user_id) && onDutyAt([entry], now, hours).length > 0)
      onShift.set(r.user_id, r.grid_path);
  }
  const onlineSince = new Date(now.getTime() - ONLINE_MINUTES * 60_000);
  const fresh = new Set(options.positions.live([unit.path], { since: onlineSince }).map((p) => p.userId));
  const workers = [...onShift].map(([userId, path]) => ({ child: childOfPath(path), n: 1, userId }));
  add(workers, (r: { n: number }) => r.n, 'onDuty');
  add(
    workers.filter((w) => fresh.has(w.userId)),
    (r: { n: number }) => r.n,
    'online',
  );
  return {
    unit: presentUnit(unit),
    breadcrumb: crumbs,
    asOf: now.toISOString(),
    figures: figuresOf(total),
    children: children.map((c) => ({ ...presentUnit(c), figures: figuresOf(tallies.get(c.path)!) })),
  };
}

export async function commandTrend(options: {
  db: Db;
  actor: Actor;
  unitId?: string;
  days: number;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  const unit = await resolveUnit(options.db, options.actor, options.unitId);
  const dayStart = new Date(`${chinaDayOf(now)}T00:00:00+08:00`);
  const from = new Date(dayStart.getTime() - (options.days - 1) * 86_400_000);
  const trend = await repo.trend(options.db, unit.path, from);
  const byDay = new Map(trend.days.map((d) => [d.day, d]));
  const days = Array.from({ length: options.days }, (_, i) => {
    const day = chinaDayOf(new Date(from.getTime() + i * 86_400_000 + 12 * 3_600_000));
    return { day, reported: byDay.get(day)?.reported ?? 0, closed: byDay.get(day)?.closed ?? 0 };
  });
  return {
    unit: presentUnit(unit),
    days,
    byCategory: trend.categories.map((c) => ({ code: c.code, name: c.name, nameEn: c.name_en, count: c.n })),
    bySource: trend.sources.map((s) => ({ source: s.source, count: s.n })),
  };
}
