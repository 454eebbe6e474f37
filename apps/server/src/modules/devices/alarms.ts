import {
  alarmJoinsCase,
  DEVICE_ALARM_CATEGORY,
  type DeviceChannel,
  type DevicePayload,
  type DeviceType,
  label,
  recoveryClosesCase,
} from '@wangge/rules';
import { sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import type { CalendarService } from '../cases/calendar-service.ts';
import { reportCase } from '../cases/report-case.ts';
import { appendStep } from '../cases/steps.ts';
import type { GridIndex } from '../grids/grid-index.ts';
import { channelActor } from '../intake/channel-actor.ts';
import type { Outbox } from '../notifications/notify.ts';
import { deviceRepository as repo } from './repository.ts';

export interface AlarmContext {
  db: Db;
  gridIndex: GridIndex;
  calendars: CalendarService;
  config: Pick<Config, 'devices'>;
  outbox: Outbox;
}

const DEVICE_ORIGIN: AuditOrigin = { ip: null, userAgent: 'device' };

export type AlarmOutcome =
  | { outcome: 'unknown_device' }
  | { outcome: 'case_created' | 'joined'; caseId: string; alarmId: string };

/**
 * One alarm of a device. The device row is locked for the decision, so with several instances
 * (or a storm of messages) exactly one alarm raises the case and the rest join it: an alarm
 * within the window of the previous one, while its case is open, is recorded on that case.
 */
export async function receiveAlarm(
  ctx: AlarmContext,
  input: { deviceCode: string; channel: DeviceChannel; payload: DevicePayload; origin?: AuditOrigin },
): Promise<AlarmOutcome> {
  const actor = await channelActor(ctx.db, 'system.iot');
  return ctx.db.transaction().execute(async (trx) => {
    const device = await repo.lockByCode(trx, input.deviceCode);
    if (!device || device.status === 'disabled') return { outcome: 'unknown_device' } as const;
    const now = new Date();
    const open =
      device.open_case_id && device.last_alarm_at
        ? await trx
            .selectFrom('cases')
            .select('state')
            .where('id', '=', device.open_case_id)
            .executeTakeFirst()
        : undefined;
    const joins = alarmJoinsCase(
      open && device.last_alarm_at ? { state: open.state, lastAlarmAt: device.last_alarm_at } : null,
      now,
      ctx.config.devices.alarmWindowMinutes * 60_000,
    );
    let caseId: string;
    if (joins) {
      caseId = device.open_case_id!;
    } else {
      const type = device.type as DeviceType;
      const typeName = label('deviceType', type, 'zh');
      const reading = input.payload.value === null ? '' : `，读数 ${input.payload.value}`;
      ({ caseId } = await reportCase({
        db: trx,
        actor,
        origin: input.origin ?? DEVICE_ORIGIN,
        gridIndex: ctx.gridIndex,
        calendars: ctx.calendars,
        outbox: ctx.outbox,
        input: {
          categoryCode: DEVICE_ALARM_CATEGORY[type],
          title: `${typeName}告警 · ${device.name}`,
          description: `${typeName}「${device.name}」（${device.code}）告警${reading}${
            input.payload.message ? `：${input.payload.message}` : ''
          }`,
          lon: device.lon,
          lat: device.lat,
          address: device.address || undefined,
          source: 'iot',
        },
        idempotencyKey: null,
      }));
    }
    await trx
      .updateTable('devices')
      .set({
        status: 'alarm',
        open_case_id: caseId,
        last_alarm_at: now,
        last_seen_at: now,
        updated_at: now,
      })
      .where('id', '=', device.id)
      .execute();
    const alarm = await insertAlarm(trx, device.id, 'alarm', input, caseId);
    return { outcome: joins ? 'joined' : 'case_created', caseId, alarmId: alarm.id } as const;
  });
}

/**
 * The device says it is back to normal. Its case closes by itself only while nobody has acted on
 * it (recoveryClosesCase); otherwise the people handling it decide, and the recovery is on record.
 */
export async function receiveRecovery(
  ctx: Pick<AlarmContext, 'db'>,
  input: { deviceCode: string; channel: DeviceChannel; payload: DevicePayload; origin?: AuditOrigin },
): Promise<{ outcome: 'unknown_device' } | { outcome: 'recovered'; closedCaseId: string | null }> {
  return ctx.db.transaction().execute(async (trx) => {
    const device = await repo.lockByCode(trx, input.deviceCode);
    if (!device || device.status === 'disabled') return { outcome: 'unknown_device' } as const;
    const now = new Date();
    let closedCaseId: string | null = null;
    if (device.open_case_id) {
      const kase = await trx
        .selectFrom('cases')
        .select([
          'id',
          'state',
          'grid_path',
          sql<number>`(SELECT count(*)::int FROM case_steps s WHERE s.case_id = cases.id)`.as('steps'),
        ])
        .where('id', '=', device.open_case_id)
        .forUpdate()
        .executeTakeFirst();
      if (kase && recoveryClosesCase(kase)) {
        await trx
          .updateTable('cases')
          .set({
            state: 'closed',
            closed_at: now,
            step_started_at: now,
            step_due_at: null,
            light: 'green',
            version: sql<number>`version + 1`,
            updated_at: now,
          })
          .where('id', '=', kase.id)
          .execute();
        await appendStep(trx, {
          caseId: kase.id,
          action: 'recoveryClose',
          fromState: kase.state,
          toState: 'closed',
          actor: null,
          systemActor: 'deviceRecovery',
          note: `设备 ${device.code} 报告恢复正常，事件无人处置前自动结案`,
          publicNote: '设备已恢复正常',
          details: { deviceId: device.id, deviceCode: device.code },
        });
        await recordAudit(trx, input.origin ?? DEVICE_ORIGIN, {
          userId: null,
          action: 'cases.recoveryClose',
          targetType: 'case',
          targetId: kase.id,
          details: { device: device.code },
        });
        closedCaseId = kase.id;
      }
    }
    await trx
      .updateTable('devices')
      .set({ status: 'online', last_seen_at: now, updated_at: now })
      .where('id', '=', device.id)
      .execute();
    await insertAlarm(trx, device.id, 'recovery', input, device.open_case_id);
    return { outcome: 'recovered', closedCaseId } as const;
  });
}

function insertAlarm(
  db: Db,
  deviceId: string,
  kind: 'alarm' | 'recovery',
  input: { channel: DeviceChannel; payload: DevicePayload },
  caseId: string | null,
) {
  return db
    .insertInto('device_alarms')
    .values({
      device_id: deviceId,
      kind,
      channel: input.channel,
      value: input.payload.value,
      message: input.payload.message,
      observed_at: input.payload.at ? new Date(input.payload.at) : null,
      case_id: caseId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
