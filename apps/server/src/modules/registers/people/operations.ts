import {
  RESIDENCE_ROLE_FIELDS,
  type ResidenceRole,
  validateExtraFields,
  validateIdNumber,
  validatePhone,
} from '@wangge/rules';
import { badRequest, conflict, notFound } from '../../../http/errors.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope, inScope } from '../../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../../audit/record.ts';
import {
  assertNotBefore,
  type Executor,
  isoDate,
  moveIndexedEntity,
  type RegistersContext,
  recordEvent,
  reindexEntity,
  todayInChina,
} from '../shared.ts';
import { peopleRepository as repo } from './repository.ts';

export function checkIdNumber(value: string, field = 'idNumber') {
  const result = validateIdNumber(value);
  if (!result.ok) throw badRequest(field, result.reason);
  return result;
}

export function checkPhone(value: string, field = 'phone') {
  const result = validatePhone(value);
  if (!result.ok) throw badRequest(field, result.reason);
  return result.normalized;
}

export function checkRoleData(kind: ResidenceRole, data: unknown) {
  const result = validateExtraFields(RESIDENCE_ROLE_FIELDS[kind], data ?? {});
  if (!result.ok) throw badRequest(`role.data.${result.field}`, result.reason);
  return result.values;
}

/** Where a person is placed: an address (its grid) or, without one, a grid. */
export async function placement(
  trx: Executor,
  actor: Actor,
  target: { addressId?: string | null; gridId?: string | null },
) {
  if (target.addressId) {
    const a = await trx
      .selectFrom('addresses as a')
      .innerJoin('org_units as o', 'o.id', 'a.grid_id')
      .select(['a.id', 'a.grid_id', 'a.grid_path', 'a.retired_at', 'o.level', 'a.full_name'])
      .where('a.id', '=', target.addressId)
      .executeTakeFirst();
    assertInScope(actor, a?.grid_path, '地址', target.addressId);
    if (a!.retired_at) throw conflict('地址已注销 (the address is retired)', { field: 'addressId' });
    if (a!.level !== 'grid')
      throw badRequest('addressId', '地址须落在一个网格内 (the address must lie in one grid)');
    return { addressId: a!.id, gridId: a!.grid_id, gridPath: a!.grid_path };
  }
  if (target.gridId) {
    const o = await trx
      .selectFrom('org_units')
      .select(['id', 'path', 'level'])
      .where('id', '=', target.gridId)
      .executeTakeFirst();
    assertInScope(actor, o?.path, '网格', target.gridId);
    if (o!.level !== 'grid') throw badRequest('gridId', '须为网格 (gridId must be a grid)');
    return { addressId: null, gridId: o!.id, gridPath: o!.path };
  }
  throw badRequest('addressId', '需要 addressId 或 gridId (addressId or gridId is required)');
}

export interface NewPerson {
  name: string;
  idNumber: string;
  phone?: string;
  ethnicity?: string;
  hukouPlace?: string;
  addressId?: string;
  gridId?: string;
  role?: { kind: ResidenceRole; data?: Record<string, unknown>; validFrom?: string };
}

export async function createPerson(
  options: RegistersContext & { actor: Actor; origin: AuditOrigin; input: NewPerson },
): Promise<string> {
  const id = checkIdNumber(options.input.idNumber);
  const phone = options.input.phone ? checkPhone(options.input.phone) : null;
  const roleData = options.input.role
    ? checkRoleData(options.input.role.kind, options.input.role.data)
    : null;
  return options.db.transaction().execute(async (trx) => {
    const existing = await repo.byIdHash(trx, options.cipher.hash('id', id.normalized));
    if (existing) {
      // One identity per person. The id of the existing record is only named to those who may see it.
      throw conflict('该身份证号码已登记 (a person with this ID number is already registered)', {
        field: 'idNumber',
        ...(inScope(options.actor, existing.grid_path) ? { personId: existing.id } : {}),
      });
    }
    return insertPerson(trx, { ...options, id, phone, roleData });
  });
}

