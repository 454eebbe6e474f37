import { describe, expect, it } from 'vitest';
import { findUnstorableText, isStorableText } from '../src/storable-text.ts';

describe('isStorableText', () => {
  it('accepts what people type: CJK, emoji (surrogate pairs), controls other than NUL', () => {
    for (const text of [
      '',
      '东丽区 金钟街道',
      'a😀b',
      '😀',
      '𠮷野家',
      'tab\tnewline\n',
      '\u0001',
      '\uffff',
      'ÿ',
    ]) {
      expect(isStorableText(text), JSON.stringify(text)).toBe(true);
    }
  });

  it('refuses NUL and every unpaired surrogate, wherever it stands', () => {
    for (const text of [
      '\u0000',
      'abc\u0000',
      '\u0000abc',
      '\ud800',
      'x\ud800',
      '\ud800x',
      '\udbff',
      '\udc00',
      'x\udfff',
      '\udc00\ud800', // low then high: neither is paired
      '😀\ud800',
      '\ud83d\ud83d\ude00', // a high surrogate doubled before a pair
      '😀'.slice(0, 1),
      '😀'.slice(1),
    ]) {
      expect(isStorableText(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('checks each pair boundary, not only the first', () => {
    expect(isStorableText('😀😀😀')).toBe(true);
    expect(isStorableText(`😀😀${'😀'.slice(0, 1)}`)).toBe(false);
  });
});

describe('findUnstorableText', () => {
  it('returns null for clean input of any shape', () => {
    expect(findUnstorableText(null)).toBeNull();
    expect(findUnstorableText(42)).toBeNull();
    expect(findUnstorableText({ a: ['x', { b: '网格' }], c: true })).toBeNull();
  });

  it('names the path of the first bad value or key, under the given root', () => {
    expect(findUnstorableText('\u0000', 'query.q')).toBe('query.q');
    expect(findUnstorableText({ a: 'ok', b: 'x\u0000' }, 'body')).toBe('body.b');
    expect(findUnstorableText({ list: ['ok', 'ok', '\ud800'] })).toBe('list.2');
    expect(findUnstorableText({ nested: { deep: [{ v: '\udc00' }] } })).toBe('nested.deep.0.v');
    expect(findUnstorableText({ 'k\u0000': 1 }, 'body')).toBe('body.(key)');
    expect(findUnstorableText({ a: 'x\u0000', b: '\ud800' })).toBe('a');
  });

  it('walks hostile nesting without exhausting the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => findUnstorableText(deep)).not.toThrow();
    const wide = Array.from({ length: 200_000 }, () => 'ok');
    wide.push('\u0000');
    expect(findUnstorableText(wide)).toBe('200000');
  });
});
