// Resident accounts for the resident app (/r): a few phone numbers, each the reporter of some of
// the history's cases residents sent (app, WeChat, web), the first grid's first, so "my reports"
// shows every phase; one has joined a neighbour's open case with "+1" and rated a closed one.
// They sign in by code only.
import { trackingCheckCharacter } from '@wangge/rules';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { sha256 } from '../auth/secrets.ts';
import { CODE_ONLY_PASSWORD } from '../residents/sign-in.ts';

export const DEMO_RESIDENT_PHONES = ['13800000001', '13800000002', '13800000003'] as const;
const CASES_EACH = 4;
/** A report sent without an account, followed at /r/track with this code (README, demo logins). */
export const DEMO_TRACKING_BODY = 'DEM0TRACK1';
const OPEN = ['reported', 'accepted', 'filed', 'dispatched', 'in_progress'];

export async function seedResidents(trx: Kysely<Database>): Promise<void> {
  const ids: string[] = [];
  const firstGrid = await trx
    .selectFrom('org_units')
    .select('id')
    .where('level', '=', 'grid')
    // The district demo's 120110001001001; the city-scale demo (benches) has other codes.
    .orderBy('code')
    .limit(1)
    .executeTakeFirstOrThrow();
  for (const phone of DEMO_RESIDENT_PHONES) {
    const user = await trx
      .insertInto('users')
      .values({
        username: `r${phone}`,
        display_name: `居民${phone.slice(-4)}`,
        phone,
        password_hash: CODE_ONLY_PASSWORD,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('user_roles').values({ user_id: user.id, role_code: 'resident' }).execute();
    // They live in the first grid: "my grid" shows its worker's number to them.
    await trx
      .insertInto('resident_accounts')
      .values({ user_id: user.id, phone, home_grid_id: firstGrid.id })
      .execute();
    ids.push(user.id);
  }
  const cases = await trx
    .selectFrom('cases as c')
    .innerJoin('org_units as o', 'o.id', 'c.grid_id')
    .select(['c.id', 'c.state'])
    .where('c.source', 'in', ['resident_app', 'wechat', 'web'])
    // The first grid's first (its worker's demo login shows them too), then the newest elsewhere.
    .orderBy(sql<boolean>`o.id = ${firstGrid.id}`, 'desc')
    .orderBy('c.reported_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(CASES_EACH * ids.length + 1)
    .execute();
  const reported = cases.slice(0, CASES_EACH * ids.length);
  const anonymous = cases[CASES_EACH * ids.length];
  if (anonymous) {
    const channel = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'system.resident')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('cases')
      .set({ reporter_user_id: channel.id })
      .where('id', '=', anonymous.id)
      .execute();
    const code = DEMO_TRACKING_BODY + trackingCheckCharacter(DEMO_TRACKING_BODY);
    await trx
      .insertInto('case_tracking_codes')
      .values({ code_hash: sha256(code), case_id: anonymous.id })
      .execute();
  }
  for (const [i, kase] of reported.entries()) {
    await trx
      .updateTable('cases')
      .set({ reporter_user_id: ids[i % ids.length]! })
      .where('id', '=', kase.id)
      .execute();
  }
  const first = ids[0]!;
  const neighbours = reported.filter((_, i) => i % ids.length !== 0);
  const joined = neighbours.find((c) => OPEN.includes(c.state));
  if (joined) {
    await trx.insertInto('case_plus_ones').values({ case_id: joined.id, user_id: first }).execute();
    await trx
      .updateTable('cases')
      .set({ plus_ones: sql<number>`plus_ones + 1` })
      .where('id', '=', joined.id)
      .execute();
  }
  await seedErrandRequests(trx, ids, firstGrid.id);
  const rated = reported.find(
    (c, i) => i % ids.length === 0 && ['closed', 'evaluated', 'archived'].includes(c.state),
  );
  if (rated) {
    await trx
      .insertInto('resident_case_ratings')
      .values({ case_id: rated.id, user_id: first, score: 5, comment: '处理很及时，谢谢网格员' })
      .execute();
  }
}

const HOUR = 3_600_000;

/** Errands the demo residents asked for: two waiting in the worker's list, one taken, one declined. */
async function seedErrandRequests(trx: Kysely<Database>, residents: string[], gridId: string) {
  const grid = await trx
    .selectFrom('org_units')
    .select('path')
    .where('id', '=', gridId)
    .executeTakeFirstOrThrow();
  const errand = await trx
    .selectFrom('errands as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.type_code', 'e.started_by', 'e.started_at', 'p.name'])
    .where('e.grid_id', '=', gridId)
    .orderBy('e.started_at', 'desc')
    .executeTakeFirst();
  const worker = errand?.started_by ?? null;
  const now = Date.now();
  const rows = [
    {
      user: 0,
      type: 'elderly_card',
      name: '王秀兰',
      note: '母亲78岁，腿脚不便，想办老年人优待证，白天家里有人',
      ago: 2,
    },
    {
      user: 1,
      type: 'disability_certificate',
      name: '李建国',
      note: '父亲的残疾人证明年到期，想提前换证',
      ago: 20,
    },
    {
      user: 2,
      type: 'unemployment_insurance',
      name: '赵磊',
      note: '上个月公司关门了',
      ago: 72,
      declined: '失业保险金需本人持社保卡到人社窗口办理，已电话告知办理地址和材料',
    },
  ];
  for (const r of rows) {
    await trx
      .insertInto('errand_requests')
      .values({
        user_id: residents[r.user]!,
        type_code: r.type,
        grid_id: gridId,
        grid_path: grid.path,
        applicant_name: r.name,
        note: r.note,
        created_at: new Date(now - r.ago * HOUR),
        ...(r.declined && worker
          ? {
              state: 'declined',
              reason: r.declined,
              decided_by: worker,
              decided_at: new Date(now - (r.ago - 3) * HOUR),
              version: 2,
            }
          : {}),
      })
      .execute();
  }
  if (errand && worker) {
    await trx
      .insertInto('errand_requests')
      .values({
        user_id: residents[0]!,
        type_code: errand.type_code,
        grid_id: gridId,
        grid_path: grid.path,
        applicant_name: errand.name,
        note: '请网格员上门收材料',
        state: 'taken',
        errand_id: errand.id,
        decided_by: worker,
        decided_at: errand.started_at,
        created_at: new Date(errand.started_at.getTime() - 5 * HOUR),
        version: 2,
      })
      .execute();
  }
}
