import type { Geometry } from '@wangge/rules';
import { type TSchema, Type } from 'typebox';

// Shared TypeBox pieces; ids travel as strings because they are bigint in the database.
export const Id = Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: 'numeric id' });
export const IdParams = Type.Object({ id: Id });
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse' },
);
export const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};
export const OrgRef = Type.Object({ id: Id, code: Type.String(), name: Type.String() });
export const OrgLevel = Type.Union(
  [
    Type.Literal('city'),
    Type.Literal('district'),
    Type.Literal('street'),
    Type.Literal('community'),
    Type.Literal('grid'),
  ],
  { title: 'OrgLevel' },
);

/** A point in time travels as ISO 8601 text; presenters turn the database's Date with `iso`. */
export const Timestamp = Type.String({ description: 'ISO 8601 time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** GeoJSON geometry (WGS-84), checked by the geometry rules rather than by the schema. */
export const GeoJsonGeometry = Type.Unsafe<Geometry>({ type: 'object', 'x-geojson': 'Geometry' });
