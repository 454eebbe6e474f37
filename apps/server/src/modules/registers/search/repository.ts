import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../access/actor.ts';
import { pathInScope } from '../../access/scope-sql.ts';
import type { Executor } from '../shared.ts';

/** A search candidate with what ranking needs: its text, where it lies, and an address's house. */
export interface Candidate {
  /** Which of the postings lists passed to `candidates` found it (its index). */
  src: number;
  entity_type: number;
  entity_id: string;
  grid_path: string;
  label: string;
  level: string | null;
  house_id: string | null;
  is_rental: boolean | null;
  building_id: string | null;
  grid_id: string;
}

/** One list of (entity_type, entity_id, grid_path) postings, at most `limit` of them. */
export interface Postings {
  sql: RawBuilder<unknown>;
  limit: number;
}

/** Postings counted per gram up to this cap: enough to tell the rarest gram from the others. */
const COUNT_CAP = 1000;
/**
 * Postings of the driving gram read at most, in index order, while looking for entities that hold
 * the other grams too. Only a query of individually common grams that rarely occur together reaches
 * it (its later matches then go unlisted); real fragments of names and addresses stop far earlier.
 */
const SCAN_CAP = 20_000;

/**
 * The actor's scope as index ranges over a C-collated path column, one per assigned unit:
 * '/a/b/' ≤ path < '/a/b0' ('0' follows '/'). pathInScope's LIKE ANY stays the authority on scope;
 * these bounds only let the planner read just the scope's slice of a (key, grid_path, …) index —
 * LIKE ANY over an array gives it no range, so it would read a key's postings city-wide.
 */
function scopeRanges(actor: Actor, column: string): RawBuilder<unknown>[] {
  return actor.scopePaths.map(
    (p) => sql`(${sql.ref(column)} >= ${p} AND ${sql.ref(column)} < ${`${p.slice(0, -1)}0`})`,
  );
}

/** One ordered, limited SELECT per scope range, merged: every part is an index range scan. */
function perScope(
  actor: Actor,
  column: string,
  limit: number,
  part: (range: RawBuilder<unknown>) => RawBuilder<unknown>,
): Postings | null {
  const parts = scopeRanges(actor, column).map((range) => sql`(${part(range)} LIMIT ${limit})`);
  return parts.length ? { sql: sql.join(parts, sql` UNION ALL `), limit: limit * parts.length } : null;
}

