import {
  type AssessmentSubject,
  BUILTIN_INDICATORS,
  checkScheme,
  DEFAULT_GRADE_BANDS,
  flaggedForTalk,
  type GradeBand,
  indicatorsOf,
  isWithinScope,
  monthOf,
  monthRange,
  monthsSoFar,
  type Ranked,
  rankByScore,
  rankingWindow,
  reviewPeriodKind,
  type SchemeBody,
  type SchemeIndicator,
  scorecardLight,
} from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { can } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { adjustmentsOf } from './adjustments.ts';
import { computeMonth, computePeriod, type SubjectResult } from './compute.ts';
import { hasEventList, listEvents } from './events.ts';
import { assessmentRepository as repo, type SubjectRow } from './repository.ts';

// The assessment's named operations: rankings, one subject's score and the events behind it, its
// trend, the units' scorecard, schemes (versioned, previewed), and freezing a month.

/** The bottom of a ranking flagged for a talk (约谈), besides every grade-E score. */
const TALK_COUNT = 3;
const specByCode = new Map(BUILTIN_INDICATORS.map((s) => [s.code, s]));

type UnitRow = NonNullable<Awaited<ReturnType<typeof repo.unit>>>;

/**
 * The unit a caller reads: with assessment.view any unit of their scope (default their own top
 * unit); with only assessment.view_own a unit holding their own place (default its district), of
 * which they see their own window.
 */
async function readableUnit(db: Db, actor: Actor, unitId: string | undefined) {
  const full = can(actor, 'assessment.view');
  if (!full && !can(actor, 'assessment.view_own'))
    throw forbidden('缺少权限 assessment.view (missing permission assessment.view)', {
      permission: 'assessment.view',
    });
  let unit: UnitRow | undefined;
  if (unitId) unit = await repo.unit(db, unitId);
  else {
    const home = actor.scopePaths[0];
    const target = home ? (full ? home : ((await repo.districtOf(db, home))?.path ?? home)) : undefined;
    if (target) {
      const row = await db.selectFrom('org_units').select('id').where('path', '=', target).executeTakeFirst();
      unit = row ? await repo.unit(db, String(row.id)) : undefined;
    }
  }
  if (!unit) throw notFound('单位', unitId);
  const visible = full
    ? isWithinScope(unit.path, actor.scopePaths)
    : actor.scopePaths.some((own) => own.startsWith(unit.path));
  if (!visible) throw notFound('单位', unitId);
  return { unit, full };
}

const isSelf = (actor: Actor, type: AssessmentSubject, id: string) =>
  (type === 'worker' || type === 'dispatcher') && id === actor.userId;

type RankedResult = Pick<SubjectResult, 'subject' | 'composite' | 'grade' | 'frozen'>;

function ranked<T extends RankedResult>(results: T[]) {
  const ranking = rankByScore(results, (r) => r.composite);
  const talk = new Set(flaggedForTalk(ranking, TALK_COUNT).map((r) => r.item.subject.id));
  return { ranking, talk };
}

function rankingItem(r: Ranked<RankedResult>, type: AssessmentSubject, actor: Actor, talk: Set<string>) {
  return {
    rank: r.rank === 0 ? null : r.rank,
    subject: { type, id: r.item.subject.id, name: r.item.subject.name, unitName: r.item.subject.unitName },
    composite: r.item.composite,
    grade: r.item.grade,
    flaggedForTalk: talk.has(r.item.subject.id),
    self: isSelf(actor, type, r.item.subject.id),
  };
}

export async function rankingsFor(options: {
  db: Db;
  actor: Actor;
  period: string;
  unitId?: string;
  subject: AssessmentSubject;
}) {
  const { db, actor, period, subject } = options;
  const { unit, full } = await readableUnit(db, actor, options.unitId);
  const subjects = await repo.subjects(db, subject, unit.path, String(unit.id));
  const kind = reviewPeriodKind(period);
  if (kind !== 'month' && monthsSoFar(period).length === 0)
    throw badRequest('period', `${period} 尚未开始 (the period has not begun)`);
  // A quarter, half-year or year ranks the mean of its months' scores (十佳 of the year from it).
  const results: RankedResult[] =
    kind === 'month'
      ? await computeMonth({ db, subjectType: subject, subjects, period })
      : await computePeriod({ db, subjectType: subject, subjects, period });
  const { ranking, talk } = ranked(results);
  const item = (r: Ranked<RankedResult>) => rankingItem(r, subject, actor, talk);
  const shown = full ? ranking : rankingWindow(ranking, (x) => isSelf(actor, subject, x.subject.id));
  return {
    period,
    frozen: results.length > 0 && results.every((r) => r.frozen),
    subject,
    unit: { id: String(unit.id), name: unit.name, level: unit.level },
    items: shown.map(item),
    total: ranking.length,
    // 十佳: ten names, ties at the tenth place broken by the ranking's order.
    topTen: ranking
      .filter((r) => r.rank > 0 && r.rank <= 10)
      .slice(0, 10)
      .map(item),
  };
}

