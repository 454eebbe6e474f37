// What every register capability shares: the cipher, entity codes of the search index, dates,
// history events and the in-transaction search index writer.
import { cjkBigrams } from '@wangge/rules';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Db } from '../../db/database.ts';
import type { ReadRouter } from '../../db/replica.ts';
import type { Database } from '../../db/schema.ts';
import { badRequest } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope, can } from '../access/authorize.ts';
import type { DataCipher } from './privacy/crypto.ts';

export type Executor = Kysely<Database>;

export interface RegistersContext {
  db: Db;
  /** Heavy reads (search, statistics, exports) may go to a replica (db/replica.ts). */
  reads: ReadRouter;
  cipher: DataCipher;
}

/** entity_type codes of register_grams / register_digit_keys. Houses are found via their address. */
export const ENTITY = { person: 1, address: 2, unit: 3 } as const;
export type EntityName = keyof typeof ENTITY;

export const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

/** A DATE column (pg gives local midnight) or a string → 'YYYY-MM-DD'. */
export function isoDate(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

/** Today on China's calendar (UTC+8), the default effective date of a change. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function assertNotBefore(field: string, date: string, earliest: string | null, what: string): void {
  if (earliest && date < earliest)
    throw badRequest(field, `${field} 早于${what} (${field} is before ${earliest})`);
}

export const SPECIAL_CODES = ['01', '02', '03', '04', '05', '06', '07'] as const;
export type SpecialCode = (typeof SPECIAL_CODES)[number];

/** The special-group types the actor may see (permission special.<code>). */
export function visibleSpecialTypes(actor: Actor): SpecialCode[] {
  return SPECIAL_CODES.filter((c) => can(actor, `special.${c}`));
}

export type EventKind =
  | 'created'
  | 'updated'
  | 'retired'
  | 'moved_in'
  | 'moved_out'
  | 'deregistered'
  | 'died'
  | 'linked'
  | 'unlinked'
  | 'role_opened'
  | 'role_closed'
  | 'group_opened'
  | 'group_updated'
  | 'group_closed';

/** Appends one history row; `changes` must never hold a plaintext ID or phone number. */
export async function recordEvent(
  trx: Executor,
  event: {
    entityType: 'address' | 'house' | 'person' | 'unit';
    entityId: string;
    kind: EventKind;
    effectiveDate: string;
    actor: Actor | null;
    gridPath: string;
    specialType?: string | null;
    changes?: Record<string, unknown>;
  },
): Promise<void> {
  await trx
    .insertInto('register_events')
    .values({
      entity_type: event.entityType,
      entity_id: event.entityId,
      kind: event.kind,
      effective_date: event.effectiveDate,
      actor_user_id: event.actor?.userId ?? null,
      grid_path: event.gridPath,
      special_type: event.specialType ?? null,
      changes: JSON.stringify(event.changes ?? {}),
    })
    .execute();
}

/** Distinct bigrams of all texts (names, address full names, unit names). */
export function gramsOf(texts: readonly (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const t of texts) if (t) for (const g of cjkBigrams(t)) out.add(g);
  return [...out];
}

/**
 * Replaces an entity's postings in the search index, inside the caller's transaction, so the index
 * is never behind the registers.
 */
export async function reindexEntity(
  trx: Executor,
  entry: { type: EntityName; id: string; gridPath: string; texts: (string | null)[]; digests?: Buffer[] },
): Promise<void> {
  const type = ENTITY[entry.type];
  await trx
    .deleteFrom('register_grams')
    .where('entity_type', '=', type)
    .where('entity_id', '=', entry.id)
    .execute();
  const grams = gramsOf(entry.texts);
  if (grams.length) {
    await trx
      .insertInto('register_grams')
      .values(
        grams.map((gram) => ({ gram, entity_type: type, entity_id: entry.id, grid_path: entry.gridPath })),
      )
      .execute();
  }
  if (entry.digests) {
    await trx
      .deleteFrom('register_digit_keys')
      .where('entity_type', '=', type)
      .where('entity_id', '=', entry.id)
      .execute();
    if (entry.digests.length) {
      await trx
        .insertInto('register_digit_keys')
        .values(
          entry.digests.map((digest) => ({
            digest,
            entity_type: type,
            entity_id: entry.id,
            grid_path: entry.gridPath,
          })),
        )
        .execute();
    }
  }
}

/** Moves an entity's postings to a new grid path (a person moving house) without rebuilding them. */
export async function moveIndexedEntity(trx: Executor, type: EntityName, id: string, gridPath: string) {
  for (const table of ['register_grams', 'register_digit_keys'] as const) {
    await trx
      .updateTable(table)
      .set({ grid_path: gridPath })
      .where('entity_type', '=', ENTITY[type])
      .where('entity_id', '=', id)
      .execute();
  }
}

export { resolveWithin } from '../access/within.ts';

/**
 * Locks a person for a change made on their behalf (a link, a group record), so a concurrent move
 * or status change waits; 404 when missing or outside the caller's scope.
 */
export async function lockPersonInScope(trx: Executor, actor: Actor, personId: string) {
  const person = await trx
    .selectFrom('people')
    .select(['id', 'grid_path', 'status', 'birth_date'])
    .where('id', '=', personId)
    .forUpdate()
    .executeTakeFirst();
  assertInScope(actor, person?.grid_path, '人员', personId);
  return person!;
}
