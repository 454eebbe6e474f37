import { Type } from 'typebox';
import { Id, Nullable, OrgLevel } from '../../http/schemas.ts';

// Response shapes of the level tree; each `title` is the console's type name (scripts/gen-api.ts).

/** The level tree lists a grid's buildings as its children. */
export const NodeLevel = Type.Union([OrgLevel, Type.Literal('building')], { title: 'NodeLevel' });

export const OrgNode = Type.Object(
  {
    id: Id,
    parentId: Nullable(Id),
    level: NodeLevel,
    code: Type.String(),
    name: Type.String(),
    childCount: Type.Integer(),
  },
  { title: 'OrgNode' },
);

export const OrgUnitDetail = Type.Object(
  { ...OrgNode.properties, chain: Type.Array(OrgNode), actions: Type.Array(Type.String()) },
  { title: 'OrgUnitDetail' },
);
