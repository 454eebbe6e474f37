// The command centre's rollups (migration 0046) stay equal to a rebuild from the cases through the
// case loop's actions and through late events, and the overview read from them equals hand counts.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { act, pointIn, unitId, uploadPhoto } from '../cases/test-helpers.ts';

const GRID = '120110001001002';
let t: TestApp;
let worker: Client;
let dispatcher: Client;
let street: Client;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.login(`w${GRID}`);
  dispatcher = await t.login('dispatcher');
  street = await t.login('street1');
});
afterAll(() => t?.close());

async function report(extra: Record<string, unknown> = {}) {
  const res = await worker.post('/api/cases', {
    categoryCode: 'CG01-02',
    description: '乱堆乱放',
    source: 'patrol',
    ...(await pointIn(t, GRID)),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.data as { id: string };
}

/** The rollups' non-zero rows, as kept by the trigger and as rebuilt from the cases. */
async function kept() {
  const days = await sql`SELECT * FROM case_day_rollup
    WHERE (reported, voided, closed, steps_ended, steps_on_time, rated, satisfied, filed, handled, closed_on_day)
      <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0) ORDER BY 1, 2`.execute(t.db);
  const open = await sql`SELECT * FROM case_open_rollup WHERE (open, overdue, red_cards) <> (0, 0, 0)
    ORDER BY 1`.execute(t.db);
  return { days: days.rows, open: open.rows };
}

async function expectRollupsEqualRebuild() {
  const incremental = await kept();
  await sql`SELECT case_command_rebuild()`.execute(t.db);
  expect(incremental).toEqual(await kept());
}

describe('command centre rollups', () => {
  it('stay equal to a rebuild through reporting, voiding, dispatching, self-handling and closing', async () => {
    await expectRollupsEqualRebuild();
    const before = (await street.get(`/api/command/overview?unitId=${await unitId(t, GRID)}`)).data.figures;

    const voided = await report();
    await act(dispatcher, voided.id, 'accept');
    await act(dispatcher, voided.id, 'requestVoid', { reason: '重复上报' });
    await act(street, voided.id, 'approveVoid');

    const dispatched = await report();
    await act(dispatcher, dispatched.id, 'accept');
    await act(dispatcher, dispatched.id, 'file');
    await act(dispatcher, dispatched.id, 'dispatch', { target: { type: 'unit', id: await unitId(t, GRID) } });
    await act(worker, dispatched.id, 'acceptTask');

    const photos = [await uploadPhoto(worker), await uploadPhoto(worker, { r: 40, g: 160, b: 60 })];
    const self = await report({ selfHandled: true, photoIds: [photos[0]], afterPhotoIds: [photos[1]] });
    await act(await t.login(`wz${GRID}`), self.id, 'auditSelfHandled');
    await expectRollupsEqualRebuild();

    const after = (await street.get(`/api/command/overview?unitId=${await unitId(t, GRID)}`)).data.figures;
    expect(after.reportedToday - before.reportedToday).toBe(3);
    expect(after.filedToday - before.filedToday).toBe(1);
    expect(after.closedToday - before.closedToday).toBe(1);
    expect(after.open - before.open).toBe(1);
  });

  it('stay equal to a rebuild after late events: an old report synced, a late rating, a red light, a moved case', async () => {
    const late = await report();
    const closed = await report();
    await sql`UPDATE cases SET reported_at = now() - interval '3 days' WHERE id = ${late.id}`.execute(t.db);
    await sql`UPDATE cases SET state = 'closed', closed_at = now() - interval '2 days', satisfaction = 4
      WHERE id = ${closed.id}`.execute(t.db);
    await sql`UPDATE cases SET light = 'red', supervision = 'red_card' WHERE id = ${late.id}`.execute(t.db);
    const other = await t.db
      .selectFrom('org_units')
      .select(['id', 'path'])
      .where('code', '=', '120110001001001')
      .executeTakeFirstOrThrow();
    await sql`UPDATE cases SET grid_id = ${other.id}, grid_path = ${other.path} WHERE id = ${late.id}`.execute(
      t.db,
    );
    await expectRollupsEqualRebuild();

    // The overview over the street agrees with a count over the cases.
    const streetUnit = await t.db
      .selectFrom('org_units')
      .select(['id', 'path'])
      .where('code', '=', '120110001000')
      .executeTakeFirstOrThrow();
    const figures = (await street.get(`/api/command/overview?unitId=${streetUnit.id}`)).data.figures;
    const { rows } = await sql<{ open: number; overdue: number; red_cards: number; rated: number }>`
      SELECT count(*) FILTER (WHERE state NOT IN ('voided', 'closed', 'evaluated', 'archived'))::int AS open,
        count(*) FILTER (WHERE state NOT IN ('voided', 'closed', 'evaluated', 'archived') AND light = 'red')::int AS overdue,
        count(*) FILTER (WHERE state NOT IN ('voided', 'closed', 'evaluated', 'archived') AND supervision = 'red_card')::int AS red_cards,
        count(*) FILTER (WHERE satisfaction IS NOT NULL
          AND reported_at >= (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') - interval '29 days') AT TIME ZONE 'Asia/Shanghai')::int AS rated
      FROM cases WHERE starts_with(grid_path, ${streetUnit.path})`.execute(t.db);
    expect(figures).toMatchObject({
      open: rows[0]!.open,
      overdue: rows[0]!.overdue,
      redCards: rows[0]!.red_cards,
    });
    expect(figures.satisfaction === null).toBe(rows[0]!.rated === 0);
  });
});
