// The base map drawn from our own data (roads, buildings, water, green) for maps without tiles.
import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { badRequest } from '../../http/errors.ts';
import { authorize } from '../access/authorize.ts';
import { readBasemap } from './operations.ts';
import { presentBasemap } from './presenter.ts';
import type { Bbox } from './repository.ts';

const Query = Type.Object({
  bbox: Type.String({ maxLength: 200, description: 'minLon,minLat,maxLon,maxLat (WGS-84)' }),
  zoom: Type.Integer({ minimum: 0, maximum: 22, description: 'map zoom, decides detail and simplification' }),
});

const Feature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: Type.Unknown(),
  properties: Type.Object({
    kind: Type.Union([
      Type.Literal('road'),
      Type.Literal('building'),
      Type.Literal('water'),
      Type.Literal('green'),
    ]),
    class: Type.Union([Type.Literal('main'), Type.Literal('lane'), Type.Null()]),
    name: Type.Union([Type.String(), Type.Null()]),
    levels: Type.Union([Type.Integer(), Type.Null()]),
  }),
});

function parseBbox(raw: string): Bbox {
  const parts = raw.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  const [w, s, e, n] = parts as Bbox;
  const valid =
    parts.length === 4 &&
    parts.every(Number.isFinite) &&
    w >= -180 &&
    e <= 180 &&
    s >= -90 &&
    n <= 90 &&
    w <= e &&
    s <= n;
  if (!valid) {
    throw badRequest(
      'bbox',
      'bbox 须为 minLon,minLat,maxLon,maxLat，经纬度范围内且最小值在前 (bbox must be four WGS-84 numbers, min before max)',
    );
  }
  return [w, s, e, n];
}

/**
 * Any signed-in user may read it: the base map holds no personal data. The answer is the same for
 * everyone and changes only when the base data is reloaded, so the browser may keep it for a few
 * minutes (panning back costs nothing); `private` because it still needs a login, so no shared
 * cache stores it. This overrides the API's default no-store (http/security-headers.ts).
 */
export function registerBasemapRoutes(app: App, { db }: AppContext): void {
  app.get(
    '/api/basemap',
    {
      schema: {
        tags: ['map'],
        summary: '底图要素 (base map features in a bbox: roads, buildings, water, green; detail by zoom)',
        querystring: Query,
        response: {
          200: Type.Object({
            type: Type.Literal('FeatureCollection'),
            features: Type.Array(Feature),
            truncated: Type.Boolean(),
          }),
        },
      },
    },
    async (request, reply) => {
      authorize(request);
      const bbox = parseBbox(request.query.bbox);
      const { zoom } = request.query;
      const { rows, truncated } = await readBasemap({ db, bbox, zoom });
      reply.header('cache-control', 'private, max-age=300');
      return presentBasemap(rows, zoom, truncated);
    },
  );
}
