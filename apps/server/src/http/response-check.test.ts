import Fastify from 'fastify';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { schemaControllerFor } from './validation.ts';

const Thing = Type.Object({ id: Type.String(), count: Type.Integer() });

async function appWith(checkResponses: boolean, body: unknown) {
  const app = Fastify({ logger: false, schemaController: schemaControllerFor({ checkResponses }) });
  app.get('/thing', { schema: { response: { 200: Thing } } }, async () => body);
  await app.ready();
  return app;
}

describe('response schemas', () => {
  it('fail the request when a response breaks its schema and checking is on (tests)', async () => {
    const app = await appWith(true, { id: 7, count: 'many' });
    const res = await app.inject('/thing');
    expect(res.statusCode).toBe(500);
    await app.close();
  });

  it('pass a response that keeps its schema, extra fields included, with checking on', async () => {
    const app = await appWith(true, { id: '7', count: 2, note: 'kept' });
    const res = await app.inject('/thing');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: '7', count: 2, note: 'kept' });
    await app.close();
  });

  it('never drop or coerce fields when checking is off (production writes plain JSON)', async () => {
    const app = await appWith(false, { id: 7, count: '2', note: 'kept' });
    const res = await app.inject('/thing');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 7, count: '2', note: 'kept' });
    await app.close();
  });
});
