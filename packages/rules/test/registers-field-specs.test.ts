import { describe, expect, it } from 'vitest';
import { checkExtraFieldSpecs, type ExtraFieldSpec, validateExtraFields } from '../src/index.ts';

const label = { labelZh: '字段', labelEn: 'Field' };
const text = (key: string, extra: Partial<ExtraFieldSpec> = {}): ExtraFieldSpec => ({
  key,
  ...label,
  type: 'text',
  required: false,
  ...extra,
});
const fieldOf = (specs: ExtraFieldSpec[]) => {
  const check = checkExtraFieldSpecs(specs);
  return check.ok ? 'ok' : check.field;
};
const option = (key: string) => ({ key, ...label });

describe('checkExtraFieldSpecs', () => {
  it('accepts usable specs', () => {
    expect(fieldOf([])).toBe('ok');
    expect(
      fieldOf([
        text('phone', { format: 'phone' }),
        { ...text('kind'), type: 'enum', options: [option('a'), option('b')] },
        { ...text('count'), type: 'number', min: 0, max: 10, integer: true },
        { ...text('from'), type: 'date' },
        { ...text('to'), type: 'date', notBefore: 'from' },
      ]),
    ).toBe('ok');
    expect(fieldOf([{ ...text('n'), type: 'number', min: 1.5, max: 2, integer: true }])).toBe('ok');
  });

  it('refuses duplicate keys and options', () => {
    expect(fieldOf([text('a'), text('b'), text('a')])).toBe('2.key');
    expect(fieldOf([{ ...text('k'), type: 'enum', options: [option('a'), option('a')] }])).toBe(
      '0.options.1.key',
    );
  });

  it('refuses specs no value can satisfy', () => {
    expect(fieldOf([{ ...text('k'), type: 'enum' }])).toBe('0.options');
    expect(fieldOf([{ ...text('k'), type: 'enum', options: [] }])).toBe('0.options');
    expect(fieldOf([{ ...text('n'), type: 'number', min: 5, max: 1 }])).toBe('0.max');
    expect(fieldOf([{ ...text('n'), type: 'number', min: 0.2, max: 0.8, integer: true }])).toBe('0.max');
    expect(fieldOf([{ ...text('n'), type: 'number', min: Number.NaN }])).toBe('0.min');
    // What validateExtraFields would do with them: nothing passes.
    const noOptions = validateExtraFields([{ ...text('k'), type: 'enum', required: true }], { k: 'a' });
    expect(noOptions.ok).toBe(false);
  });

  it('refuses properties that point nowhere or do not fit the type', () => {
    expect(fieldOf([{ ...text('n'), type: 'number', format: 'phone' }])).toBe('0.format');
    expect(fieldOf([{ ...text('to'), type: 'date', notBefore: 'from' }])).toBe('0.notBefore');
    expect(fieldOf([{ ...text('to'), type: 'date', notBefore: 'to' }])).toBe('0.notBefore');
    expect(fieldOf([text('from'), { ...text('to'), type: 'date', notBefore: 'from' }])).toBe('1.notBefore');
    expect(fieldOf([{ ...text('from'), type: 'date' }, text('to', { notBefore: 'from' })])).toBe(
      '1.notBefore',
    );
  });
});
