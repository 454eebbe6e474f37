import type { Db } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { noticeRepository as repo } from './repository.ts';

export async function publishNotice(options: {
  db: Db;
  actor: Actor;
  communityId: string;
  title: string;
  body: string;
  publishAt: Date | null;
  expireAt: Date | null;
  origin: AuditOrigin;
}) {
  const { db, actor } = options;
  const community = await repo.findCommunity(db, options.communityId);
  assertInScope(actor, community?.path, '社区', options.communityId);
  if (community!.level !== 'community') {
    throw badRequest('communityId', '通知须发布到社区 (notices are published to a community)', {
      level: community!.level,
    });
  }
  const start = options.publishAt ?? new Date();
  if (options.expireAt && options.expireAt <= start) {
    throw badRequest('expireAt', '截止时间须晚于发布时间 (expiry must come after publication)');
  }
  const id = await db.transaction().execute(async (trx) => {
    const row = await repo.insert(trx, {
      communityId: community!.id,
      unitPath: community!.path,
      title: options.title,
      body: options.body,
      publishAt: options.publishAt,
      expireAt: options.expireAt,
      createdBy: actor.userId,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'notice.published',
      targetType: 'notice',
      targetId: row.id,
      details: { communityId: community!.id },
    });
    return row.id;
  });
  const [row] = await repo.listInScope(db, actor, id);
  return row!;
}

/** Takes a notice down at once; the row stays for the record. */
export async function withdrawNotice(options: { db: Db; actor: Actor; id: string; origin: AuditOrigin }) {
  const { db, actor, id } = options;
  await db.transaction().execute(async (trx) => {
    const [row] = await repo.listInScope(trx, actor, id);
    if (!row) throw notFound('通知', id);
    if (!(await repo.withdraw(trx, id))) {
      throw conflict('该通知已撤回 (the notice is already withdrawn)', { state: 'withdrawn' });
    }
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'notice.withdrawn',
      targetType: 'notice',
      targetId: id,
    });
  });
  const [row] = await repo.listInScope(db, actor, id);
  return row!;
}
