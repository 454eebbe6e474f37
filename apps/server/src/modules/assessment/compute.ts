import {
  type AssessmentSubject,
  adjustedComposite,
  DEFAULT_GRADE_BANDS,
  defaultScheme,
  type EventCounts,
  type Grade,
  type GradeBand,
  gradeOf,
  monthRange,
  monthsSoFar,
  periodScore,
  type SchemeBody,
  type ScoredIndicator,
  scoreSubject,
  versionFor,
} from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { approvedDeltas } from './adjustments.ts';
import { countEvents } from './event-counts.ts';
import { assessmentRepository as repo, type SchemeRow, type SubjectRow } from './repository.ts';

// A month's scores for a set of subjects: frozen months are read back as they were closed; open
// months are computed from the event counts (one set of queries for all the subjects) with the
// scheme each subject's district had in force that month.

export interface SubjectResult {
  subject: SubjectRow;
  districtId: string;
  composite: number | null;
  grade: Grade | null;
  indicators: ScoredIndicator[];
  counts: EventCounts;
  scheme: { id: string | null; effectiveFrom: string | null };
  frozen: boolean;
}

const districtPathOf = (path: string) => {
  const codes = path.split('/').filter(Boolean);
  return codes.length >= 2 ? `/${codes[0]}/${codes[1]}/` : null;
};

/** The scheme body in force for a district, subject and month: the newest version not after it. */
export function schemeInForce(
  versions: readonly SchemeRow[],
  subject: AssessmentSubject,
  period: string,
): { body: SchemeBody; id: string | null; effectiveFrom: string | null } {
  const v = versionFor(
    versions.map((s) => ({ ...s, effectiveFrom: s.effective_from })),
    period,
  );
  return v
    ? {
        body: { subject, indicators: v.indicators, bands: v.bands },
        id: v.id,
        effectiveFrom: v.effective_from,
      }
    : { body: defaultScheme(subject), id: null, effectiveFrom: null };
}

