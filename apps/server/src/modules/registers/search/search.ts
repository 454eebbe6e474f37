// One search box over people, houses, units and addresses (DOMAIN.md §5). classifyQuery decides
// the key: text → bigram postings (rarest gram drives, the rest are checked per candidate) plus
// the name indexes for exact/prefix names; whole ID or phone → keyed hash; 4 digits → phone
// last-4 and ID last-4 digests; 6–8 digits → the ID windows (region 6, birth date 8, last 6).
// Everything is restricted to the caller's scope inside the index range scan.
import { cjkBigrams, classifyQuery } from '@wangge/rules';
import type { Actor } from '../../access/actor.ts';
import { presentPersonSummary } from '../people/presenter.ts';
import type { DataCipher } from '../privacy/crypto.ts';
import { ENTITY, type Executor, visibleSpecialTypes } from '../shared.ts';
import { type Hit, searchRepository as repo } from './repository.ts';

export type SearchType = 'person' | 'house' | 'unit' | 'address';
/** Candidates read before ranking; enough for a grid, bounded for a city. */
const CANDIDATES = 400;

function normal(text: string) {
  return cjkBigrams(text).join('');
}

function digestsFor(cipher: DataCipher, q: ReturnType<typeof classifyQuery>): Buffer[] | null {
  switch (q.kind) {
    case 'phone_last4':
      return [cipher.fragment('ph4t', q.value), cipher.fragment('id4t', q.value)];
    case 'id_fragment': {
      const v = q.value;
      if (v.length === 4) return [cipher.fragment('id4t', v)];
      if (v.length === 6) return [cipher.fragment('id6r', v), cipher.fragment('id6t', v)];
      if (v.length === 8) return [cipher.fragment('id8b', v)];
      return [];
    }
    default:
      return null;
  }
}

export async function searchRegisters(options: {
  db: Executor;
  cipher: DataCipher;
  actor: Actor;
  q: string;
  types: SearchType[];
  limit: number;
}) {
  const { db, cipher, actor, types, limit } = options;
  const query = classifyQuery(options.q);
  const wantPeople = types.includes('person');
  const entityTypes = [
    ...(wantPeople ? [ENTITY.person] : []),
    ...(types.includes('unit') ? [ENTITY.unit] : []),
    ...(types.includes('address') || types.includes('house') ? [ENTITY.address] : []),
  ];
  let hits: Hit[] = [];
  let matchKind: 'text' | 'digits' = 'digits';
  if (query.kind === 'id_number' || query.kind === 'phone') {
    if (wantPeople && (query.kind === 'phone' || query.valid)) {
      const column = query.kind === 'phone' ? 'phone_hash' : 'id_number_hash';
      const rows = await db
        .selectFrom('people')
        .select(['id', 'grid_path'])
        .where(column, '=', cipher.hash(query.kind === 'phone' ? 'phone' : 'id', query.value))
        .execute();
      hits = rows
        .filter((r) => actor.scopePaths.some((s) => r.grid_path.startsWith(s)))
        .map((r) => ({ entity_type: 1, entity_id: r.id }));
    }
  } else if (query.kind === 'phone_last4' || query.kind === 'id_fragment') {
    if (wantPeople) hits = await repo.digests(db, actor, digestsFor(cipher, query) ?? [], CANDIDATES);
  } else if (query.kind === 'text' && query.value) {
    matchKind = 'text';
    const grams = query.grams;
    const byName = await repo.namePrefix(db, actor, query.value, 50);
    let byGrams: Hit[] = [];
    if (grams.length && entityTypes.length && !(grams.length === 1 && Array.from(grams[0]!).length === 1)) {
      const counts = await Promise.all(grams.map((g) => repo.gramCount(db, actor, g, entityTypes)));
      if (!counts.includes(0)) {
        const ordered = grams
          .map((g, i) => ({ g, n: counts[i]! }))
          .sort((a, b) => a.n - b.n)
          .map((x) => x.g);
        byGrams = await repo.intersect(db, actor, ordered, entityTypes, CANDIDATES);
      }
    }
    hits = [...byName.filter((h) => entityTypes.includes(h.entity_type as 1)), ...byGrams];
  }
  const ids = (type: number) => [
    ...new Set(hits.filter((h) => h.entity_type === type).map((h) => String(h.entity_id))),
  ];
  const [people, units, addresses] = await Promise.all([
    repo.people(db, ids(ENTITY.person)),
    repo.units(db, ids(ENTITY.unit)),
    repo.addresses(db, ids(ENTITY.address)),
  ]);
  const special = visibleSpecialTypes(actor);
  const flags = await repo.openSpecialTypes(
    db,
    people.map((p) => p.id),
    special,
  );
  const q = normal(query.value);
  const rankText = (text: string) => {
    const t = normal(text);
    if (matchKind !== 'text') return 0;
    if (t === q) return 0;
    if (t.startsWith(q)) return 1;
    if (t.includes(q)) return 2;
    return -1;
  };
  /** Deeper matching scope path = closer to the caller (their own grid first). */
  const closeness = (path: string) =>
    -Math.max(0, ...actor.scopePaths.filter((s) => path.startsWith(s)).map((s) => s.length));
  const results: { rank: number; near: number; order: number; item: Record<string, unknown> }[] = [];
  for (const p of people) {
    const rank = rankText(p.name);
    if (rank < 0) continue;
    results.push({
      rank,
      near: closeness(p.grid_path),
      order: 0,
      item: {
        type: 'person',
        ...presentPersonSummary(cipher, p),
        specialGroups: flags.filter((f) => f.person_id === p.id).map((f) => f.type_code),
      },
    });
  }
  for (const u of units) {
    const rank = rankText(u.name);
    if (rank < 0) continue;
    results.push({
      rank,
      near: closeness(u.grid_path),
      order: 1,
      item: {
        type: 'unit',
        id: u.id,
        name: u.name,
        kind: u.kind,
        creditCode: u.credit_code,
        address: u.address,
        gridId: u.grid_id,
      },
    });
  }
  for (const a of addresses) {
    const rank = rankText(a.full_name);
    if (rank < 0) continue;
    const near = closeness(a.grid_path);
    if (types.includes('house') && a.house_id) {
      results.push({
        rank,
        near,
        order: 2,
        item: {
          type: 'house',
          id: a.house_id,
          address: a.full_name,
          addressId: a.id,
          isRental: a.is_rental,
          gridId: a.grid_id,
        },
      });
    }
    if (types.includes('address')) {
      results.push({
        rank,
        near,
        order: 3,
        item: { type: 'address', id: a.id, level: a.level, fullName: a.full_name, gridId: a.grid_id },
      });
    }
  }
  const label = (r: (typeof results)[number]) =>
    String(r.item.name ?? r.item.fullName ?? r.item.address ?? '');
  results.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.near - b.near ||
      a.order - b.order ||
      label(a).length - label(b).length ||
      label(a).localeCompare(label(b)),
  );
  return { query: { kind: query.kind }, items: results.slice(0, limit).map((r) => r.item) };
}
