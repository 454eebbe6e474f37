// A year of case history for the demo district, pure and deterministic: every case is replayed
// through the state machine of @wangge/rules, with the same step clock, on-time outcomes and step
// shapes as act-on-case.ts and report-case.ts. Cases reported in the last days before `today` stop
// where the simulated time passes `today`, so inboxes hold real, recent work.
import {
  type CaseAction,
  type CaseSource,
  type CaseState,
  createRandom,
  DEFAULT_CALENDAR,
  deadlineOf,
  INITIAL_STATE,
  nextState,
  reportForDutyLimit,
  SATISFACTION_SCORE,
  STEP_OF_STATE,
  type StepLimit,
  type SystemActor,
  trafficLight,
  type WorkCalendar,
} from '@wangge/rules';
import { chance, float, int, pick, type Rng } from './random.ts';
import type { DemoData, DemoUser } from './types.ts';

export interface HistoryCategory {
  code: string;
  name: string;
  limits: Record<string, StepLimit | undefined>;
  departmentKind: string | null;
  isPolice: boolean;
}

export interface PlannedStep {
  seq: number;
  action: string;
  from: CaseState | null;
  to: CaseState;
  at: Date;
  /** Username of the actor, or null for a system step (police routing). */
  actor: string | null;
  systemActor: SystemActor | null;
  note: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  deadline: Date | null;
}

export interface PlannedAssignment {
  orgUnitCode: string | null;
  departmentCode: string | null;
  isLead: boolean;
  active: boolean;
  assignedAt: Date;
  ackDueAt: Date | null;
  acknowledgedAt: Date | null;
  acceptedAt: Date | null;
}

export interface PlannedCase {
  code: string;
  title: string;
  description: string;
  categoryCode: string;
  source: CaseSource;
  state: CaseState;
  selfHandled: boolean;
  isPolice: boolean;
  lon: number;
  lat: number;
  address: string;
  gridCode: string;
  ownerCode: string;
  reporter: string | null;
  reporterName: string;
  reporterPhone: string | null;
  reportedAt: Date;
  filedAt: Date | null;
  dispatchedAt: Date | null;
  handledAt: Date | null;
  closedAt: Date | null;
  reworked: number;
  stepStartedAt: Date;
  stepDueAt: Date | null;
  light: 'green' | 'yellow' | 'red';
  onTime: Record<'accept' | 'dispatch' | 'handle' | 'verify', boolean | null>;
  rating: number | null;
  satisfaction: number | null;
  satisfactionComment: string | null;
  updatedAt: Date;
  assignments: PlannedAssignment[];
  steps: PlannedStep[];
}

/**
 * Channel shares: the field reports count mostly what full-time grid workers find on patrol
 * (Dongli's 210,000 a year), then the 12345 hotline and residents' own reports.
 */
export const SOURCE_SHARES: Readonly<Record<CaseSource, number>> = {
  patrol: 0.7,
  hotline: 0.12,
  resident_app: 0.06,
  wechat: 0.04,
  web: 0.02,
  iot: 0.02,
  department: 0.02,
  leader: 0.01,
  open311: 0.01,
};
/** Share of patrol finds the worker settles on the spot (小事不出网格). */
export const SELF_HANDLED_SHARE = 0.3;
/** Return-visit satisfaction: 满意 / 基本满意 / 不满意. */
export const SATISFACTION_SHARES = { satisfied: 0.9, basic: 0.08, dissatisfied: 0.02 } as const;
/** Cases a grid reports in a year (a sample of the real volume, so the demo seeds in seconds). */
export const CASES_PER_GRID = 40;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const CST = 8 * HOUR;
const RESIDENT_SOURCES = new Set<CaseSource>(['hotline', 'resident_app', 'wechat', 'web', 'open311']);

export interface HistoryOptions {
  data: DemoData;
  categories: readonly HistoryCategory[];
  /** The seed's "now": history ends here. Passed in, never read from a clock. */
  today: Date;
  seed?: number;
  casesPerGrid?: number;
  calendar?: WorkCalendar;
}

