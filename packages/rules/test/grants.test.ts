import { describe, expect, it } from 'vitest';
import { grantableRoles, holdsAll, mayManageUser, ungrantedRoles } from '../src/index.ts';

const ROLES = [
  { code: 'admin', permissions: ['users.read', 'users.write', 'org.write', 'errands.configure'] },
  { code: 'operator', permissions: ['users.read', 'users.write'] },
  { code: 'reader', permissions: ['users.read'] },
  { code: 'configurer', permissions: ['errands.configure'] },
  { code: 'empty', permissions: [] },
];
const perms = (...p: string[]) => new Set(p);

describe('holdsAll', () => {
  it('is true for a subset, the whole set and the empty set', () => {
    expect(holdsAll(perms('a', 'b'), ['a'])).toBe(true);
    expect(holdsAll(perms('a', 'b'), ['b', 'a'])).toBe(true);
    expect(holdsAll(perms('a', 'b'), [])).toBe(true);
    expect(holdsAll(perms(), [])).toBe(true);
  });

  it('is false as soon as one permission is missing', () => {
    expect(holdsAll(perms('a'), ['a', 'b'])).toBe(false);
    expect(holdsAll(perms(), ['a'])).toBe(false);
    expect(holdsAll(perms('a.b'), ['a'])).toBe(false);
  });
});

describe('grantableRoles', () => {
  it('offers every role to the holder of all permissions', () => {
    const all = perms('users.read', 'users.write', 'org.write', 'errands.configure');
    expect([...grantableRoles(all, ROLES)].sort()).toEqual([
      'admin',
      'configurer',
      'empty',
      'operator',
      'reader',
    ]);
  });

  it('offers only the roles inside the holder’s permissions', () => {
    expect([...grantableRoles(perms('users.read', 'users.write'), ROLES)].sort()).toEqual([
      'empty',
      'operator',
      'reader',
    ]);
    expect([...grantableRoles(perms(), ROLES)]).toEqual(['empty']);
  });

  it('agrees with holdsAll on every pair', () => {
    for (const granter of ROLES) {
      const granted = grantableRoles(new Set(granter.permissions), ROLES);
      for (const target of ROLES) {
        expect(granted.has(target.code)).toBe(
          target.permissions.every((p) => granter.permissions.includes(p)),
        );
      }
    }
  });
});

describe('ungrantedRoles', () => {
  it('names the requested roles beyond the holder, in request order', () => {
    expect(ungrantedRoles(perms('users.read'), ROLES, ['configurer', 'reader', 'admin'])).toEqual([
      'configurer',
      'admin',
    ]);
  });

  it('is empty when every requested role is within the holder', () => {
    expect(
      ungrantedRoles(perms('users.read', 'users.write'), ROLES, ['operator', 'reader', 'empty']),
    ).toEqual([]);
    expect(ungrantedRoles(perms(), ROLES, [])).toEqual([]);
  });

  it('leaves unknown codes to the caller’s validation', () => {
    expect(ungrantedRoles(perms(), ROLES, ['nosuchrole'])).toEqual([]);
  });
});

describe('mayManageUser', () => {
  it('allows a target holding no more than the manager', () => {
    expect(mayManageUser(perms('users.read', 'users.write'), ['users.read'])).toBe(true);
    expect(mayManageUser(perms('users.read'), ['users.read'])).toBe(true);
    expect(mayManageUser(perms('users.read'), [])).toBe(true);
  });

  it('refuses a target holding anything the manager lacks', () => {
    expect(mayManageUser(perms('users.read', 'users.write'), ['users.write', 'org.write'])).toBe(false);
    expect(mayManageUser(perms(), ['users.read'])).toBe(false);
  });
});
