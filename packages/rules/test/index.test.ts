import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as rules from '../src/index.ts';

const SRC = new URL('../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('@wangge/rules entry point', () => {
  it('exports the public API', () => {
    const expected = [
      'ORG_LEVELS',
      'validateCode',
      'levelOfCode',
      'isChildCode',
      'parentCodeOf',
      'gridCode',
      'buildingCode',
      'isBuildingCode',
      'townshipKind',
      'villageKind',
      'childPath',
      'isWithinScope',
      'minimalScopeRoots',
      'codesOfPath',
      'isValidPath',
      'holdsAll',
      'grantableRoles',
      'ungrantedRoles',
      'mayManageUser',
      'HOUSEHOLD_RULE',
      'householdStatus',
      'maskPhone',
      'maskIdNumber',
      'createRandom',
      'parseGeometry',
      'bboxOf',
      'areaM2',
      'centroidOf',
      'interiorPoint',
      'pointInGeometry',
      'pointInRing',
      'GridLocator',
      'checkTiling',
      'orient2d',
      'PERMISSIONS',
      'isPermission',
      'TEAM_ROLES',
      'checkPassword',
      'isCommonPassword',
      'PASSWORD_MIN_LENGTH',
      'PASSWORD_MAX_LENGTH',
      'isStorableText',
      'findUnstorableText',
    ];
    for (const name of expected) expect(rules, name).toHaveProperty(name);
  });

  it('stays free of Node-only APIs, so the browser can use it', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"](node:|fs|path|os|crypto)['"/]/);
      expect(text, file).not.toMatch(/\b(process|Buffer|require|__dirname)\b[.(]/);
    }
  });

  it('imports its own files with .ts extensions', () => {
    for (const file of sourceFiles(SRC)) {
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        expect(target, file).toMatch(/\.ts$/);
      }
    }
  });
});