interface People {
  byName: Map<string, DemoUser>;
  dispatcherOf(streetCode: string): string;
  communityOperator(communityCode: string): string | null;
}

interface Place {
  gridCode: string;
  communityCode: string;
  streetCode: string;
  streetIndex: number;
  districtCode: string;
  points: { lon: number; lat: number; address: string }[];
}

/** A case under simulation: the state, the running step clock and what act-on-case would set. */
class Sim {
  state: CaseState;
  stepStart: Date;
  stepDue: Date | null;
  onTime: PlannedCase['onTime'] = { accept: null, dispatch: null, handle: null, verify: null };
  steps: PlannedStep[] = [];
  /** A showcase case: its steps come quickly. */
  quick = false;

  constructor(
    readonly category: HistoryCategory,
    readonly calendar: WorkCalendar,
    initial: CaseState,
    at: Date,
  ) {
    this.state = initial;
    this.stepStart = at;
    this.stepDue = this.dueFrom(initial, at);
  }

  dueFrom(state: CaseState, at: Date): Date | null {
    const step = STEP_OF_STATE[state];
    const limit = step ? this.category.limits[step] : undefined;
    return limit ? deadlineOf(at, limit, this.calendar) : null;
  }

  /** 警情分流 as report-case.ts does it: outside the state machine, by the system, clock restarted. */
  routeToPolice(at: Date, departmentCode: string): void {
    const from = this.state;
    this.state = 'dispatched';
    this.stepStart = at;
    this.stepDue = this.dueFrom('dispatched', at);
    this.steps.push({
      seq: this.steps.length + 1,
      action: 'dispatch',
      from,
      to: 'dispatched',
      at,
      actor: null,
      systemActor: 'policeRouting',
      note: '警情事件，直接派至派出所',
      reason: null,
      details: { target: { type: 'department', code: departmentCode }, routing: 'police' },
      deadline: this.stepDue,
    });
  }

  /** The step as act-on-case appends it: outcome of the ending step, clock restart, deadline. */
  apply(
    action: CaseAction,
    at: Date,
    actor: string | null,
    extra: { note?: string; reason?: string; details?: Record<string, unknown>; restart?: boolean } = {},
  ): void {
    const from = this.state;
    const to = nextState(action, from);
    if (to !== from) {
      const step = STEP_OF_STATE[from];
      if (step && step !== 'close' && this.stepDue) {
        this.onTime[step] = this.onTime[step] === false ? false : at <= this.stepDue;
      }
    }
    if (to !== from || extra.restart) {
      this.stepStart = at;
      this.stepDue = this.dueFrom(to, at);
    }
    this.steps.push({
      seq: this.steps.length + 1,
      action,
      from,
      to,
      at,
      actor,
      systemActor: null,
      note: extra.note ?? null,
      reason: extra.reason ?? null,
      details: extra.details ?? {},
      deadline: this.stepDue,
    });
    this.state = to;
  }
}

function weightedPick<K extends string>(rng: Rng, shares: Readonly<Record<K, number>>): K {
  let r = rng.next();
  const keys = Object.keys(shares) as K[];
  for (const key of keys) {
    r -= shares[key];
    if (r < 0) return key;
  }
  return keys[keys.length - 1]!;
}

/** A report time within the year, mostly in the day (06:00–22:00 China time). */
function reportTime(rng: Rng, today: Date): Date {
  const daysAgo = rng.next() * 365;
  const day = Math.floor((today.getTime() + CST) / DAY - daysAgo) * DAY - CST;
  const t = new Date(day + (6 + rng.next() * 16) * HOUR);
  return t < today ? t : new Date(today.getTime() - int(rng, 1, 60) * 60_000);
}

/**
 * The next step's time: a share of the way from the step's start to its deadline (hours when the
 * step is untimed), late with probability 1 − onTimeShare, never before the last step. Showcase
 * cases (sim.quick) move fast so they reach their state before today.
 */
