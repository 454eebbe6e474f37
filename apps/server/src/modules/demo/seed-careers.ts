// Careers (职业发展) and training (网格学院) of the demo: a pay ladder per district (two versions),
// every full-time grid worker on a grade with 3–5 years of confirmed ratings (Hohhot's rule
// applied year by year: due promotions approved, the latest year's left pending for a few), the
// last year's rating proposed but not yet confirmed for every third worker, and a dozen courses
// of this year with sessions and attendance. Deterministic: a hash of the worker's index.
import { proposePromotion, type YearRating } from '@wangge/rules';
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

const CHINA_MS = 8 * 3_600_000;
const BASE_PAY_FEN = 320_000;
const STEP_FEN = 18_000;

const COURSES = [
  {
    title: '网格员岗位职责与工作规范',
    kind: 'offline',
    hours: 4,
    description: '网格员“八员”职责、日常巡查要求与考核办法解读。',
  },
  {
    title: '矛盾纠纷排查与调解实务',
    kind: 'offline',
    hours: 3,
    description: '枫桥经验、常见邻里纠纷的调解步骤与台账登记。',
  },
  {
    title: '城市管理事部件问题识别',
    kind: 'online',
    hours: 2,
    description: '数字城管部件与事件分类、立案标准与拍照要求。',
  },
  {
    title: '网格信息采集与人口登记',
    kind: 'online',
    hours: 2.5,
    description: '实有人口、房屋、单位信息的采集口径与更新时限。',
  },
  {
    title: '特殊人群服务管理',
    kind: 'offline',
    hours: 3,
    description: '社区矫正、刑满释放、严重精神障碍患者等人员的走访要点。',
  },
  {
    title: '消防安全与九小场所检查',
    kind: 'offline',
    hours: 3.5,
    description: '电动自行车充电、楼道堆物、燃气使用的检查与隐患上报。',
  },
  {
    title: '12345 热线工单办理',
    kind: 'online',
    hours: 1.5,
    description: '热线工单的受理、转派、回访与满意度。',
  },
  {
    title: '移动终端（网格通）使用培训',
    kind: 'offline',
    hours: 2,
    description: '事件上报、走访记录、轨迹上传与离线使用。',
  },
  {
    title: '防汛防台应急处置',
    kind: 'online',
    hours: 1.5,
    description: '汛期巡查重点、险情报告与群众转移。',
  },
  {
    title: '群众工作方法与沟通技巧',
    kind: 'online',
    hours: 2,
    description: '入户走访的沟通方法、常见诉求的答复口径。',
  },
  {
    title: '安全生产基础知识',
    kind: 'online',
    hours: 2,
    description: '小微企业、沿街商铺安全生产检查要点。',
  },
  {
    title: '网格员职业能力等级考评辅导',
    kind: 'offline',
    hours: 4,
    description: '等级评定标准、年度考核与晋级规则说明，附结业测试。',
  },
] as const;

/** A stable pseudo-random number in [0, 1) from integers. */
function hash(...n: number[]): number {
  let h = 2166136261;
  for (const x of n) {
    h ^= x + 0x9e3779b9;
    h = Math.imul(h, 16777619);
    h ^= h >>> 13;
  }
  return ((h >>> 0) % 100_000) / 100_000;
}

function ratingOf(i: number, year: number): YearRating {
  const r = hash(i, year);
  return r < 0.25 ? 'excellent' : r < 0.93 ? 'qualified' : 'unqualified';
}

function meanOf(rating: YearRating, i: number, year: number): number {
  const r = hash(year, i, 7);
  const [lo, hi] = rating === 'excellent' ? [90, 97] : rating === 'qualified' ? [68, 89] : [48, 59];
  return Math.round((lo + r * (hi - lo)) * 10) / 10;
}