export const searchPostings = {
  /**
   * People and units named `q` exactly, or whose name starts with it (a single character has no
   * bigram to look up), through the C-collation (name, grid_path) indexes in their order.
   */
  byName(actor: Actor, q: string, match: 'exact' | 'prefix', types: number[], limit: number) {
    const like = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const test = (column: string) =>
      match === 'exact'
        ? sql`(${sql.ref(column)} COLLATE "C") = ${q}`
        : sql`(${sql.ref(column)} COLLATE "C") LIKE ${like}`;
    return [
      types.includes(1)
        ? perScope(
            actor,
            'p.grid_path',
            limit,
            (range) => sql`SELECT 1::smallint AS entity_type, p.id AS entity_id, p.grid_path FROM people p
              WHERE ${test('p.name')} AND ${range} ORDER BY (p.name COLLATE "C"), p.grid_path`,
          )
        : null,
      types.includes(3)
        ? perScope(
            actor,
            'u.grid_path',
            limit,
            (range) => sql`SELECT 3::smallint AS entity_type, u.id AS entity_id, u.grid_path FROM units u
              WHERE ${test('u.name')} AND ${range} AND u.retired_at IS NULL
              ORDER BY (u.name COLLATE "C"), u.grid_path`,
          )
        : null,
    ];
  },

  /**
   * Entities holding every gram, first `limit` in index order (grid path, entity). The rarest gram
   * in scope drives — chosen inside the statement from capped counts, none when a gram has no
   * posting — and each of its postings is probed for every other gram. Grams
   * that all reach the cap (a compound name in a city: 丁香 and 北院 are everywhere, 香北 only in
   * 丁香北院) are told apart by `frequencies` (see gramFrequencies).
   */
  byGrams(actor: Actor, grams: string[], frequencies: number[], types: number[], limit: number) {
    const ranges = scopeRanges(actor, 'c.grid_path');
    if (!ranges.length) return null;
    const driver = sql`(SELECT CASE WHEN x.n > 0 THEN x.gram END FROM (
        SELECT u.gram, u.freq, (SELECT count(*) FROM (
            SELECT 1 FROM register_grams c
            WHERE c.gram = u.gram AND (${sql.join(ranges, sql` OR `)}) AND c.entity_type = ANY(${types}::smallint[])
            LIMIT ${COUNT_CAP}) t) AS n
        FROM unnest(${grams}::text[], ${frequencies}::float8[]) AS u(gram, freq)) x
      ORDER BY x.n, x.freq, x.gram LIMIT 1)`;
    // One probe of the gram index per candidate and further gram, on its full key: candidates come
    // in grid-path order, so the probes walk the other gram's postings in order too and stay on a
    // handful of cached pages (an entity-keyed index would put every probe on a page of its own).
    // Scalar subqueries, not EXISTS, which the planner turns into a semi-join hashing the gram's
    // postings city-wide; none for the driver itself (OR stops at its first true).
    const checks =
      grams.length < 2
        ? []
        : grams.map(
            (g) => sql`AND (d.gram = ${g} OR (SELECT true FROM register_grams o
                  WHERE o.gram = ${g} AND o.grid_path = d.grid_path AND o.entity_type = d.entity_type
                    AND o.entity_id = d.entity_id LIMIT 1))`,
          );
    return perScope(
      actor,
      'g.grid_path',
      limit,
      (range) => sql`
        SELECT d.entity_type, d.entity_id, d.grid_path FROM (
          SELECT g.gram, g.entity_type, g.entity_id, g.grid_path FROM register_grams g
          WHERE g.gram = ${driver} AND ${range} AND g.entity_type = ANY(${types}::smallint[])
          ORDER BY g.grid_path, g.entity_type, g.entity_id
          LIMIT ${SCAN_CAP}) d
        WHERE true ${sql.join(checks, sql` `)}`,
    );
  },

  /** The person with this keyed hash of a whole ID or phone number (scope: see `candidates`). */
  byHash(column: 'id_number_hash' | 'phone_hash', hash: Buffer, limit: number): Postings {
    return {
      sql: sql`SELECT 1::smallint AS entity_type, p.id AS entity_id, p.grid_path FROM people p
        WHERE ${sql.ref(`p.${column}`)} = ${hash} LIMIT ${limit}`,
      limit,
    };
  },

  /** People holding one digit-window digest within scope, first `limit` in index order. */
  byDigest(actor: Actor, digest: Buffer, limit: number) {
    return perScope(
      actor,
      'k.grid_path',
      limit,
      (range) => sql`
        SELECT k.entity_type, k.entity_id, k.grid_path FROM register_digit_keys k
        WHERE k.digest = ${digest} AND ${range}
        ORDER BY k.grid_path, k.entity_type, k.entity_id`,
    );
  },
};

/** How long the statistics' gram frequencies are kept; they change only when ANALYZE runs. */
const FREQUENCIES_TTL_MS = 10 * 60_000;
const frequencyCache = new WeakMap<Executor, { at: number; byGram: Promise<Map<string, number>> }>();

