// Household members changed at the door during a visit: a newborn or a new tenant joins, a member
// moves out or dies. Each change is one transaction; the phone may send it again after a lost
// answer, so a change already made is answered as done instead of failing.
import type { HouseLinkKind } from '@wangge/rules';
import { conflict } from '../../../http/errors.ts';
import type { Actor } from '../../access/actor.ts';
import { assertInScope } from '../../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../../audit/record.ts';
import { linkInTransaction } from '../links/operations.ts';
import { applyPersonStatus, checkIdNumber, checkPhone, insertPerson } from '../people/operations.ts';
import { peopleRepository } from '../people/repository.ts';
import { assertNotBefore, isoDate, type RegistersContext, recordEvent } from '../shared.ts';
import { houseRepository as repo } from './repository.ts';

export interface NewMember {
  name: string;
  idNumber: string;
  phone?: string;
  ethnicity?: string;
}

/**
 * Adds a member: an existing person (personId) or a new one registered at the house's address.
 * A new person whose ID number is registered already is that person (a resent request, or the
 * worker did not find them by search) when the caller may see them.
 */
export async function addHouseMember(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    houseId: string;
    kind: HouseLinkKind;
    validFrom: string;
    member: { personId: string } | { person: NewMember };
  },
): Promise<{ personId: string; linkId: string; created: boolean }> {
  const { actor, cipher } = options;
  const checked =
    'person' in options.member
      ? {
          input: options.member.person,
          id: checkIdNumber(options.member.person.idNumber, 'person.idNumber'),
          phone: options.member.person.phone ? checkPhone(options.member.person.phone, 'person.phone') : null,
        }
      : null;
  return options.db.transaction().execute(async (trx) => {
    const house = await repo.lock(trx, options.houseId);
    assertInScope(actor, house?.grid_path, '房屋', options.houseId);
    if (house!.retired_at) throw conflict('房屋已注销 (the house is retired)', { field: 'houseId' });
    let personId = 'personId' in options.member ? options.member.personId : null;
    let created = false;
    if (checked) {
      const existing = await peopleRepository.byIdHash(trx, cipher.hash('id', checked.id.normalized));
      if (existing) {
        assertInScope(actor, existing.grid_path, '人员', existing.id);
        personId = existing.id;
      } else {
        personId = await insertPerson(trx, {
          ...options,
          input: { ...checked.input, addressId: house!.address_id },
          id: checked.id,
          phone: checked.phone,
          roleData: null,
        });
        created = true;
      }
    }
    const open = await trx
      .selectFrom('person_house_links')
      .select('id')
      .where('person_id', '=', personId!)
      .where('house_id', '=', house!.id)
      .where('kind', '=', options.kind)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    if (open) return { personId: personId!, linkId: open.id, created };
    const linkId = await linkInTransaction(trx, { ...options, personId: personId! });
    return { personId: personId!, linkId, created };
  });
}

export type MemberEndReason = 'moved_out' | 'deceased' | 'other';

/**
 * Removes a member from the household: every current link of the person to this house ends on the
 * date with the reason (kept, never deleted). A death is also the person's status: their other
 * links, roles and open group records end with it.
 */
export async function removeHouseMember(
  options: RegistersContext & {
    actor: Actor;
    origin: AuditOrigin;
    houseId: string;
    personId: string;
    reason: MemberEndReason;
    validTo: string;
  },
): Promise<void> {
  const { actor, validTo, reason } = options;
  await options.db.transaction().execute(async (trx) => {
    const house = await repo.lock(trx, options.houseId);
    assertInScope(actor, house?.grid_path, '房屋', options.houseId);
    const person = await peopleRepository.findForUpdate(trx, options.personId);
    assertInScope(actor, person?.grid_path, '人员', options.personId);
    const links = await trx
      .selectFrom('person_house_links')
      .selectAll()
      .where('person_id', '=', person!.id)
      .where('house_id', '=', house!.id)
      .orderBy('id', 'desc')
      .execute();
    const open = links.filter((l) => l.valid_to === null);
    if (!open.length) {
      // Sent again after a lost answer: the member already left for this reason.
      if (links[0]?.end_reason === reason) return;
      throw conflict('该人员不是本户成员 (the person is not a member of this household)', {
        field: 'personId',
      });
    }
    for (const l of open) assertNotBefore('validTo', validTo, isoDate(l.valid_from), '入户日期');
    await trx
      .updateTable('person_house_links')
      .set({ valid_to: validTo, end_reason: reason })
      .where(
        'id',
        'in',
        open.map((l) => l.id),
      )
      .execute();
    const kinds = open.map((l) => l.kind);
    const living = kinds.some((k) => k !== 'owner');
    const changes = { personId: person!.id, houseId: house!.id, linkKinds: kinds, reason };
    for (const [entityType, entityId, gridPath] of [
      ['person', person!.id, person!.grid_path],
      ['house', house!.id, house!.grid_path],
    ] as const) {
      await recordEvent(trx, {
        entityType,
        entityId,
        kind: living ? 'moved_out' : 'unlinked',
        effectiveDate: validTo,
        actor,
        gridPath,
        changes,
      });
    }
    if (reason === 'deceased') {
      await applyPersonStatus(trx, {
        actor,
        origin: options.origin,
        row: person!,
        status: 'deceased',
        effectiveDate: validTo,
        reason: '入户走访登记死亡 (death recorded on a household visit)',
      });
    }
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'registers.household_remove',
      targetType: 'house',
      targetId: house!.id,
      details: changes,
    });
  });
}