async function chunked<T>(rows: T[], insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

export async function seedCareers(trx: Kysely<Database>, options: { today: Date }): Promise<void> {
  const today = new Date(options.today.getTime() + CHINA_MS);
  const thisYear = today.getUTCFullYear();
  const lastYear = thisYear - 1;
  const admin = await trx
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const districts = await trx
    .selectFrom('org_units')
    .select(['id', 'path'])
    .where('level', '=', 'district')
    .orderBy('code')
    .execute();
  if (districts.length === 0) return;

  await trx
    .insertInto('career_pay_ladders')
    .values(
      districts.flatMap((d) => [
        {
          unit_id: d.id,
          effective_from: `${thisYear - 4}-01`,
          pay_fen: Array.from({ length: 12 }, (_, g) => BASE_PAY_FEN - 20_000 + g * (STEP_FEN - 2_000)),
          note: '网格员薪酬等级（试行）',
          created_by: admin.id,
        },
        {
          unit_id: d.id,
          effective_from: `${thisYear - 1}-01`,
          pay_fen: Array.from({ length: 12 }, (_, g) => BASE_PAY_FEN + g * STEP_FEN),
          note: '按市人社局网格员薪酬指导意见调整',
          created_by: admin.id,
        },
      ]),
    )
    .execute();

  const workers = await trx
    .selectFrom('grid_team_members as m')
    .innerJoin('org_units as g', 'g.id', 'm.grid_id')
    .select(['m.user_id', 'g.path'])
    .distinctOn('m.user_id')
    .where('m.team_role', '=', 'full_time')
    .orderBy('m.user_id')
    .orderBy('g.path')
    .execute();

  const grades: Insertable<Database['career_grades']>[] = [];
  const ratings: Insertable<Database['career_ratings']>[] = [];
  const pending: { user_id: string; from_grade: number; to_grade: number; years: number[]; basis: string }[] =
    [];
  workers.forEach((w, i) => {
    const years = 3 + (i % 3); // 3–5 years of history
    const first = lastYear - years + 1;
    let grade = 1 + Math.floor(hash(i, 1) * 5);
    let countsFrom = first;
    grades.push({
      user_id: w.user_id,
      grade,
      effective_on: `${first}-01-01`,
      counts_from_year: first,
      cause: 'appointed',
      note: '入职定级',
      created_by: admin.id,
    });
    const confirmed: { year: number; rating: YearRating }[] = [];
    for (let year = first; year <= lastYear; year++) {
      const rating = ratingOf(i, year);
      const mean = meanOf(rating, i, year);
      if (year === lastYear && i % 3 === 1) {
        ratings.push({ user_id: w.user_id, year, proposed: rating, mean_score: mean, months: 12 });
        continue;
      }
      ratings.push({
        user_id: w.user_id,
        year,
        proposed: rating,
        mean_score: mean,
        months: 12,
        state: 'confirmed',
        rating,
        confirmed_by: admin.id,
        confirmed_at: new Date(Date.UTC(year + 1, 0, 20, 2)),
      });
      confirmed.push({ year, rating });
      const due = proposePromotion(
        grade,
        confirmed.filter((r) => r.year >= countsFrom),
      );
      if (!due) continue;
      if (year === lastYear && i % 4 === 0) {
        pending.push({
          user_id: w.user_id,
          from_grade: due.from,
          to_grade: due.to,
          years: due.years,
          basis: due.reason,
        });
      } else {
        grade = due.to;
        countsFrom = year + 1;
        grades.push({
          user_id: w.user_id,
          grade,
          effective_on: `${year + 1}-02-01`,
          counts_from_year: year + 1,
          cause: 'promotion',
          note: due.reason === 'three_excellent' ? '连续三年优秀，晋升两级' : '连续三年合格，晋升一级',
          created_by: admin.id,
        });
      }
    }
  });
  await chunked(grades, (part) => trx.insertInto('career_grades').values(part).execute());
  await chunked(ratings, (part) => trx.insertInto('career_ratings').values(part).execute());
  await chunked(pending, (part) => trx.insertInto('career_promotions').values(part).execute());

  // Courses of this year: a district's courses reach every grid below it.
  const byDistrict = new Map(districts.map((d) => [d.path, [] as string[]]));
  for (const w of workers) byDistrict.get(`${w.path.split('/').slice(0, 3).join('/')}/`)?.push(w.user_id);
  const month = today.getUTCMonth(); // 0-based: sessions in the months already past
  for (const d of districts) {
    const members = byDistrict.get(d.path) ?? [];
    for (const [c, course] of COURSES.entries()) {
      const row = await trx
        .insertInto('training_courses')
        .values({
          unit_id: d.id,
          unit_path: d.path,
          ...course,
          created_by: admin.id,
          created_at: new Date(Date.UTC(thisYear, 0, 5)),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const sessions = course.kind === 'offline' ? 2 : 1;
      const attendance: Insertable<Database['training_attendance']>[] = [];
      for (let s = 0; s < sessions; s++) {
        const m = Math.min(month, (c + s * 5) % 11);
        const startsAt = new Date(Date.UTC(thisYear, m, 8 + ((c * 3 + s * 7) % 18), 1, 30));
        if (startsAt.getTime() > today.getTime()) continue;
        const session = await trx
          .insertInto('training_sessions')
          .values({
            course_id: row.id,
            starts_at: startsAt,
            place: course.kind === 'online' ? '网格学院（线上）' : '区网格化服务管理中心培训室',
            created_by: admin.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        members.forEach((u, i) => {
          // Offline sessions split the workers in two halves; online courses reach most of them.
          if (course.kind === 'offline' && i % sessions !== s) return;
          const r = hash(i, c, s);
          if (r < 0.12) return;
          const attended = r >= 0.17;
          const quiz = attended && c % 3 === 0 ? Math.round(60 + hash(c, i) * 40) : null;
          const certificate = attended && c === COURSES.length - 1 && quiz !== null && quiz >= 75;
          attendance.push({
            session_id: session.id,
            user_id: u,
            attended,
            quiz_score: quiz,
            passed: quiz === null ? null : quiz >= 70,
            certificate_no: certificate ? `WGXY${thisYear}-${String(i + 1).padStart(4, '0')}` : null,
            certificate_issued_on: certificate ? startsAt.toISOString().slice(0, 10) : null,
            recorded_by: admin.id,
          });
        });
      }
      await chunked(attendance, (part) => trx.insertInto('training_attendance').values(part).execute());
    }
  }
}
