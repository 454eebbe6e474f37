import { isDisputeCategory } from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { pointIn } from '../cases/test-helpers.ts';

// DOMAIN.md §4: the dispute major category (矛盾纠纷) has 19 kinds, each a case category with its
// names in both languages, standards, limits and the dispute flag (migration 0054).
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('dispute kinds', () => {
  it('all 19 exist as case categories under SG01, flagged as disputes, named in zh and en', async () => {
    const admin = await t.login('admin');
    const res = await admin.get('/api/case-categories');
    expect(res.statusCode).toBe(200);
    const major = res.data.items.find((m: { code: string }) => m.code === 'SG01');
    expect(major.nameZh).toBe('矛盾纠纷');
    const kinds = major.children as {
      code: string;
      nameZh: string;
      nameEn: string;
      filingStandardEn: string;
      limits: Record<string, unknown>;
    }[];
    expect(kinds).toHaveLength(19);
    expect(new Set(kinds.map((k) => k.code)).size).toBe(19);
    expect(kinds.map((k) => k.code).sort()).toEqual(
      Array.from({ length: 19 }, (_, i) => `SG01-${String(i + 1).padStart(2, '0')}`),
    );
    for (const kind of kinds) {
      expect(isDisputeCategory(kind.code)).toBe(true);
      expect(kind.nameZh).toContain('纠纷');
      expect(kind.nameEn).toMatch(/disputes$/);
      expect(kind.filingStandardEn).toContain(kind.nameEn);
      expect(Object.keys(kind.limits).sort()).toEqual(['accept', 'close', 'dispatch', 'handle', 'verify']);
    }
    // 其他 stays last in the list.
    expect(kinds.at(-1)?.code).toBe('SG01-08');
    const names = new Set(kinds.map((k) => k.nameZh));
    for (const name of [
      '婚姻家庭纠纷',
      '邻里纠纷',
      '物业管理纠纷',
      '医疗纠纷',
      '合同纠纷',
      '道路交通事故纠纷',
    ])
      expect(names).toContain(name);

    const flags = await t.db.selectFrom('case_categories').select(['code', 'is_dispute']).execute();
    expect(
      flags
        .filter((c) => c.is_dispute)
        .map((c) => c.code)
        .sort(),
    ).toEqual(kinds.map((k) => k.code).sort());
  });

  it('a case of a new kind is reported and gets a mediation record like the old kinds', async () => {
    const worker = await t.login('w120110001001001');
    const at = await pointIn(t, '120110001001001', 3);
    const res = await worker.post('/api/cases', {
      categoryCode: 'SG01-15',
      description: '小区门口两车剐蹭，双方就赔偿争执不下',
      source: 'patrol',
      ...at,
    });
    expect(res.statusCode, res.body).toBe(201);
    const opened = await worker.post(`/api/cases/${res.data.id}/dispute`, {
      riskLevel: 'low',
      summary: '交通事故赔偿协商',
      parties: [
        { role: 'applicant', name: '李明' },
        { role: 'respondent', name: '王强' },
      ],
      mediators: [],
    });
    expect(opened.statusCode, opened.body).toBeLessThan(300);
  });
});
