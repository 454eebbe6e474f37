import { describe, expect, it } from 'vitest';
import { childPath, codesOfPath, isValidPath, isWithinScope, minimalScopeRoots } from '../src/index.ts';

const CITY = '/150100000000/';
const DISTRICT = '/150100000000/150102000000/';
const STREET = '/150100000000/150102000000/150102001000/';
const OTHER_DISTRICT = '/150100000000/150103000000/';

describe('childPath', () => {
  it('starts a root from no parent', () => {
    expect(childPath(null, '150100000000')).toBe(CITY);
    expect(childPath('/', '150100000000')).toBe(CITY);
    expect(childPath('', '150100000000')).toBe(CITY);
  });

  it('appends the code and a closing slash', () => {
    expect(childPath(CITY, '150102000000')).toBe(DISTRICT);
    expect(childPath(DISTRICT, '150102001000')).toBe(STREET);
  });

  it('rejects malformed parents and segments', () => {
    expect(() => childPath('/150100000000', '150102000000')).toThrow(RangeError);
    expect(() => childPath('150100000000/', '150102000000')).toThrow(RangeError);
    expect(() => childPath('//', 'x')).toThrow(RangeError);
    expect(() => childPath(CITY, '')).toThrow(RangeError);
    expect(() => childPath(CITY, 'a/b')).toThrow(RangeError);
    expect(() => childPath(CITY, 'a b')).toThrow(RangeError);
  });
});

describe('isValidPath', () => {
  it.each([CITY, DISTRICT, '/a/'])('accepts %s', (path) => expect(isValidPath(path)).toBe(true));
  it.each(['', '/', '//', '/a', 'a/', '/a//b/', '/a/ b/'])('rejects %j', (path) =>
    expect(isValidPath(path)).toBe(false),
  );
});

describe('isWithinScope', () => {
  it('includes the scope root itself and everything below it', () => {
    expect(isWithinScope(DISTRICT, [DISTRICT])).toBe(true);
    expect(isWithinScope(STREET, [DISTRICT])).toBe(true);
    expect(isWithinScope(STREET, [CITY])).toBe(true);
  });

  it('excludes ancestors and siblings', () => {
    expect(isWithinScope(CITY, [DISTRICT])).toBe(false);
    expect(isWithinScope(OTHER_DISTRICT, [DISTRICT])).toBe(false);
    expect(isWithinScope(STREET, [OTHER_DISTRICT])).toBe(false);
  });

  it('matches whole segments only', () => {
    expect(isWithinScope('/1501/', ['/150/'])).toBe(false);
    expect(isWithinScope('/15010/', ['/1501/'])).toBe(false);
  });

  it('is true when any of several scopes covers the path', () => {
    expect(isWithinScope(STREET, [OTHER_DISTRICT, DISTRICT])).toBe(true);
  });

  it('fails closed on empty scopes and malformed entries', () => {
    expect(isWithinScope(STREET, [])).toBe(false);
    // A scope without its closing slash would otherwise grant every sibling sharing its prefix.
    expect(isWithinScope('/150100000000/150102000000/', ['/150100000000/1501'])).toBe(false);
    expect(isWithinScope(STREET, [''])).toBe(false);
    expect(isWithinScope(STREET, ['/'])).toBe(false);
    expect(isWithinScope('', [CITY])).toBe(false);
    expect(isWithinScope('/150100000000', [CITY])).toBe(false);
  });
});

describe('minimalScopeRoots', () => {
  it('drops paths covered by another and duplicates', () => {
    expect(minimalScopeRoots([STREET, DISTRICT, STREET, OTHER_DISTRICT])).toEqual([DISTRICT, OTHER_DISTRICT]);
    expect(minimalScopeRoots([STREET, CITY, DISTRICT])).toEqual([CITY]);
  });

  it('keeps segment-distinct paths apart', () => {
    expect(minimalScopeRoots(['/15010/', '/1501/'])).toEqual(['/1501/', '/15010/']);
  });

  it('drops malformed entries and handles empty input', () => {
    expect(minimalScopeRoots(['', '/1501', DISTRICT])).toEqual([DISTRICT]);
    expect(minimalScopeRoots([])).toEqual([]);
  });

  it('covers exactly what the input covers', () => {
    const input = [STREET, OTHER_DISTRICT, `${STREET}150102001001/`];
    const roots = minimalScopeRoots(input);
    for (const path of [CITY, DISTRICT, STREET, `${STREET}x/`, OTHER_DISTRICT, '/x/']) {
      expect(isWithinScope(path, roots), path).toBe(isWithinScope(path, input));
    }
  });
});

describe('codesOfPath', () => {
  it('lists the codes from the root down', () => {
    expect(codesOfPath(STREET)).toEqual(['150100000000', '150102000000', '150102001000']);
    expect(codesOfPath(CITY)).toEqual(['150100000000']);
  });

  it('round-trips with childPath', () => {
    const codes = ['150100000000', '150102000000', '150102001000', '150102001001'];
    const path = codes.reduce<string | null>((parent, code) => childPath(parent, code), null)!;
    expect(codesOfPath(path)).toEqual(codes);
  });

  it('throws on malformed paths', () => {
    expect(() => codesOfPath('150100000000/')).toThrow(RangeError);
  });
});
