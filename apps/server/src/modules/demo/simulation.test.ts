import { createRandom } from '@wangge/rules';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { demoSimulationJob, simulateStep } from './simulation.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

function options(now: Date, reportChance = 0) {
  const { db, positions, gridIndex, calendars, hub } = t.context;
  return { db, positions, gridIndex, calendars, hub, workers: 5, reportChance, random: createRandom(7), now };
}

async function fixCount(): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM positions`.execute(t.db);
  return Number(rows[0]!.n);
}

describe('the living demo', () => {
  it('walks the workers inside their grids through the positions pipeline and reports a case now and then', async () => {
    const start = Date.now() - 60_000;
    const first = await simulateStep(options(new Date(start)));
    expect(first.fixes).toBe(5);
    const second = await simulateStep(options(new Date(start + 10_000), 1));
    expect(second).toEqual({ fixes: 5, reported: 1 });
    await t.context.positions.drain();
    const { rows } = await sql<{ user_id: string; inside: boolean; n: string }>`
      SELECT p.user_id::text, count(*) AS n,
        bool_and(EXISTS (SELECT 1 FROM grid_team_members m WHERE m.user_id = p.user_id AND m.grid_id = p.grid_id)) AS inside
      FROM positions p GROUP BY p.user_id`.execute(t.db);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.inside && Number(r.n) === 2)).toBe(true);
    const reported = await t.db
      .selectFrom('cases')
      .select(['source', 'state'])
      .where('reported_at', '>=', new Date(start))
      .execute();
    expect(reported).toEqual([{ source: 'patrol', state: 'reported' }]);
  });

  it('writes nothing once it is turned off', async () => {
    const before = await fixCount();
    let on = false;
    const job = demoSimulationJob({
      ...options(new Date()),
      everySeconds: 10,
      enabled: () => on,
      log: { error: () => {} },
    });
    await job.run();
    await t.context.positions.drain();
    expect(await fixCount()).toBe(before);
    expect(job.enabled()).toBe(false);
    on = true;
    await job.run();
    await t.context.positions.drain();
    expect(await fixCount()).toBe(before + 5);
  });
});