export const searchRepository = {
  /**
   * City-wide share of the postings of each common gram, from the planner's most-common-values
   * statistics (0014 keeps a thousand of them); a gram not listed is rarer than all listed ones.
   * Read once per process every few minutes rather than in every search, where the pg_stats view
   * would add about a millisecond of planning and unnesting.
   */
  gramFrequencies(db: Executor): Promise<Map<string, number>> {
    const cached = frequencyCache.get(db);
    if (cached && Date.now() - cached.at < FREQUENCIES_TTL_MS) return cached.byGram;
    const byGram = sql<{ gram: string; freq: number }>`
      SELECT m.gram, m.freq FROM pg_stats s,
        unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS m(gram, freq)
      WHERE s.schemaname = current_schema() AND s.tablename = 'register_grams' AND s.attname = 'gram'`
      .execute(db)
      .then(({ rows }) => new Map(rows.map((r) => [r.gram, r.freq])));
    frequencyCache.set(db, { at: Date.now(), byGram });
    byGram.catch(() => frequencyCache.delete(db));
    return byGram;
  },

  /**
   * The entities of several postings lists, in one statement, each with its label and extras:
   * joined to its own table by primary key. The key is NULL for the other tables (CASE), so a
   * person's id never costs a probe of addresses. pathInScope checks every row.
   */
  async candidates(db: Executor, actor: Actor, lists: (Postings | null)[]) {
    const parts = lists.flatMap((p, src) =>
      p ? [sql`SELECT ${src}::int AS src, l.* FROM (${p.sql}) l`] : [],
    );
    if (!parts.length) return [];
    const { rows } = await sql<Candidate>`
      SELECT c.src, c.entity_type, c.entity_id::text AS entity_id, c.grid_path,
        coalesce(p.name, u.name, a.full_name) AS label, a.level, h.id::text AS house_id, h.is_rental,
        a.building_id::text AS building_id, coalesce(p.grid_id, u.grid_id, a.grid_id)::text AS grid_id
      FROM (${sql.join(parts, sql` UNION ALL `)}) c
      LEFT JOIN people p ON p.id = CASE c.entity_type WHEN 1 THEN c.entity_id END
      LEFT JOIN addresses a ON a.id = CASE c.entity_type WHEN 2 THEN c.entity_id END AND a.retired_at IS NULL
      LEFT JOIN houses h ON h.address_id = a.id AND h.retired_at IS NULL
      LEFT JOIN units u ON u.id = CASE c.entity_type WHEN 3 THEN c.entity_id END AND u.retired_at IS NULL
      WHERE coalesce(p.id, u.id, a.id) IS NOT NULL AND ${pathInScope(actor, 'c.grid_path')}
      ORDER BY c.src, c.grid_path, c.entity_type, c.entity_id`.execute(db);
    return rows;
  },

  /** The people of a result page with their flags; special groups only of the given types. */
  async people(db: Executor, ids: string[], specialTypes: string[]) {
    if (!ids.length) return [];
    const { rows } = await sql<{
      id: string;
      name: string;
      gender: string;
      birth_date: Date;
      id_number_enc: Buffer;
      phone_enc: Buffer | null;
      grid_id: string;
      status: string;
      address_id: string | null;
      address: string | null;
      building_id: string | null;
      is_rental: boolean | null;
      roles: string[];
      care_groups: string[];
      special_groups: string[];
    }>`
      SELECT p.id::text AS id, p.name, p.gender, p.birth_date, p.id_number_enc, p.phone_enc,
        p.grid_id::text AS grid_id, p.status, p.address_id::text AS address_id, a.full_name AS address,
        a.building_id::text AS building_id, h.is_rental,
        ARRAY(SELECT r.kind FROM person_roles r
              WHERE r.person_id = p.id AND r.valid_to IS NULL ORDER BY r.kind) AS roles,
        ARRAY(SELECT c.type_code FROM care_group_records c
              WHERE c.person_id = p.id AND c.closed_on IS NULL ORDER BY c.type_code) AS care_groups,
        ARRAY(SELECT s.type_code FROM special_group_records s
              WHERE s.person_id = p.id AND s.closed_on IS NULL AND s.type_code = ANY(${specialTypes}::text[])
              ORDER BY s.type_code) AS special_groups
      FROM people p
      LEFT JOIN addresses a ON a.id = p.address_id
      LEFT JOIN houses h ON h.address_id = p.address_id AND h.retired_at IS NULL
      WHERE p.id = ANY(${ids}::bigint[])`.execute(db);
    return rows;
  },

  units(db: Executor, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db
      .selectFrom('units as u')
      .leftJoin('addresses as a', 'a.id', 'u.address_id')
      .select(['u.id', 'u.name', 'u.kind', 'u.credit_code', 'u.grid_id', 'a.full_name as address'])
      .where('u.id', 'in', ids)
      .execute();
  },
};
