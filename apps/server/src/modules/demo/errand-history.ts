// A year of service errands (代办) for the demo district, pure and deterministic: each errand is
// replayed through the errand state machine of @wangge/rules with the same step shapes as
// services/errands/operations.ts. Errands started in the last weeks stop where the simulated time
// passes `today`, so the leaders' and departments' lists hold real, open work; the first grid
// holds one errand in every open state for the newcomer who logs in as its worker.
import {
  createRandom,
  ERRAND_TRANSITIONS,
  type ErrandAction,
  type ErrandRelation,
  type ErrandState,
  nextErrandState,
} from '@wangge/rules';
import { chance, float, int, pick, type Rng } from './random.ts';
import type { DemoData } from './types.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CST = 8 * HOUR;

export interface ErrandTypeInfo {
  code: string;
  departmentKind: string;
  timeLimitDays: number;
  documents: { key: string; labelZh: string }[];
}

export interface ErrandPerson {
  id: string;
  name: string;
  gridCode: string;
  /** Age at `today`; the elderly card needs 60 or more. */
  age: number;
}

export interface PlannedErrandStep {
  seq: number;
  action: 'start' | ErrandAction;
  from: ErrandState | null;
  to: ErrandState;
  at: Date;
  actor: string;
  role: ErrandRelation;
  note: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  /** attachDocument: the document the step adds. */
  documentKey?: string;
}

export interface PlannedErrand {
  code: string;
  typeCode: string;
  personId: string;
  gridCode: string;
  worker: string;
  departmentCode: string | null;
  state: ErrandState;
  fields: Record<string, unknown>;
  startedAt: Date;
  submittedAt: Date | null;
  dueAt: Date | null;
  completedAt: Date | null;
  completionNote: string | null;
  version: number;
  /** Who must act next on an open errand (username), null once it is done. */
  waitingOn: string | null;
  steps: PlannedErrandStep[];
}

/** Errands a grid's worker runs in a year, and the mix of items (elderly cards lead). */
const ERRANDS_PER_GRID = 12;
const TYPE_SHARES: Readonly<Record<string, number>> = {
  elderly_card: 0.55,
  minimum_living_allowance: 0.2,
  unemployment_insurance: 0.15,
  disability_certificate: 0.1,
};
const OPEN_SHOWCASE: readonly ErrandState[] = [
  'draft',
  'leader_review',
  'department_review',
  'awaiting_delivery',
  'returned',
];

const LEADER_RETURNS = [
  '身份证复印件不清晰，请重新拍照',
  '联系电话有误，请与申请人核实',
  '照片不符合要求，请重拍',
];
const DEPARTMENT_RETURNS = [
  '缺少收入证明的单位盖章',
  '诊断证明已过期，请补充近三个月的证明',
  '户口簿本人页不完整',
];
const CANCEL_REASONS = ['申请人已自行到政务服务大厅办理', '申请人表示暂不办理', '申请人已迁出本网格'];
const DELIVERY_NOTES = [
  '已送证上门，本人签收',
  '已送证上门，由老人的女儿代为签收',
  '已送证上门，本人签字确认',
];
const EMPLOYERS = [
  '呼和浩特市新城区某商贸有限公司',
  '内蒙古某建筑工程有限公司',
  '新城区某餐饮服务部',
  '某物流有限公司',
];
const HOSPITALS = ['内蒙古自治区人民医院', '呼和浩特市第一医院', '内蒙古医科大学附属医院'];

export interface ErrandHistoryOptions {
  data: DemoData;
  types: readonly ErrandTypeInfo[];
  people: readonly ErrandPerson[];
  today: Date;
  seed?: number;
  perGrid?: number;
}

interface GridCrew {
  gridCode: string;
  worker: string;
  leader: string;
  departments: Map<string, { code: string; staff: string }>;
}

