import { maskPhone } from '@wangge/rules';
import { iso } from '../../http/schemas.ts';
import type { UserRow } from './repository.ts';

export function presentUser(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    phone: maskPhone(row.phone),
    active: row.active,
    lockedUntil: row.locked_until && row.locked_until > new Date() ? iso(row.locked_until) : null,
    roles: row.roles ?? [],
    assignments: row.assignments ?? [],
    createdAt: iso(row.created_at),
  };
}