function later(rng: Rng, sim: Sim, onTimeShare: number): Date {
  const start = sim.stepStart.getTime();
  const due = sim.stepDue?.getTime() ?? start + 4 * HOUR;
  const u = sim.quick
    ? float(rng, 0.02, 0.05)
    : chance(rng, onTimeShare)
      ? float(rng, 0.05, 0.9)
      : float(rng, 1.05, 1.8);
  const lastAt = sim.steps[sim.steps.length - 1]!.at.getTime();
  return new Date(Math.max(start + Math.max(60_000, Math.round(u * (due - start))), lastAt + 60_000));
}

interface Scenario {
  category: HistoryCategory;
  source: CaseSource;
  selfHandled: boolean;
  place: Place;
  at: Date;
  /** Force the route of a showcase case: a unit or department code to dispatch to. */
  target?: { unit?: string; department?: string; whistle?: string[] };
  /** Stop once the case reaches this state (showcase cases in inboxes). */
  stopAt?: CaseState;
  /** Take this side path for sure (showcase cases of the rarer states). */
  force?: 'void' | 'confirm' | 'suspend' | 'rework';
}

export function generateHistory(options: HistoryOptions): PlannedCase[] {
  const { data, today } = options;
  const rng = createRandom((options.seed ?? 20261122) ^ 0x68e31da4);
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  const categories = options.categories.filter((c) => c.limits.handle);
  if (categories.length === 0) throw new Error('demo history: no categories with limits');
  const people = peopleOf(data);
  const places = placesOf(data);
  // Cases sit at buildings: a data set without buildings (the city benchmark) has no history.
  if (places.length === 0) return [];
  const departments = new Set(data.departments.map((d) => d.code));
  const perGrid = options.casesPerGrid ?? CASES_PER_GRID;
  const scenarios: Scenario[] = [];
  for (const place of places) {
    for (let k = 0; k < perGrid; k++) {
      const source = weightedPick(rng, SOURCE_SHARES);
      scenarios.push({
        category: pick(rng, categories),
        source,
        selfHandled: source === 'patrol' && chance(rng, SELF_HANDLED_SHARE),
        place,
        at: reportTime(rng, today),
      });
    }
  }
  scenarios.push(...showcase(places, categories, today, departments));
  scenarios.sort((a, b) => a.at.getTime() - b.at.getTime());
  return scenarios.map((s, i) => simulate(rng, s, i + 1, { today, calendar, people, departments }));
}

/** Open cases placed on purpose in the inboxes of the named logins. */
function showcase(
  places: Place[],
  categories: HistoryCategory[],
  today: Date,
  departments: Set<string>,
): Scenario[] {
  const first = places[0]!;
  const byKind = (kind: string) =>
    categories.find((c) => c.departmentKind === kind && !c.isPolice) ?? categories[0]!;
  const plain = categories.find((c) => c.departmentKind === null && !c.isPolice) ?? categories[0]!;
  const hoursAgo = (h: number) => new Date(today.getTime() - h * HOUR);
  const water = `${first.districtCode}-water`;
  const enforcement = `${first.streetCode}-urban_management`;
  const list: Scenario[] = [
    {
      category: plain,
      source: 'hotline',
      selfHandled: false,
      place: first,
      at: hoursAgo(1),
      stopAt: 'reported',
    },
    {
      category: plain,
      source: 'patrol',
      selfHandled: false,
      place: first,
      at: hoursAgo(30),
      stopAt: 'filed',
    },
    {
      category: plain,
      source: 'patrol',
      selfHandled: false,
      place: first,
      at: hoursAgo(50),
      target: { unit: first.gridCode },
      stopAt: 'dispatched',
    },
    {
      category: plain,
      source: 'patrol',
      selfHandled: false,
      place: first,
      at: hoursAgo(75),
      target: { unit: first.gridCode },
      stopAt: 'handled',
    },
    {
      category: plain,
      source: 'patrol',
      selfHandled: true,
      place: first,
      at: hoursAgo(5),
      stopAt: 'self_handled',
    },
  ];
  // One open case in each rarer state, in the second grid of the first community.
  const second = places[1] ?? first;
  const rare: [CaseState, Scenario['force']][] = [
    ['confirming', 'confirm'],
    ['void_pending', 'void'],
    ['accepted', undefined],
    ['in_progress', undefined],
    ['suspended', 'suspend'],
    ['rework', 'rework'],
    ['verified', undefined],
  ];
  rare.forEach(([stopAt, force], k) => {
    list.push({
      category: plain,
      source: 'patrol',
      selfHandled: false,
      place: second,
      at: hoursAgo(20 + 8 * k),
      target: { unit: second.gridCode },
      stopAt,
      force,
    });
  });
  if (departments.has(enforcement)) {
    list.push({
      category: byKind('urban_management'),
      source: 'patrol',
      selfHandled: false,
      place: first,
      at: hoursAgo(26),
      target: { department: enforcement },
      stopAt: 'dispatched',
    });
  }
  if (departments.has(water)) {
    list.push({
      category: byKind('water'),
      source: 'hotline',
      selfHandled: false,
      place: first,
      at: hoursAgo(28),
      target: { department: water },
      stopAt: 'dispatched',
    });
  }
  return list;
}

