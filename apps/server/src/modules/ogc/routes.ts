import type { FastifyRequest } from 'fastify';
import { type TObject, Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { gridFeatureProperties } from '../grids/presenter.ts';
import { type GridWithBoundaryRow, gridRepository as repo } from '../grids/repository.ts';

// OGC API – Features Part 1 (core + GeoJSON), read-only, so GIS tools (QGIS, ogrinfo) read grids directly.
const tags = ['ogc'];
const GEOJSON = 'application/geo+json';
const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const Format = { f: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('geojson')])) };
const FormatOnly = Type.Object(Format);
const ItemsQuery = Type.Object({
  bbox: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  ...Format,
});

/**
 * OGC API – Features Part 1, /req/core/query-param-unknown: a query parameter the API definition
 * does not name is answered 400, so a misspelt filter (bbx=…) never silently returns everything.
 * Checked here rather than by additionalProperties so that no Ajv option can turn it into removal.
 */
function onlyKnownParams(schema: TObject) {
  const known = Object.keys(schema.properties);
  return async (request: FastifyRequest) => {
    const unknown = Object.keys(request.query as Record<string, unknown>).find(
      (name) => !known.includes(name),
    );
    if (unknown !== undefined)
      throw badRequest(unknown, `未知的查询参数 ${unknown} (unknown query parameter ${unknown})`, { known });
  };
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function parseBbox(raw: string | undefined): [number, number, number, number] | null {
  if (!raw) return null;
  const parts = raw.split(',').map(Number);
  const [a, b, c, d] = parts;
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || a! > c! || b! > d!) {
    throw badRequest(
      'bbox',
      'bbox 须为 minLon,minLat,maxLon,maxLat (bbox must be four numbers, min before max)',
    );
  }
  return [a!, b!, c!, d!];
}

function feature(row: GridWithBoundaryRow, base: string) {
  return {
    type: 'Feature',
    id: row.code,
    geometry: row.geometry,
    properties: gridFeatureProperties(row),
    links: [
      { href: `${base}/ogc/collections/grids/items/${row.code}`, rel: 'self', type: GEOJSON },
      // /req/core/f-links: a feature links the collection it belongs to.
      { href: `${base}/ogc/collections/grids`, rel: 'collection', type: 'application/json' },
    ],
  };
}

async function collection(base: string, db: AppContext['db'], actor: Actor) {
  const e = await repo.extent(db, actor);
  const bbox = e.min_lon === null ? [-180, -90, 180, 90] : [e.min_lon, e.min_lat, e.max_lon, e.max_lat];
  return {
    id: 'grids',
    title: '网格 Grids',
    description: '网格边界（当前有效）current grid boundaries with code, community, kind and households',
    itemType: 'feature',
    crs: [CRS84],
    extent: { spatial: { bbox: [bbox], crs: CRS84 } },
    links: [
      {
        href: `${base}/ogc/collections/grids`,
        rel: 'self',
        type: 'application/json',
        title: 'this collection',
      },
      { href: `${base}/ogc/collections/grids/items`, rel: 'items', type: GEOJSON, title: 'grid features' },
    ],
  };
}