/** Registers a checked new person inside the caller's transaction (no ID-number lookup). */
export async function insertPerson(
  trx: Executor,
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    input: NewPerson;
    id: ReturnType<typeof checkIdNumber>;
    phone: string | null;
    roleData: Record<string, unknown> | null;
  },
): Promise<string> {
  const { cipher, actor, input, id, phone, roleData } = options;
  const place = await placement(trx, actor, input);
  const { id: personId } = await repo.insert(trx, {
    name: input.name,
    gender: id.gender,
    birth_date: id.birthDate,
    ethnicity: input.ethnicity ?? null,
    id_number_enc: cipher.encrypt(id.normalized),
    id_number_hash: cipher.hash('id', id.normalized),
    phone_enc: phone ? cipher.encrypt(phone) : null,
    phone_hash: phone ? cipher.hash('phone', phone) : null,
    hukou_place: input.hukouPlace ?? null,
    address_id: place.addressId,
    grid_id: place.gridId,
    grid_path: place.gridPath,
  });
  await reindexEntity(trx, {
    type: 'person',
    id: personId,
    gridPath: place.gridPath,
    texts: [input.name],
    digests: cipher.fragmentsOf(id.normalized, phone),
  });
  const today = todayInChina();
  if (input.role && roleData) {
    await trx
      .insertInto('person_roles')
      .values({
        person_id: personId,
        kind: input.role.kind,
        data: JSON.stringify(roleData),
        valid_from: input.role.validFrom ?? today,
      })
      .execute();
  }
  await recordEvent(trx, {
    entityType: 'person',
    entityId: personId,
    kind: 'created',
    effectiveDate: input.role?.validFrom ?? today,
    actor,
    gridPath: place.gridPath,
    changes: { name: input.name, addressId: place.addressId, role: input.role?.kind ?? null },
  });
  await recordAudit(trx, options.origin, {
    userId: actor.userId,
    action: 'registers.person_create',
    targetType: 'person',
    targetId: personId,
  });
  return personId;
}

export async function updatePerson(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    id: string;
    changes: { name?: string; phone?: string | null; ethnicity?: string | null; hukouPlace?: string | null };
  },
) {
  const { db, cipher, actor, changes } = options;
  const phone = changes.phone ? checkPhone(changes.phone) : changes.phone;
  await db.transaction().execute(async (trx) => {
    const row = await repo.findForUpdate(trx, options.id);
    assertInScope(actor, row?.grid_path, '人员', options.id);
    const values: Parameters<typeof repo.update>[2] = {};
    // The history names which fields changed; secrets only as "changed".
    const recorded: Record<string, unknown> = {};
    if (changes.name !== undefined && changes.name !== row!.name) {
      values.name = changes.name;
      recorded.name = { from: row!.name, to: changes.name };
    }
    if (changes.ethnicity !== undefined) {
      values.ethnicity = changes.ethnicity;
      recorded.ethnicity = { from: row!.ethnicity, to: changes.ethnicity };
    }
    if (changes.hukouPlace !== undefined) {
      values.hukou_place = changes.hukouPlace;
      recorded.hukouPlace = { from: row!.hukou_place, to: changes.hukouPlace };
    }
    if (phone !== undefined) {
      values.phone_enc = phone ? cipher.encrypt(phone) : null;
      values.phone_hash = phone ? cipher.hash('phone', phone) : null;
      recorded.phone = 'changed';
    }
    if (Object.keys(values).length === 0) return;
    await repo.update(trx, row!.id, values);
    if (values.name !== undefined || phone !== undefined) {
      await reindexEntity(trx, {
        type: 'person',
        id: row!.id,
        gridPath: row!.grid_path,
        texts: [values.name ?? row!.name],
        digests: cipher.fragmentsOf(
          cipher.decrypt(row!.id_number_enc),
          phone === undefined ? (row!.phone_enc ? cipher.decrypt(row!.phone_enc) : null) : phone,
        ),
      });
    }
    await recordEvent(trx, {
      entityType: 'person',
      entityId: row!.id,
      kind: 'updated',
      effectiveDate: todayInChina(),
      actor,
      gridPath: row!.grid_path,
      changes: recorded,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.person_update',
      targetType: 'person',
      targetId: row!.id,
      details: { fields: Object.keys(recorded) },
    });
  });
}

/**
 * Moves the person's register place to an address (moving in) inside the caller's transaction:
 * the scope path of the person and of their search postings follow.
 */