function peopleOf(data: DemoData): People {
  const byName = new Map(data.users.map((u) => [u.username, u]));
  const streets = data.orgUnits.filter((u) => u.level === 'street').map((u) => u.code);
  const communityOps = new Map<string, string>();
  for (const u of data.users) {
    if (u.roles.includes('community_operator') && u.orgUnitCodes.length === 1) {
      communityOps.set(u.orgUnitCodes[0]!, u.username);
    }
  }
  return {
    byName,
    // Street 1 has the named dispatcher; street 2 its operator; elsewhere the district dispatches.
    dispatcherOf: (street) => {
      const i = streets.indexOf(street);
      if (i === 0 && byName.has('dispatcher')) return 'dispatcher';
      if (i === 1 && byName.has('street2')) return 'street2';
      return 'district';
    },
    communityOperator: (community) => communityOps.get(community) ?? null,
  };
}

function placesOf(data: DemoData): Place[] {
  const parent = new Map(data.orgUnits.map((u) => [u.code, u.parentCode]));
  const streets = data.orgUnits.filter((u) => u.level === 'street').map((u) => u.code);
  const points = new Map<string, Place['points']>();
  for (const b of data.buildings) {
    const list = points.get(b.gridCode) ?? [];
    list.push({ lon: b.lon, lat: b.lat, address: b.address });
    points.set(b.gridCode, list);
  }
  return data.grids
    .filter((g) => points.has(g.code))
    .map((g) => {
      const community = parent.get(g.code)!;
      const street = parent.get(community)!;
      return {
        gridCode: g.code,
        communityCode: community!,
        streetCode: street!,
        streetIndex: streets.indexOf(street!),
        districtCode: parent.get(street!)!,
        points: points.get(g.code)!,
      };
    });
}

interface SimContext {
  today: Date;
  calendar: WorkCalendar;
  people: People;
  departments: Set<string>;
}

const cstDate = (t: Date) => new Date(t.getTime() + CST).toISOString().slice(0, 10).replaceAll('-', '');

