import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cloneDatabase, runDatabases } from '../../../test/databases.ts';
import { createChain, createOrgUnit, createUser, square } from '../../../test/factories.ts';
import { createDb, type Db } from '../../db/database.ts';
import { countEvents } from './event-counts.ts';

// Event counts against a hand count of events made here, for December 2026 in China time. Only the
// database is needed: a clone of the empty template, no server.
let t: { db: Db; drop(): Promise<void> };
let grid: { id: string; path: string };
let community: { id: string; path: string };
let worker: string;
let teammate: string;
let dispatcher: string;
const from = new Date('2026-11-30T16:00:00Z');
const to = new Date('2026-12-31T16:00:00Z');
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 11, day, hour - 8));
let caseSeq = 0;

async function newCase(values: {
  reporter?: string | null;
  state?: string;
  reportedAt?: Date;
  filed?: boolean;
  mergedInto?: string;
  closedAt?: Date;
  satisfaction?: number;
}) {
  const row = await t.db
    .insertInto('cases')
    .values({
      code: `T${++caseSeq}`,
      title: `案件${caseSeq}`,
      category_code: 'SG01-01',
      source: values.reporter ? 'patrol' : 'hotline',
      state: values.state ?? 'filed',
      grid_id: grid.id,
      grid_path: grid.path,
      owner_unit_id: community.id,
      owner_path: community.path,
      lon: 114.5,
      lat: 38.05,
      reporter_user_id: values.reporter ?? null,
      reported_at: values.reportedAt ?? at(3),
      filed_at: values.filed ? at(3, 11) : null,
      merged_into: values.mergedInto ?? null,
      closed_at: values.closedAt ?? null,
      satisfaction: values.satisfaction ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function step(
  caseId: string,
  seq: number,
  action: string,
  when: Date,
  actor: string | null,
  deadline: Date | null,
) {
  await t.db
    .insertInto('case_steps')
    .values({
      case_id: caseId,
      seq,
      action,
      actor_name: 'x',
      actor_user_id: actor,
      at: when,
      deadline,
      to_state: 'accepted',
    })
    .execute();
}

beforeAll(async () => {
  const database = await cloneDatabase(
    inject('pgServerUrl'),
    runDatabases(inject('pgRunId')).templateEmpty,
    runDatabases(inject('pgRunId')).clonePrefix,
  );
  const db = createDb(database.url, { max: 3 });
  t = {
    db,
    drop: async () => {
      await db.destroy();
      await database.drop();
    },
  };
  const chain = await createChain(t.db, { prefix: '1399', boundary: square(114.4, 38.0, 0.2) });
  community = chain.community;
  grid = await createOrgUnit(t.db, { code: '139902001001001', level: 'grid', parent: community });
  worker = (await createUser(t.db, { username: 'ev_worker', roles: [], orgUnitIds: [grid.id] })).id;
  teammate = (await createUser(t.db, { username: 'ev_mate', roles: [], orgUnitIds: [grid.id] })).id;
  dispatcher = (await createUser(t.db, { username: 'ev_disp', roles: [], orgUnitIds: [community.id] })).id;
  await t.db
    .insertInto('grid_team_members')
    .values([
      { grid_id: grid.id, user_id: worker, team_role: 'full_time' },
      { grid_id: grid.id, user_id: teammate, team_role: 'part_time' },
    ])
    .execute();
}, 180_000);

afterAll(async () => {
  await t?.drop();
});

describe('countEvents', () => {
  it('counts a worker’s reports, grid cases, steps, satisfaction, visits and workdays by hand', async () => {
    const filed = await newCase({ reporter: worker, filed: true, closedAt: at(10), satisfaction: 5 });
    await newCase({ reporter: worker, state: 'voided', mergedInto: filed });
    await newCase({ reporter: worker, state: 'voided' });
    await newCase({ reporter: worker, filed: true, reportedAt: at(1, 7) }); // 23:00 on 30 Nov UTC, 1 Dec CST
    await newCase({ reporter: worker, filed: true, reportedAt: new Date('2026-11-30T15:00:00Z') }); // November
    const byResident = await newCase({ reporter: null, closedAt: at(12), satisfaction: 2 });
    await newCase({ reporter: teammate, filed: true });
    // Verification on site: one on time, one late.
    await step(filed, 1, 'requestConfirm', at(3, 11), dispatcher, at(3, 13));
    await step(filed, 2, 'confirm', at(3, 12), worker, null);
    await step(byResident, 1, 'requestConfirm', at(4, 9), dispatcher, at(4, 10));
    await step(byResident, 2, 'confirm', at(4, 15), worker, null);
    await step(byResident, 3, 'verifyPass', at(11), worker, null);
    const person = await t.db
      .insertInto('people')
      .values({
        name: '住户',
        gender: 'female',
        birth_date: '1960-01-01',
        grid_id: grid.id,
        grid_path: grid.path,
        id_number_enc: Buffer.from('enc'),
        id_number_hash: Buffer.from('hash'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('visits')
      .values([
        {
          user_id: worker,
          grid_id: grid.id,
          grid_path: grid.path,
          person_id: person.id,
          household_key: 'h1',
          idempotency_key: 'v1',
          started_at: at(5, 9),
          ended_at: new Date(at(5, 9).getTime() + 30 * 60_000),
        },
        {
          user_id: worker,
          grid_id: grid.id,
          grid_path: grid.path,
          person_id: person.id,
          household_key: 'h2',
          idempotency_key: 'v2',
          started_at: at(6, 9),
          ended_at: new Date(at(6, 9).getTime() + 15 * 60_000),
        },
      ])
      .execute();

    const counts = (
      await countEvents({ db: t.db, subjectType: 'worker', ids: [worker, teammate], from, to })
    ).get(Number(worker));
    expect(counts).toMatchObject({
      'reports.total': 4,
      'reports.valid': 3,
      // Filed case, 1-Dec case, resident case, teammate's case; voided ones left out.
      'grid.cases_total': 4,
      'grid.cases_reported_by_others': 1,
      'confirm.ended': 2,
      'confirm.on_time': 1,
      'verify.ended': 1,
      'verify.on_time': 1,
      'satisfaction.rated': 2,
      'satisfaction.satisfied': 1,
      'visits.seconds': 2700,
      // December 2026 has 23 weekdays and no public holiday in the default calendar.
      workdays: 23,
    });
  });

  it('skips excluded events for that subject only', async () => {
    const before = await countEvents({ db: t.db, subjectType: 'worker', ids: [worker, teammate], from, to });
    const resident = await t.db
      .selectFrom('cases')
      .select('id')
      .where('reporter_user_id', 'is', null)
      .where('grid_id', '=', grid.id)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('assessment_exclusions')
      .values({ subject_id: worker, event_kind: 'case', event_id: resident.id, reason: '申诉成立' })
      .execute();
    const after = await countEvents({ db: t.db, subjectType: 'worker', ids: [worker, teammate], from, to });
    const w0 = before.get(Number(worker))!;
    const w1 = after.get(Number(worker))!;
    expect(w1['grid.cases_reported_by_others']).toBe((w0['grid.cases_reported_by_others'] ?? 0) - 1);
    expect(w1['confirm.ended']).toBe((w0['confirm.ended'] ?? 0) - 1);
    expect(after.get(Number(teammate))).toEqual(before.get(Number(teammate)));
  });

  it('counts an area’s cases under it and gives zeros to subjects without events', async () => {
    const area = await countEvents({ db: t.db, subjectType: 'area', ids: [community.id], from, to });
    expect(area.get(Number(community.id))).toMatchObject({ 'cases.reported': 4, 'cases.closed': 2 });
    const none = await countEvents({ db: t.db, subjectType: 'dispatcher', ids: [dispatcher], from, to });
    expect(none.get(Number(dispatcher))).toEqual({});
  });
});
