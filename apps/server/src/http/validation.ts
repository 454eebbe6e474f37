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

export const schemaController: NonNullable<FastifyServerOptions['schemaController']> = {
  compilersFactory: { buildValidator },
};
