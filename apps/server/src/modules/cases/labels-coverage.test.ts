// Every code the database holds that a person may see has a Chinese and an English name: roles,
// categories with their standards, department kinds, case sources, the steps and notifications
// written so far. The codes the server writes from its source are typed by the label tables
// (CaseStepName, NotificationKey), so an unlabelled one does not compile.
import { CASE_SOURCES, hasLabel, type LabelKind, notificationTitle } from '@wangge/rules';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { act, pointIn, unitId } from './test-helpers.ts';

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

function unlabelled(kind: LabelKind, codes: readonly (string | null)[]): string[] {
  return codes.filter((code): code is string => code !== null && !hasLabel(kind, code));
}

describe('labels of the codes in the database', () => {
  it('name every role, department kind and category department kind', async () => {
    const roles = await t.db.selectFrom('roles').select(['code', 'name_zh', 'name_en']).execute();
    expect(
      unlabelled(
        'role',
        roles.map((r) => r.code),
      ),
    ).toEqual([]);
    for (const role of roles) expect(role.name_en).not.toMatch(CJK);
    const kinds = await t.db.selectFrom('departments').select('kind').distinct().execute();
    expect(kinds.length).toBeGreaterThan(5);
    expect(
      unlabelled(
        'departmentKind',
        kinds.map((k) => k.kind),
      ),
    ).toEqual([]);
    const defaults = await t.db
      .selectFrom('case_categories')
      .select('default_department_kind')
      .distinct()
      .execute();
    expect(
      unlabelled(
        'departmentKind',
        defaults.map((d) => d.default_department_kind),
      ),
    ).toEqual([]);
    const errandKinds = await t.db.selectFrom('errand_types').select('department_kind').distinct().execute();
    expect(
      unlabelled(
        'departmentKind',
        errandKinds.map((d) => d.department_kind),
      ),
    ).toEqual([]);
  });

  it('give every category an English name and English standards wherever it has Chinese ones', async () => {
    const rows = await t.db.selectFrom('case_categories').selectAll().execute();
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) {
      expect(row.name_en.trim(), row.code).not.toBe('');
      expect(row.name_en, row.code).not.toMatch(CJK);
      expect(row.filing_standard_en === '', `${row.code} filing`).toBe(row.filing_standard === '');
      expect(row.closing_standard_en === '', `${row.code} closing`).toBe(row.closing_standard === '');
      expect(row.filing_standard_en, row.code).not.toMatch(CJK);
      expect(row.closing_standard_en, row.code).not.toMatch(CJK);
    }
    const res = await (await t.login('dispatcher')).get('/api/case-categories');
    const stairwell = res.data.items
      .flatMap((m: { children: { code: string }[] }) => m.children)
      .find((c: { code: string }) => c.code === 'SG02-01');
    expect(stairwell).toMatchObject({
      nameEn: 'Fire hazards (clutter in stairwells, etc.)',
      filingStandardEn:
        'Fire hazards (clutter in stairwells, etc.): confirmed on site, with photos and the location',
      closingStandardEn:
        'Fire hazards (clutter in stairwells, etc.): the problem is gone, confirmed by a photo taken on site',
    });
  });

  it('name every case source the database accepts, and accept every named one', async () => {
    const check = await sql<{ def: string }>`
      SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = 'cases'::regclass AND pg_get_constraintdef(oid) LIKE '%source%'`.execute(t.db);
    const accepted = [...check.rows[0]!.def.matchAll(/'([a-z0-9_]+)'::text/g)].map((m) => m[1]!);
    expect([...accepted].sort()).toEqual([...CASE_SOURCES].sort());
  });

  it('name every step, notification and register event written so far', async () => {
    const steps = await t.db.selectFrom('case_steps').select('action').distinct().execute();
    expect(
      unlabelled(
        'caseStep',
        steps.map((s) => s.action),
      ),
    ).toEqual([]);
    const errandSteps = await t.db.selectFrom('errand_steps').select('action').distinct().execute();
    expect(
      unlabelled(
        'errandStep',
        errandSteps.map((s) => s.action),
      ),
    ).toEqual([]);
    const events = await t.db.selectFrom('register_events').select('kind').distinct().execute();
    expect(
      unlabelled(
        'registerEvent',
        events.map((e) => e.kind),
      ),
    ).toEqual([]);
    const keys = await t.db
      .selectFrom('notifications')
      .select(sql<string | null>`params->>'key'`.as('key'))
      .distinct()
      .execute();
    expect(
      unlabelled(
        'notification',
        keys.map((k) => k.key),
      ),
    ).toEqual([]);
  });
});

describe('notifications in the reader’s language', () => {
  it('carry their title key and subject, and keep the Chinese title for older clients', async () => {
    const gridCode = '120110001002002';
    const reporter = await t.login(`w${gridCode}`);
    const dispatcher = await t.login('dispatcher');
    const kase = (
      await reporter.post('/api/cases', {
        categoryCode: 'CG06-01',
        description: '井盖松动',
        source: 'patrol',
        ...(await pointIn(t, gridCode)),
      })
    ).data;
    const inboxOf = async (client: typeof dispatcher) =>
      (await client.get('/api/notifications')).data.items as {
        caseId: string;
        kind: string;
        title: string;
        titleKey: string | null;
        subject: { zh: string; en: string } | null;
      }[];
    const reported = (await inboxOf(dispatcher)).find((n) => n.caseId === kase.id && n.kind === 'new_case');
    expect(reported).toMatchObject({
      titleKey: 'new_case',
      subject: { zh: '井盖破损丢失', en: 'Broken or missing manhole cover' },
      title: '新上报事件：井盖破损丢失',
    });
    expect(notificationTitle(reported!, 'en')).toBe('New case reported: Broken or missing manhole cover');

    await act(dispatcher, kase.id, 'accept');
    await act(dispatcher, kase.id, 'file');
    await act(dispatcher, kase.id, 'dispatch', { target: { type: 'unit', id: await unitId(t, gridCode) } });
    const dispatched = (await inboxOf(reporter)).find((n) => n.caseId === kase.id && n.kind === 'dispatched');
    expect(dispatched).toMatchObject({
      titleKey: 'dispatched',
      subject: { zh: kase.title, en: kase.title },
      title: `新派遣事件：${kase.title}`,
    });
  });

  it('shows a notification stored before title keys by its stored title', async () => {
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'dispatcher')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('notifications')
      .values({ user_id: user.id, case_id: null, kind: 'new_case', title: '旧消息', body: '' })
      .execute();
    const items = (await (await t.login('dispatcher')).get('/api/notifications')).data.items;
    expect(items.find((n: { title: string }) => n.title === '旧消息')).toMatchObject({
      titleKey: null,
      subject: null,
    });
  });
});