function simulate(rng: Rng, s: Scenario, n: number, ctx: SimContext): PlannedCase {
  const { place, category } = s;
  const point = pick(rng, place.points);
  const worker = `w${place.gridCode}`;
  const leader = `wz${place.gridCode}`;
  const dispatcher = ctx.people.dispatcherOf(place.streetCode);
  const resident = RESIDENT_SOURCES.has(s.source);
  const reporter = s.source === 'patrol' ? worker : s.source === 'leader' ? 'leader' : dispatcher;
  const reporterUser = ctx.people.byName.get(reporter);
  const sim = new Sim(category, ctx.calendar, INITIAL_STATE(s.selfHandled), s.at);
  sim.quick = s.stopAt !== undefined;
  const description = `${category.name}：${point.address}附近，${pick(rng, DESCRIPTIONS)}`;
  const assignments: PlannedAssignment[] = [];
  const out: Partial<PlannedCase> = { reworked: 0 };
  let ownerCode = place.communityCode;
  sim.steps.push({
    seq: 1,
    action: s.selfHandled ? 'reportSelfHandled' : 'report',
    from: null,
    to: sim.state,
    at: s.at,
    actor: reporter,
    systemActor: null,
    note: description,
    reason: null,
    details: { source: s.source, before: [], after: [] },
    deadline: null,
  });
  // Stops the replay when the next step would lie after today, or at a showcase case's state.
  const go = (at: Date) => at <= ctx.today && s.stopAt !== sim.state;
  const done = () =>
    finish(s, n, sim, { out, assignments, ownerCode, point, description, reporterUser, resident, ctx, rng });

  if (s.selfHandled) {
    const at = later(rng, sim, 0.95);
    if (go(at)) {
      sim.apply('auditSelfHandled', at, leader);
      out.closedAt = at;
      afterClose(rng, sim, out, dispatcher, false, ctx);
    }
    return done();
  }

  let departmentTarget: string | null = s.target?.department ?? null;
  let unitTarget: string | null = s.target?.unit ?? null;
  let whistle: string[] | null = s.target?.whistle ?? null;
  if (category.isPolice) {
    // 警情分流: the police station of the street takes it at once, by the system.
    const police = `${place.streetCode}-public_security`;
    const at = new Date(s.at.getTime() + 1000);
    sim.routeToPolice(at, police);
    out.filedAt = at;
    out.dispatchedAt = at;
    assignments.push(assignment({ departmentCode: police, assignedAt: at }));
  } else {
    let at = later(rng, sim, 0.95);
    if (!go(at)) return done();
    if ((chance(rng, 0.012) && !s.stopAt) || s.force === 'void') {
      sim.apply('requestVoid', at, dispatcher, { reason: pick(rng, VOID_REASONS) });
      const approved = later(rng, sim, 1);
      if (go(approved)) sim.apply('approveVoid', approved, dispatcher);
      return done();
    }
    if ((chance(rng, 0.05) && !s.stopAt) || s.force === 'confirm') {
      sim.apply('requestConfirm', at, dispatcher);
      at = later(rng, sim, 0.9);
      if (!go(at)) return done();
      sim.apply('confirm', at, worker, { note: '现场核实属实' });
    } else {
      sim.apply('accept', at, dispatcher);
    }
    at = later(rng, sim, 0.95);
    if (!go(at)) return done();
    sim.apply('file', at, dispatcher);
    out.filedAt = at;
    if (!s.target) {
      const kind = category.departmentKind;
      const enforcement = `${place.streetCode}-urban_management`;
      const district = kind ? `${place.districtCode}-${kind}` : null;
      const r = rng.next();
      if (kind === 'urban_management' && ctx.departments.has(enforcement) && r < 0.7)
        departmentTarget = enforcement;
      else if (district && ctx.departments.has(district) && r < 0.9) departmentTarget = district;
      else unitTarget = chance(rng, 0.6) ? place.gridCode : place.communityCode;
      if (
        departmentTarget &&
        chance(rng, 0.05) &&
        ctx.departments.has(enforcement) &&
        departmentTarget !== enforcement
      ) {
        whistle = [departmentTarget, enforcement];
      }
    }
    if (!s.target && chance(rng, 0.02)) {
      at = later(rng, sim, 0.9);
      if (!go(at)) return done();
      sim.apply('escalate', at, dispatcher, {
        reason: '社区无力处置，上报街道协调',
        details: { from: { level: 'community' }, to: { code: place.streetCode, level: 'street' } },
        restart: true,
      });
      ownerCode = place.streetCode;
    }
    at = later(rng, sim, 0.95);
    if (!go(at)) return done();
    out.dispatchedAt = at;
    if (whistle) {
      const due = deadlineOf(at, reportForDutyLimit(category.limits, ctx.calendar), ctx.calendar);
      sim.apply('whistle', at, dispatcher, {
        details: { targets: whistle.map((code, k) => ({ code, lead: k === 0 })), ackDueAt: due },
      });
      assignments.push(
        ...whistle.map((code, k) =>
          assignment({ departmentCode: code, isLead: k === 0, assignedAt: at, ackDueAt: due }),
        ),
      );
      const acks = assignments
        .map(() => at.getTime() + Math.round(float(rng, 0.1, 0.9) * (due.getTime() - at.getTime())))
        .sort((a, b) => a - b);
      for (const [k, a] of assignments.entries()) {
        const ack = new Date(acks[k]!);
        if (!go(ack)) return done();
        sim.apply('acknowledge', ack, staffOf(ctx, a.departmentCode!), { details: { onTime: true } });
        a.acknowledgedAt = ack;
      }
    } else {
      sim.apply('dispatch', at, dispatcher, {
        details: {
          target: departmentTarget
            ? { type: 'department', code: departmentTarget }
            : { type: 'unit', code: unitTarget },
        },
      });
      assignments.push(
        departmentTarget
          ? assignment({ departmentCode: departmentTarget, assignedAt: at })
          : assignment({ orgUnitCode: unitTarget, assignedAt: at }),
      );
    }
  }

  const lead = assignments.find((a) => a.isLead)!;
  const handler = lead.departmentCode
    ? staffOf(ctx, lead.departmentCode)
    : lead.orgUnitCode === place.gridCode
      ? worker
      : (ctx.people.communityOperator(lead.orgUnitCode!) ?? leader);
  // Handling, with a rework round when the worker's check fails.
  for (let round = 0; ; round++) {
    let at = later(rng, sim, 0.97);
    if (!go(at)) return done();
    sim.apply('acceptTask', at, handler);
    lead.acceptedAt ??= at;
    if (round === 0 && ((chance(rng, 0.03) && !s.stopAt) || s.force === 'suspend')) {
      const susp = later(rng, sim, 0.9);
      if (!go(susp)) return done();
      sim.apply('suspend', susp, handler, { reason: '等待相关单位配合' });
      // Most suspended cases resume after days; a few still wait today (挂账).
      const resume = new Date(susp.getTime() + int(rng, 2, 10) * DAY);
      if (!go(resume)) return done();
      sim.apply('resume', resume, handler);
    }
    at = later(rng, sim, 0.93);
    if (!go(at)) return done();
    sim.apply('handle', at, handler, { note: pick(rng, HANDLED_NOTES) });
    out.handledAt = at;
    at = later(rng, sim, 0.96);
    if (!go(at)) return done();
    if (round === 0 && (chance(rng, 0.04) || s.force === 'rework')) {
      sim.apply('verifyFail', at, worker, { reason: '现场复核仍有问题，需返工' });
      out.reworked = (out.reworked ?? 0) + 1;
      continue;
    }
    sim.apply('verifyPass', at, worker, { note: '现场复核，问题已解决' });
    break;
  }
  const closeAt = later(rng, sim, 0.97);
  if (!go(closeAt)) return done();
  sim.apply('close', closeAt, dispatcher);
  out.closedAt = closeAt;
  afterClose(rng, sim, out, dispatcher, resident, ctx);
  return done();
}

