import { describe, expect, it } from 'vitest';
import { checkPassword, isCommonPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../src/index.ts';
import { COMMON_PASSWORDS } from '../src/password/common-passwords.ts';

const codeOf = (password: string, username = 'gridworker') =>
  checkPassword(password, { username })?.code ?? null;

describe('checkPassword', () => {
  it('accepts a long password of two kinds that is neither common nor the username', () => {
    expect(checkPassword('Harbor7Lantern', { username: 'zhangsan' })).toBeNull();
    expect(codeOf('river-lantern-harbor')).toBeNull();
    expect(codeOf('4821-9937-6610')).toBeNull();
    expect(codeOf('网格员巡查很辛苦2026')).toBeNull();
  });

  it('counts characters, not UTF-16 units, against the length limits', () => {
    expect(codeOf(`${'a'.repeat(PASSWORD_MIN_LENGTH - 2)}7`)).toBe('too_short');
    expect(codeOf(`${'a'.repeat(PASSWORD_MIN_LENGTH - 1)}7`)).toBeNull();
    expect(codeOf(`${'a'.repeat(PASSWORD_MAX_LENGTH - 1)}7`)).toBeNull();
    expect(codeOf(`${'a'.repeat(PASSWORD_MAX_LENGTH)}7`)).toBe('too_long');
    // Eight emoji are sixteen UTF-16 units but eight characters.
    expect(codeOf(`${'😀'.repeat(8)}a`)).toBe('too_short');
    expect(codeOf('')).toBe('too_short');
  });

  it('refuses the username, reversed or in other case', () => {
    expect(codeOf('zhangsan01', 'zhangsan01')).toBe('username');
    expect(codeOf('ZhangSan01', 'zhangsan01')).toBe('username');
    expect(codeOf('10nasgnahz', 'zhangsan01')).toBe('username');
    expect(codeOf('10NASGNAHZ', 'ZhangSan01')).toBe('username');
  });

  it('refuses a password containing a username of four or more characters', () => {
    expect(codeOf('my-zhangsan-2026', 'zhangsan')).toBe('username');
    expect(codeOf('xx-NASGNAHZ-2026', 'zhangsan')).toBe('username');
    expect(codeOf('Kilo-wang8-River', 'wang')).toBe('username');
    // A short username is only refused as the whole password: "li" is inside innocent words.
    expect(codeOf('olive-harbor-7', 'li')).toBeNull();
    expect(codeOf('olive-harbor-7', 'wan')).toBeNull();
  });

  it('refuses common passwords in any case, including Chinese favourites', () => {
    for (const common of [
      'password123',
      'Password123',
      '1qaz2wsx3edc',
      'woaini1314',
      'WoAiNi1314',
      'qq12345678',
      'woaini5201314',
      'zhangwei1314',
      'qwerty12345',
    ]) {
      expect(codeOf(common), common).toBe('common');
    }
  });

  it('refuses the published demo password, so no one can set it through the API', () => {
    expect(codeOf('Wangge@2026')).toBe('common');
  });

  it('needs two of letters, digits and other characters', () => {
    expect(codeOf('riverlanternharbor')).toBe('too_few_kinds');
    expect(codeOf('48219937661')).toBe('too_few_kinds');
    expect(codeOf('!@#$%^&*()_+')).toBe('too_few_kinds');
    expect(codeOf('网格员巡查很辛苦的工作')).toBe('too_few_kinds');
    expect(codeOf('riverlantern7')).toBeNull();
    expect(codeOf('riverlantern!')).toBeNull();
    expect(codeOf('4821993766!')).toBeNull();
  });

  it('reports the first broken rule with a Chinese and English message', () => {
    const problem = checkPassword('zhangsan', { username: 'zhangsan' });
    expect(problem?.code).toBe('too_short');
    expect(problem?.message).toMatch(/^密码.*\(password .*\)$/);
    for (const password of ['zhangsan01', 'password123', 'riverlanternharbor']) {
      expect(checkPassword(password, { username: 'zhangsan01' })?.message).toMatch(/^密码.*\(password .*\)$/);
    }
  });
});

describe('the common password list', () => {
  const entries = COMMON_PASSWORDS.split('\n').filter(Boolean);

  it('holds a few thousand lower-cased entries without duplicates or blanks around them', () => {
    expect(entries.length).toBeGreaterThan(3000);
    expect(new Set(entries).size).toBe(entries.length);
    for (const entry of entries) expect(entry).toBe(entry.trim().toLowerCase());
  });

  it('holds the classic English and the Chinese favourites', () => {
    for (const classic of [
      '123456',
      'password',
      'qwerty',
      'iloveyou',
      '5201314',
      'woaini1314',
      'a123456',
      'qq123456',
      '1qaz2wsx',
    ]) {
      expect(isCommonPassword(classic), classic).toBe(true);
    }
    expect(isCommonPassword('Harbor7Lantern')).toBe(false);
  });
});
