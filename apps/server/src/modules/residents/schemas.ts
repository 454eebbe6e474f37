import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the resident app's routes (presenter.ts); each `title` is the console's type
// name. Phases are @wangge/rules publicPhase names.

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

/** A resident's view of a case: also the tracked report of an anonymous one (anonymous-routes.ts). */
export const ResidentCase = {
  id: Id,
  code: Type.String(),
  categoryCode: Type.String(),
  categoryName: Bilingual,
  address: Type.String(),
  description: Type.String(),
  phase: Type.String(),
  plusOnes: Type.Integer(),
  reportedAt: Timestamp,
  lon: Type.Number(),
  lat: Type.Number(),
};

export const ResidentReport = Type.Object(
  {
    ...ResidentCase,
    /** Followed by "+1" rather than reported. */
    joined: Type.Boolean(),
    rating: Nullable(Type.Object({ score: Type.Integer(), comment: Nullable(Type.String()) })),
    /** rate, reopen. */
    actions: Type.Array(Type.String()),
  },
  { title: 'ResidentReport' },
);

export const ResidentReportList = Type.Object(
  { items: Type.Array(ResidentReport) },
  { title: 'ResidentReportList' },
);

export const ResidentReportDetail = Type.Object(
  {
    ...ResidentReport.properties,
    timeline: Type.Array(
      Type.Object({
        phase: Type.String(),
        at: Timestamp,
        publicNote: Nullable(Type.String()),
        reopened: Type.Boolean(),
      }),
    ),
  },
  { title: 'ResidentReportDetail' },
);

export const NearbyReports = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        ...ResidentCase,
        distanceMetres: Type.Number(),
        actions: Type.Array(Type.String()),
      }),
    ),
  },
  { title: 'NearbyReports' },
);

export const SignInCodeSent = Type.Object({ expiresInSeconds: Type.Integer() }, { title: 'SignInCodeSent' });

export const ResidentAddresses = Type.Object(
  { items: Type.Array(Type.Object({ id: Id, fullName: Type.String() })) },
  { title: 'ResidentAddresses' },
);

export const ResidentGrid = Type.Object(
  {
    grid: Type.Object({ id: Id, code: Type.String(), name: Type.String() }),
    community: Type.Object({ id: Id, name: Type.String() }),
    street: Type.Object({ name: Type.String() }),
    /** The grid's worker; the phone masked unless the caller lives in the grid. */
    worker: Nullable(Type.Object({ name: Type.String(), phone: Nullable(Type.String()) })),
    /** Whether this is the caller's home grid. */
    resident: Type.Boolean(),
    phoneRevealed: Type.Boolean(),
    serviceHours: Type.String(),
  },
  { title: 'ResidentGrid' },
);
