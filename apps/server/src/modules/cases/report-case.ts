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
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { queueFeed } from '../command/feed.ts';
import type { GridIndex } from '../grids/grid-index.ts';
import { notificationRow, notifyUsers, type Outbox, queueNotifications } from '../notifications/notify.ts';
import type { CalendarService } from './calendar-service.ts';
import { type Limits, startClock } from './clock.ts';
import { caseRepository as repo } from './repository.ts';
import { appendStep, linkStepPhotos, type StepValues, stepRow } from './steps.ts';

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
  if (options.idempotencyKey) {
    const existing = await findByKey(db, actor.userId, options.idempotencyKey);
    if (existing) return { caseId: existing.id, created: false };
  }
  const category = await repo.category(db, input.categoryCode);
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
  const address = input.address?.trim() || (await standardAddress(db, input.lon, input.lat, grid.name));
  const community = grid.chain.find((c) => c.level === 'community');
  const ownerId = community?.id ?? grid.id;
  const calendar = await options.calendars.forPath(grid.path);
  const limits = category.limits as unknown as Limits;
  // Inside a caller's transaction (an inspection that finds a hazard) the case commits with it.
  const inTransaction = <T>(work: (trx: Db) => Promise<T>) =>
    db.isTransaction ? work(db) : db.transaction().execute(work);
  try {
    return await inTransaction(async (trx) => {
      const now = new Date();
      const state = INITIAL_STATE(Boolean(input.selfHandled));
      const step: StepValues = {
        caseId: '',
        action: input.selfHandled ? 'reportSelfHandled' : 'report',
        fromState: null,
        toState: state,
        actor,
        actorUnitPath: grid.path,
        note: input.description,
        lon: input.lon,
        lat: input.lat,
        photoIds: [...(input.photoIds ?? []), ...(input.afterPhotoIds ?? [])],
        details: {
          source: input.source,
          before: input.photoIds ?? [],
          after: input.afterPhotoIds ?? [],
          ...(observedAt ? { observedAt, receivedAt: now } : {}),
        },
        deadline: null,
        at: observedAt,
      };
      // The case and its first step are one statement (the step reads the new id from the CTE),
      // and the owner's path is read by the insert itself rather than by a query of its own.
      const inserted = await trx
        .with('c', (q) =>
          q
            .insertInto('cases')
            .values({
              code: sql<string>`'SJ' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('case_code_seq')::text, 6, '0')`,
              title: input.title?.trim() || `${category.name_zh} · ${address}`,
              description: input.description,
              category_code: category.code,
              source: input.source,
              state,
              self_handled: Boolean(input.selfHandled),
              is_police: category.is_police,
              lon: input.lon,
              lat: input.lat,
              address,
              grid_id: grid.id,
              grid_path: grid.path,
              owner_unit_id: ownerId,
              owner_path: sql<string>`(SELECT path FROM org_units WHERE id = ${ownerId})`,
              reporter_user_id: actor.userId,
              reporter_name: input.reporterName ?? actor.displayName,
              reporter_phone: input.reporterPhone ?? null,
              media_url: input.mediaUrl ?? null,
              created_by: actor.userId,
              idempotency_key: options.idempotencyKey,
              ...startClock(state, limits, calendar, now),
            })
            .returning(['id', 'owner_path']),
        )
        .insertInto('case_steps')
        .values(stepRow({ ...step, caseId: sql<string>`(SELECT id FROM c)` }, 1))
        .returning([
          'id',
          sql<string>`(SELECT id FROM c)`.as('case_id'),
          sql<string>`(SELECT owner_path FROM c)`.as('owner_path'),
        ])
        .executeTakeFirstOrThrow();
      const { case_id: caseId, owner_path: ownerPath } = inserted;
      await linkStepPhotos(trx, { ...step, caseId }, inserted.id);
      if (category.is_police) {
        await routeToPolice(trx, {
          caseId,
          gridPath: grid.path,
          limits,
          calendar,
          now,
          outbox,
          fromState: state,
        });
      } else {
        const written = await repo.notifyCovering(trx, {
          path: input.selfHandled ? grid.path : ownerPath,
          permission: input.selfHandled ? 'cases.audit' : 'cases.dispatch',
          except: actor.userId,
          row: notificationRow({
            caseId,
            kind: input.selfHandled ? 'self_handled_audit' : 'new_case',
            subject: { zh: category.name_zh, en: category.name_en },
            body: input.description.slice(0, 200),
          }),
        });
        queueNotifications(outbox, written);
      }
      queueFeed(outbox, {
        kind: 'case.reported',
        unitPath: grid.path,
        at: now.toISOString(),
        ref: { type: 'case', id: caseId },
        params: { category: category.name_zh, categoryEn: category.name_en, grid: grid.name },
      });
      await recordAudit(trx, options.origin, {
        userId: actor.userId,
        action: 'cases.report',
        targetType: 'case',
        targetId: caseId,
        details: { category: category.code, source: input.source, grid: grid.code },
      });
      return { caseId, created: true };
    });
  } catch (err) {
    // Two retries racing with one key: the loser returns the winner's case.
    if ((err as { code?: string }).code === '23505' && options.idempotencyKey) {
      const existing = await findByKey(db, actor.userId, options.idempotencyKey);
      if (existing) return { caseId: existing.id, created: false };
    }
    throw err;
  }
}

/** A reporter who leaves the address empty gets the nearest standard address of the point. */
async function standardAddress(db: Db, lon: number, lat: number, gridName: string): Promise<string> {
  const candidates = await repo.addressCandidates(db, boxAround(lon, lat, ADDRESS_ROAD_M));
  return reverseAddress({ lon, lat, gridName, candidates }).address;
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
