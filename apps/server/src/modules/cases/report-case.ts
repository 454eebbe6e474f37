import {
  ADDRESS_ROAD_M,
  boxAround,
  type CaseSource,
  INITIAL_STATE,
  label,
  reportChoicesFor,
  reverseAddress,
} from '@wangge/rules';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { type AuditOrigin, auditRecord } from '../audit/record.ts';
import { queueFeed } from '../command/feed.ts';
import type { GridIndex } from '../grids/grid-index.ts';
import { notificationRow, notifyUsers, type Outbox, queueNotifications } from '../notifications/notify.ts';
import type { CalendarService } from './calendar-service.ts';
import { type Limits, startClock } from './clock.ts';
import { readReportContext, writeReport } from './report-statements.ts';
import { caseRepository as repo } from './repository.ts';
import { appendStep, photosUnavailable } from './steps.ts';

export interface ReportInput {
  categoryCode: string;
  description: string;
  title?: string;
  lon: number;
  lat: number;
  address?: string;
  source: CaseSource;
  photoIds?: string[];
  selfHandled?: boolean;
  afterPhotoIds?: string[];
  reporterName?: string;
  reporterPhone?: string;
  /** An http(s) link the reporter gave (Open311 media_url), validated by the caller. */
  mediaUrl?: string;
  /** When the worker recorded it on the device; the case counts from its arrival, the history shows both. */
  observedAt?: string;
}

const OBSERVED_SKEW_MS = 5 * 60_000;
const OBSERVED_MAX_AGE_MS = 7 * 86_400_000;

export function observedAtOf(value: string | undefined, now: number): Date | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (!Number.isFinite(t) || t > now + OBSERVED_SKEW_MS || t < now - OBSERVED_MAX_AGE_MS) {
    throw badRequest(
      'observedAt',
      '记录时间须在过去 7 天内且不晚于现在 (observedAt must lie within the past 7 days)',
    );
  }
  return new Date(Math.min(t, now));
}

/**
 * A new case: the point is resolved to its grid, the community above it answers for the case,
 * and police matters go straight to the police department instead of the grid chain.
 * A retried request with the same idempotency key returns the first case, never a second one.
 */
export async function reportCase(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  gridIndex: GridIndex;
  calendars: CalendarService;
  outbox: Outbox;
  input: ReportInput;
  idempotencyKey: string | null;
}): Promise<{ caseId: string; created: boolean }> {
  const { db, actor, input, outbox } = options;
  const given = input.address?.trim();
  const box = given ? null : boxAround(input.lon, input.lat, ADDRESS_ROAD_M);
  const cos = Math.cos((input.lat * Math.PI) / 180);
  const [context] = await readReportContext(db, {
    userId: actor.userId,
    idempotencyKey: options.idempotencyKey,
    categoryCode: input.categoryCode,
    minLon: box?.minLon ?? null,
    maxLon: box?.maxLon ?? null,
    minLat: box?.minLat ?? null,
    maxLat: box?.maxLat ?? null,
    lon: input.lon,
    lat: input.lat,
    cos2: cos * cos,
  });
  if (context!.existing_id) return { caseId: context!.existing_id, created: false };
  const { category, case_id: caseId } = context!;
  if (!category?.parent_code) {
    throw badRequest(
      'categoryCode',
      `事件分类 ${input.categoryCode} 不存在或不是小类 (unknown or non-leaf category)`,
    );
  }
  const choices = reportChoicesFor(actor.permissions);
  if (choices.sources && !choices.sources.includes(input.source)) {
    const names = (lang: 'zh' | 'en') => choices.sources!.map((code) => label('caseSource', code, lang));
    throw badRequest(
      'source',
      `您只能以「${names('zh').join('、')}」来源上报 (you may report only as ${names('en').join(', ')})`,
      { allowed: choices.sources },
    );
  }
  if (input.selfHandled && !choices.selfHandling) {
    throw badRequest('selfHandled', '居民上报的事件不能自处理 (a resident cannot self-handle a case)');
  }
  if (input.selfHandled && !input.afterPhotoIds?.length) {
    throw badRequest('afterPhotoIds', '自处理事件须附处置后照片 (a self-handled case needs after photos)');
  }
  const observedAt = observedAtOf(input.observedAt, Date.now());
  const grid = options.gridIndex.locate(input.lon, input.lat);
  if (!grid) {
    throw new AppError(
      422,
      'outside_all_grids',
      '该位置不在任何网格内，无法上报 (the location lies in no grid)',
      {
        field: 'lon',
        lon: input.lon,
        lat: input.lat,
      },
    );
  }
  // A reporter who leaves the address empty gets the nearest standard address of the point.
  const address =
    given ||
    reverseAddress({
      lon: input.lon,
      lat: input.lat,
      gridName: grid.name,
      candidates: context!.candidates ?? [],
    }).address;
  const community = grid.chain.find((c) => c.level === 'community');
  const calendar = await options.calendars.forPath(grid.path);
  const limits = category.limits as Limits;
  const now = new Date();
  const state = INITIAL_STATE(Boolean(input.selfHandled));
  const clock = startClock(state, limits, calendar, now);
  const photoIds = [...new Set([...(input.photoIds ?? []), ...(input.afterPhotoIds ?? [])])];
  const notification = notificationRow({
    caseId,
    kind: input.selfHandled ? 'self_handled_audit' : 'new_case',
    subject: { zh: category.name_zh, en: category.name_en },
    body: input.description.slice(0, 200),
  });
  const audit = auditRecord(options.origin, {
    userId: actor.userId,
    action: 'cases.report',
    targetType: 'case',
    targetId: caseId,
    details: { category: category.code, source: input.source, grid: grid.code },
  });
  const notice = category.is_police ? 'none' : input.selfHandled ? 'audit' : 'dispatch';
  const write = (target: Db) =>
    writeReport(target, notice, {
      id: caseId,
      title: input.title?.trim() || `${category.name_zh} · ${address}`,
      description: input.description,
      categoryCode: category.code,
      source: input.source,
      state,
      selfHandled: Boolean(input.selfHandled),
      isPolice: category.is_police,
      lon: input.lon,
      lat: input.lat,
      address,
      gridId: grid.id,
      gridPath: grid.path,
      ownerId: community?.id ?? grid.id,
      userId: actor.userId,
      reporterName: input.reporterName ?? actor.displayName,
      reporterPhone: input.reporterPhone ?? null,
      mediaUrl: input.mediaUrl ?? null,
      idempotencyKey: options.idempotencyKey,
      stepStartedAt: clock.step_started_at,
      stepDueAt: clock.step_due_at,
      light: clock.light,
      supervision: clock.supervision,
      extensionMs: clock.extension_ms,
      action: input.selfHandled ? 'reportSelfHandled' : 'report',
      actorName: actor.displayName,
      actorRoles: [...actor.roles],
      actorUnitPath: actingUnitPath(actor, grid.path),
      details: JSON.stringify({
        source: input.source,
        before: input.photoIds ?? [],
        after: input.afterPhotoIds ?? [],
        ...(observedAt ? { observedAt, receivedAt: now } : {}),
      }),
      at: observedAt ?? null,
      photoIds,
      notifyKind: notification.kind,
      notifyTitle: notification.title,
      notifyBody: notification.body,
      notifyParams: notification.params,
      auditAt: audit.at,
      auditAction: audit.action,
      auditDetails: audit.details,
      auditIp: audit.ip,
      auditUserAgent: audit.user_agent,
      auditMac: audit.mac,
    });
  const policeReport = async (trx: Db) => {
    const rows = await write(trx);
    await routeToPolice(trx, {
      caseId,
      gridPath: grid.path,
      limits,
      calendar,
      now,
      outbox,
      fromState: state,
    });
    return rows;
  };
  try {
    // One statement is its own transaction; a police matter adds its routing, so it takes one.
    const [written] = category.is_police
      ? await (db.isTransaction ? policeReport(db) : db.transaction().execute(policeReport))
      : await write(db);
    queueNotifications(
      outbox,
      written!.notifications.map((n) => ({ ...n, created_at: new Date(n.created_at) })),
    );
  } catch (err) {
    // Two retries racing with one key: the loser returns the winner's case.
    if ((err as { code?: string }).code === '23505' && options.idempotencyKey) {
      const existing = await findByKey(db, actor.userId, options.idempotencyKey);
      if (existing) return { caseId: existing.id, created: false };
    }
    if ((err as { message?: string }).message === 'photos_unavailable') {
      throw await photosUnavailable(db, actor, photoIds);
    }
    throw err;
  }
  queueFeed(outbox, {
    kind: 'case.reported',
    unitPath: grid.path,
    at: now.toISOString(),
    ref: { type: 'case', id: caseId },
    params: { category: category.name_zh, categoryEn: category.name_en, grid: grid.name },
  });
  return { caseId, created: true };
}

