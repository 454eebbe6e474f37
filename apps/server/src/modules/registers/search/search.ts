// One search box over people, houses, units and addresses (DOMAIN.md §5). classifyQuery decides
// the key: text → exact names plus bigram postings (the rarest gram drives, the others are probed
// per candidate); whole ID or phone → keyed hash; 4 digits → phone last-4 then ID last-4 digests;
// 6–8 digits → the ID windows (last 6 before region 6; birth date 8). Every lookup reads only the
// caller's scope's slice of its index, in (grid path, entity) order, and stops after the rows a
// page needs, so a city costs what a grid does. Only the page is presented (decrypted, masked,
// flagged), never the candidates.
import { cjkBigrams, classifyQuery, type QueryClass } from '@wangge/rules';
import type { Actor } from '../../access/actor.ts';
import type { DataCipher, DigitWindow } from '../privacy/crypto.ts';
import { ENTITY, type Executor, visibleSpecialTypes } from '../shared.ts';
import { presentAddressHit, presentHouseHit, presentPersonHit, presentUnitHit } from './presenter.ts';
import {
  type Candidate,
  type Postings,
  searchPostings as postings,
  searchRepository as repo,
} from './repository.ts';

export type SearchType = 'person' | 'house' | 'unit' | 'address';
/**
 * Text candidates ranked per search. Pages up to this depth are cut from one and the same ranking;
 * a broad fragment in a city has thousands of matches, and these are the first in area order.
 */
const TEXT_CANDIDATES = 100;
const TYPE_ORDER: Record<SearchType, number> = { person: 0, unit: 1, house: 2, address: 3 };

type SearchHit = ReturnType<
  typeof presentPersonHit | typeof presentUnitHit | typeof presentHouseHit | typeof presentAddressHit
>;

interface Ranked {
  type: SearchType;
  candidate: Candidate;
  rank: number;
  near: number;
  seq: number;
}

