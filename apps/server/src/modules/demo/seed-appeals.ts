// Appeals (申诉) and bonus items (奖惩) of the demo district: the items from a year back, and a
// handful of appeals by the first grids' workers in every state — open ones for the inbox, one
// upheld (its case left out of the worker's counts) and one overturned with the leader's reason.
import { monthOf } from '@wangge/rules';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

const DAY_MS = 86_400_000;
const ITEMS = [
  { count: 'reports.valid', amountFen: 500, cap: 60 },
  { count: 'confirm.on_time', amountFen: 200, cap: null },
  { count: 'verify.on_time', amountFen: 200, cap: null },
  { count: 'inspections.on_time', amountFen: 300, cap: 40 },
  { count: 'grid.cases_reported_by_others', amountFen: -1000, cap: null },
  { count: 'grid.cases_red', amountFen: -2000, cap: null },
];
const REASONS = [
  { reason: '该问题发生在夜间非值班时段，次日一早已到场核实处置，请求不计漏报。', state: 'submitted' },
  { reason: '此处为相邻网格的道路，边界划分有误，不应计入本网格漏报。', state: 'submitted' },
  {
    reason: '当日暴雨，系统定位异常导致核实超时，现场照片可证明按时到场。',
    state: 'upheld',
    decision: '经核实照片与轨迹，情况属实，予以剔除。',
  },
  {
    reason: '居民先于本人拨打热线，本人巡查路线尚未到达该处。',
    state: 'overturned',
    decision: '该处为每日必巡点位，巡查记录显示当日未到达，不予剔除。',
  },
] as const;

export async function seedAppeals(trx: Kysely<Database>, options: { today: Date }): Promise<void> {
  const district = await trx
    .selectFrom('org_units')
    .select(['id', 'path'])
    .where('level', '=', 'district')
    .orderBy('code')
    .executeTakeFirst();
  if (!district) return;
  const operator = await trx
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'district')
    .executeTakeFirst();
  await sql`INSERT INTO assessment_bonus_schemes (unit_id, effective_from, items, note, created_by)
    VALUES (${district.id}, ${monthOf(new Date(options.today.getTime() - 365 * DAY_MS))},
      ${JSON.stringify(ITEMS)}::jsonb, '按月发放，红牌与漏报从绩效中扣减', ${operator?.id ?? null})`.execute(
    trx,
  );

  // Workers of the first grids with a case in their grid first reported by someone else, recently.
  const since = new Date(options.today.getTime() - 45 * DAY_MS);
  const { rows } = await sql<{
    user_id: string;
    leader_id: string | null;
    grid_path: string;
    case_id: string;
    reported_at: Date;
  }>`
    SELECT DISTINCT ON (m.user_id) m.user_id::text, g.path AS grid_path, c.id::text AS case_id, c.reported_at,
      (SELECT u2.id::text FROM users u2 WHERE u2.username = 'wz' || substr(u.username, 2)) AS leader_id
    FROM grid_team_members m
    JOIN users u ON u.id = m.user_id AND u.username LIKE 'w1%'
    JOIN org_units g ON g.id = m.grid_id
    JOIN cases c ON c.grid_path = g.path AND c.reported_at >= ${since} AND c.state <> 'voided'
      AND (c.reporter_user_id IS NULL OR c.reporter_user_id <> m.user_id)
    WHERE g.path LIKE ${`${district.path}%`}
    ORDER BY m.user_id, c.reported_at DESC
    LIMIT 4`.execute(trx);
  for (const [i, row] of rows.entries()) {
    const spec = REASONS[i % REASONS.length]!;
    // Filed a day or two after the event, never after the seeding moment; decided a little later.
    const now = options.today.getTime();
    const filedAt = new Date(Math.min(row.reported_at.getTime() + 2 * DAY_MS, now - 3 * 3_600_000));
    const decidedAt = new Date(Math.min(filedAt.getTime() + DAY_MS, now - 3_600_000));
    const decided = spec.state !== 'submitted';
    const decidedBy = decided ? (row.leader_id ?? operator?.id ?? null) : null;
    await sql`INSERT INTO assessment_appeals (appellant_id, unit_path, event_kind, event_id, count_name, period,
        reason, state, version, decided_by, decided_at, decision_reason, created_at)
      VALUES (${row.user_id}, ${row.grid_path}, 'case', ${row.case_id}, 'grid.cases_reported_by_others',
        ${monthOf(row.reported_at)}, ${spec.reason}, ${spec.state}, ${decided ? 2 : 1}, ${decidedBy},
        ${decided ? decidedAt : null}, ${'decision' in spec ? spec.decision : ''}, ${filedAt})`.execute(trx);
    if (spec.state === 'upheld') {
      await sql`INSERT INTO assessment_exclusions (subject_type, subject_id, event_kind, event_id, reason, created_by)
        VALUES ('user', ${row.user_id}, 'case', ${row.case_id}, '申诉成立', ${decidedBy})
        ON CONFLICT DO NOTHING`.execute(trx);
    }
  }
}