function staffOf(ctx: SimContext, departmentCode: string): string | null {
  for (const u of ctx.people.byName.values())
    if (u.departmentCodes.includes(departmentCode)) return u.username;
  return null;
}

/** Evaluation, the return visit to residents who reported, and archiving a month later. */
function afterClose(
  rng: Rng,
  sim: Sim,
  out: Partial<PlannedCase>,
  dispatcher: string,
  resident: boolean,
  ctx: SimContext,
) {
  const closed = sim.stepStart.getTime();
  if (resident || chance(rng, 0.1)) {
    const at = new Date(closed + float(rng, 0.5, 3) * DAY);
    if (at <= ctx.today) {
      const level = weightedPick(rng, SATISFACTION_SHARES);
      const score = SATISFACTION_SCORE[level];
      const comment = RETURN_VISIT_COMMENTS[level];
      sim.apply('returnVisit', at, dispatcher, { note: comment, details: { satisfaction: score } });
      out.satisfaction = score;
      out.satisfactionComment = comment;
    }
  }
  if (chance(rng, 0.6)) {
    const at = new Date(closed + float(rng, 3.5, 6) * DAY);
    if (at > ctx.today) return;
    const rating = chance(rng, 0.85) ? 5 : int(rng, 3, 4);
    sim.apply('evaluate', at, dispatcher, { note: '处置及时，结果满意' });
    out.rating = rating;
    const archive = new Date(closed + float(rng, 30, 40) * DAY);
    if (archive <= ctx.today) sim.apply('archive', archive, dispatcher);
  }
}

