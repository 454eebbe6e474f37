import { Type } from 'typebox';
import { Id, Nullable, Timestamp } from '../../http/schemas.ts';

// Response shapes of the patrol routes (presenter.ts); each `title` is the console's type name.

/** What became of a batch of fixes (presentIngest): stored, already there, refused and why. */
export const PositionsIngested = Type.Object(
  {
    accepted: Type.Integer(),
    duplicates: Type.Integer(),
    rejected: Type.Array(Type.Object({ index: Type.Integer(), reason: Type.String() })),
  },
  { title: 'PositionsIngested' },
);

export const LivePosition = Type.Object(
  {
    userId: Id,
    lon: Type.Number(),
    lat: Type.Number(),
    accuracy: Nullable(Type.Number()),
    at: Timestamp,
    gridId: Nullable(Id),
    gridCode: Nullable(Type.String()),
  },
  { title: 'LivePosition' },
);

export const LivePositions = Type.Object(
  { count: Type.Integer(), items: Type.Array(LivePosition) },
  { title: 'LivePositions' },
);

/** An OsmAnd / OwnTracks device bound to a worker. */
export const TrackerDevice = Type.Object(
  {
    deviceId: Type.String(),
    userId: Id,
    username: Type.Optional(Type.String()),
    protocol: Type.String(),
    boundAt: Timestamp,
    revokedAt: Nullable(Timestamp),
  },
  { title: 'TrackerDevice' },
);

export const TrackerDeviceList = Type.Object(
  { items: Type.Array(TrackerDevice) },
  { title: 'TrackerDeviceList' },
);

const Fix = Type.Object({
  at: Timestamp,
  lon: Type.Number(),
  lat: Type.Number(),
  accuracy: Nullable(Type.Number()),
  gridId: Nullable(Id),
});

/** A worker's day (Asia/Shanghai): the track as GeoJSON lines split at gaps, stops, totals, visits, activities. */
export const WorkerDay = Type.Object(
  {
    userId: Id,
    date: Type.String(),
    ownGridIds: Type.Array(Id),
    fixes: Type.Integer(),
    distanceM: Type.Number(),
    insideOwnGridS: Type.Number(),
    totals: Type.Object({
      distanceM: Type.Number(),
      trackedS: Type.Number(),
      movingS: Type.Number(),
      stoppedS: Type.Number(),
      insideOwnGridS: Type.Number(),
      outsideOwnGridS: Type.Number(),
    }),
    stops: Type.Array(
      Type.Object({
        from: Timestamp,
        to: Timestamp,
        durationS: Type.Number(),
        lon: Type.Number(),
        lat: Type.Number(),
        fixes: Type.Integer(),
      }),
    ),
    visits: Type.Object({
      count: Type.Integer(),
      households: Type.Integer(),
      seconds: Type.Integer(),
      targetMinutes: Type.Number(),
    }),
    /** The day's cases reported, visits and venue inspections, each at its place on the track. */
    activities: Type.Array(
      Type.Object({
        kind: Type.Union([Type.Literal('case'), Type.Literal('visit'), Type.Literal('inspection')]),
        id: Id,
        at: Timestamp,
        until: Nullable(Timestamp),
        lon: Nullable(Type.Number()),
        lat: Nullable(Type.Number()),
        placed: Type.Union([Type.Literal('own'), Type.Literal('track'), Type.Literal('none')]),
        label: Type.String(),
      }),
    ),
    stopRule: Type.Object({ minStayS: Type.Number(), radiusM: Type.Number() }),
    firstFix: Nullable(Fix),
    lastFix: Nullable(Fix),
    track: Type.Object({
      type: Type.Literal('FeatureCollection'),
      features: Type.Array(
        Type.Object({
          type: Type.Literal('Feature'),
          geometry: Type.Object({
            type: Type.Literal('LineString'),
            coordinates: Type.Array(Type.Tuple([Type.Number(), Type.Number()])),
          }),
          properties: Type.Object({
            from: Timestamp,
            to: Timestamp,
            /** Epoch milliseconds per coordinate. */
            times: Type.Array(Type.Number()),
            fixes: Type.Integer(),
            distanceM: Type.Number(),
          }),
        }),
      ),
    }),
    segments: Type.Array(
      Type.Object({ from: Timestamp, to: Timestamp, fixes: Type.Integer(), distanceM: Type.Number() }),
    ),
    events: Type.Array(
      Type.Object({
        kind: Type.String(),
        regionId: Nullable(Type.String()),
        regionName: Nullable(Type.String()),
        at: Timestamp,
        lon: Type.Number(),
        lat: Type.Number(),
        gridId: Nullable(Id),
        source: Type.String(),
      }),
    ),
  },
  { title: 'WorkerDay' },
);