export async function relocatePerson(
  trx: Executor,
  personId: string,
  place: { addressId: string | null; gridId: string; gridPath: string },
) {
  await repo.update(trx, personId, {
    address_id: place.addressId,
    grid_id: place.gridId,
    grid_path: place.gridPath,
  });
  await moveIndexedEntity(trx, 'person', personId, place.gridPath);
}

const STATUS_EVENT = { moved_out: 'moved_out', deregistered: 'deregistered', deceased: 'died' } as const;

/**
 * Moving out of the area, deregistration, death: the person stays (nothing is deleted), their
 * current house links and roles end on the effective date; on death open group records close too.
 */
export async function changePersonStatus(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    id: string;
    status: PersonStatusChange;
    effectiveDate: string;
    reason?: string;
  },
) {
  await options.db.transaction().execute(async (trx) => {
    const row = await repo.findForUpdate(trx, options.id);
    assertInScope(options.actor, row?.grid_path, '人员', options.id);
    await applyPersonStatus(trx, { ...options, row: row! });
  });
}

type PersonStatusChange = 'moved_out' | 'deregistered' | 'deceased';

/** changePersonStatus inside the caller's transaction, the person row locked by the caller. */
export async function applyPersonStatus(
  trx: Executor,
  options: {
    actor: Actor;
    origin: AuditOrigin;
    row: NonNullable<Awaited<ReturnType<typeof repo.findForUpdate>>>;
    status: PersonStatusChange;
    effectiveDate: string;
    reason?: string;
  },
) {
  const { actor, effectiveDate, row } = options;
  if (row.status === 'deceased') throw conflict('该人员已死亡登记 (the person is registered as deceased)');
  if (row.status === options.status)
    throw conflict(`状态已是 ${options.status} (status is already ${options.status})`);
  assertNotBefore('effectiveDate', effectiveDate, isoDate(row.birth_date), '出生日期');
  const links = await trx
    .updateTable('person_house_links')
    .set({ valid_to: effectiveDate, end_reason: options.status })
    .where('person_id', '=', row.id)
    .where('valid_to', 'is', null)
    .where('kind', '!=', options.status === 'moved_out' ? 'owner' : ('' as 'owner'))
    .where('valid_from', '<=', effectiveDate)
    .returning(['house_id', 'kind'])
    .execute();
  if (options.status !== 'moved_out') {
    await trx
      .updateTable('person_roles')
      .set({ valid_to: effectiveDate })
      .where('person_id', '=', row.id)
      .where('valid_to', 'is', null)
      .where('valid_from', '<=', effectiveDate)
      .execute();
  }
  if (options.status === 'deceased') {
    for (const table of ['special_group_records', 'care_group_records'] as const) {
      const closed = await trx
        .updateTable(table)
        .set({ closed_on: effectiveDate, close_reason: '死亡 (died)' })
        .where('person_id', '=', row.id)
        .where('closed_on', 'is', null)
        .where('opened_on', '<=', effectiveDate)
        .returning(['id', 'type_code'])
        .execute();
      for (const c of closed) {
        await recordEvent(trx, {
          entityType: 'person',
          entityId: row.id,
          kind: 'group_closed',
          effectiveDate,
          actor,
          gridPath: row.grid_path,
          specialType: table === 'special_group_records' ? c.type_code : null,
          changes: {
            group: table === 'special_group_records' ? 'special' : 'care',
            recordId: c.id,
            typeCode: c.type_code,
            reason: 'died',
          },
        });
      }
    }
  }
  await repo.update(trx, row.id, { status: options.status, status_date: effectiveDate });
  const kind = STATUS_EVENT[options.status];
  await recordEvent(trx, {
    entityType: 'person',
    entityId: row.id,
    kind,
    effectiveDate,
    actor,
    gridPath: row.grid_path,
    changes: {
      status: { from: row.status, to: options.status },
      reason: options.reason ?? null,
      endedLinks: links.length,
    },
  });
  for (const link of links) {
    const house = await trx
      .selectFrom('houses')
      .select('grid_path')
      .where('id', '=', link.house_id)
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      entityType: 'house',
      entityId: link.house_id,
      kind: link.kind === 'owner' ? 'unlinked' : 'moved_out',
      effectiveDate,
      actor,
      gridPath: house.grid_path,
      changes: { personId: row.id, linkKind: link.kind, reason: kind },
    });
  }
  await recordAudit(trx, options.origin, {
    userId: actor.userId,
    action: `registers.person_${options.status}`,
    targetType: 'person',
    targetId: row.id,
    details: { effectiveDate },
  });
}