export function generateErrandHistory(options: ErrandHistoryOptions): PlannedErrand[] {
  const { today } = options;
  const rng = createRandom((options.seed ?? 20261204) ^ 0x2b1e7a55);
  const types = new Map(options.types.map((t) => [t.code, t]));
  const crews = crewsOf(options.data, options.types);
  const byGrid = new Map<string, { elderly: ErrandPerson[]; adults: ErrandPerson[] }>();
  for (const p of options.people) {
    const pool = byGrid.get(p.gridCode) ?? { elderly: [], adults: [] };
    if (p.age >= 60) pool.elderly.push(p);
    else if (p.age >= 18) pool.adults.push(p);
    byGrid.set(p.gridCode, pool);
  }
  const perGrid = options.perGrid ?? ERRANDS_PER_GRID;
  const planned: Omit<PlannedErrand, 'code'>[] = [];
  crews.forEach((crew, index) => {
    const pool = byGrid.get(crew.gridCode);
    if (!pool) return;
    const runs: { typeCode: string; at: Date; stopAt?: ErrandState }[] = [];
    for (let k = 0; k < perGrid; k++)
      runs.push({ typeCode: weightedPick(rng, TYPE_SHARES), at: startTime(rng, today, 365) });
    if (index === 0) {
      for (const stopAt of OPEN_SHOWCASE)
        runs.push({ typeCode: 'elderly_card', at: startTime(rng, today, 6), stopAt });
    }
    for (const run of runs) {
      const type = types.get(run.typeCode);
      if (!type) continue;
      const people = run.typeCode === 'elderly_card' ? pool.elderly : pool.adults;
      if (people.length === 0) continue;
      const department = crew.departments.get(type.departmentKind);
      if (!department) continue;
      const person = pick(rng, people);
      planned.push(simulate(rng, { type, person, crew, department, at: run.at, stopAt: run.stopAt, today }));
    }
  });
  planned.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  return planned.map((e, i) => ({ ...e, code: `DB${cstDay(e.startedAt)}${String(i + 1).padStart(6, '0')}` }));
}

interface Run {
  type: ErrandTypeInfo;
  person: ErrandPerson;
  crew: GridCrew;
  department: { code: string; staff: string };
  at: Date;
  stopAt?: ErrandState;
  today: Date;
}