export async function computeMonth(options: {
  db: Db;
  subjectType: AssessmentSubject;
  subjects: readonly SubjectRow[];
  period: string;
  /** A draft scheme to preview in place of the stored ones. */
  draft?: SchemeBody;
  /** Compute even where the month is frozen (freezing itself). */
  live?: boolean;
}): Promise<SubjectResult[]> {
  const { db, subjectType, subjects, period } = options;
  const districtPaths = [
    ...new Set(subjects.map((s) => districtPathOf(s.path)).filter((p): p is string => !!p)),
  ];
  const districts = new Map<string, string>();
  for (const path of districtPaths) {
    const d = await repo.districtOf(db, path);
    if (d) districts.set(path, String(d.id));
  }
  const districtOfSubject = (s: SubjectRow) => districts.get(districtPathOf(s.path) ?? '') ?? '';

  const frozenDistricts = new Set<string>();
  if (!options.live && !options.draft) {
    for (const id of new Set(districts.values()))
      if (await repo.isFrozen(db, id, period)) frozenDistricts.add(id);
  }
  const stored = new Map(
    (
      await repo.results(
        db,
        period,
        subjectType,
        subjects.filter((s) => frozenDistricts.has(districtOfSubject(s))).map((s) => s.id),
      )
    ).map((r) => [r.subject_id, r]),
  );
  const deltas = await approvedDeltas(db, period, subjectType, [...stored.keys()]);
  const live = subjects.filter((s) => !stored.has(s.id));
  const { from, to } = monthRange(period);
  const counts = await countEvents({ db, subjectType, ids: live.map((s) => s.id), from, to });

  const schemes = new Map<string, ReturnType<typeof schemeInForce>>();
  const schemeFor = async (districtId: string) => {
    if (options.draft) return { body: options.draft, id: null, effectiveFrom: null };
    let s = schemes.get(districtId);
    if (!s) {
      s = schemeInForce(
        districtId ? await repo.schemes(db, districtId, subjectType) : [],
        subjectType,
        period,
      );
      schemes.set(districtId, s);
    }
    return s;
  };

  // Every version of a district's scheme, read once (frozen rows name the version they were closed with).
  const versions = new Map<string, Promise<SchemeRow[]>>();
  const versionsOf = (districtId: string) => {
    let v = versions.get(districtId);
    if (!v) {
      v = repo.schemes(db, districtId, subjectType);
      versions.set(districtId, v);
    }
    return v;
  };

  const out: SubjectResult[] = [];
  for (const subject of subjects) {
    const districtId = districtOfSubject(subject);
    const row = stored.get(subject.id);
    if (row) {
      const frozenScheme = row.scheme_id
        ? (await versionsOf(districtId)).find((s) => s.id === row.scheme_id)
        : undefined;
      // A frozen result moves only by its approved adjustments (re-graded with its scheme's bands).
      const delta = deltas.get(subject.id);
      const frozenComposite = row.composite === null ? null : Number(row.composite);
      const composite = delta
        ? adjustedComposite(frozenComposite, [{ state: 'approved', delta }])
        : frozenComposite;
      out.push({
        subject,
        districtId,
        composite,
        grade:
          delta && composite !== null
            ? gradeOf(composite, frozenScheme?.bands ?? DEFAULT_GRADE_BANDS)
            : (row.grade as Grade | null),
        indicators: row.indicators as ScoredIndicator[],
        counts: row.counts as EventCounts,
        scheme: { id: row.scheme_id, effectiveFrom: frozenScheme?.effective_from ?? null },
        frozen: true,
      });
      continue;
    }
    const scheme = await schemeFor(districtId);
    const c = counts.get(Number(subject.id)) ?? {};
    const scored = scoreSubject(scheme.body, c);
    out.push({
      subject,
      districtId,
      ...scored,
      counts: c,
      scheme: { id: scheme.id, effectiveFrom: scheme.effectiveFrom },
      frozen: false,
    });
  }
  return out;
}

export interface PeriodResult {
  subject: SubjectRow;
  composite: number | null;
  grade: Grade | null;
  /** Each begun month's composite, in order (null: nothing to judge that month). */
  months: { period: string; composite: number | null }[];
  frozen: boolean;
}

/**
 * A quarter, half-year or year: every begun month computed (or read frozen) on its own with the
 * scheme in force then; the subject's score is the mean of its monthly scores, graded with the
 * bands of the scheme in force in the last of those months.
 */
export async function computePeriod(options: {
  db: Db;
  subjectType: AssessmentSubject;
  subjects: readonly SubjectRow[];
  period: string;
}): Promise<PeriodResult[]> {
  const months = monthsSoFar(options.period);
  const monthly: SubjectResult[][] = [];
  // One month after another: each already reads its frozen rows or counts in a few queries.
  for (const period of months) monthly.push(await computeMonth({ ...options, period }));
  const last = months.at(-1);
  const bandsOf = new Map<string, Promise<readonly GradeBand[]>>();
  const bands = (districtId: string) => {
    let b = bandsOf.get(districtId);
    if (!b) {
      b = (async () =>
        schemeInForce(
          districtId ? await repo.schemes(options.db, districtId, options.subjectType) : [],
          options.subjectType,
          last!,
        ).body.bands)();
      bandsOf.set(districtId, b);
    }
    return b;
  };
  return Promise.all(
    options.subjects.map(async (subject, i) => {
      const own = monthly.map((results) => results[i]!);
      const composite = periodScore(own.map((r) => r.composite));
      return {
        subject,
        composite,
        grade: composite === null ? null : gradeOf(composite, await bands(own.at(-1)?.districtId ?? '')),
        months: own.map((r, m) => ({ period: months[m]!, composite: r.composite })),
        frozen: own.length > 0 && own.every((r) => r.frozen),
      };
    }),
  );
}