export async function openRole(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    personId: string;
    kind: ResidenceRole;
    data?: Record<string, unknown>;
    validFrom: string;
  },
) {
  const { db, actor } = options;
  const data = checkRoleData(options.kind, options.data);
  return db.transaction().execute(async (trx) => {
    const person = await repo.findForUpdate(trx, options.personId);
    assertInScope(actor, person?.grid_path, '人员', options.personId);
    const open = await trx
      .selectFrom('person_roles')
      .select('id')
      .where('person_id', '=', person!.id)
      .where('kind', '=', options.kind)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    if (open)
      throw conflict('该身份已存在 (the person already holds this role)', { field: 'kind', roleId: open.id });
    const { id } = await trx
      .insertInto('person_roles')
      .values({
        person_id: person!.id,
        kind: options.kind,
        data: JSON.stringify(data),
        valid_from: options.validFrom,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      entityType: 'person',
      entityId: person!.id,
      kind: 'role_opened',
      effectiveDate: options.validFrom,
      actor,
      gridPath: person!.grid_path,
      changes: { roleId: id, kind: options.kind, data },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.role_open',
      targetType: 'person',
      targetId: person!.id,
      details: { kind: options.kind },
    });
    return id;
  });
}

export async function changeRole(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    personId: string;
    roleId: string;
    data?: Record<string, unknown>;
    validTo?: string;
  },
) {
  const { db, actor } = options;
  await db.transaction().execute(async (trx) => {
    const person = await repo.findForUpdate(trx, options.personId);
    assertInScope(actor, person?.grid_path, '人员', options.personId);
    const role = await repo.role(trx, options.roleId);
    if (!role || role.person_id !== person!.id) throw notFound('身份', options.roleId);
    if (role.valid_to !== null) throw conflict('该身份已结束 (the role has ended)');
    const data = options.data ? checkRoleData(role.kind, options.data) : undefined;
    if (options.validTo) assertNotBefore('validTo', options.validTo, isoDate(role.valid_from), '开始日期');
    await trx
      .updateTable('person_roles')
      .set({
        ...(data ? { data: JSON.stringify(data) } : {}),
        ...(options.validTo ? { valid_to: options.validTo } : {}),
      })
      .where('id', '=', role.id)
      .execute();
    await recordEvent(trx, {
      entityType: 'person',
      entityId: person!.id,
      kind: options.validTo ? 'role_closed' : 'updated',
      effectiveDate: options.validTo ?? todayInChina(),
      actor,
      gridPath: person!.grid_path,
      changes: { roleId: role.id, kind: role.kind, ...(data ? { data } : {}) },
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: options.validTo ? 'registers.role_close' : 'registers.role_update',
      targetType: 'person',
      targetId: person!.id,
      details: { roleId: role.id },
    });
  });
}

/** Plaintext of one secret field, for a stated reason; the reveal itself is audited. */
export async function revealPersonField(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    id: string;
    field: 'idNumber' | 'phone';
    reason: string;
  },
): Promise<string | null> {
  const { db, cipher, actor } = options;
  return db.transaction().execute(async (trx) => {
    const row = await repo.find(trx, options.id);
    assertInScope(actor, row?.grid_path, '人员', options.id);
    const blob = options.field === 'idNumber' ? row!.id_number_enc : row!.phone_enc;
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.reveal',
      targetType: 'person',
      targetId: row!.id,
      details: { field: options.field, reason: options.reason },
    });
    return blob ? cipher.decrypt(blob) : null;
  });
}

/** Exact lookup by ID number through its keyed hash; audited, found only within scope. */
export async function findPersonByIdNumber(
  options: RegistersContext & { actor: Actor; origin: AuditOrigin; idNumber: string },
): Promise<string | null> {
  const { db, cipher, actor } = options;
  const id = checkIdNumber(options.idNumber);
  const hit = await repo.byIdHash(db, cipher.hash('id', id.normalized));
  const found = hit && inScope(actor, hit.grid_path) ? hit.id : null;
  await recordAudit(db, options.origin, {
    userId: actor.userId,
    action: 'registers.lookup_id_number',
    targetType: 'person',
    targetId: found,
    details: { found: found !== null },
  });
  return found;
}
