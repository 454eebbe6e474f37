// Emerging risks (预判风险): clusters of cases that no single case shows. Two kinds:
// - the same category within `radiusM` metres in the last `days` days, at least `minCount` cases;
// - the same address reported at least `minCount` times in those days, whatever the category
//   (three neighbour disputes in one stairwell this month).
// Pure and deterministic: the same cases give the same hotspots in the same order.
import { haversineM } from './duplicates.ts';

export interface HotspotCase {
  id: string;
  categoryCode: string;
  lon: number;
  lat: number;
  /** Epoch milliseconds. */
  reportedAt: number;
  address: string;
}

export interface HotspotRule {
  radiusM: number;
  days: number;
  minCount: number;
}

export const DEFAULT_HOTSPOT_RULE: HotspotRule = { radiusM: 150, days: 30, minCount: 3 };

export interface Hotspot {
  kind: 'category' | 'address';
  /** A stable key: the same cluster found again keeps it (its earliest case and kind). */
  key: string;
  categoryCode: string | null;
  address: string | null;
  caseIds: string[];
  lon: number;
  lat: number;
  from: number;
  to: number;
}

/** Addresses compare without spaces and full-width forms, so 1号楼 2单元 and 1号楼2单元 meet. */
export function addressKey(address: string): string {
  return address
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[，,。.]/g, '')
    .toLowerCase();
}

const byTimeThenId = (a: HotspotCase, b: HotspotCase) =>
  a.reportedAt - b.reportedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function summarise(kind: Hotspot['kind'], members: HotspotCase[], extra: Partial<Hotspot>): Hotspot {
  members.sort(byTimeThenId);
  const lon = members.reduce((s, c) => s + c.lon, 0) / members.length;
  const lat = members.reduce((s, c) => s + c.lat, 0) / members.length;
  return {
    kind,
    key: `${kind}:${members[0]!.id}`,
    categoryCode: null,
    address: null,
    caseIds: members.map((c) => c.id),
    lon,
    lat,
    from: members[0]!.reportedAt,
    to: members[members.length - 1]!.reportedAt,
    ...extra,
  };
}

/**
 * Greedy density clustering per category: the case with the most neighbours within the radius
 * seeds a cluster of those neighbours; they leave the pool; repeat while a seed has enough. A
 * case belongs to one category cluster at most, and may also be in an address cluster.
 */
export function findHotspots(
  cases: readonly HotspotCase[],
  now: number,
  rule: HotspotRule = DEFAULT_HOTSPOT_RULE,
): Hotspot[] {
  const since = now - rule.days * 86_400_000;
  const recent = cases.filter((c) => c.reportedAt >= since && c.reportedAt <= now).sort(byTimeThenId);
  const out: Hotspot[] = [];

  const byCategory = new Map<string, HotspotCase[]>();
  for (const c of recent) {
    const list = byCategory.get(c.categoryCode) ?? [];
    list.push(c);
    byCategory.set(c.categoryCode, list);
  }
  for (const [categoryCode, list] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // Neighbours once (the pair test is symmetric), then the greedy rounds only filter the pool.
    const near = new Map(list.map((c) => [c, [] as HotspotCase[]]));
    for (let i = 0; i < list.length; i++) {
      for (let j = i; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (haversineM(a.lon, a.lat, b.lon, b.lat) <= rule.radiusM) {
          near.get(a)!.push(b);
          if (a !== b) near.get(b)!.push(a);
        }
      }
    }
    const pool = new Set(list);
    for (;;) {
      let best: HotspotCase[] = [];
      for (const seed of pool) {
        const members = near.get(seed)!.filter((c) => pool.has(c));
        if (members.length > best.length) best = members;
      }
      if (best.length < rule.minCount) break;
      for (const c of best) pool.delete(c);
      out.push(summarise('category', best, { categoryCode }));
    }
  }

  const byAddress = new Map<string, HotspotCase[]>();
  for (const c of recent) {
    const key = addressKey(c.address);
    if (!key) continue;
    const list = byAddress.get(key) ?? [];
    list.push(c);
    byAddress.set(key, list);
  }
  for (const list of byAddress.values()) {
    if (list.length >= rule.minCount) out.push(summarise('address', list, { address: list[0]!.address }));
  }
  return out.sort((a, b) => b.caseIds.length - a.caseIds.length || (a.key < b.key ? -1 : 1));
}
