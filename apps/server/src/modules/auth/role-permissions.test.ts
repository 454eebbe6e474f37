import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

// The console builds its menus and home from the permissions /api/auth/me returns (migration
// 0026): API tokens for the roles that connect other systems, no user list for the leader.
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function permissionsOf(username: string): Promise<string[]> {
  const res = await (await t.login(username)).get('/api/auth/me');
  expect(res.statusCode, res.body).toBe(200);
  return res.data.user.permissions;
}

describe('permissions the console reads', () => {
  it('API tokens belong to the administrator, the city operator and the command centre only', async () => {
    for (const username of ['admin', 'city', 'command']) {
      expect(await permissionsOf(username), username).toContain('tokens.manage');
    }
    for (const username of [
      'leader',
      'district',
      'dispatcher',
      'dept_civil',
      'resident',
      'w120110001001001',
    ]) {
      expect(await permissionsOf(username), username).not.toContain('tokens.manage');
    }
  });

  it('the read-only leader reads figures and cases, but neither users nor anything to import', async () => {
    const leader = await permissionsOf('leader');
    expect(leader).toEqual(
      expect.arrayContaining(['cases.read', 'cases.stats', 'registers.read', 'grids.read']),
    );
    for (const p of ['users.read', 'users.write', 'registers.write', 'grids.write', 'tokens.manage']) {
      expect(leader).not.toContain(p);
    }
  });

  it('a department approves errands and handles cases; a resident only reports', async () => {
    expect(await permissionsOf('dept_civil')).toEqual(
      expect.arrayContaining(['cases.read', 'cases.handle', 'errands.read', 'errands.approve']),
    );
    expect(await permissionsOf('resident')).toEqual(['cases.report']);
  });
});
