import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the command routes (overview.ts, worker-card.ts); each `title` is the
// console's type name. The case pins' shape is in case-pins.ts (CommandCases).

export const CommandUnit = Type.Object(
  { id: Id, code: Type.String(), name: Type.String(), level: Type.String() },
  { title: 'CommandUnit' },
);

const Rate = Nullable(Type.Number({ description: 'percent with one decimal; null: nothing to divide by' }));

export const CommandFigures = Type.Object(
  {
    reportedToday: Type.Integer(),
    filedToday: Type.Integer(),
    handledToday: Type.Integer(),
    closedToday: Type.Integer(),
    closureRate: Rate,
    onTimeRate: Rate,
    satisfaction: Rate,
    open: Type.Integer(),
    overdue: Type.Integer(),
    redCards: Type.Integer(),
    openPer1000: Nullable(Type.Number()),
    workersOnDuty: Type.Integer(),
    workersOnline: Type.Integer(),
    visitMinutesToday: Type.Number(),
    visitTargetMinutes: Type.Number(),
    inspectionsDoneToday: Type.Integer(),
    inspectionsDue: Type.Integer(),
    inspectionsOverdue: Type.Integer(),
    people: Type.Integer(),
    households: Type.Integer(),
  },
  { title: 'CommandFigures' },
);

export const CommandOverview = Type.Object(
  {
    unit: CommandUnit,
    breadcrumb: Type.Array(CommandUnit),
    asOf: Timestamp,
    figures: CommandFigures,
    children: Type.Array(Type.Object({ ...CommandUnit.properties, figures: CommandFigures })),
  },
  { title: 'CommandOverview' },
);

export const CommandTrend = Type.Object(
  {
    unit: CommandUnit,
    days: Type.Array(Type.Object({ day: Type.String(), reported: Type.Integer(), closed: Type.Integer() })),
    byCategory: Type.Array(
      Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String(), count: Type.Integer() }),
    ),
    bySource: Type.Array(Type.Object({ source: Type.String(), count: Type.Integer() })),
  },
  { title: 'CommandTrend' },
);

export const WorkerCard = Type.Object(
  {
    userId: Id,
    name: Type.String(),
    phoneMasked: Nullable(Type.String()),
    grids: Type.Array(Type.Object({ id: Id, code: Type.String(), name: Type.String() })),
    date: Type.String(),
    lastFix: Nullable(
      Type.Object({
        at: Timestamp,
        ageS: Type.Integer(),
        lon: Type.Number(),
        lat: Type.Number(),
        battery: Nullable(Type.Number()),
      }),
    ),
    distanceM: Type.Number(),
    trackedS: Type.Number(),
    insideOwnGridS: Type.Number(),
    visits: Type.Object({
      count: Type.Integer(),
      households: Type.Integer(),
      seconds: Type.Integer(),
      targetMinutes: Type.Number(),
    }),
    casesReported: Type.Integer(),
    onDuty: Nullable(Type.Object({ kind: Type.String(), since: Timestamp })),
  },
  { title: 'WorkerCard' },
);
