import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Below this, the compressed answer and its headers save too little to be worth the CPU. */
export const COMPRESS_THRESHOLD = 1024;
const COMPRESSIBLE =
  /^(text\/(?!event-stream)|application\/(json|geo\+json|xml|javascript)|[^;]*\+(json|xml))/i;

/**
 * The encoding to answer in for an Accept-Encoding header: brotli before gzip, neither when the
 * client refuses it (q=0) or asks for nothing; a wildcard accepts both.
 */
export function answerEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [first, ...params] = part.toLowerCase().split(';');
    const name = first?.trim();
    if (!name) continue;
    const weight = params.map((p) => /^\s*q\s*=\s*(\S*)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const value = weight === undefined ? 1 : Number(weight);
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

/**
 * Compresses the answers routes hand over whole (JSON, text): in one call on the zlib thread
 * pool, not through the stream pipeline @fastify/compress builds for every answer, which cost
 * about a millisecond of the event loop per answer (measured on case creation). Streams (files,
 * exports) are left to @fastify/compress, which skips what this hook has compressed already.
 * Registered before the routes: an app-level onSend hook runs before the route-level ones.
 */
export function registerAnswerCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.hasHeader('content-encoding') || request.headers['x-no-compression'] !== undefined) {
      return payload;
    }
    const size = Buffer.byteLength(payload);
    if (size < COMPRESS_THRESHOLD) return payload;
    const type = String(reply.getHeader('content-type') ?? 'application/json');
    if (!COMPRESSIBLE.test(type)) return payload;
    const vary = reply.getHeader('vary');
    if (!vary) reply.header('vary', 'accept-encoding');
    else if (!/accept-encoding|\*/i.test(String(vary))) reply.header('vary', `${vary}, accept-encoding`);
    const encoding = answerEncoding(request.headers['accept-encoding']);
    if (!encoding) return payload;
    const body =
      encoding === 'br'
        ? await brotli(payload, {
            params: {
              // Quality 4: the cheap setting for answers made per request (11 costs ~40× the CPU).
              [constants.BROTLI_PARAM_QUALITY]: 4,
              [constants.BROTLI_PARAM_SIZE_HINT]: size,
            },
          })
        : await gzipped(payload);
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return body;
  });
}
