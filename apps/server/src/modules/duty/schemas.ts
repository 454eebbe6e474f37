import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the duty routes (routes.ts, presenter.ts); each `title` is the console's type name.
// Shift and task kinds and states stay open strings (labelled by @wangge/rules).

const Named = Type.Object({ id: Id, name: Type.String() });
const Day = Type.String({ description: 'Beijing day, YYYY-MM-DD' });

export const DutyRota = Type.Object(
  {
    grid: Named,
    week: Day,
    days: Type.Array(Day),
    members: Type.Array(
      Type.Object({
        userId: Id,
        name: Type.String(),
        teamRole: Type.String(),
        /** Day → shift kind. */
        shifts: Type.Record(Type.String(), Type.String()),
      }),
    ),
    actions: Type.Array(Type.String()),
  },
  { title: 'DutyRota' },
);

export const DutyNow = Type.Object(
  {
    at: Timestamp,
    items: Type.Array(
      Type.Object({
        userId: Id,
        name: Type.String(),
        teamRole: Type.String(),
        grid: Named,
        kind: Type.String(),
        since: Timestamp,
        until: Nullable(Timestamp),
      }),
    ),
  },
  { title: 'DutyNow' },
);

export const DutyCoverage = Type.Object(
  {
    at: Timestamp,
    grids: Type.Integer(),
    uncovered: Type.Array(Type.Object({ id: Id, name: Type.String(), members: Type.Integer() })),
  },
  { title: 'DutyCoverage' },
);

export const DutyBoard = Type.Object(
  {
    day: Day,
    teams: Type.Array(
      Type.Object({
        grid: Named,
        members: Type.Array(
          Type.Object({
            userId: Id,
            name: Type.String(),
            teamRole: Type.String(),
            kind: Nullable(Type.String()),
          }),
        ),
      }),
    ),
  },
  { title: 'DutyBoard' },
);

export const WorkTask = Type.Object(
  {
    id: Id,
    kind: Type.String(),
    state: Type.String(),
    version: Type.Integer(),
    title: Type.String(),
    instructions: Type.String(),
    assignee: Named,
    grid: Named,
    target: Nullable(
      Type.Object({
        type: Type.Union([
          Type.Literal('unit'),
          Type.Literal('case'),
          Type.Literal('house'),
          Type.Literal('route'),
        ]),
        id: Nullable(Id),
        name: Type.String(),
        code: Type.Optional(Type.String()),
      }),
    ),
    dueDay: Day,
    createdBy: Named,
    createdAt: Timestamp,
    done: Nullable(Type.Object({ at: Timestamp, note: Type.String() })),
    /** What the caller may do now (TASK_WORKFLOW of @wangge/rules). */
    actions: Type.Array(Type.String()),
  },
  { title: 'WorkTask' },
);

export const WorkTaskList = Type.Object({ items: Type.Array(WorkTask) }, { title: 'WorkTaskList' });
