// Notices (通知公告) of every demo community, so the resident app's "my grid" shows some: two
// current ones, one scheduled for next week and one expired (the console lists all four).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

const DAY_MS = 86_400_000;
const NOTICES = [
  {
    title: '关于开展冬季消防安全检查的通知',
    body: '本周起社区网格员将入户开展冬季消防安全检查，重点检查电动自行车室内充电、楼道堆物和燃气使用情况，请居民朋友配合。',
    from: -2,
    to: 12,
  },
  {
    title: '老年人意外伤害保险开始办理',
    body: '年满 60 周岁的本社区户籍居民可在社区服务站办理老年人意外伤害保险，行动不便的老人可联系本网格网格员代办。',
    from: -5,
    to: null,
  },
  {
    title: '下周二停水通知',
    body: '因供水管网维修，下周二 9:00–17:00 社区部分楼栋停水，请提前储水。',
    from: 6,
    to: 9,
  },
  {
    title: '国庆期间社区服务站值班安排',
    body: '国庆期间社区服务站每日 9:00–12:00 有人值班，急事请拨打网格员电话。',
    from: -70,
    to: -60,
  },
] as const;

export async function seedNotices(trx: Kysely<Database>, options: { today: Date }): Promise<void> {
  const admin = await trx
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const communities = await trx
    .selectFrom('org_units')
    .select(['id', 'path'])
    .where('level', '=', 'community')
    .orderBy('code')
    .execute();
  const at = (days: number) => new Date(options.today.getTime() + days * DAY_MS);
  const rows = communities.flatMap((c) =>
    NOTICES.map((n) => ({
      community_id: c.id,
      unit_path: c.path,
      title: n.title,
      body: n.body,
      publish_at: at(n.from),
      expire_at: n.to === null ? null : at(n.to),
      created_by: admin.id,
    })),
  );
  // In chunks: the city-scale data set's communities would pass PostgreSQL's parameter limit.
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('community_notices')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}
