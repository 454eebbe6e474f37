import { describe, expect, it } from 'vitest';
import { checkInspectionResults, hazardCategoryFor, INSPECTION_ITEM_RESULTS } from '../src/index.ts';

const ITEMS = [
  { key: 'extinguisher', hazardCategoryCode: 'SG02-01' },
  { key: 'gas', hazardCategoryCode: 'SG02-04' },
  { key: 'licence', hazardCategoryCode: null },
  { key: 'exits', hazardCategoryCode: 'SG02-01' },
];

const answer = (result: Record<string, string>) =>
  Object.entries(result).map(([key, r]) => ({ key, result: r }));

describe('checkInspectionResults', () => {
  it('passes when nothing failed, "not applicable" included', () => {
    expect(
      checkInspectionResults(
        ITEMS,
        answer({ extinguisher: 'pass', gas: 'na', licence: 'pass', exits: 'pass' }),
      ),
    ).toEqual({ ok: true, outcome: 'pass', failedKeys: [] });
  });

  it('fails with the failed keys in checklist order, whatever the answer order', () => {
    const results = answer({ exits: 'fail', licence: 'pass', gas: 'fail', extinguisher: 'na' });
    expect(checkInspectionResults(ITEMS, results)).toEqual({
      ok: true,
      outcome: 'fail',
      failedKeys: ['gas', 'exits'],
    });
  });

  it('names the position of an unknown key', () => {
    const results = answer({
      extinguisher: 'pass',
      sprinkler: 'pass',
      gas: 'pass',
      licence: 'pass',
      exits: 'pass',
    });
    expect(checkInspectionResults(ITEMS, results)).toMatchObject({ ok: false, field: 'results[1].key' });
  });

  it('names the position of a repeated key', () => {
    const results = [
      ...answer({ extinguisher: 'pass', gas: 'pass', licence: 'pass' }),
      { key: 'gas', result: 'fail' },
    ];
    expect(checkInspectionResults(ITEMS, results)).toMatchObject({ ok: false, field: 'results[3].key' });
  });

  it('names the position of a result outside pass / fail / na', () => {
    const results = answer({ extinguisher: 'pass', gas: 'maybe', licence: 'pass', exits: 'pass' });
    expect(checkInspectionResults(ITEMS, results)).toMatchObject({ ok: false, field: 'results[1].result' });
  });

  it('lists unanswered items under "results", in checklist order', () => {
    expect(checkInspectionResults(ITEMS, answer({ licence: 'pass', gas: 'pass' }))).toMatchObject({
      ok: false,
      field: 'results',
      missing: ['extinguisher', 'exits'],
    });
    expect(checkInspectionResults(ITEMS, [])).toMatchObject({
      ok: false,
      field: 'results',
      missing: ['extinguisher', 'gas', 'licence', 'exits'],
    });
  });

  it('reports a bad key before missing items', () => {
    expect(checkInspectionResults(ITEMS, answer({ nope: 'pass' }))).toMatchObject({
      field: 'results[0].key',
    });
  });

  it('knows the three results', () => {
    expect(INSPECTION_ITEM_RESULTS).toEqual(['pass', 'fail', 'na']);
  });
});

describe('hazardCategoryFor', () => {
  it('takes the first failed item in checklist order', () => {
    expect(hazardCategoryFor(ITEMS, ['gas', 'exits'])).toBe('SG02-04');
    expect(hazardCategoryFor(ITEMS, ['exits', 'gas'])).toBe('SG02-04');
    expect(hazardCategoryFor(ITEMS, ['exits'])).toBe('SG02-01');
  });

  it('skips failed items without a category', () => {
    expect(hazardCategoryFor(ITEMS, ['licence', 'exits'])).toBe('SG02-01');
  });

  it('is null when no failed item has a category, or nothing failed', () => {
    expect(hazardCategoryFor(ITEMS, ['licence'])).toBeNull();
    expect(hazardCategoryFor(ITEMS, [])).toBeNull();
  });
});
