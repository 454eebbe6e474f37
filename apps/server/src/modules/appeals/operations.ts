import {
  APPEAL_WORKFLOW,
  type AppealAction,
  type AppealRelation,
  type AppealState,
  allowedAppealActions,
  appealExcludesEvent,
  isWithinScope,
  label,
  monthOf,
} from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import type { PushHub } from '../notifications/hub.ts';
import { flush, newOutbox, notifyUsers } from '../notifications/notify.ts';
import { decideTransition } from '../workflow/decide.ts';
import { type AppealEventKind, COUNT_EVENT_KIND } from './counts.ts';
import { appealRepository as repo } from './repository.ts';

/**
 * What the caller is to an appeal: the appellant, or a leader — someone who decides appeals and
 * whose scope covers the appellant's grid (never for their own appeal).
 */
export function appealRelationsOf(
  actor: Actor,
  appeal: { appellant_id: string; unit_path: string },
): Set<AppealRelation> {
  const relations = new Set<AppealRelation>();
  if (appeal.appellant_id === actor.userId) relations.add('appellant');
  else if (
    actor.permissions.has('assessment.decide_appeals') &&
    isWithinScope(appeal.unit_path, actor.scopePaths)
  ) {
    relations.add('leader');
  }
  return relations;
}

export function appealActionsFor(
  actor: Actor,
  appeal: { appellant_id: string; unit_path: string; state: string },
) {
  return allowedAppealActions(appeal.state as AppealState, appealRelationsOf(actor, appeal));
}

/**
 * A worker contests one event counted against them: the count must name the event's kind, the
 * event must concern them, the photos must be their own uploads; one appeal per event (409).
 */
export async function fileAppeal(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  eventKind: AppealEventKind;
  eventId: string;
  countName: string;
  reason: string;
  attachmentIds: readonly string[];
}): Promise<string> {
  const { actor } = options;
  const kind = COUNT_EVENT_KIND[options.countName];
  if (!kind) throw badRequest('countName', `不能申诉的统计项 ${options.countName} (not an appealable count)`);
  if (kind !== options.eventKind) {
    throw badRequest(
      'eventKind',
      `统计项 ${options.countName} 计的是 ${kind} (that count counts ${kind} events)`,
      {
        expected: kind,
      },
    );
  }
  const reason = options.reason.trim();
  if (!reason) throw badRequest('reason', '请填写申诉理由 (a reason is required)');
  return options.db.transaction().execute(async (trx) => {
    const event = await repo.eventOf(trx, kind, options.eventId, actor.userId);
    if (!event) {
      throw badRequest(
        'eventId',
        `没有与您相关的该${kind === 'case' ? '事件' : '记录'} (no such event of yours)`,
      );
    }
    const unitPath = await repo.homePath(trx, actor.userId);
    if (!unitPath) throw badRequest('eventId', '您没有所属网格，无法申诉 (you belong to no grid)');
    const photos = [...new Set(options.attachmentIds)];
    const own = await repo.ownUploads(trx, actor.userId, photos);
    const stray = photos.find((id) => !own.includes(id));
    if (stray) {
      throw badRequest('attachmentIds', `照片 ${stray} 不存在或不是您上传的 (unknown or not your upload)`);
    }
    const id = await repo.insert(trx, {
      appellantId: actor.userId,
      unitPath,
      eventKind: kind,
      eventId: options.eventId,
      countName: options.countName,
      period: monthOf(event.at),
      reason,
    });
    if (!id) {
      throw conflict('该事项已申诉过 (this item was already appealed)', {
        eventKind: kind,
        eventId: options.eventId,
      });
    }
    await repo.addPhotos(trx, id, photos);
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'assessment.appeal.filed',
      targetType: 'assessment_appeal',
      targetId: id,
      details: {
        eventKind: kind,
        eventId: options.eventId,
        countName: options.countName,
        photos: photos.length,
      },
    });
    return id;
  });
}

/**
 * Upholds or overturns an appeal through the one workflow mechanism; upholding leaves the event
 * out of the appellant's counts (assessment_exclusions) in the same transaction. The appellant is
 * notified (`appeal.decided`, the outcome as its title, the leader's note as its body) in that
 * transaction too, pushed after commit. Audited.
 */
export async function actOnAppeal(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  hub?: PushHub;
  id: string;
  action: AppealAction;
  input: { version: number; reason?: string };
}): Promise<void> {
  const { actor, id, action } = options;
  const outbox = newOutbox();
  await options.db.transaction().execute(async (trx) => {
    const appeal = await repo.findVisible(trx, actor, id, true);
    if (!appeal) throw notFound('申诉', id);
    const reason = options.input.reason?.trim() ?? '';
    const to = decideTransition({
      workflow: APPEAL_WORKFLOW,
      noun: { zh: '申诉', en: 'appeal' },
      item: { state: appeal.state, version: appeal.version },
      action,
      expectedVersion: options.input.version,
      relations: appealRelationsOf(actor, appeal),
      input: { reason: reason || undefined },
    });
    await repo.decide(trx, { id, state: to, by: actor.userId, reason, version: appeal.version });
    if (appealExcludesEvent(to)) {
      await repo.exclude(trx, {
        userId: appeal.appellant_id,
        eventKind: appeal.event_kind,
        eventId: appeal.event_id,
        reason: `申诉 ${id} 成立${reason ? `：${reason}` : ''}`,
        by: actor.userId,
      });
    }
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: `assessment.appeal.${to}`,
      targetType: 'assessment_appeal',
      targetId: id,
      details: {
        appellantId: appeal.appellant_id,
        eventKind: appeal.event_kind,
        eventId: appeal.event_id,
        countName: appeal.count_name,
        reason,
      },
    });
    await notifyUsers(trx, outbox, {
      userIds: [appeal.appellant_id],
      caseId: null,
      kind: 'appeal.decided',
      titleKey: to === 'upheld' ? 'appeal.decided.upheld' : 'appeal.decided.overturned',
      subject: {
        zh: `${label('eventCount', appeal.count_name, 'zh')}（${appeal.period}）`,
        en: `${label('eventCount', appeal.count_name, 'en')} (${appeal.period})`,
      },
      body: reason,
      link: '/assessment/appeals',
    });
  });
  if (options.hub) flush(options.hub, outbox);
}
