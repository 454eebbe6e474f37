// The demo's 12345 hotline transfers (issue 14): the newest hotline cases of the year's history
// get their work order and a call-back per status change — delivered, except the newest ones,
// which are still waiting on a hotline that answered 503, so the delivery log shows retries.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

const ORDERS = 12;
const WAITING = 2;

export async function seedHotline(db: Kysely<Database>): Promise<number> {
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'address', 'reporter_name', 'reporter_phone', 'reported_at'])
    .where('source', '=', 'hotline')
    .orderBy('reported_at', 'desc')
    .orderBy('id', 'desc')
    .limit(ORDERS)
    .execute();
  for (const [i, kase] of cases.entries()) {
    const orderNo = `GD${kase.reported_at.toISOString().slice(0, 10).replaceAll('-', '')}${String(1000 + i)}`;
    await db
      .insertInto('hotline_orders')
      .values({
        order_no: orderNo,
        case_id: kase.id,
        caller_name: kase.reporter_name,
        caller_phone: kase.reporter_phone,
        address: kase.address,
        deadline: new Date(kase.reported_at.getTime() + 5 * 86_400_000),
        received_at: kase.reported_at,
      })
      .execute();
    const waiting = i < WAITING;
    await sql`
      INSERT INTO hotline_callbacks (order_no, case_id, step_id, state, action, public_note, status, attempts,
        last_status_code, last_error, next_attempt_at, created_at, delivered_at)
      SELECT ${orderNo}, case_id, id, to_state, action, public_note,
        ${waiting ? 'pending' : 'delivered'}, ${waiting ? 3 : 1}, ${waiting ? 503 : 200},
        ${waiting ? 'HTTP 503' : null}, ${waiting ? sql`now() + interval '4 minutes'` : sql`at + interval '2 seconds'`}, at, ${waiting ? null : sql`at + interval '2 seconds'`}
      FROM case_steps WHERE case_id = ${kase.id} AND to_state IS DISTINCT FROM from_state`.execute(db);
  }
  return cases.length;
}