/** A subject the caller may read in detail: their own, or (assessment.view) any in scope. */
async function readableSubject(
  db: Db,
  actor: Actor,
  type: AssessmentSubject,
  id: string,
): Promise<SubjectRow> {
  const subject = await repo.subject(db, type, id);
  if (!subject) throw notFound('考核对象', id);
  if (isSelf(actor, type, id) && can(actor, 'assessment.view_own')) return subject;
  if (!can(actor, 'assessment.view'))
    throw forbidden('只能查看本人的考核得分 (only your own score)', { permission: 'assessment.view' });
  if (!isWithinScope(subject.path, actor.scopePaths)) throw notFound('考核对象', id);
  return subject;
}

const eventsUrl = (type: AssessmentSubject, id: string, period: string, count: string) =>
  hasEventList(type, count)
    ? `/api/assessment/scores/${type}/${id}/events?period=${period}&count=${encodeURIComponent(count)}`
    : null;

export async function scoreOf(options: {
  db: Db;
  actor: Actor;
  subjectType: AssessmentSubject;
  id: string;
  period: string;
}) {
  const { db, actor, subjectType: type, id, period } = options;
  const subject = await readableSubject(db, actor, type, id);
  // Ranked among the subject's district (a department or dispatcher: among those of its unit's district).
  const district = await repo.districtOf(db, subject.path);
  const peers = district ? await repo.subjects(db, type, district.path, String(district.id)) : [subject];
  const results = await computeMonth({
    db,
    subjectType: type,
    subjects: peers.some((p) => p.id === id) ? peers : [...peers, subject],
    period,
  });
  const { ranking } = ranked(results);
  const mine = ranking.find((r) => r.item.subject.id === id)!;
  return {
    subject: { type, id, name: subject.name, unitName: subject.unitName },
    period,
    frozen: mine.item.frozen,
    scheme: mine.item.scheme,
    composite: mine.item.composite,
    grade: mine.item.grade,
    rank: mine.rank === 0 ? null : mine.rank,
    rankOf: ranking.filter((r) => r.rank > 0).length,
    indicators: mine.item.indicators.map((ind) => ({
      ...ind,
      name: specByCode.get(ind.code)?.zh ?? ind.code,
      nameEn: specByCode.get(ind.code)?.en ?? ind.code,
      eventsUrl: eventsUrl(type, id, period, ind.numerator.name),
    })),
    adjustments: await adjustmentsOf(db, period, type, id),
  };
}

const LINKS: Record<string, (id: string) => string> = { case: (id) => `/cases/${id}` };

export async function eventsOf(options: {
  db: Db;
  actor: Actor;
  subjectType: AssessmentSubject;
  id: string;
  period: string;
  count: string;
  page: number;
  pageSize: number;
}) {
  const { db, actor, subjectType, id, period, count } = options;
  await readableSubject(db, actor, subjectType, id);
  if (!hasEventList(subjectType, count))
    throw badRequest('count', `没有可列出的事件：${count} (no events to list for this count)`);
  const { from, to } = monthRange(period);
  const { items, total } = await listEvents({
    db,
    subjectType,
    id,
    count,
    from,
    to,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  return { items: items.map((e) => ({ ...e, link: LINKS[e.kind]?.(e.id) ?? null })), total };
}

/** The last `months` months up to the current one: frozen results as closed, the open ones live. */
export async function trendOf(options: {
  db: Db;
  actor: Actor;
  subjectType: AssessmentSubject;
  id: string;
  months: number;
  now?: Date;
}) {
  const { db, actor, subjectType, id } = options;
  const subject = await readableSubject(db, actor, subjectType, id);
  const current = monthOf(options.now ?? new Date());
  const periods: string[] = [];
  for (let i = options.months - 1; i >= 0; i--) {
    const { from } = monthRange(current);
    const d = new Date(from.getTime() + 8 * 3_600_000);
    periods.push(monthOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 15))));
  }
  const items = [];
  for (const period of periods) {
    const [r] = await computeMonth({ db, subjectType, subjects: [subject], period });
    items.push({ period, composite: r!.composite, grade: r!.grade, frozen: r!.frozen });
  }
  return { items };
}

