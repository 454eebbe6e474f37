import { careGroupType, specialGroupType, validateExtraFields } from '@wangge/rules';
import { badRequest, conflict, forbidden, notFound } from '../../../http/errors.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope, can } from '../../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../../audit/record.ts';
import {
  assertNotBefore,
  type Executor,
  isoDate,
  lockPersonInScope,
  type RegistersContext,
  recordEvent,
  todayInChina,
} from '../shared.ts';

export type GroupFamily = 'special' | 'care';
const TABLE = { special: 'special_group_records', care: 'care_group_records' } as const;

function specOf(family: GroupFamily, typeCode: string) {
  const type = family === 'special' ? specialGroupType(typeCode) : careGroupType(typeCode);
  if (!type) throw badRequest('typeCode', `没有这个类型 ${typeCode} (unknown ${family} group type)`);
  return type.fields;
}

function checkExtra(family: GroupFamily, typeCode: string, extra: unknown) {
  const result = validateExtraFields(specOf(family, typeCode), extra ?? {});
  if (!result.ok) throw badRequest(result.field ? `extra.${result.field}` : 'extra', result.reason);
  return result.values;
}

/** A special record of a type the actor may not see does not exist for them. */
function assertVisible(actor: Actor, family: GroupFamily, typeCode: string, id: string) {
  if (family === 'special' && !can(actor, `special.${typeCode}` as 'special.01')) throw notFound('记录', id);
}

async function lockRecord(trx: Executor, actor: Actor, family: GroupFamily, id: string) {
  const rec = await trx
    .selectFrom(TABLE[family])
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!rec) throw notFound('记录', id);
  const person = await trx
    .selectFrom('people')
    .select(['id', 'grid_path'])
    .where('id', '=', rec.person_id)
    .executeTakeFirstOrThrow();
  assertInScope(actor, person.grid_path, '记录', id);
  assertVisible(actor, family, rec.type_code, id);
  return { rec, person };
}

export async function openGroupRecord(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    family: GroupFamily;
    personId: string;
    typeCode: string;
    extra?: Record<string, unknown>;
    attentionLevel: 'normal' | 'medium' | 'serious';
    openedOn: string;
  },
) {
  const { db, actor, family, typeCode } = options;
  if (family === 'special' && !can(actor, `special.${typeCode}` as 'special.01')) {
    throw forbidden(`缺少权限 special.${typeCode} (missing permission special.${typeCode})`, {
      permission: `special.${typeCode}`,
    });
  }
  const extra = checkExtra(family, typeCode, options.extra);
  return db.transaction().execute(async (trx) => {
    const person = await lockPersonInScope(trx, actor, options.personId);
    if (person.status !== 'active') throw conflict('人员非在册状态 (the person is not active)');
    assertNotBefore('openedOn', options.openedOn, isoDate(person.birth_date), '出生日期');
    const open = await trx
      .selectFrom(TABLE[family])
      .select('id')
      .where('person_id', '=', person.id)
      .where('type_code', '=', typeCode)
      .where('closed_on', 'is', null)
      .executeTakeFirst();
    if (open)
      throw conflict('已有未结束的同类记录 (an open record of this type exists)', {
        field: 'typeCode',
        recordId: open.id,
      });
    const { id } = await trx
      .insertInto(TABLE[family])
      .values({
        person_id: person.id,
        type_code: typeCode,
        extra: JSON.stringify(extra),
        attention_level: options.attentionLevel,
        opened_on: options.openedOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      entityType: 'person',
      entityId: person.id,
      kind: 'group_opened',
      effectiveDate: options.openedOn,
      actor,
      gridPath: person.grid_path,
      specialType: family === 'special' ? typeCode : null,
      changes: { group: family, recordId: id, typeCode, attentionLevel: options.attentionLevel },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: `registers.${family}_open`,
      targetType: 'person',
      targetId: person.id,
      details: { recordId: id, typeCode },
    });
    return id;
  });
}

export async function updateGroupRecord(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    family: GroupFamily;
    id: string;
    extra?: Record<string, unknown>;
    attentionLevel?: 'normal' | 'medium' | 'serious';
  },
) {
  const { db, actor, family } = options;
  await db.transaction().execute(async (trx) => {
    const { rec, person } = await lockRecord(trx, actor, family, options.id);
    if (rec.closed_on !== null) throw conflict('记录已结束 (the record is closed)');
    const extra = options.extra ? checkExtra(family, rec.type_code, options.extra) : undefined;
    await trx
      .updateTable(TABLE[family])
      .set({
        ...(extra ? { extra: JSON.stringify(extra) } : {}),
        ...(options.attentionLevel ? { attention_level: options.attentionLevel } : {}),
      })
      .where('id', '=', rec.id)
      .execute();
    await recordEvent(trx, {
      entityType: 'person',
      entityId: person.id,
      kind: 'group_updated',
      effectiveDate: todayInChina(),
      actor,
      gridPath: person.grid_path,
      specialType: family === 'special' ? rec.type_code : null,
      changes: {
        group: family,
        recordId: rec.id,
        typeCode: rec.type_code,
        ...(options.attentionLevel
          ? { attentionLevel: { from: rec.attention_level, to: options.attentionLevel } }
          : {}),
        ...(extra ? { extra: Object.keys(extra) } : {}),
      },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: `registers.${family}_update`,
      targetType: 'person',
      targetId: person.id,
      details: { recordId: rec.id },
    });
  });
}

export async function closeGroupRecord(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    family: GroupFamily;
    id: string;
    closedOn: string;
    reason: string;
  },
) {
  const { db, actor, family } = options;
  await db.transaction().execute(async (trx) => {
    const { rec, person } = await lockRecord(trx, actor, family, options.id);
    if (rec.closed_on !== null) throw conflict('记录已结束 (the record is closed)');
    assertNotBefore('closedOn', options.closedOn, isoDate(rec.opened_on), '开始日期');
    await trx
      .updateTable(TABLE[family])
      .set({ closed_on: options.closedOn, close_reason: options.reason })
      .where('id', '=', rec.id)
      .execute();
    await recordEvent(trx, {
      entityType: 'person',
      entityId: person.id,
      kind: 'group_closed',
      effectiveDate: options.closedOn,
      actor,
      gridPath: person.grid_path,
      specialType: family === 'special' ? rec.type_code : null,
      changes: { group: family, recordId: rec.id, typeCode: rec.type_code, reason: options.reason },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: `registers.${family}_close`,
      targetType: 'person',
      targetId: person.id,
      details: { recordId: rec.id },
    });
  });
}

export async function readGroupRecord(db: Executor, actor: Actor, family: GroupFamily, id: string) {
  const rec = await db.selectFrom(TABLE[family]).selectAll().where('id', '=', id).executeTakeFirst();
  if (!rec) throw notFound('记录', id);
  const person = await db
    .selectFrom('people')
    .select('grid_path')
    .where('id', '=', rec.person_id)
    .executeTakeFirstOrThrow();
  assertInScope(actor, person.grid_path, '记录', id);
  assertVisible(actor, family, rec.type_code, id);
  return rec;
}
