import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

type BuildCompiler = ReturnType<typeof AjvCompiler>;
/** What the compiler is really called with (its published type says otherwise). */
type RouteCompiler = (route: { httpPart?: string }) => unknown;

const fromPool = AjvCompiler();

/**
 * Query strings, path parameters and headers arrive as text, so Ajv coerces them to the schema's
 * types ('?status=a' → ['a'], '?limit=5' → 5). JSON bodies carry their own types: coercing them
 * would accept a string where a list belongs (as a one-element list) or '5' for 5, and store what
 * the client got wrong. Bodies are therefore validated by an Ajv instance that does not coerce.
 */
const buildValidator: BuildCompiler = (externalSchemas, options = {}) => {
  const coercing = fromPool(externalSchemas, options) as unknown as RouteCompiler;
  const strict = fromPool(externalSchemas, {
    ...options,
    customOptions: { ...options.customOptions, coerceTypes: false },
  } as typeof options) as unknown as RouteCompiler;
  const byPart: RouteCompiler = (route) => (route.httpPart === 'body' ? strict(route) : coercing(route));
  return byPart as unknown as ReturnType<BuildCompiler>;
};

type BuildSerializer = (
  externalSchemas: unknown,
) => (route: {
  schema: unknown;
  method: string;
  url: string;
  httpStatus?: string;
}) => (data: unknown) => string;

/**
 * Responses are written with JSON.stringify, never by a schema-driven serialiser that would drop
 * a field the schema forgot or coerce a wrong type into a right-looking one. The response schemas
 * document the API and are the source of the console's generated types, so with `checkResponses`
 * (tests) every response is validated against its schema and a mismatch fails the request.
 */
function serializerFactory(checkResponses: boolean): BuildSerializer {
  return (externalSchemas) => {
    if (!checkResponses) return () => (data) => JSON.stringify(data);
    const strict = fromPool(
      externalSchemas as Parameters<typeof fromPool>[0],
      {
        customOptions: {
          coerceTypes: false,
          removeAdditional: false,
          allErrors: true,
          // Annotation for the generated console types (scripts/openapi-to-ts.ts), not a check.
          keywords: ['x-geojson'],
        },
      } as Parameters<typeof fromPool>[1],
    ) as unknown as RouteCompiler;
    return (route) => {
      const validate = strict({ ...route, httpPart: 'body' }) as ((data: unknown) => boolean) & {
        errors?: { instancePath: string; message?: string }[] | null;
      };
      return (data) => {
        const text = JSON.stringify(data);
        if (!validate(JSON.parse(text))) {
          const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
          throw new Error(
            `response of ${route.method} ${route.url} (${route.httpStatus}) breaks its schema: ${errors.join('; ')}`,
          );
        }
        return text;
      };
    };
  };
}

export function schemaControllerFor(options: {
  checkResponses: boolean;
}): NonNullable<FastifyServerOptions['schemaController']> {
  return {
    compilersFactory: {
      buildValidator,
      buildSerializer: serializerFactory(options.checkResponses) as never,
    },
  };
}
