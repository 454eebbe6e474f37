import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../src/index.ts';

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone(' 13812345678 ')).toBe('138****5678');
  });

  it('keeps a +86 prefix readable', () => {
    expect(maskPhone('+8613812345678')).toBe('+86138****5678');
    expect(maskPhone('86-13812345678')).toBe('86-138****5678');
  });

  it('masks the middle of landlines and other long numbers', () => {
    expect(maskPhone('022-84371234')).toBe('022*****1234');
  });

  it('hides at least half of short input', () => {
    expect(maskPhone('12345678')).toBe('12****78');
    expect(maskPhone('12345')).toBe('1***5');
    expect(maskPhone('1234')).toBe('1**4');
    expect(maskPhone('123')).toBe('**3');
    expect(maskPhone('1')).toBe('*');
    expect(maskPhone('')).toBe('');
    for (const value of ['1', '12', '123', '1234', '12345', '1234567', '1234567890']) {
      const masked = maskPhone(value)!;
      expect(masked).toHaveLength(value.length);
      expect(masked.split('*').length - 1).toBeGreaterThanOrEqual(value.length / 2);
    }
  });

  it('passes null through', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 4 and last 4 characters', () => {
    expect(maskIdNumber('110101199003077777')).toBe('1101**********7777');
    expect(maskIdNumber('11010119900307777X')).toBe('1101**********777X');
    expect(maskIdNumber('110101900307777')).toBe('1101*******7777');
  });

  it('never shows the birth date', () => {
    expect(maskIdNumber('110101199003077777')).not.toContain('19900307');
  });

  it('hides most of short input', () => {
    expect(maskIdNumber('12345678')).toBe('12****78');
    expect(maskIdNumber('1234')).toBe('1**4');
    expect(maskIdNumber('')).toBe('');
  });

  it('passes null through', () => {
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber(undefined)).toBeNull();
  });
});
