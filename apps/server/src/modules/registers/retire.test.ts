import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';

// Registers never delete: retiring keeps the record, stamps it and records an event.
let t: TestApp;
let street1: Client;
let street2: Client;
beforeAll(async () => {
  t = await startTestApp();
  street1 = await t.login('street1');
  street2 = await t.login('street2');
});
afterAll(() => t?.close());

async function oneIn(table: 'houses' | 'units' | 'addresses') {
  const row = await t.db
    .selectFrom(table)
    .select('id')
    .where('grid_path', 'like', '/120100000000/120110000000/120110001000/%')
    .where('retired_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('retiring register records', () => {
  for (const table of ['houses', 'units', 'addresses'] as const) {
    it(`${table}: retired with an effective date (not while in use), kept, out of scope 404, bad date 400`, async () => {
      const id = await oneIn(table);
      expect((await street2.post(`/api/${table}/${id}/retire`, {})).statusCode).toBe(404);
      const bad = await street1.post(`/api/${table}/${id}/retire`, { effectiveDate: '2026-13-40' });
      expect(bad.statusCode).toBe(400);
      expect(bad.data.error.details.field).toBe('effectiveDate');
      const res = await street1.post(`/api/${table}/${id}/retire`, { effectiveDate: '2026-11-01' });
      const after = await street1.get(`/api/${table}/${id}`);
      expect(after.statusCode).toBe(200);
      if (table === 'units') {
        expect(res.statusCode, res.body).toBe(200);
        expect(after.data.retiredAt).not.toBeNull();
      } else {
        // The demo's houses and room addresses are lived in: they cannot go while people remain.
        expect(res.statusCode, res.body).toBe(409);
        expect(after.data.retiredAt).toBeNull();
      }
    });
  }
});
