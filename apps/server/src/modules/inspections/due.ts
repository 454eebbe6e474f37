import {
  chinaDayOf,
  compareDue,
  effectiveCycleDays,
  INSPECTION_STATUSES,
  type InspectionStatus,
  inspectionDue,
} from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { inspectionRepository as repo } from './repository.ts';

export type DueFilter = InspectionStatus | 'all';

/**
 * The inspection work list: every current listed venue in scope once per applicable checklist,
 * with its status on the rolling cycle (@wangge/rules inspectionDue; high-risk venues on half the
 * cycle), overdue first, then by due date. Status and order come from light rows of all pairs in
 * scope; only the requested page is loaded in full.
 */
export async function dueList(options: {
  db: Db;
  actor: Actor;
  withinPath?: string;
  status: DueFilter;
  page: number;
  pageSize: number;
  now?: Date;
}) {
  const today = chinaDayOf(options.now ?? new Date());
  const candidates = await repo.dueCandidates(options.db, options.actor, options.withinPath);
  const rows = candidates
    .map((c) => {
      const cycleDays = effectiveCycleDays(c.cycle_days, c.fire_safety_level);
      const lastInspectedOn = c.last_observed_at ? chinaDayOf(c.last_observed_at) : null;
      return { ...c, cycleDays, ...inspectionDue({ lastInspectedOn, cycleDays, today }) };
    })
    .sort(
      (a, b) =>
        compareDue(a, b) ||
        Number(BigInt(a.unit_id) - BigInt(b.unit_id)) ||
        a.checklist_code.localeCompare(b.checklist_code),
    );
  const counts = Object.fromEntries(
    INSPECTION_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]),
  ) as Record<InspectionStatus, number>;
  const matching = options.status === 'all' ? rows : rows.filter((r) => r.status === options.status);
  const start = (options.page - 1) * options.pageSize;
  const page = matching.slice(start, start + options.pageSize);
  const units = new Map(
    (await repo.dueUnits(options.db, [...new Set(page.map((r) => r.unit_id))])).map((u) => [u.id, u]),
  );
  return {
    today,
    total: matching.length,
    counts,
    items: page.map((r) => ({ ...r, unit: units.get(r.unit_id)! })),
  };
}

export type DueItem = Awaited<ReturnType<typeof dueList>>['items'][number];
