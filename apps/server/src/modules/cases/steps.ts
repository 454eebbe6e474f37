import { type CaseStepName, SYSTEM_ACTOR_LABELS, type SystemActor } from '@wangge/rules';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { badRequest } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';

export interface StepValues {
  caseId: string;
  /** A step name with a label (@wangge/rules caseStep), so a history never shows a bare code. */
  action: CaseStepName;
  fromState: string | null;
  toState: string;
  actor: Actor | null;
  /** Shown instead of the actor for steps the system takes (police routing, supervision). */
  systemActor?: SystemActor;
  actorUnitPath?: string;
  note?: string | null;
  reason?: string | null;
  publicNote?: string | null;
  details?: Record<string, unknown>;
  deadline?: Date | null;
  lon?: number | null;
  lat?: number | null;
  photoIds?: string[];
  /** When the step really happened, if earlier than now (a report queued offline on a phone). */
  at?: Date;
}

/** Appends one step to a case's history and attaches its photos to it. */
export async function appendStep(db: Db, values: StepValues): Promise<string> {
  // The next number is a subquery of the insert: one round trip per step.
  const step = await db
    .insertInto('case_steps')
    .values(
      stepRow(
        values,
        sql<number>`(SELECT coalesce(max(seq), 0) + 1 FROM case_steps WHERE case_id = ${values.caseId})`,
      ),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  await linkStepPhotos(db, values, step.id);
  return step.id;
}

/** The columns of a step row; `seq` may be SQL. The acting unit is a subquery, not a query of its own. */
function stepRow(values: StepValues, seq: number | RawBuilder<number>) {
  const unit =
    values.actor && values.actorUnitPath
      ? sql<string | null>`(SELECT id FROM org_units
          WHERE path IN (${sql.join(values.actor.scopePaths.length ? values.actor.scopePaths : ['-'])})
            AND ${values.actorUnitPath} LIKE path || '%'
          ORDER BY length(path) DESC LIMIT 1)`
      : null;
  return {
    case_id: values.caseId,
    seq,
    action: values.action,
    from_state: values.fromState,
    to_state: values.toState,
    actor_user_id: values.actor?.userId ?? null,
    actor_name: values.actor?.displayName ?? SYSTEM_ACTOR_LABELS[values.systemActor ?? 'system'].zh,
    actor_roles: [...(values.actor?.roles ?? [])],
    actor_unit_id: unit,
    note: values.note ?? null,
    reason: values.reason ?? null,
    public_note: values.publicNote ?? null,
    details: JSON.stringify(values.details ?? {}),
    deadline: values.deadline ?? null,
    ...(values.at ? { at: values.at } : {}),
    lon: values.lon ?? null,
    lat: values.lat ?? null,
  };
}

/** Attaches the step's photos (if any) once the step exists. */
async function linkStepPhotos(db: Db, values: StepValues, stepId: string): Promise<void> {
  if (values.photoIds?.length) await linkPhotos(db, values.actor, values.caseId, stepId, values.photoIds);
}

/** Photos must be the actor's own uploads, not yet attached to any case. */
async function linkPhotos(db: Db, actor: Actor | null, caseId: string, stepId: string, photoIds: string[]) {
  const ids = [...new Set(photoIds)];
  const linked = await db
    .updateTable('attachments')
    .set({ case_id: caseId, step_id: stepId })
    .where('id', 'in', ids)
    .where('uploaded_by', '=', actor?.userId ?? '0')
    .where('case_id', 'is', null)
    .returning('id')
    .execute();
  if (linked.length !== ids.length) throw unavailable(ids.filter((id) => !linked.some((l) => l.id === id)));
}

/** Which of a report's photos were not the actor's own free uploads, once its statement refused them. */
export async function photosUnavailable(db: Db, actor: Actor, ids: string[]) {
  // In a caller's transaction the refused statement has ended it (nothing more can be read there):
  // all are named. Only a race leads here, as callers in a transaction check the photos first.
  if (db.isTransaction) return unavailable(ids);
  const free = await db
    .selectFrom('attachments')
    .select('id')
    .where('id', 'in', ids)
    .where('uploaded_by', '=', actor.userId)
    .where('case_id', 'is', null)
    .execute();
  return unavailable(ids.filter((id) => !free.some((f) => f.id === id)));
}

function unavailable(missing: string[]) {
  return badRequest(
    'photoIds',
    `照片 ${missing.join(', ')} 不存在、不是您上传的或已用于其他事件 (unknown or already used photos)`,
    { missing },
  );
}
