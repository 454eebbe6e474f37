import { maskIdNumber, maskPhone } from '@wangge/rules';
import type { Static } from 'typebox';
import type { DataCipher } from '../privacy/crypto.ts';
import type { PersonStatus } from '../schemas.ts';
import { isoDate } from '../shared.ts';

/** A person as every list and detail shows them: ID and phone masked, never plaintext. */
export function presentPersonSummary(
  cipher: DataCipher,
  row: {
    id: string;
    name: string;
    gender: string;
    birth_date: Date | string;
    id_number_enc: Buffer;
    phone_enc: Buffer | null;
    grid_id: string;
    status: string;
    status_date?: Date | string | null;
    address_id?: string | null;
    address?: string | null;
  },
) {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    birthDate: isoDate(row.birth_date),
    idNumber: maskIdNumber(cipher.decrypt(row.id_number_enc)),
    phone: row.phone_enc ? maskPhone(cipher.decrypt(row.phone_enc)) : null,
    gridId: row.grid_id,
    addressId: row.address_id ?? null,
    address: row.address ?? null,
    status: row.status as Static<typeof PersonStatus>,
    statusDate: isoDate(row.status_date ?? null),
  };
}

export function presentRole(row: {
  id: string;
  kind: string;
  data: unknown;
  valid_from: Date | string;
  valid_to: Date | string | null;
}) {
  return {
    id: row.id,
    kind: row.kind,
    data: row.data as Record<string, unknown> | null,
    validFrom: isoDate(row.valid_from),
    validTo: isoDate(row.valid_to),
    current: row.valid_to === null,
  };
}

export function presentGroupRecord(row: {
  id: string;
  person_id: string;
  type_code: string;
  extra: unknown;
  attention_level: string;
  opened_on: Date | string;
  closed_on: Date | string | null;
  close_reason: string | null;
}) {
  return {
    id: row.id,
    personId: row.person_id,
    typeCode: row.type_code,
    extra: row.extra as Record<string, unknown> | null,
    attentionLevel: row.attention_level,
    openedOn: isoDate(row.opened_on),
    closedOn: isoDate(row.closed_on),
    closeReason: row.close_reason,
    open: row.closed_on === null,
  };
}
