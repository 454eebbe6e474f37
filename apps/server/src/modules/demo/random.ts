// Small helpers over any uniform source in [0, 1), so the generator depends only on next().
export interface Rng {
  next(): number;
}

export function float(rng: Rng, min: number, max: number): number {
  return min + rng.next() * (max - min);
}

/** Integer in [min, max], both inclusive. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng.next() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[Math.floor(rng.next() * items.length)]!;
}

export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
