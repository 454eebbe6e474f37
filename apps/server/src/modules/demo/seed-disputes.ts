// Mediation records for the demo's dispute cases (SG01-*), written after the case history inside
// the seed transaction: the newest dispute cases get a record in the state their case suggests —
// closed cases an agreement with its follow-up visits, open ones registered or in mediation, and
// the newest open one in the first grid Hohhot's story: a threat of violence flagged to the police.
import { DEFAULT_FOLLOW_UP_DAYS, type DisputeAction, type DisputeState } from '@wangge/rules';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

const RECENT = 20;
const SPREAD = 40;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIRST_GRID = '120110001001001';
const SURNAMES = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王', '冯', '陈', '褚', '卫'];
const GIVEN = ['建国', '卫东', '秀英', '桂兰', '志强', '海燕', '玉珍', '德明', '春梅', '立新'];
const SESSIONS = [
  '网格员与调解员上门，分别听取双方诉求',
  '召集双方在社区议事亭面对面沟通',
  '包联律师讲解相关法律规定，双方情绪缓和',
];
const AGREEMENTS = [
  '双方达成书面调解协议，当场签字',
  '约定费用分担方式，签订协议',
  '互相致歉，约定今后互不干扰',
];
const FOLLOW_UPS = ['一周回访：双方相处正常', '一月回访：未见反复', '三月回访：关系融洽'];