function assignment(a: Partial<PlannedAssignment> & { assignedAt: Date }): PlannedAssignment {
  return {
    orgUnitCode: a.orgUnitCode ?? null,
    departmentCode: a.departmentCode ?? null,
    isLead: a.isLead ?? true,
    active: true,
    assignedAt: a.assignedAt,
    ackDueAt: a.ackDueAt ?? null,
    acknowledgedAt: null,
    acceptedAt: null,
  };
}

function finish(
  s: Scenario,
  n: number,
  sim: Sim,
  x: {
    out: Partial<PlannedCase>;
    assignments: PlannedAssignment[];
    ownerCode: string;
    point: { lon: number; lat: number; address: string };
    description: string;
    reporterUser: DemoUser | undefined;
    resident: boolean;
    ctx: SimContext;
    rng: Rng;
  },
): PlannedCase {
  const { out } = x;
  const last = sim.steps[sim.steps.length - 1]!;
  const step = STEP_OF_STATE[sim.state];
  const limit = step ? s.category.limits[step] : undefined;
  const light =
    limit && step !== undefined
      ? trafficLight(sim.stepStart, x.ctx.today, limit, x.ctx.calendar).light
      : 'green';
  const finished = ['closed', 'evaluated', 'archived', 'voided'].includes(sim.state);
  return {
    code: `SJ${cstDate(s.at)}${String(n).padStart(6, '0')}`,
    title: `${s.category.name} · ${x.point.address}`,
    description: x.description,
    categoryCode: s.category.code,
    source: s.source,
    state: sim.state,
    selfHandled: s.selfHandled,
    isPolice: s.category.isPolice,
    lon: x.point.lon,
    lat: x.point.lat,
    address: x.point.address,
    gridCode: s.place.gridCode,
    ownerCode: x.ownerCode,
    reporter: x.reporterUser?.username ?? null,
    reporterName: x.resident ? pick(x.rng, RESIDENT_NAMES) : (x.reporterUser?.displayName ?? '网格员'),
    reporterPhone: x.resident ? `139${String(int(x.rng, 0, 99_999_999)).padStart(8, '0')}` : null,
    reportedAt: s.at,
    filedAt: out.filedAt ?? null,
    dispatchedAt: out.dispatchedAt ?? null,
    handledAt: out.handledAt ?? null,
    closedAt: out.closedAt ?? null,
    reworked: out.reworked ?? 0,
    stepStartedAt: sim.stepStart,
    stepDueAt: sim.stepDue,
    light: finished ? 'green' : light,
    onTime: sim.onTime,
    rating: out.rating ?? null,
    satisfaction: out.satisfaction ?? null,
    satisfactionComment: out.satisfactionComment ?? null,
    updatedAt: last.at,
    // Assignments end with the case, as they do when a case is closed in the loop.
    assignments: x.assignments.map((a) => ({ ...a, active: !finished })),
    steps: sim.steps,
  };
}

const DESCRIPTIONS = [
  '现场拍照取证，情况属实',
  '居民反映已持续数日',
  '巡查中发现，影响居民通行',
  '存在安全隐患，需尽快处理',
  '多名居民反映，请相关部门处理',
];
const HANDLED_NOTES = ['已现场处置完毕', '已清理完毕并拍照留存', '已协调相关单位整改到位', '已维修恢复正常'];
const VOID_REASONS = ['重复上报', '经核实不属实', '不属于受理范围'];
const RETURN_VISIT_COMMENTS = {
  satisfied: '居民表示满意',
  basic: '居民表示基本满意',
  dissatisfied: '居民表示不满意，处置速度偏慢',
} as const;
const RESIDENT_NAMES = ['王女士', '李先生', '张女士', '刘先生', '陈女士', '杨先生', '赵女士', '周先生'];
