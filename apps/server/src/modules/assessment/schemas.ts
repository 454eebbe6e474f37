import { REVIEW_PERIOD_PATTERN } from '@wangge/rules';
import { Type } from 'typebox';
import { Id, Nullable, OrgLevel, Timestamp } from '../../http/schemas.ts';

// Request and response shapes of the assessment routes; each `title` is the console's type name.

export const Month = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  description: 'YYYY-MM (China time)',
});
/** A month, quarter, half-year or year: rankings accept the longer review periods too. */
export const ReviewPeriod = Type.String({
  pattern: REVIEW_PERIOD_PATTERN,
  description: 'YYYY-MM, YYYY-Q1…Q4, YYYY-H1/H2 or YYYY (China time)',
});
export const SubjectType = Type.Union(
  [Type.Literal('worker'), Type.Literal('department'), Type.Literal('dispatcher'), Type.Literal('area')],
  { title: 'AssessmentSubjectType' },
);
export const Grade = Type.Union(
  [Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D'), Type.Literal('E')],
  { title: 'AssessmentGrade' },
);

export const AssessedSubject = Type.Object(
  { type: SubjectType, id: Id, name: Type.String(), unitName: Type.String() },
  { title: 'AssessedSubject' },
);
const UnitRef = Type.Object({ id: Id, name: Type.String(), level: OrgLevel });

export const RankingItem = Type.Object(
  {
    rank: Nullable(Type.Integer()),
    subject: AssessedSubject,
    composite: Nullable(Type.Number()),
    grade: Nullable(Grade),
    flaggedForTalk: Type.Boolean(),
    self: Type.Boolean(),
  },
  { title: 'RankingItem' },
);

export const Ranking = Type.Object(
  {
    period: ReviewPeriod,
    frozen: Type.Boolean(),
    subject: SubjectType,
    unit: UnitRef,
    items: Type.Array(RankingItem),
    total: Type.Integer(),
    topTen: Type.Array(RankingItem),
  },
  { title: 'Ranking' },
);

const CountRef = Type.Object({ name: Type.String(), count: Type.Number() });
export const ScoredIndicator = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    kind: Type.String(),
    direction: Type.Union([Type.Literal('high'), Type.Literal('low')]),
    weight: Type.Number(),
    numerator: CountRef,
    denominator: Nullable(CountRef),
    value: Nullable(Type.Number()),
    target: Type.Number(),
    adjustedTarget: Type.Number(),
    score: Nullable(Type.Number()),
    /** The events behind the numerator (the denominator's: the same path with its count name). */
    eventsUrl: Nullable(Type.String()),
  },
  { title: 'ScoredIndicator' },
);

export const SubjectScore = Type.Object(
  {
    subject: AssessedSubject,
    period: Month,
    frozen: Type.Boolean(),
    scheme: Nullable(Type.Object({ id: Nullable(Id), effectiveFrom: Nullable(Type.String()) })),
    composite: Nullable(Type.Number()),
    grade: Nullable(Grade),
    rank: Nullable(Type.Integer()),
    rankOf: Nullable(Type.Integer()),
    indicators: Type.Array(ScoredIndicator),
    adjustments: Type.Array(Type.Object({ id: Id, delta: Type.Number(), reason: Type.String() })),
  },
  { title: 'SubjectScore' },
);

export const AssessmentEvent = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('case'),
      Type.Literal('visit'),
      Type.Literal('inspection'),
      Type.Literal('register_event'),
    ]),
    id: Id,
    code: Nullable(Type.String()),
    title: Type.String(),
    at: Timestamp,
    /** The console page of the event, where it has one. */
    link: Nullable(Type.String()),
  },
  { title: 'AssessmentEvent' },
);

export const Trend = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        period: Month,
        composite: Nullable(Type.Number()),
        grade: Nullable(Grade),
        frozen: Type.Boolean(),
      }),
    ),
  },
  { title: 'AssessmentTrend' },
);

export const Scorecard = Type.Object(
  {
    period: Month,
    unit: UnitRef,
    indicators: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        nameEn: Type.String(),
        direction: Type.Union([Type.Literal('high'), Type.Literal('low')]),
        target: Type.Number(),
      }),
    ),
    rows: Type.Array(
      Type.Object({
        unit: UnitRef,
        values: Type.Record(
          Type.String(),
          Type.Object({
            value: Nullable(Type.Number()),
            score: Nullable(Type.Number()),
            light: Nullable(Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')])),
          }),
        ),
        composite: Nullable(Type.Number()),
        grade: Nullable(Grade),
      }),
    ),
  },
  { title: 'Scorecard' },
);

const Scaling = Type.Object(
  {
    measure: Type.String({ minLength: 1, maxLength: 60 }),
    reference: Type.Number(),
    elasticity: Type.Number({ minimum: 0, maximum: 5 }),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);
export const SchemeIndicatorInput = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 60 }),
    weight: Type.Number({ minimum: 0, maximum: 100 }),
    target: Type.Number({ minimum: 0 }),
    scaling: Type.Optional(Nullable(Scaling)),
  },
  { additionalProperties: false, title: 'SchemeIndicatorInput' },
);
export const GradeBandInput = Type.Object(
  { grade: Grade, min: Type.Number() },
  { additionalProperties: false },
);

export const SchemeInput = Type.Object(
  {
    unitId: Id,
    subject: SubjectType,
    effectiveFrom: Month,
    indicators: Type.Array(SchemeIndicatorInput, { minItems: 1, maxItems: 30 }),
    bands: Type.Optional(Type.Array(GradeBandInput, { minItems: 1, maxItems: 5 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false, title: 'SchemeInput' },
);

export const Scheme = Type.Object(
  {
    id: Id,
    unitId: Id,
    subject: SubjectType,
    effectiveFrom: Month,
    indicators: Type.Array(
      Type.Object({
        code: Type.String(),
        weight: Type.Number(),
        target: Type.Number(),
        scaling: Nullable(
          Type.Object({
            measure: Type.String(),
            reference: Type.Number(),
            elasticity: Type.Number(),
            min: Type.Optional(Type.Number()),
            max: Type.Optional(Type.Number()),
          }),
        ),
      }),
    ),
    bands: Type.Array(Type.Object({ grade: Grade, min: Type.Number() })),
    note: Type.String(),
    createdBy: Nullable(Type.Object({ id: Id, name: Type.String() })),
    createdAt: Timestamp,
  },
  { title: 'AssessmentScheme' },
);

export const SchemeList = Type.Object(
  { items: Type.Array(Scheme), actions: Type.Array(Type.String()) },
  { title: 'AssessmentSchemeList' },
);

export const SchemePreview = Type.Object(
  {
    period: Month,
    items: Type.Array(
      Type.Object({
        subject: AssessedSubject,
        composite: Nullable(Type.Number()),
        grade: Nullable(Grade),
        before: Type.Object({ composite: Nullable(Type.Number()), grade: Nullable(Grade) }),
      }),
    ),
  },
  { title: 'SchemePreview' },
);

export const PeriodList = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        period: Month,
        state: Type.Union([Type.Literal('open'), Type.Literal('frozen')]),
        frozenAt: Nullable(Timestamp),
        frozenBy: Nullable(Type.String()),
        actions: Type.Array(Type.String()),
      }),
    ),
  },
  { title: 'AssessmentPeriodList' },
);
