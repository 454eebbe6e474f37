import { Type } from 'typebox';
import { Id, Nullable, OrgLevel, Timestamp } from '../../http/schemas.ts';

// Response shapes of the auth routes. Each `title` names the type the console gets from the
// generated API types (scripts/gen-api.ts), so the names here are the console's names.

export const RoleRef = Type.Object(
  { code: Type.String(), nameZh: Type.String(), nameEn: Type.String() },
  { title: 'RoleRef' },
);

export const ScopeUnit = Type.Object(
  { id: Id, code: Type.String(), name: Type.String(), level: OrgLevel },
  { title: 'ScopeUnit' },
);

export const Me = Type.Object(
  {
    id: Id,
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(RoleRef),
    permissions: Type.Array(Type.String()),
    scope: Type.Array(ScopeUnit),
    departments: Type.Array(Type.Object({ id: Id, name: Type.String() })),
    /** The password was set for the user (seed, administrator): the console shows only /password. */
    passwordChangeRequired: Type.Boolean(),
  },
  { title: 'Me' },
);

/** csrfToken is null for a caller signed in by API token (no cookie, nothing to forge). */
export const Session = Type.Object({ user: Me, csrfToken: Nullable(Type.String()) }, { title: 'Session' });

const MaybeTimestamp = Nullable(Timestamp);

export const ApiToken = Type.Object(
  {
    id: Id,
    name: Type.String(),
    createdAt: Timestamp,
    lastUsedAt: MaybeTimestamp,
    expiresAt: MaybeTimestamp,
    revokedAt: MaybeTimestamp,
  },
  { title: 'ApiToken' },
);

export const CreatedToken = Type.Object(
  { id: Id, name: Type.String(), token: Type.String(), createdAt: Timestamp, expiresAt: MaybeTimestamp },
  { title: 'CreatedToken' },
);

/** One of my web sessions; the token never leaves the server. */
export const MySession = Type.Object(
  {
    id: Id,
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
    ip: Nullable(Type.String()),
    userAgent: Nullable(Type.String()),
    current: Type.Boolean(),
  },
  { title: 'MySession' },
);
