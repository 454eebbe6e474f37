import { describe, expect, it } from 'vitest';
import { RESIDENCE_ROLE_FIELDS, RESIDENCE_ROLES, validateExtraFields } from '../src/index.ts';

describe('residence role fields', () => {
  it('every residence role has its field list, keys unique and labelled in both languages', () => {
    expect(Object.keys(RESIDENCE_ROLE_FIELDS).sort()).toEqual(RESIDENCE_ROLES.map((r) => r.key).sort());
    for (const fields of Object.values(RESIDENCE_ROLE_FIELDS)) {
      expect(new Set(fields.map((f) => f.key)).size).toBe(fields.length);
      for (const f of fields) {
        expect(f.labelZh).toMatch(/\p{Script=Han}/u);
        expect(f.labelEn).toMatch(/^[a-z]/);
      }
    }
  });

  it('floating population: inflow date, reason and origin are required; the stay is whole months', () => {
    const fields = RESIDENCE_ROLE_FIELDS.floating;
    expect(
      validateExtraFields(fields, {
        inflow_date: '2024-05-01',
        inflow_reason: 'work',
        origin: '河北省沧州市',
      }),
    ).toMatchObject({ ok: true });
    expect(validateExtraFields(fields, { inflow_reason: 'work', origin: '河北省沧州市' })).toMatchObject({
      ok: false,
      field: 'inflow_date',
    });
    expect(
      validateExtraFields(fields, { inflow_date: '2024-05-01', inflow_reason: 'tourism', origin: '沧州' }),
    ).toMatchObject({ ok: false, field: 'inflow_reason' });
    expect(
      validateExtraFields(fields, {
        inflow_date: '2024-05-01',
        inflow_reason: 'work',
        origin: '沧州',
        expected_stay_months: 2.5,
      }),
    ).toMatchObject({ ok: false, field: 'expected_stay_months' });
  });

  it('overseas residents need a nationality; registered residents need nothing', () => {
    expect(validateExtraFields(RESIDENCE_ROLE_FIELDS.overseas, {})).toMatchObject({
      ok: false,
      field: 'nationality',
    });
    expect(validateExtraFields(RESIDENCE_ROLE_FIELDS.registered, {})).toMatchObject({ ok: true });
  });
});
