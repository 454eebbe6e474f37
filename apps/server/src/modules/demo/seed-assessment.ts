// Assessment (考核) of the demo district: its worker scheme with a history (the standard's four
// indicators with visits and satisfaction from a year back, a revision from this month on), the last two complete months frozen by the district
// operator — so rankings show frozen results on first start — and two adjustments of the last one,
// one approved by the city operator (it moves the composite), one waiting for a decision.
import { type AssessmentSubject, addMonths, defaultScheme, monthOf } from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { computeMonth } from '../assessment/compute.ts';
import { assessmentRepository as repo } from '../assessment/repository.ts';

const SUBJECT_TYPES: readonly AssessmentSubject[] = ['worker', 'dispatcher', 'department', 'area'];
/** Complete months before the seeding month that are frozen. */
const FROZEN_MONTHS = 2;

export async function seedAssessment(trx: Db, options: { today: Date }): Promise<void> {
  const district = await trx
    .selectFrom('org_units')
    .select(['id', 'path'])
    .where('level', '=', 'district')
    .orderBy('code')
    .executeTakeFirst();
  const users = await trx
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', ['district', 'city'])
    .execute();
  const operator = users.find((u) => u.username === 'district');
  const city = users.find((u) => u.username === 'city');
  if (!district || !operator || !city) return;
  const districtId = String(district.id);
  const current = monthOf(options.today);

  const base = defaultScheme('worker');
  const weighted = (weights: Record<string, number>) =>
    base.indicators.map((i) => ({ ...i, weight: weights[i.code] ?? 0 }));
  // Dongli's rule (3 hours of visits a day) and residents' satisfaction beside the standard's four:
  // scores spread by how much each worker walks, not only by the few cases of a quiet month.
  await repo.insertScheme(trx, {
    unitId: districtId,
    subject: 'worker',
    effectiveFrom: addMonths(current, -12),
    indicators: weighted({
      valid_report_rate: 30,
      missed_report_rate: 15,
      on_time_verification: 15,
      on_time_recheck: 10,
      visit_minutes_per_day: 20,
      satisfaction: 10,
    }),
    bands: base.bands,
    note: '在《数字化城市管理信息系统 综合评价》四项指标外，按东丽经验计入日均走访时长（目标180分钟）和居民满意度。',
    createdBy: String(operator.id),
  });
  const revised: Record<string, number> = {
    valid_report_rate: 30,
    missed_report_rate: 20,
    on_time_verification: 15,
    on_time_recheck: 10,
    visit_minutes_per_day: 15,
    satisfaction: 10,
  };
  await repo.insertScheme(trx, {
    unitId: districtId,
    subject: 'worker',
    effectiveFrom: current,
    indicators: weighted(revised),
    bands: base.bands,
    note: '本月起提高漏报率权重，督促网格员主动巡查发现问题。',
    createdBy: String(operator.id),
  });

  for (let n = FROZEN_MONTHS; n >= 1; n--) {
    const period = addMonths(current, -n);
    for (const type of SUBJECT_TYPES) {
      const subjects = await repo.subjects(trx, type, district.path, districtId);
      const results = await computeMonth({ db: trx, subjectType: type, subjects, period, live: true });
      await repo.insertResults(trx, period, type, districtId, results);
    }
    await repo.insertPeriod(trx, districtId, period, String(operator.id));
  }

  // Two workers of the last frozen month with a composite: one adjustment approved, one proposed.
  const last = addMonths(current, -1);
  const { rows: workers } = await sql<{ subject_id: string }>`
    SELECT subject_id::text AS subject_id FROM assessment_results
    WHERE period = ${last} AND subject_type = 'worker' AND composite IS NOT NULL AND composite < 95
    ORDER BY subject_id LIMIT 2`.execute(trx);
  const [approved, proposed] = workers;
  const frozenAt = new Date(options.today.getTime() - 86_400_000);
  if (approved) {
    await trx
      .insertInto('assessment_adjustments')
      .values({
        period: last,
        subject_type: 'worker',
        subject_id: approved.subject_id,
        unit_id: districtId,
        delta: 3,
        reason: '暴雨期间协助社区转移群众，经街道报请酌情加分。',
        state: 'approved',
        version: 2,
        proposed_by: operator.id,
        decided_by: city.id,
        decided_at: frozenAt,
        decision_reason: '情况属实，同意加分。',
        created_at: new Date(frozenAt.getTime() - 3_600_000),
      })
      .execute();
  }
  if (proposed) {
    await trx
      .insertInto('assessment_adjustments')
      .values({
        period: last,
        subject_type: 'worker',
        subject_id: proposed.subject_id,
        unit_id: districtId,
        delta: -2,
        reason: '月底补录的两件上报经核查为重复上报，冻结后才发现。',
        proposed_by: operator.id,
        created_at: frozenAt,
      })
      .execute();
  }
}
