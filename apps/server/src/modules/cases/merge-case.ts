import type { Db } from '../../db/database.ts';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { MERGEABLE } from './act-on-case.ts';
import { relationsOf } from './relations.ts';
import { caseRepository as repo } from './repository.ts';
import { appendStep } from './steps.ts';
import { caseVisible } from './visibility.ts';

/** A duplicate report is closed as merged (voided) into the case that carries on. */
export async function mergeCase(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  caseId: string;
  intoCaseId: string;
  version: number;
}): Promise<void> {
  const { actor } = options;
  if (options.caseId === options.intoCaseId)
    throw badRequest('intoCaseId', '不能合并到自身 (cannot merge a case into itself)');
  await options.db.transaction().execute(async (trx) => {
    const visible = await trx
      .selectFrom('cases as c')
      .select('c.id')
      .where('c.id', 'in', [options.caseId, options.intoCaseId])
      .where(caseVisible(actor))
      .execute();
    if (!visible.some((v) => v.id === options.caseId)) throw notFound('事件', options.caseId);
    if (!visible.some((v) => v.id === options.intoCaseId))
      throw badRequest('intoCaseId', `事件 ${options.intoCaseId} 不存在 (unknown case)`);
    const kase = (await repo.lockCase(trx, options.caseId))!;
    const into = (await repo.lockCase(trx, options.intoCaseId))!;
    if (kase.version !== options.version) {
      throw new AppError(
        409,
        'stale_version',
        '事件已被他人更新，请刷新后重试 (the case changed since you loaded it)',
        {
          field: 'version',
          state: kase.state,
          version: kase.version,
        },
      );
    }
    if (!MERGEABLE.has(kase.state)) {
      throw new AppError(
        409,
        'illegal_transition',
        '该状态的事件不能合并 (only cases not yet dispatched can be merged)',
        {
          state: kase.state,
          action: 'merge',
        },
      );
    }
    if (into.state === 'voided' || into.merged_into)
      throw badRequest('intoCaseId', '目标事件已作废 (target case is voided)');
    if (!relationsOf(actor, kase, []).has('dispatcher'))
      throw forbidden('只有调度人员可以合并事件 (only dispatchers merge cases)');
    await trx
      .updateTable('cases')
      .set({
        state: 'voided',
        merged_into: into.id,
        version: kase.version + 1,
        updated_at: new Date(),
        step_due_at: null,
      })
      .where('id', '=', kase.id)
      .execute();
    await appendStep(trx, {
      caseId: kase.id,
      action: 'merge',
      fromState: kase.state,
      toState: 'voided',
      actor,
      actorUnitPath: kase.grid_path,
      note: `与事件 ${into.code} 重复，已合并`,
      details: { into: { id: into.id, code: into.code }, duplicate: true },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'cases.merge',
      targetType: 'case',
      targetId: kase.id,
      details: { into: into.id },
    });
  });
}