export function registerOgcRoutes(app: App, { db }: AppContext): void {
  app.get(
    '/ogc',
    {
      schema: { tags, summary: 'OGC API – Features landing page', querystring: FormatOnly },
      preValidation: onlyKnownParams(FormatOnly),
    },
    async (request) => {
      authorize(request, 'grids.read');
      const base = baseUrl(request);
      return {
        title: 'Wangge 网格 OGC API – Features',
        description: 'Grid boundaries of the grid-based governance platform',
        links: [
          { href: `${base}/ogc`, rel: 'self', type: 'application/json', title: 'this document' },
          {
            href: `${base}/api/openapi.json`,
            rel: 'service-desc',
            type: 'application/vnd.oai.openapi+json;version=3.0',
            title: 'API definition',
          },
          { href: `${base}/api/docs`, rel: 'service-doc', type: 'text/html', title: 'API documentation' },
          {
            href: `${base}/ogc/conformance`,
            rel: 'conformance',
            type: 'application/json',
            title: 'conformance classes',
          },
          { href: `${base}/ogc/collections`, rel: 'data', type: 'application/json', title: 'collections' },
        ],
      };
    },
  );

  app.get(
    '/ogc/conformance',
    {
      schema: { tags, summary: 'conformance classes', querystring: FormatOnly },
      preValidation: onlyKnownParams(FormatOnly),
    },
    async (request) => {
      authorize(request, 'grids.read');
      return { conformsTo: CONFORMANCE };
    },
  );

  app.get(
    '/ogc/collections',
    {
      schema: { tags, summary: 'collections', querystring: FormatOnly },
      preValidation: onlyKnownParams(FormatOnly),
    },
    async (request) => {
      const actor = authorize(request, 'grids.read');
      const base = baseUrl(request);
      return {
        links: [{ href: `${base}/ogc/collections`, rel: 'self', type: 'application/json' }],
        collections: [await collection(base, db, actor)],
      };
    },
  );

  app.get(
    '/ogc/collections/:collectionId',
    {
      schema: {
        tags,
        summary: 'one collection',
        params: Type.Object({ collectionId: Type.String() }),
        querystring: FormatOnly,
      },
      preValidation: onlyKnownParams(FormatOnly),
    },
    async (request) => {
      const actor = authorize(request, 'grids.read');
      if (request.params.collectionId !== 'grids')
        throw new AppError(404, 'not_found', `no collection ${request.params.collectionId}`);
      return collection(baseUrl(request), db, actor);
    },
  );

  app.get(
    '/ogc/collections/:collectionId/items',
    {
      schema: {
        tags,
        summary: 'grid features (bbox, limit, offset paging)',
        params: Type.Object({ collectionId: Type.String() }),
        querystring: ItemsQuery,
      },
      preValidation: onlyKnownParams(ItemsQuery),
    },
    async (request, reply) => {
      const actor = authorize(request, 'grids.read');
      if (request.params.collectionId !== 'grids')
        throw new AppError(404, 'not_found', `no collection ${request.params.collectionId}`);
      const bbox = parseBbox(request.query.bbox);
      const limit = request.query.limit ?? 100;
      const offset = request.query.offset ?? 0;
      const { items: rows, matched } = await repo.withBoundaries(db, actor, bbox ? { bbox } : {}, {
        limit,
        offset,
      });
      const base = baseUrl(request);
      const page = (o: number) => {
        const params = new URLSearchParams({ limit: String(limit), offset: String(o) });
        if (request.query.bbox) params.set('bbox', request.query.bbox);
        return `${base}/ogc/collections/grids/items?${params}`;
      };
      const links = [{ href: page(offset), rel: 'self', type: GEOJSON }];
      if (offset + rows.length < matched)
        links.push({ href: page(offset + limit), rel: 'next', type: GEOJSON });
      reply.type(GEOJSON);
      return {
        type: 'FeatureCollection',
        timeStamp: new Date().toISOString(),
        numberMatched: matched,
        numberReturned: rows.length,
        features: rows.map((r) => feature(r, base)),
        links,
      };
    },
  );

  app.get(
    '/ogc/collections/:collectionId/items/:featureId',
    {
      schema: {
        tags,
        summary: 'one grid feature by its 15-digit code',
        params: Type.Object({ collectionId: Type.String(), featureId: Type.String({ maxLength: 20 }) }),
        querystring: FormatOnly,
      },
      preValidation: onlyKnownParams(FormatOnly),
    },
    async (request, reply) => {
      const actor = authorize(request, 'grids.read');
      if (request.params.collectionId !== 'grids')
        throw new AppError(404, 'not_found', `no collection ${request.params.collectionId}`);
      const { items } = await repo.withBoundaries(db, actor, { code: request.params.featureId });
      const row = items[0];
      if (!row)
        throw new AppError(404, 'not_found', `网格 ${request.params.featureId} 不存在 (no such feature)`);
      reply.type(GEOJSON);
      return feature(row, baseUrl(request));
    },
  );
}
