import type { Db } from '../../db/database.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import type { AuditOrigin } from '../audit/record.ts';
import type { CalendarService } from '../cases/calendar-service.ts';
import { reportCase } from '../cases/report-case.ts';
import type { GridIndex } from '../grids/grid-index.ts';
import type { Outbox } from '../notifications/notify.ts';
import { channelActor } from './channel-actor.ts';
import { intakeRepository as repo } from './repository.ts';

/** A hotline order's case category when the hotline names none (其他矛盾纠纷): the dispatcher re-sorts it. */
export const HOTLINE_DEFAULT_CATEGORY = 'SG01-08';

export interface HotlineOrder {
  orderNo: string;
  callerName?: string;
  callerPhone?: string;
  content: string;
  address: string;
  deadline?: string;
  categoryCode?: string;
}

/**
 * One case per hotline order: the address is looked up among the standard addresses, the case is
 * reported by the hotline's channel account and routed like any other, and the order row ties them
 * (its call-backs hang off it). A second push of the order returns the first case.
 */
export async function receiveHotlineOrder(options: {
  db: Db;
  origin: AuditOrigin;
  gridIndex: GridIndex;
  calendars: CalendarService;
  outbox: Outbox;
  order: HotlineOrder;
}): Promise<{ caseId: string; created: boolean }> {
  const { db, order } = options;
  const known = await repo.order(db, order.orderNo);
  if (known) return { caseId: known.case_id, created: false };
  const deadline = order.deadline === undefined ? null : new Date(order.deadline);
  if (deadline && Number.isNaN(deadline.getTime()))
    throw badRequest('deadline', '办理时限须为 ISO 8601 时间 (deadline must be an ISO 8601 time)');
  const place = await repo.locateAddress(db, order.address);
  if (!place) {
    throw new AppError(
      422,
      'unknown_address',
      `地址「${order.address}」不是标准地址，无法定位 (the address matches no standard address)`,
      { field: 'address' },
    );
  }
  const actor = await channelActor(db, 'system.hotline');
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await reportCase({
        db: trx,
        actor,
        origin: options.origin,
        gridIndex: options.gridIndex,
        calendars: options.calendars,
        outbox: options.outbox,
        input: {
          categoryCode: order.categoryCode ?? HOTLINE_DEFAULT_CATEGORY,
          description: order.content,
          lon: place.lon,
          lat: place.lat,
          address: place.full_name,
          source: 'hotline',
          reporterName: order.callerName,
          reporterPhone: order.callerPhone,
        },
        idempotencyKey: `hotline:${order.orderNo}`,
      });
      await trx
        .insertInto('hotline_orders')
        .values({
          order_no: order.orderNo,
          case_id: result.caseId,
          caller_name: order.callerName ?? null,
          caller_phone: order.callerPhone ?? null,
          address: order.address,
          deadline,
        })
        .execute();
      // The report (and a police routing) stepped before the order row existed to trigger on.
      await repo.callbacksForEarlierSteps(trx, order.orderNo, result.caseId);
      return result;
    });
  } catch (err) {
    // The same order pushed twice at once: the second sees the first's case.
    if ((err as { code?: string }).code === '23505') {
      const winner = await repo.order(db, order.orderNo);
      if (winner) return { caseId: winner.case_id, created: false };
    }
    throw err;
  }
}
