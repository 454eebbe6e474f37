// Permissions are data-free names; roles (in the database) bundle them. Scope is separate:
// a permission says what kind of thing a user may do, the scope says where.
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'grids.read',
  'grids.write',
  'users.read',
  'users.write',
  'audit.read',
  'cases.read',
  'cases.report',
  'cases.dispatch',
  'cases.handle',
  'cases.verify',
  'cases.approve',
  'cases.audit',
  'cases.supervise',
  'cases.stats',
  'cases.configure',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export type TeamRole = 'leader' | 'instructor' | 'full_time' | 'part_time';
export const TEAM_ROLES: readonly TeamRole[] = ['leader', 'instructor', 'full_time', 'part_time'];
