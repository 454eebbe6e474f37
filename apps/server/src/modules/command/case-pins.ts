// The big screen's case layer: every open case of a unit's subtree as a pin coloured by its
// traffic light (the screen clusters them). Compact on purpose: a city has up to ~20,000 open cases.
import { OPEN_STATES } from '@wangge/rules';
import { Type } from 'typebox';
import type { Db } from '../../db/database.ts';
import { Id } from '../../http/schemas.ts';
import type { Actor } from '../access/actor.ts';
import { CaseLight } from '../cases/schemas.ts';
import { resolveUnit } from './overview.ts';
import { commandRepository as repo } from './repository.ts';

/** The most pins one answer carries (the newest); `truncated` says when there were more. */
export const CASE_PIN_LIMIT = 20_000;

export const CommandCasePin = Type.Object(
  {
    id: Id,
    code: Type.String(),
    /** WGS-84, six decimals (about 0.1 m). */
    lon: Type.Number(),
    lat: Type.Number(),
    light: CaseLight,
    category: Type.String({ description: 'category code' }),
  },
  { title: 'CommandCasePin' },
);

export const CommandCases = Type.Object(
  {
    unitId: Id,
    /** All open cases of the subtree, and of them per light (also when the pins are truncated). */
    total: Type.Integer(),
    counts: Type.Object({ red: Type.Integer(), yellow: Type.Integer(), green: Type.Integer() }),
    truncated: Type.Boolean(),
    items: Type.Array(CommandCasePin),
  },
  { title: 'CommandCases' },
);

/** The open cases (OPEN_STATES of @wangge/rules) under the unit, or under the caller's scope root. */
export async function commandCases(options: { db: Db; actor: Actor; unitId?: string; limit?: number }) {
  const unit = await resolveUnit(options.db, options.actor, options.unitId);
  const limit = options.limit ?? CASE_PIN_LIMIT;
  const rows = await repo.openCasePins(options.db, unit.path, OPEN_STATES, limit);
  return { unit, rows, limit };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function presentCommandCases({ unit, rows, limit }: Awaited<ReturnType<typeof commandCases>>) {
  const first = rows[0];
  const total = first?.total ?? 0;
  return {
    unitId: unit.id,
    total,
    counts: { red: first?.red ?? 0, yellow: first?.yellow ?? 0, green: first?.green ?? 0 },
    truncated: total > limit,
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      lon: round6(r.lon),
      lat: round6(r.lat),
      light: r.light,
      category: r.category_code,
    })),
  };
}