/** Code-point order: stable and cheap, and for Han text the same order as the root collation. */
function compareText(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function normal(text: string) {
  return cjkBigrams(text).join('');
}

/** The digit windows a 4–8 digit entry may be, most specific first. */
function windowsFor(q: QueryClass): DigitWindow[] {
  if (q.kind === 'phone_last4') return ['ph4t', 'id4t'];
  if (q.kind !== 'id_fragment') return [];
  const n = q.value.length;
  return n === 4 ? ['id4t'] : n === 6 ? ['id6t', 'id6r'] : n === 8 ? ['id8b'] : [];
}

/** Text: exact names and the gram intersection in one statement; one character: name prefixes. */
async function textCandidates(
  db: Executor,
  actor: Actor,
  query: Extract<QueryClass, { kind: 'text' }>,
  types: number[],
  cap: number,
) {
  const grams = query.grams;
  if (!grams.length || !types.length) return { candidates: [], truncated: false };
  const single = grams.length === 1 && Array.from(grams[0]!).length === 1;
  if (single) return candidatesOf(db, actor, postings.byName(actor, query.value, 'prefix', types, cap));
  const frequencies = await repo.gramFrequencies(db);
  // Exact names apart from the grams: a common name in a city has more holders than one list holds.
  const lists = [
    ...postings.byName(actor, query.value, 'exact', types, cap),
    postings.byGrams(
      actor,
      grams,
      grams.map((g) => frequencies.get(g) ?? 0),
      types,
      cap,
    ),
  ];
  return candidatesOf(db, actor, lists);
}

/** The candidates of the lists; truncated when a list filled up (more may lie beyond it). */
async function candidatesOf(db: Executor, actor: Actor, lists: (Postings | null)[]) {
  const candidates = await repo.candidates(db, actor, lists);
  const truncated = lists.some(
    (l, src) => l !== null && candidates.filter((c) => c.src === src).length >= l.limit,
  );
  return { candidates, truncated };
}

export async function searchRegisters(options: {
  db: Executor;
  cipher: DataCipher;
  actor: Actor;
  q: string;
  types: SearchType[];
  limit: number;
  offset: number;
}) {
  const { db, cipher, actor, types, limit, offset } = options;
  const query = classifyQuery(options.q);
  const wantPeople = types.includes('person');
  const entityTypes = [
    ...(wantPeople ? [ENTITY.person] : []),
    ...(types.includes('unit') ? [ENTITY.unit] : []),
    ...(types.includes('address') || types.includes('house') ? [ENTITY.address] : []),
  ];
  /** Rows a page needs: one more than it shows tells whether more follow. */
  const want = offset + limit + 1;
  let found: { candidates: Candidate[]; truncated: boolean } = { candidates: [], truncated: false };
  if ((query.kind === 'id_number' || query.kind === 'phone') && wantPeople) {
    if (query.kind === 'phone' || query.valid) {
      const phone = query.kind === 'phone';
      const hash = cipher.hash(phone ? 'phone' : 'id', query.value);
      found = await candidatesOf(db, actor, [
        postings.byHash(phone ? 'phone_hash' : 'id_number_hash', hash, want),
      ]);
    }
  } else if ((query.kind === 'phone_last4' || query.kind === 'id_fragment') && wantPeople) {
    found = await candidatesOf(
      db,
      actor,
      windowsFor(query).map((w) => postings.byDigest(actor, cipher.fragment(w, query.value), want)),
    );
  } else if (query.kind === 'text') {
    found = await textCandidates(db, actor, query, entityTypes, Math.max(TEXT_CANDIDATES, want));
  }

  const q = normal(query.value);
  const rankText = (text: string) => {
    const t = normal(text);
    if (t === q) return 0;
    if (t.startsWith(q)) return 1;
    if (t.includes(q)) return 2;
    return -1;
  };
  /** Deeper matching scope path = closer to the caller (their own grid first). */
  const closeness = (path: string) =>
    -actor.scopePaths.reduce((deepest, s) => (path.startsWith(s) ? Math.max(deepest, s.length) : deepest), 0);
  const ranked: Ranked[] = [];
  const seen = new Set<string>();
  found.candidates.forEach((c, seq) => {
    const key = `${c.entity_type}:${c.entity_id}`;
    if (seen.has(key)) return;
    seen.add(key);
    // Digit hits rank by window; text hits by how the text matches (bigrams over-match: drop those).
    const rank = query.kind === 'text' ? rankText(c.label) : c.src;
    if (rank < 0) return;
    const near = closeness(c.grid_path);
    const add = (type: SearchType) => ranked.push({ type, candidate: c, rank, near, seq });
    if (c.entity_type === ENTITY.person) add('person');
    else if (c.entity_type === ENTITY.unit) add('unit');
    else {
      if (types.includes('house') && c.house_id) add('house');
      if (types.includes('address')) add('address');
    }
  });
  const byText = query.kind === 'text';
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.near - b.near ||
      TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
      (byText
        ? a.candidate.label.length - b.candidate.label.length ||
          compareText(a.candidate.label, b.candidate.label)
        : 0) ||
      a.seq - b.seq,
  );
  const page = ranked.slice(offset, offset + limit);
  const idsOf = (type: SearchType) => page.filter((r) => r.type === type).map((r) => r.candidate.entity_id);
  const [people, units] = await Promise.all([
    repo.people(db, idsOf('person'), visibleSpecialTypes(actor)),
    repo.units(db, idsOf('unit')),
  ]);
  const personById = new Map(people.map((p) => [p.id, p]));
  const unitById = new Map(units.map((u) => [String(u.id), u]));
  const items = page.flatMap((r): SearchHit[] => {
    const c = r.candidate;
    if (r.type === 'person') {
      const p = personById.get(c.entity_id);
      return p ? [presentPersonHit(cipher, p)] : [];
    }
    if (r.type === 'unit') {
      const u = unitById.get(c.entity_id);
      return u ? [presentUnitHit(u)] : [];
    }
    return [r.type === 'house' ? presentHouseHit(c) : presentAddressHit(c)];
  });
  return {
    query: { kind: query.kind },
    items,
    offset,
    limit,
    more: ranked.length > offset + limit || found.truncated,
  };
}
