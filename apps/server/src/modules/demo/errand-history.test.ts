import {
  ERRAND_TRANSITIONS,
  type ErrandAction,
  type ErrandState,
  type ExtraFieldSpec,
  nextErrandState,
  OPEN_ERRAND_STATES,
  validateExtraFields,
} from '@wangge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** The demo's year of errands as the platform's own rules and screens see them. */
describe('demo errand history', () => {
  it('replays every errand through the state machine, with valid fields and its documents', async () => {
    const errands = await t.db.selectFrom('errands').selectAll().orderBy('id').execute();
    expect(errands.length).toBeGreaterThan(900);
    const types = new Map(
      (await t.db.selectFrom('errand_types').selectAll().execute()).map((x) => [x.code, x]),
    );
    const steps = await t.db
      .selectFrom('errand_steps')
      .selectAll()
      .orderBy('errand_id')
      .orderBy('seq')
      .execute();
    const byErrand = new Map<string, typeof steps>();
    for (const s of steps) {
      const list = byErrand.get(s.errand_id) ?? [];
      list.push(s);
      byErrand.set(s.errand_id, list);
    }
    const states = new Map<string, number>();
    for (const e of errands) {
      states.set(e.state, (states.get(e.state) ?? 0) + 1);
      const type = types.get(e.type_code)!;
      expect(validateExtraFields(type.required_fields as ExtraFieldSpec[], e.fields).ok, e.code).toBe(true);
      let state: ErrandState | null = null;
      let version = 1;
      for (const s of byErrand.get(e.id) ?? []) {
        expect(s.from_state, `${e.code} #${s.seq}`).toBe(state);
        if (s.action !== 'start') {
          const action = s.action as ErrandAction;
          expect(ERRAND_TRANSITIONS[action].from, `${e.code} ${action}`).toContain(state);
          const to =
            action === 'attachDocument'
              ? state
              : nextErrandState(action, state!, e.fields as Record<string, unknown>);
          expect(s.to_state, `${e.code} ${action}`).toBe(to);
          if (action !== 'attachDocument') version++;
        }
        state = s.to_state as ErrandState;
      }
      expect(state, e.code).toBe(e.state);
      expect(e.version, e.code).toBe(version);
      expect(e.completed_at !== null, e.code).toBe(e.state === 'completed');
    }
    // Mostly done, some still moving, a few cancelled, every open state present.
    expect((states.get('completed') ?? 0) / errands.length).toBeGreaterThan(0.8);
    for (const s of OPEN_ERRAND_STATES) expect(states.get(s) ?? 0, s).toBeGreaterThan(0);
    expect(states.get('cancelled') ?? 0).toBeGreaterThan(0);
    const docs = await t.db
      .selectFrom('errand_documents')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(docs.n)).toBeGreaterThan(errands.length);
  });

  it('gives the first grid’s worker an errand in every open state, with its documents to look at', async () => {
    const worker = await t.login('w120110001001001');
    const list = await worker.get('/api/errands?view=inbox');
    expect(list.statusCode).toBe(200);
    const seen = new Set(list.data.items.map((e: { state: string }) => e.state));
    for (const s of ['draft', 'returned', 'awaiting_delivery']) expect(seen, s).toContain(s);
    const open = list.data.items.find((e: { state: string }) => e.state === 'awaiting_delivery');
    const detail = await worker.get(`/api/errands/${open.id}`);
    expect(detail.statusCode).toBe(200);
    const doc = detail.data.requiredDocuments.find((d: { file: unknown }) => d.file);
    const image = await worker.get(doc.file.thumbnailUrl);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toContain('image/jpeg');
  });

  it('fills the approving department’s and the leader’s lists and inboxes', async () => {
    for (const [username, state] of [
      ['dept_civil', 'department_review'],
      ['wz120110001001001', 'leader_review'],
    ] as const) {
      const client = await t.login(username);
      const list = await client.get(`/api/errands?state=${state}`);
      expect(list.statusCode, username).toBe(200);
      expect(list.data.items.length, username).toBeGreaterThan(0);
      const inbox = await client.get('/api/notifications');
      expect(inbox.statusCode, username).toBe(200);
      expect(
        inbox.data.items.some((n: { errandId: string | null }) => n.errandId),
        username,
      ).toBe(true);
    }
  });
});