/** The actor's scope path that covers the grid most closely: the unit they report from. */
function actingUnitPath(actor: Actor, gridPath: string): string | null {
  let best: string | null = null;
  for (const path of actor.scopePaths) {
    if (gridPath.startsWith(path) && (best === null || path.length > best.length)) best = path;
  }
  return best;
}

/** The case a reporter already made with this idempotency key, if any. */
export function findByKey(db: Db, userId: string, key: string) {
  return db
    .selectFrom('cases')
    .select('id')
    .where('created_by', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** 警情分流: the nearest police department above the grid takes the case at once. */
async function routeToPolice(
  db: Db,
  values: {
    caseId: string;
    gridPath: string;
    limits: Limits;
    calendar: Awaited<ReturnType<CalendarService['forPath']>>;
    now: Date;
    outbox: Outbox;
    fromState: string;
  },
) {
  const police = await db
    .selectFrom('departments as d')
    .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
    .select(['d.id', 'd.name'])
    .where('d.is_police', '=', true)
    .where(sql<boolean>`${values.gridPath} LIKE o.path || '%'`)
    .orderBy(sql`length(o.path)`, 'desc')
    .executeTakeFirst();
  if (!police) return;
  const clock = startClock('dispatched', values.limits, values.calendar, values.now);
  await db
    .updateTable('cases')
    .set({ state: 'dispatched', filed_at: values.now, dispatched_at: values.now, ...clock })
    .where('id', '=', values.caseId)
    .execute();
  await db
    .insertInto('case_assignments')
    .values({ case_id: values.caseId, department_id: police.id, is_lead: true })
    .execute();
  await appendStep(db, {
    caseId: values.caseId,
    action: 'dispatch',
    fromState: values.fromState,
    toState: 'dispatched',
    actor: null,
    systemActor: 'policeRouting',
    note: `警情事件，直接派至${police.name}`,
    details: { target: { type: 'department', id: police.id, name: police.name }, routing: 'police' },
    deadline: clock.step_due_at,
  });
  const members = await repo.departmentMembers(db, [police.id]);
  await notifyUsers(db, values.outbox, {
    userIds: members.map((m) => m.id),
    caseId: values.caseId,
    kind: 'dispatched',
    titleKey: 'police_dispatched',
  });
}
