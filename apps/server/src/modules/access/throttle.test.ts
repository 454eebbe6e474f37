import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { blockedFor, clearThrottle, failWithBackoff, hit, refund, sweepThrottle } from './throttle.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: 'none' });
});
afterAll(() => t?.close());

const backoff = { free: 3, baseSeconds: 10, maxSeconds: 35, resetSeconds: 600 };

describe('throttle', () => {
  it('allows `limit` hits in a window, counts every one of a concurrent burst and refuses the rest', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => hit(t.db, { key: 'burst', limit: 5, windowSeconds: 60 })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    const refused = results.filter((r) => !r.allowed);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.retryAfterSeconds).toBeGreaterThan(50);
    expect(await blockedFor(t.db, ['burst'])).toBeGreaterThan(50);
    for (let i = 0; i < 4; i++) await hit(t.db, { key: 'under', limit: 5, windowSeconds: 60 });
    expect(await blockedFor(t.db, ['under'])).toBe(0);
  });

  it('starts a new window once the old one has ended', async () => {
    await hit(t.db, { key: 'window', limit: 1, windowSeconds: 60 });
    expect((await hit(t.db, { key: 'window', limit: 1, windowSeconds: 60 })).allowed).toBe(false);
    await t.db
      .updateTable('throttle_buckets')
      .set({ window_ends_at: new Date(Date.now() - 1000) })
      .where('key', '=', 'window')
      .execute();
    expect(await hit(t.db, { key: 'window', limit: 1, windowSeconds: 60 })).toMatchObject({
      allowed: true,
      hits: 1,
    });
  });

  it('backs off exponentially after the free failures, up to the cap', async () => {
    const blocks: number[] = [];
    for (let i = 0; i < 6; i++)
      blocks.push((await failWithBackoff(t.db, { key: 'pair', ...backoff })).retryAfterSeconds);
    expect(blocks).toEqual([0, 0, 10, 20, 35, 35]);
    expect(await blockedFor(t.db, ['pair', 'nothing-here'])).toBeGreaterThan(30);
  });

  it('refunds a hit, clears keys exactly or by prefix, and sweeps what no longer counts', async () => {
    await hit(t.db, { key: 'refund', limit: 1, windowSeconds: 60 });
    expect(await blockedFor(t.db, ['refund'])).toBeGreaterThan(0);
    await refund(t.db, ['refund']);
    expect(await blockedFor(t.db, ['refund'])).toBe(0);

    await failWithBackoff(t.db, { key: 'user:a|1', ...backoff, free: 1 });
    await failWithBackoff(t.db, { key: 'user:a|2', ...backoff, free: 1 });
    await failWithBackoff(t.db, { key: 'user:ab|1', ...backoff, free: 1 });
    await clearThrottle(t.db, { prefix: 'user:a|' });
    expect(await blockedFor(t.db, ['user:a|1', 'user:a|2'])).toBe(0);
    expect(await blockedFor(t.db, ['user:ab|1'])).toBeGreaterThan(0);
    await clearThrottle(t.db, { keys: ['user:ab|1'] });
    expect(await blockedFor(t.db, ['user:ab|1'])).toBe(0);

    const past = new Date(Date.now() - 1000);
    await t.db.updateTable('throttle_buckets').set({ window_ends_at: past, blocked_until: past }).execute();
    await t.db
      .updateTable('throttle_buckets')
      .set({ blocked_until: new Date(Date.now() + 60_000) })
      .where('key', '=', 'pair')
      .execute();
    await sweepThrottle(t.db);
    const left = await t.db.selectFrom('throttle_buckets').select('key').execute();
    expect(left.map((r) => r.key)).toEqual(['pair']);
  });
});
