import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the careers and training routes (presenter.ts); each `title` is the console's type name.

const Rating = Type.Union([
  Type.Literal('excellent'),
  Type.Literal('qualified'),
  Type.Literal('unqualified'),
]);
export const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });
export const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

export const CareerWorkerRef = Type.Object(
  { id: Id, name: Type.String(), unitName: Type.String() },
  { title: 'CareerWorkerRef' },
);

export const PayLadder = Type.Object(
  {
    id: Id,
    unitId: Id,
    effectiveFrom: Month,
    payFen: Type.Array(Type.Integer()),
    note: Type.String(),
    createdBy: Nullable(Type.Object({ id: Id, name: Type.String() })),
    createdAt: Timestamp,
  },
  { title: 'PayLadder' },
);

export const PayLadderList = Type.Object(
  {
    unit: Type.Object({ id: Id, name: Type.String(), level: Type.String() }),
    current: Nullable(PayLadder),
    items: Type.Array(PayLadder),
    mayManage: Type.Boolean(),
  },
  { title: 'PayLadderList' },
);

export const GradeEntry = Type.Object(
  {
    grade: Type.Integer(),
    effectiveOn: Type.String(),
    cause: Type.Union([Type.Literal('appointed'), Type.Literal('promotion'), Type.Literal('adjustment')]),
    note: Type.String(),
  },
  { title: 'GradeEntry' },
);

export const YearRatingItem = Type.Object(
  {
    worker: CareerWorkerRef,
    year: Type.Integer(),
    proposed: Nullable(Rating),
    meanScore: Nullable(Type.Number()),
    months: Type.Integer(),
    state: Type.Union([Type.Literal('proposed'), Type.Literal('confirmed')]),
    rating: Nullable(Rating),
    reason: Type.String(),
    confirmedBy: Nullable(Type.String()),
    confirmedAt: Nullable(Timestamp),
  },
  { title: 'YearRatingItem' },
);

export const Promotion = Type.Object(
  {
    id: Id,
    worker: Type.Object({ id: Id, name: Type.String() }),
    fromGrade: Type.Integer(),
    toGrade: Type.Integer(),
    years: Type.Array(Type.Integer()),
    basis: Type.Union([Type.Literal('three_excellent'), Type.Literal('three_qualified')]),
    state: Type.Union([Type.Literal('proposed'), Type.Literal('approved'), Type.Literal('rejected')]),
    version: Type.Integer(),
    decidedBy: Nullable(Type.String()),
    decidedAt: Nullable(Timestamp),
    decisionReason: Type.String(),
    createdAt: Timestamp,
    actions: Type.Array(Type.Union([Type.Literal('approve'), Type.Literal('reject')])),
  },
  { title: 'Promotion' },
);

export const CareerWorkerRow = Type.Object(
  {
    worker: CareerWorkerRef,
    grade: Nullable(Type.Integer()),
    since: Nullable(Type.String()),
    payFen: Nullable(Type.Integer()),
    ratings: Type.Array(Type.Object({ year: Type.Integer(), rating: Rating })),
    pendingPromotion: Type.Boolean(),
  },
  { title: 'CareerWorkerRow' },
);

export const CareerOverview = Type.Object(
  {
    items: Type.Array(CareerWorkerRow),
    pendingRatings: Type.Array(YearRatingItem),
    pendingPromotions: Type.Array(Promotion),
    ratingYear: Type.Integer(),
    mayManage: Type.Boolean(),
  },
  { title: 'CareerOverview' },
);

export const WorkerCareer = Type.Object(
  {
    worker: CareerWorkerRef,
    grade: Nullable(Type.Integer()),
    payFen: Nullable(Type.Integer()),
    nextPayFen: Nullable(Type.Integer()),
    ladder: Nullable(
      Type.Object({ unitName: Type.String(), effectiveFrom: Month, payFen: Type.Array(Type.Integer()) }),
    ),
    grades: Type.Array(GradeEntry),
    ratings: Type.Array(YearRatingItem),
    promotions: Type.Array(Promotion),
  },
  { title: 'WorkerCareer' },
);

export const TrainingMaterial = Type.Object(
  { id: Id, name: Type.String(), mime: Type.String(), url: Type.String() },
  { title: 'TrainingMaterial' },
);

export const TrainingCourse = Type.Object(
  {
    id: Id,
    unit: Type.Object({ id: Id, name: Type.String() }),
    title: Type.String(),
    kind: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
    hours: Type.Number(),
    description: Type.String(),
    materials: Type.Array(TrainingMaterial),
    sessions: Type.Integer(),
    attendees: Type.Integer(),
    createdAt: Timestamp,
  },
  { title: 'TrainingCourse' },
);

export const TrainingAttendanceEntry = Type.Object(
  {
    userId: Id,
    name: Type.String(),
    attended: Type.Boolean(),
    quizScore: Nullable(Type.Number()),
    passed: Nullable(Type.Boolean()),
    certificateNo: Nullable(Type.String()),
    certificateIssuedOn: Nullable(Type.String()),
  },
  { title: 'TrainingAttendanceEntry' },
);

export const TrainingSession = Type.Object(
  { id: Id, startsAt: Timestamp, place: Type.String(), attendance: Type.Array(TrainingAttendanceEntry) },
  { title: 'TrainingSession' },
);

export const TrainingCourseDetail = Type.Object(
  { course: TrainingCourse, sessions: Type.Array(TrainingSession) },
  { title: 'TrainingCourseDetail' },
);

export const TrainingHours = Type.Object(
  {
    year: Type.Integer(),
    items: Type.Array(
      Type.Object({
        worker: CareerWorkerRef,
        count: Type.Integer(),
        hours: Type.Number(),
        passed: Type.Integer(),
        certificates: Type.Integer(),
      }),
    ),
  },
  { title: 'TrainingHours' },
);

export const WorkerTraining = Type.Object(
  {
    worker: CareerWorkerRef,
    year: Type.Integer(),
    count: Type.Integer(),
    hours: Type.Number(),
    records: Type.Array(
      Type.Object({
        sessionId: Id,
        courseId: Id,
        title: Type.String(),
        kind: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
        hours: Type.Number(),
        startsAt: Timestamp,
        attended: Type.Boolean(),
        quizScore: Nullable(Type.Number()),
        passed: Nullable(Type.Boolean()),
        certificateNo: Nullable(Type.String()),
        certificateIssuedOn: Nullable(Type.String()),
      }),
    ),
  },
  { title: 'WorkerTraining' },
);
