// Who may hand out which power (等保 2.0 三级, OWASP ASVS V4.1): nobody grants, or takes over an
// account holding, a permission they do not hold themselves. Otherwise a lower operator could
// create a higher account, log in as it and climb; or reset the password of one above them.

export interface RolePermissions {
  code: string;
  permissions: readonly string[];
}

/** True when every permission of `wanted` is among `held`; the empty set is held by everyone. */
export function holdsAll(held: ReadonlySet<string>, wanted: Iterable<string>): boolean {
  for (const permission of wanted) if (!held.has(permission)) return false;
  return true;
}

/** The codes of the roles the holder of `held` may grant: those whose permissions they all hold. */
export function grantableRoles(held: ReadonlySet<string>, roles: readonly RolePermissions[]): Set<string> {
  return new Set(roles.filter((r) => holdsAll(held, r.permissions)).map((r) => r.code));
}

/**
 * The requested role codes the holder of `held` may not grant, in request order; unknown codes
 * are not reported here (they are bad input, not a refusal).
 */
export function ungrantedRoles(
  held: ReadonlySet<string>,
  roles: readonly RolePermissions[],
  requested: readonly string[],
): string[] {
  const byCode = new Map(roles.map((r) => [r.code, r.permissions]));
  return requested.filter((code) => {
    const permissions = byCode.get(code);
    return permissions !== undefined && !holdsAll(held, permissions);
  });
}

/**
 * Whether the holder of `held` may manage (edit, re-place, reset, unlock, deactivate) a user whose
 * roles carry `targetPermissions`: only if that user holds nothing the manager lacks.
 */
export function mayManageUser(held: ReadonlySet<string>, targetPermissions: Iterable<string>): boolean {
  return holdsAll(held, targetPermissions);
}