/** The child units of a unit × the area indicators, with a traffic light per cell (DHIS2 scorecard). */
export async function scorecardOf(options: { db: Db; actor: Actor; period: string; unitId?: string }) {
  const { db, actor, period } = options;
  if (!can(actor, 'assessment.view'))
    throw forbidden('缺少权限 assessment.view (missing permission assessment.view)', {
      permission: 'assessment.view',
    });
  const { unit } = await readableUnit(db, actor, options.unitId);
  const children = await repo.subjects(db, 'area', unit.path, String(unit.id));
  const results = await computeMonth({ db, subjectType: 'area', subjects: children, period });
  const levels = new Map(
    (
      await db
        .selectFrom('org_units')
        .select(['id', 'level'])
        .where('parent_id', '=', String(unit.id))
        .execute()
    ).map((u) => [String(u.id), u.level]),
  );
  const specs = indicatorsOf('area');
  return {
    period,
    unit: { id: String(unit.id), name: unit.name, level: unit.level },
    indicators: specs.map((s) => ({
      code: s.code,
      name: s.zh,
      nameEn: s.en,
      direction: s.direction,
      target: s.target,
    })),
    rows: results.map((r) => ({
      unit: { id: r.subject.id, name: r.subject.name, level: levels.get(r.subject.id) ?? unit.level },
      values: Object.fromEntries(
        r.indicators.map((ind) => [
          ind.code,
          {
            value: ind.value,
            score: ind.score,
            light: scorecardLight(ind.direction, ind.value, ind.adjustedTarget),
          },
        ]),
      ),
      composite: r.composite,
      grade: r.grade,
    })),
  };
}

/** A district a manager may configure: a district unit in their scope. */
async function managedDistrict(db: Db, actor: Actor, unitId: string) {
  if (!can(actor, 'assessment.manage'))
    throw forbidden('缺少权限 assessment.manage (missing permission assessment.manage)', {
      permission: 'assessment.manage',
    });
  const unit = await repo.unit(db, unitId);
  if (!unit || !isWithinScope(unit.path, actor.scopePaths)) throw notFound('单位', unitId);
  if (unit.level !== 'district')
    throw badRequest('unitId', '考核方案按区设置 (schemes are set per district)');
  return unit;
}

export async function listSchemes(options: {
  db: Db;
  actor: Actor;
  unitId: string;
  subject?: AssessmentSubject;
}) {
  const { db, actor, unitId } = options;
  const { unit } = await readableUnit(db, actor, unitId);
  return {
    rows: await repo.schemes(db, String(unit.id), options.subject),
    manage: can(actor, 'assessment.manage'),
  };
}

export interface SchemeInput {
  unitId: string;
  subject: AssessmentSubject;
  effectiveFrom: string;
  indicators: SchemeIndicator[];
  bands?: GradeBand[];
  note?: string;
}

function bodyOf(input: SchemeInput): SchemeBody {
  const body = {
    subject: input.subject,
    indicators: input.indicators.map((i) => ({ ...i, scaling: i.scaling ?? null })),
    bands: input.bands ?? DEFAULT_GRADE_BANDS.map((b) => ({ ...b, min: Number.isFinite(b.min) ? b.min : 0 })),
  };
  const check = checkScheme(body);
  if (!check.ok) throw badRequest(check.field, check.reason);
  return body;
}