interface Step {
  action: DisputeAction | 'register';
  from: DisputeState | null;
  to: DisputeState;
  at: Date;
  note: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

function nameOf(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
}

export async function seedDisputes(
  db: Kysely<Database>,
  options: { today: Date },
): Promise<{ disputes: number }> {
  const all = await db
    .selectFrom('cases as c')
    .innerJoin('org_units as g', 'g.id', 'c.grid_id')
    .select(['c.id', 'c.state', 'c.reported_at', 'c.grid_id', 'g.code as grid_code'])
    .where('c.category_code', 'like', 'SG01-%')
    .where('c.state', 'not in', ['voided', 'void_pending'])
    .orderBy('c.reported_at', 'desc')
    .execute();
  // The newest disputes (still in mediation) and some spread over the year (agreed, followed up, closed).
  const older = all.slice(RECENT);
  const every = Math.max(1, Math.floor(older.length / SPREAD));
  const cases = [...all.slice(0, RECENT), ...older.filter((_, i) => i % every === 0).slice(0, SPREAD)];
  if (!cases.length) return { disputes: 0 };
  const workers = new Map(
    (
      await db
        .selectFrom('grid_team_members as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select(['t.grid_id', 'u.id', 'u.display_name'])
        .where('t.team_role', '=', 'full_time')
        .where(
          't.grid_id',
          'in',
          cases.map((c) => c.grid_id),
        )
        .execute()
    ).map((w) => [w.grid_id, w]),
  );
  const judicial = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', 'mediator')
    .executeTakeFirst();
  let escalated = false;
  const now = options.today.getTime();
  for (const [i, c] of cases.entries()) {
    const worker = workers.get(c.grid_id);
    if (!worker) continue;
    const start = new Date(c.reported_at).getTime();
    const steps: Step[] = [];
    const step = (s: Omit<Step, 'at'> & { at: number }) => {
      if (s.at <= now) steps.push({ ...s, at: new Date(s.at) });
      return s.at <= now;
    };
    const ended = ['closed', 'evaluated', 'archived', 'verified'].includes(c.state);
    // Registered by now even when the case came in the last hours.
    step({
      action: 'register',
      from: null,
      to: 'registered',
      at: Math.min(start + 2 * HOUR, now),
      note: '登记纠纷，约定上门调解',
      reason: null,
      details: {},
    });
    let state: DisputeState = 'registered';
    let agreedAt: Date | null = null;
    let followUps = 0;
    let escalatedAt: Date | null = null;
    const open = !ended && i % 3 === 0;
    if (
      !open &&
      step({
        action: 'startMediation',
        from: 'registered',
        to: 'mediating',
        at: start + DAY,
        note: null,
        reason: null,
        details: {},
      })
    ) {
      state = 'mediating';
      step({
        action: 'recordSession',
        from: 'mediating',
        to: 'mediating',
        at: start + 2 * DAY,
        note: SESSIONS[i % SESSIONS.length]!,
        reason: null,
        details: {},
      });
      if (!escalated && !ended && c.grid_code === FIRST_GRID) {
        escalated = true;
        escalatedAt = new Date(Math.min(start + 2 * DAY + HOUR, now));
        step({
          action: 'flagEscalation',
          from: 'mediating',
          to: 'mediating',
          at: escalatedAt.getTime(),
          note: null,
          reason: '一方在微信群扬言要采取暴力手段',
          details: {},
        });
      }
      if (
        ended &&
        step({
          action: 'recordAgreement',
          from: 'mediating',
          to: 'agreed',
          at: start + 5 * DAY,
          note: AGREEMENTS[i % AGREEMENTS.length]!,
          reason: null,
          details: {},
        })
      ) {
        state = 'agreed';
        agreedAt = new Date(start + 5 * DAY);
        for (const [k, days] of DEFAULT_FOLLOW_UP_DAYS.entries()) {
          if (
            !step({
              action: 'followUp',
              from: 'agreed',
              to: 'agreed',
              at: agreedAt.getTime() + days * DAY,
              note: FOLLOW_UPS[k]!,
              reason: null,
              details: { visit: k + 1 },
            })
          )
            break;
          followUps++;
        }
        if (followUps === DEFAULT_FOLLOW_UP_DAYS.length) {
          const last = agreedAt.getTime() + DEFAULT_FOLLOW_UP_DAYS.at(-1)! * DAY + DAY;
          if (
            step({
              action: 'close',
              from: 'agreed',
              to: 'closed',
              at: last,
              note: '矛盾已化解',
              reason: null,
              details: {},
            })
          )
            state = 'closed';
        }
      }
    }
    const updatedAt = steps.at(-1)!.at;
    await db
      .insertInto('disputes')
      .values({
        case_id: c.id,
        state,
        version: steps.length,
        risk_level: escalatedAt ? 'high' : (['low', 'medium', 'low'] as const)[i % 3]!,
        summary: `${nameOf(i)}与${nameOf(i + 5)}因琐事发生纠纷`,
        escalated_at: escalatedAt,
        agreed_at: agreedAt,
        follow_ups_done: followUps,
        created_by: worker.id,
        created_at: steps[0]!.at,
        updated_at: updatedAt,
      })
      .execute();
    await db
      .insertInto('dispute_parties')
      .values([
        { case_id: c.id, role: 'applicant', name: nameOf(i), person_id: null, note: '' },
        { case_id: c.id, role: 'respondent', name: nameOf(i + 5), person_id: null, note: '' },
      ])
      .execute();
    const mediators: {
      case_id: string;
      kind: string;
      user_id: string | null;
      name: string;
      organisation: string;
      added_by: string;
    }[] = [
      {
        case_id: c.id,
        kind: 'grid_worker',
        user_id: worker.id,
        name: worker.display_name,
        organisation: '',
        added_by: worker.id,
      },
    ];
    if (judicial && c.grid_code.startsWith('120110001')) {
      mediators.push({
        case_id: c.id,
        kind: 'judicial_mediator',
        user_id: judicial.id,
        name: judicial.display_name,
        organisation: '街道司法所',
        added_by: worker.id,
      });
    }
    if (i % 3 !== 2) {
      mediators.push({
        case_id: c.id,
        kind: 'lawyer',
        user_id: null,
        name: `${SURNAMES[(i + 3) % SURNAMES.length]}律师`,
        organisation: '包联律师事务所',
        added_by: worker.id,
      });
    }
    await db.insertInto('dispute_mediators').values(mediators).execute();
    await db
      .insertInto('dispute_steps')
      .values(
        steps.map((s, k) => ({
          case_id: c.id,
          seq: k + 1,
          action: s.action,
          from_state: s.from,
          to_state: s.to,
          actor_user_id: worker.id,
          actor_name: worker.display_name,
          note: s.note,
          reason: s.reason,
          details: JSON.stringify(s.details),
          at: s.at,
        })),
      )
      .execute();
  }
  return { disputes: cases.length };
}