function simulate(rng: Rng, run: Run): Omit<PlannedErrand, 'code'> {
  const { type, person, crew, department, today } = run;
  const fields = fieldsFor(rng, type.code, run.stopAt === 'awaiting_delivery');
  const steps: PlannedErrandStep[] = [];
  let state = 'draft' as ErrandState;
  let version = 1;
  let now = run.at;
  const out: Omit<PlannedErrand, 'code'> = {
    typeCode: type.code,
    personId: person.id,
    gridCode: crew.gridCode,
    worker: crew.worker,
    departmentCode: null,
    state,
    fields,
    startedAt: run.at,
    submittedAt: null,
    dueAt: null,
    completedAt: null,
    completionNote: null,
    version,
    waitingOn: null,
    steps,
  };
  const actorOf: Record<ErrandRelation, string> = {
    worker: crew.worker,
    leader: crew.leader,
    department: department.staff,
  };
  const record = (
    action: PlannedErrandStep['action'],
    to: ErrandState,
    role: ErrandRelation,
    extra: Partial<Pick<PlannedErrandStep, 'note' | 'reason' | 'details' | 'documentKey'>> = {},
  ) => {
    steps.push({
      seq: steps.length + 1,
      action,
      from: action === 'start' ? null : state,
      to,
      at: now,
      actor: actorOf[role],
      role,
      note: extra.note ?? null,
      reason: extra.reason ?? null,
      details: extra.details ?? {},
      documentKey: extra.documentKey,
    });
  };
  // The showcase errands of the last days move fast so they reach their state before today.
  const pace = run.stopAt ? 0.05 : 1;
  /** Moves the clock; false once the errand's next step would be after today (it stays open). */
  const wait = (ms: number) => {
    now = new Date(now.getTime() + Math.max(60_000, Math.round(ms * pace)));
    return now <= today;
  };
  const act = (action: ErrandAction, extra: Parameters<typeof record>[3] = {}) => {
    const to = action === 'attachDocument' ? state : nextErrandState(action, state, fields);
    const role = ERRAND_TRANSITIONS[action].by[0]!;
    record(action, to, role, extra);
    if (action !== 'attachDocument') version++;
    state = to;
  };
  const stopped = () => run.stopAt !== undefined && state === run.stopAt;
  const waiting: Partial<Record<ErrandState, string>> = {
    draft: crew.worker,
    returned: crew.worker,
    awaiting_delivery: crew.worker,
    leader_review: crew.leader,
    department_review: department.staff,
  };
  const finish = () => ({ ...out, state, version, waitingOn: waiting[state] ?? null });

  record('start', 'draft', 'worker', { details: { typeCode: type.code } });
  // Most documents are photographed at the first visit; a resident sometimes has to find one.
  const late = chance(rng, 0.15) ? pick(rng, type.documents).key : null;
  for (const doc of type.documents) {
    if (doc.key === late) continue;
    if (!wait(float(rng, 1, 6) * 60_000)) return finish();
    act('attachDocument', { documentKey: doc.key, details: { documentKey: doc.key, label: doc.labelZh } });
  }
  if (run.stopAt === 'draft') return finish();
  if (late) {
    if (!wait(float(rng, 1, 4) * DAY)) return finish();
    const doc = type.documents.find((d) => d.key === late)!;
    act('attachDocument', { documentKey: doc.key, details: { documentKey: doc.key, label: doc.labelZh } });
  } else if (!run.stopAt && chance(rng, 0.03)) {
    if (!wait(float(rng, 1, 5) * DAY)) return finish();
    act('cancel', { reason: pick(rng, CANCEL_REASONS) });
    return finish();
  }

  const submit = () => {
    if (!wait(float(rng, 0.2, 2) * HOUR)) return false;
    const resubmission = state === 'returned';
    act('submit', { details: { resubmission } });
    if (!out.submittedAt) {
      out.submittedAt = now;
      out.dueAt = new Date(now.getTime() + type.timeLimitDays * DAY);
    }
    return true;
  };
  const reattach = () => {
    if (!wait(float(rng, 1, 3) * DAY)) return false;
    const doc = pick(rng, type.documents);
    act('attachDocument', { documentKey: doc.key, details: { documentKey: doc.key, label: doc.labelZh } });
    return true;
  };
  if (!submit()) return finish();
  if (stopped()) return finish();

  // The leader's review, once returned in ten.
  const leaderReturns = run.stopAt === 'returned' || (!run.stopAt && chance(rng, 0.1));
  if (!wait(float(rng, 0.3, 2) * DAY)) return finish();
  if (leaderReturns) {
    act('leaderReturn', { reason: pick(rng, LEADER_RETURNS) });
    if (stopped()) return finish();
    if (!reattach() || !submit() || !wait(float(rng, 0.2, 1) * DAY)) return finish();
  }
  act('leaderApprove', { details: { department: { code: department.code } } });
  out.departmentCode = department.code;
  if (stopped()) return finish();

  // The department's approval within the item's limit, now and then after a return for a missing seal.
  const limit = type.timeLimitDays * DAY;
  if (!wait(float(rng, 0.1, 0.6) * limit)) return finish();
  if (!run.stopAt && chance(rng, 0.08)) {
    act('departmentReturn', { reason: pick(rng, DEPARTMENT_RETURNS) });
    if (!reattach() || !submit() || !wait(float(rng, 0.2, 1) * DAY)) return finish();
    act('leaderApprove', { details: { department: { code: department.code } } });
    if (!wait(float(rng, 0.1, 0.3) * limit)) return finish();
  }
  if (state !== 'department_review') return finish();
  const note = '审核通过，已制证';
  act('departmentApprove', { note });
  if ((state as ErrandState) === 'completed') return complete(out, now, note, finish);
  if (stopped()) return finish();
  // 网格员送证上门: the worker brings the card within days.
  if (!wait(float(rng, 1, 5) * DAY)) return finish();
  const handover = pick(rng, DELIVERY_NOTES);
  act('deliver', { note: handover });
  return complete(out, now, handover, finish);
}

function complete(
  out: Omit<PlannedErrand, 'code'>,
  at: Date,
  note: string,
  finish: () => Omit<PlannedErrand, 'code'>,
): Omit<PlannedErrand, 'code'> {
  const last = out.steps[out.steps.length - 1]!;
  last.details = { ...last.details, elapsedMs: at.getTime() - out.startedAt.getTime() };
  out.completedAt = at;
  out.completionNote = note;
  return finish();
}