/** A new version of a district's scheme from a month on; earlier versions stay as they were. */
export async function createScheme(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  input: SchemeInput;
}) {
  const { db, actor, input } = options;
  const district = await managedDistrict(db, actor, input.unitId);
  const body = bodyOf(input);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertScheme(trx, {
      unitId: String(district.id),
      subject: input.subject,
      effectiveFrom: input.effectiveFrom,
      indicators: body.indicators,
      bands: body.bands,
      note: input.note ?? '',
      createdBy: actor.userId,
    });
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'assessment.scheme',
      targetType: 'assessment_scheme',
      targetId: id,
      details: { district: district.name, subject: input.subject, effectiveFrom: input.effectiveFrom },
    });
    return (await repo.schemes(trx, String(district.id), input.subject)).find((s) => s.id === id)!;
  });
}

/** The draft scheme applied to last month's events next to the scheme in force, first 20 of its ranking. */
export async function previewScheme(options: { db: Db; actor: Actor; input: SchemeInput; now?: Date }) {
  const { db, actor, input } = options;
  const district = await managedDistrict(db, actor, input.unitId);
  const body = bodyOf(input);
  const { from } = monthRange(monthOf(options.now ?? new Date()));
  const period = monthOf(new Date(from.getTime() - 1));
  const subjects = await repo.subjects(db, input.subject, district.path, String(district.id));
  const [draft, before] = await Promise.all([
    computeMonth({ db, subjectType: input.subject, subjects, period, draft: body }),
    computeMonth({ db, subjectType: input.subject, subjects, period }),
  ]);
  const was = new Map(before.map((r) => [r.subject.id, r]));
  const { ranking } = ranked(draft);
  return {
    period,
    items: ranking.slice(0, 20).map((r) => ({
      subject: {
        type: input.subject,
        id: r.item.subject.id,
        name: r.item.subject.name,
        unitName: r.item.subject.unitName,
      },
      composite: r.item.composite,
      grade: r.item.grade,
      before: {
        composite: was.get(r.item.subject.id)?.composite ?? null,
        grade: was.get(r.item.subject.id)?.grade ?? null,
      },
    })),
  };
}

/** The last 12 months of a district with their state; a complete open month can be frozen. */
export async function listPeriods(options: { db: Db; actor: Actor; unitId: string; now?: Date }) {
  const { db, actor } = options;
  const { unit } = await readableUnit(db, actor, options.unitId);
  const frozen = new Map((await repo.periods(db, String(unit.id))).map((p) => [p.period, p]));
  const current = monthOf(options.now ?? new Date());
  const manage = can(actor, 'assessment.manage') && unit.level === 'district';
  const items = [];
  let period = current;
  for (let i = 0; i < 12; i++) {
    const f = frozen.get(period);
    items.push({
      period,
      state: f ? ('frozen' as const) : ('open' as const),
      frozenAt: f ? f.frozen_at.toISOString() : null,
      frozenBy: f?.frozen_by_name ?? null,
      actions: !f && manage && period < current ? ['freeze'] : [],
    });
    const { from } = monthRange(period);
    period = monthOf(new Date(from.getTime() - 1));
  }
  return { items };
}

const SUBJECT_TYPES: AssessmentSubject[] = ['worker', 'dispatcher', 'department', 'area'];

/**
 * Closes a complete month of a district: every subject's result is stored as it stands and no
 * longer moves when late events arrive. One transaction; audited.
 */
export async function freezePeriod(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  unitId: string;
  period: string;
  now?: Date;
}) {
  const { db, actor, period } = options;
  const district = await managedDistrict(db, actor, options.unitId);
  if (period >= monthOf(options.now ?? new Date()))
    throw conflict('只能冻结已结束的月份 (only a finished month can be frozen)', { period, state: 'open' });
  return db.transaction().execute(async (trx) => {
    if (await repo.isFrozen(trx, String(district.id), period))
      throw conflict('该月已冻结 (this month is already frozen)', { period, state: 'frozen' });
    let count = 0;
    for (const type of SUBJECT_TYPES) {
      const subjects = await repo.subjects(trx, type, district.path, String(district.id));
      const results = await computeMonth({ db: trx, subjectType: type, subjects, period, live: true });
      await repo.insertResults(trx, period, type, String(district.id), results);
      count += results.length;
    }
    await repo.insertPeriod(trx, String(district.id), period, actor.userId);
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'assessment.freeze',
      targetType: 'org_unit',
      targetId: String(district.id),
      details: { period, results: count },
    });
    return { period, state: 'frozen' as const, results: count };
  });
}
