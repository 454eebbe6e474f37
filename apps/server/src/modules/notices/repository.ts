import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { pathInScope } from '../access/scope-sql.ts';

const COLUMNS = [
  'n.id',
  'n.community_id',
  'o.name as community_name',
  'n.title',
  'n.body',
  'n.publish_at',
  'n.expire_at',
  'n.created_at',
  'n.withdrawn_at',
] as const;

/** Shown to residents: published, not yet expired, not withdrawn (rules' noticeState 'current'). */
const current = sql<boolean>`n.publish_at <= now() AND (n.expire_at IS NULL OR n.expire_at > now())
  AND n.withdrawn_at IS NULL`;

export const noticeRepository = {
  findCommunity(db: Db, id: string) {
    return db.selectFrom('org_units').select(['id', 'path', 'level']).where('id', '=', id).executeTakeFirst();
  },

  insert(
    db: Db,
    values: {
      communityId: string;
      unitPath: string;
      title: string;
      body: string;
      publishAt: Date | null;
      expireAt: Date | null;
      createdBy: string;
    },
  ) {
    return db
      .insertInto('community_notices')
      .values({
        community_id: values.communityId,
        unit_path: values.unitPath,
        title: values.title,
        body: values.body,
        publish_at: values.publishAt ?? sql<Date>`now()`,
        expire_at: values.expireAt,
        created_by: values.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  },

  /** Every notice of the actor's scope (current, scheduled, expired and withdrawn), newest first. */
  listInScope(db: Db, actor: Actor, id?: string) {
    let query = db
      .selectFrom('community_notices as n')
      .innerJoin('org_units as o', 'o.id', 'n.community_id')
      .select(COLUMNS)
      .where(pathInScope(actor, 'n.unit_path'));
    if (id) query = query.where('n.id', '=', id);
    return query.orderBy('n.publish_at', 'desc').orderBy('n.id', 'desc').limit(200).execute();
  },

  withdraw(db: Db, id: string) {
    return db
      .updateTable('community_notices')
      .set({ withdrawn_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('withdrawn_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
  },

  /** The communities the actor may publish to, for the console's picker. */
  communitiesInScope(db: Db, actor: Actor) {
    return db
      .selectFrom('org_units as o')
      .select(['o.id', 'o.name'])
      .where('o.level', '=', 'community')
      .where(pathInScope(actor, 'o.path'))
      .orderBy('o.code')
      .limit(500)
      .execute();
  },

  /** A community's current notices, as residents see them. */
  currentOf(db: Db, communityId: string) {
    return db
      .selectFrom('community_notices as n')
      .innerJoin('org_units as o', 'o.id', 'n.community_id')
      .select(COLUMNS)
      .where('n.community_id', '=', communityId)
      .where(current)
      .orderBy('n.publish_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(20)
      .execute();
  },
};

export type NoticeRow = Awaited<ReturnType<typeof noticeRepository.listInScope>>[number];
