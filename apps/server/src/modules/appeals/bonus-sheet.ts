// The monthly bonus sheet (奖惩表): every worker of a unit, their month's event counts
// (countEvents, exclusions of upheld appeals respected) times the items of their district's bonus
// scheme in force for the month (bonusSheet of @wangge/rules), in fen.
import { type BonusItem, bonusSheet, monthRange, versionFor } from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { countEvents } from '../assessment/event-counts.ts';

export interface StoredBonusItem {
  count: string;
  amountFen: number;
  cap: number | null;
}

export interface BonusSchemeRow {
  id: string;
  unit_id: string;
  unit_path: string;
  effective_from: string;
  items: StoredBonusItem[];
  note: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

export const bonusRepository = {
  async schemes(db: Db, unitIds: readonly string[]): Promise<BonusSchemeRow[]> {
    if (!unitIds.length) return [];
    const { rows } = await sql<BonusSchemeRow>`SELECT s.id::text, s.unit_id::text, o.path AS unit_path,
        s.effective_from, s.items, s.note, s.created_by::text, u.display_name AS created_by_name, s.created_at
      FROM assessment_bonus_schemes s JOIN org_units o ON o.id = s.unit_id
      LEFT JOIN users u ON u.id = s.created_by
      WHERE s.unit_id = ANY (${unitIds}::bigint[])
      ORDER BY s.effective_from DESC, s.id DESC`.execute(db);
    return rows;
  },

  async insert(
    db: Db,
    v: { unitId: string; effectiveFrom: string; items: StoredBonusItem[]; note: string; by: string },
  ): Promise<string> {
    const { rows } = await sql<{ id: string }>`INSERT INTO assessment_bonus_schemes
        (unit_id, effective_from, items, note, created_by)
      VALUES (${v.unitId}, ${v.effectiveFrom}, ${JSON.stringify(v.items)}::jsonb, ${v.note}, ${v.by})
      RETURNING id::text`.execute(db);
    return rows[0]!.id;
  },

  async unit(db: Db, id: string) {
    return db
      .selectFrom('org_units')
      .select(['id', 'name', 'level', 'path'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /** The districts at or above a unit path, or below it (a city holds several). */
  async districtsAround(db: Db, path: string) {
    const { rows } = await sql<{ id: string; path: string }>`SELECT id::text, path FROM org_units
      WHERE level = 'district' AND (${path} LIKE path || '%' OR path LIKE ${`${path}%`})`.execute(db);
    return rows;
  },

  /** Grid team members of grids under the unit, with their (first) grid's name and path. */
  async workers(db: Db, path: string) {
    const { rows } = await sql<{
      id: string;
      name: string;
      username: string;
      unit_name: string;
      grid_path: string;
    }>`
      SELECT DISTINCT ON (u.id) u.id::text, u.display_name AS name, u.username, g.name AS unit_name, g.path AS grid_path
      FROM grid_team_members m
      JOIN org_units g ON g.id = m.grid_id
      JOIN users u ON u.id = m.user_id AND u.active
      WHERE g.path LIKE ${`${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}
      ORDER BY u.id, g.path`.execute(db);
    return rows.sort(
      (a, b) => a.grid_path.localeCompare(b.grid_path) || a.username.localeCompare(b.username),
    );
  },

  /** Red cards: cases of the workers' grids reported in the period whose light turned red. */
  async redCards(db: Db, ids: readonly string[], from: Date, to: Date) {
    if (!ids.length) return new Map<string, number>();
    const { rows } = await sql<{ id: string; n: number }>`SELECT m.user_id::text AS id, count(*)::int AS n
      FROM grid_team_members m
      JOIN org_units g ON g.id = m.grid_id
      JOIN cases c ON c.grid_path = g.path AND c.reported_at >= ${from} AND c.reported_at < ${to} AND c.light = 'red'
      WHERE m.user_id = ANY (${ids}::bigint[])
        AND NOT EXISTS (SELECT 1 FROM assessment_exclusions x WHERE x.subject_type = 'user'
          AND x.subject_id = m.user_id AND x.event_kind = 'case' AND x.event_id = c.id::text)
      GROUP BY 1`.execute(db);
    return new Map(rows.map((r) => [r.id, r.n]));
  },
};

export interface SheetRow {
  worker: { id: string; name: string; username: string; unitName: string };
  lines: { count: string; events: number; counted: number; amountFen: number; totalFen: number }[];
  bonusFen: number;
  deductionFen: number;
  totalFen: number;
}

export async function computeBonusSheet(options: {
  db: Db;
  unit: { id: string; name: string; level: string; path: string };
  period: string;
}) {
  const { db, unit, period } = options;
  const { from, to } = monthRange(period);
  const [workers, districts] = await Promise.all([
    bonusRepository.workers(db, unit.path),
    bonusRepository.districtsAround(db, unit.path),
  ]);
  const schemes = await bonusRepository.schemes(
    db,
    districts.map((d) => d.id),
  );
  // The version in force for the month, per district.
  const inForce = new Map<string, BonusSchemeRow>();
  for (const d of districts) {
    const version = versionFor(
      schemes.filter((s) => s.unit_id === d.id).map((s) => ({ ...s, effectiveFrom: s.effective_from })),
      period,
    );
    if (version) inForce.set(d.path, version);
  }
  const ids = workers.map((w) => w.id);
  const [counts, red] = await Promise.all([
    countEvents({ db, subjectType: 'worker', ids, from, to }),
    bonusRepository.redCards(db, ids, from, to),
  ]);
  const rows: SheetRow[] = workers.map((w) => {
    const scheme = [...inForce.entries()].find(([path]) => w.grid_path.startsWith(path))?.[1];
    const items: BonusItem[] = (scheme?.items ?? []).map((i) => ({
      eventKind: i.count,
      amountFen: i.amountFen,
      cap: i.cap,
    }));
    const sheet = bonusSheet(items, {
      ...(counts.get(Number(w.id)) ?? {}),
      'grid.cases_red': red.get(w.id) ?? 0,
    });
    return {
      worker: { id: w.id, name: w.name, username: w.username, unitName: w.unit_name },
      lines: sheet.lines.map((l) => ({
        count: l.eventKind,
        events: l.count,
        counted: l.counted,
        amountFen: l.amountFen,
        totalFen: l.totalFen,
      })),
      bonusFen: sheet.bonusFen,
      deductionFen: sheet.deductionFen,
      totalFen: sheet.totalFen,
    };
  });
  const used = [...new Set(inForce.values())];
  const totals = rows.reduce(
    (t, r) => ({
      bonusFen: t.bonusFen + r.bonusFen,
      deductionFen: t.deductionFen + r.deductionFen,
      totalFen: t.totalFen + r.totalFen,
    }),
    { bonusFen: 0, deductionFen: 0, totalFen: 0 },
  );
  return {
    period,
    unit: { id: unit.id, name: unit.name, level: unit.level },
    schemes: used.map((s) => ({ id: s.id, unitId: s.unit_id, effectiveFrom: s.effective_from })),
    // The items of the sheet's columns: those of the (first) scheme in force.
    items: (used[0]?.items ?? []).map((i) => ({
      count: i.count,
      amountFen: i.amountFen,
      cap: i.cap ?? null,
    })),
    rows,
    totals,
  };
}

export type ComputedSheet = Awaited<ReturnType<typeof computeBonusSheet>>;
