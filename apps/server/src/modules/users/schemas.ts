import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';
import { RoleRef, ScopeUnit } from '../auth/schemas.ts';

// Response shapes of the user routes; each `title` is the console's type name (scripts/gen-api.ts).

export const Role = Type.Object(
  {
    ...RoleRef.properties,
    permissions: Type.Array(Type.String()),
    builtin: Type.Boolean(),
    /** The caller may give this role: it holds none of the caller's missing permissions. */
    grantable: Type.Boolean(),
  },
  { title: 'Role' },
);

export const Department = Type.Object(
  {
    id: Id,
    code: Type.String(),
    name: Type.String(),
    kind: Type.String(),
    isPolice: Type.Boolean(),
    orgUnit: Nullable(Type.Object({ id: Id, name: Type.String() })),
  },
  { title: 'Department' },
);

export const Assignment = Type.Object(
  {
    orgUnit: Type.Optional(ScopeUnit),
    department: Type.Optional(Type.Object({ id: Id, name: Type.String() })),
  },
  { title: 'Assignment' },
);

export const UserSummary = Type.Object(
  {
    id: Id,
    username: Type.String(),
    displayName: Type.String(),
    /** Masked (138****0000). */
    phone: Nullable(Type.String()),
    active: Type.Boolean(),
    roles: Type.Array(Type.String()),
    assignments: Type.Array(Assignment),
    lockedUntil: Nullable(Timestamp),
    createdAt: Timestamp,
  },
  { title: 'UserSummary' },
);

export const UserDetail = Type.Object(
  { ...UserSummary.properties, actions: Type.Array(Type.String()) },
  { title: 'UserDetail' },
);