/** The item's fields as a worker fills them in (valid for the type's field specs). */
function fieldsFor(rng: Rng, typeCode: string, homeDelivery: boolean): Record<string, unknown> {
  const phone = `1${pick(rng, ['38', '39', '51', '58', '86', '89'])}${String(int(rng, 0, 99_999_999)).padStart(8, '0')}`;
  switch (typeCode) {
    case 'elderly_card':
      return {
        applicant_phone: phone,
        hukou_type: chance(rng, 0.85) ? 'local' : 'non_local',
        delivery: homeDelivery || chance(rng, 0.45) ? 'home' : 'pickup',
      };
    case 'disability_certificate':
      return {
        applicant_phone: phone,
        disability_category: pick(rng, [
          'visual',
          'hearing',
          'physical',
          'intellectual',
          'mental',
          'multiple',
        ]),
        assessment_hospital: pick(rng, HOSPITALS),
      };
    case 'unemployment_insurance': {
      const day = new Date(Date.UTC(2026, int(rng, 0, 10), int(rng, 1, 28)));
      return {
        applicant_phone: phone,
        last_employer: pick(rng, EMPLOYERS),
        separation_date: day.toISOString().slice(0, 10),
        separation_reason: pick(rng, ['contract_expired', 'employer_terminated', 'bankruptcy', 'other']),
        insured_years: int(rng, 1, 25),
      };
    }
    case 'minimum_living_allowance':
      return {
        applicant_phone: phone,
        household_size: int(rng, 1, 5),
        monthly_income: int(rng, 0, 18) * 100,
        hardship_reason: pick(rng, ['illness', 'disability', 'unemployment', 'old_age', 'other']),
      };
    default:
      return { applicant_phone: phone };
  }
}

/** Each grid's full-time worker and leader, and the department of each kind that covers it (deepest first). */
function crewsOf(data: DemoData, types: readonly ErrandTypeInfo[]): GridCrew[] {
  const parent = new Map(data.orgUnits.map((u) => [u.code, u.parentCode]));
  const ancestors = (code: string) => {
    const chain: string[] = [];
    for (let c: string | null | undefined = code; c; c = parent.get(c)) chain.push(c);
    return chain;
  };
  const staffOf = new Map<string, string>();
  for (const u of data.users)
    for (const d of u.departmentCodes) if (!staffOf.has(d)) staffOf.set(d, u.username);
  const kinds = new Set(types.map((t) => t.departmentKind));
  const crews: GridCrew[] = [];
  for (const grid of data.grids) {
    const team = data.users.filter((u) => u.team.some((m) => m.gridCode === grid.code));
    const role = (r: string) =>
      team.find((u) => u.team.some((m) => m.gridCode === grid.code && m.teamRole === r));
    const worker = role('full_time');
    const leader = role('leader');
    if (!worker || !leader) continue;
    const departments = new Map<string, { code: string; staff: string }>();
    const chain = ancestors(grid.code);
    for (const kind of kinds) {
      const covering = data.departments
        .filter((d) => d.kind === kind && chain.includes(d.orgUnitCode) && staffOf.has(d.code))
        .sort((a, b) => chain.indexOf(a.orgUnitCode) - chain.indexOf(b.orgUnitCode))[0];
      if (covering) departments.set(kind, { code: covering.code, staff: staffOf.get(covering.code)! });
    }
    crews.push({ gridCode: grid.code, worker: worker.username, leader: leader.username, departments });
  }
  return crews;
}

function weightedPick(rng: Rng, shares: Readonly<Record<string, number>>): string {
  let r = rng.next();
  const keys = Object.keys(shares);
  for (const key of keys) {
    r -= shares[key]!;
    if (r < 0) return key;
  }
  return keys[keys.length - 1]!;
}

/** A start in working hours (09:00–17:00 China time) within the last `days` days. */
function startTime(rng: Rng, today: Date, days: number): Date {
  const day = Math.floor((today.getTime() + CST) / DAY - rng.next() * days) * DAY - CST;
  const t = new Date(day + (9 + rng.next() * 8) * HOUR);
  return t < today ? t : new Date(today.getTime() - int(rng, 30, 180) * 60_000);
}

const cstDay = (t: Date) => new Date(t.getTime() + CST).toISOString().slice(0, 10).replaceAll('-', '');
