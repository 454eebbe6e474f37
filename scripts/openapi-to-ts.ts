// Prints TypeScript types from an OpenAPI 3 document whose schemas come from TypeBox: objects,
// arrays, tuples, unions, literals, records and the scalar types. A schema with a `title` becomes
// a named type (the server names its response shapes that way), used wherever it appears; every
// route with a JSON body or a JSON 2xx answer is listed in `ApiRoutes` by "METHOD /path".

interface Schema {
  title?: string;
  /** A type of the `geojson` package the schema stands for (http/schemas.ts GeoJson). */
  'x-geojson'?: string;
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>;
  items?: Schema | Schema[];
  prefixItems?: Schema[];
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function openApiToTypeScript(document: OpenApiDocument): string {
  const components = document.components?.schemas ?? {};
  const named = new Map<string, string>();
  const geojson = new Set<string>();

  const refName = (ref: string): string => {
    const key = ref.replace(/^#\/components\/schemas\//, '');
    const target = components[key];
    if (!target) throw new Error(`unresolved $ref ${ref}`);
    return print({ ...target, title: target.title ?? pascal(key) });
  };

  /** The type expression of a schema; a titled schema is declared once and named. */
  function print(schema: Schema): string {
    if (schema.$ref) return refName(schema.$ref);
    const external = schema['x-geojson'];
    if (external) {
      geojson.add(external.replace(/<.*$/, ''));
      return external;
    }
    if (schema.title && /^[A-Z][A-Za-z0-9]*$/.test(schema.title)) {
      // OpenAPI 3.0 has no null type: a nullable reference arrives as the schema with `nullable`.
      if (schema.nullable) return `${print({ ...schema, nullable: false })} | null`;
      const { title, nullable: _, ...rest } = schema;
      const body = printInline(rest);
      const earlier = named.get(title);
      if (earlier !== undefined && earlier !== body) {
        throw new Error(`two different schemas are titled ${title}: give one another title`);
      }
      named.set(title, body);
      return title;
    }
    return printInline(schema);
  }

  function printInline(schema: Schema): string {
    const base = printBase(schema);
    return schema.nullable ? `${paren(base)} | null` : base;
  }

  function printBase(schema: Schema): string {
    if ('const' in schema) return JSON.stringify(schema.const);
    if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
    const union = schema.anyOf ?? schema.oneOf;
    if (union) return unique(union.map((s) => paren(print(s)))).join(' | ');
    if (schema.allOf) return schema.allOf.map((s) => paren(print(s))).join(' & ');
    if (Array.isArray(schema.type)) {
      return schema.type.map((type) => printBase({ ...schema, type })).join(' | ');
    }
    switch (schema.type) {
      case 'string':
        return 'string';
      case 'number':
      case 'integer':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array':
        return printArray(schema);
      case 'object':
        return printObject(schema);
      default:
        return schema.properties ? printObject(schema) : 'unknown';
    }
  }

  function printArray(schema: Schema): string {
    const tuple = schema.prefixItems ?? (Array.isArray(schema.items) ? schema.items : null);
    if (tuple) return `[${tuple.map(print).join(', ')}]`;
    return schema.items ? `${paren(print(schema.items as Schema))}[]` : 'unknown[]';
  }

  function printObject(schema: Schema): string {
    const required = new Set(schema.required ?? []);
    const fields = Object.entries(schema.properties ?? {}).map(([key, value]) => {
      return `${propertyKey(key)}${required.has(key) ? '' : '?'}: ${print(value)};`;
    });
    const extra = [
      ...Object.values(schema.patternProperties ?? {}),
      ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
    ];
    if (extra.length > 0) fields.push(`[key: string]: ${unique(extra.map(print)).join(' | ')};`);
    if (fields.length === 0) return 'Record<string, unknown>';
    return `{\n${fields.join('\n')}\n}`;
  }

  const routes: string[] = [];
  for (const [route, item] of Object.entries(document.paths ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const body = jsonSchema(op.requestBody?.content);
      const ok = Object.entries(op.responses ?? {})
        .filter(([status]) => /^2\d\d$/.test(status))
        .map(([, response]) => jsonSchema(response.content))
        .filter((s): s is Schema => s !== null);
      if (!body && ok.length === 0) continue;
      const parts: string[] = [];
      if (body) parts.push(`body: ${print(body)};`);
      if (ok.length > 0) parts.push(`response: ${unique(ok.map((s) => paren(print(s)))).join(' | ')};`);
      routes.push(`${JSON.stringify(`${method.toUpperCase()} ${route}`)}: {\n${parts.join('\n')}\n};`);
    }
  }

  const declarations = [...named.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, body]) =>
      body.startsWith('{') ? `export interface ${name} ${body}` : `export type ${name} = ${body};`,
    );
  return [
    "// Generated by scripts/gen-api.ts from the server's OpenAPI document. Do not edit: change the",
    "// route's TypeBox schema and run `npm run gen`.",
    ...(geojson.size > 0 ? [`import type { ${[...geojson].sort().join(', ')} } from 'geojson';`] : []),
    '',
    ...declarations,
    '',
    `export interface ApiRoutes {\n${routes.join('\n')}\n}`,
    '',
  ].join('\n');
}

function jsonSchema(content: Record<string, { schema?: Schema }> | undefined): Schema | null {
  return content?.['application/json']?.schema ?? null;
}

/** Wraps a union or intersection, so `[]`, `|` and `&` around it bind as meant. */
function paren(type: string): string {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < type.length; i++) {
    const c = type[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[' || c === '(' || c === '<') depth++;
    else if (c === '}' || c === ']' || c === ')' || c === '>') depth--;
    else if (depth === 0 && (c === '|' || c === '&')) return `(${type})`;
  }
  return type;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

function pascal(key: string): string {
  return key.replace(/(^|[-_ ])(\w)/g, (_, __, c: string) => c.toUpperCase()).replace(/\W/g, '');
}
