import { checkWorkCalendar, codesOfPath, DEFAULT_CALENDAR, type WorkCalendar } from '@wangge/rules';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.ts';

/**
 * Each city's work calendar (holidays, make-up days, working hours), cached in memory: every
 * deadline computation needs it and it changes a few times a year.
 */
export class CalendarService {
  private readonly cache = new Map<string, WorkCalendar>();

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * The calendar of the city at the root of a path. A stored calendar that fails the check (written
   * by hand, or before the settings route checked it) would make every deadline computation throw,
   * halting reports and actions city-wide; it is logged and the default calendar is used instead.
   */
  async forPath(path: string): Promise<WorkCalendar> {
    const cityCode = codesOfPath(path)[0] ?? '';
    const cached = this.cache.get(cityCode);
    if (cached) return cached;
    const row = await this.db
      .selectFrom('work_calendars as w')
      .innerJoin('org_units as o', 'o.id', 'w.city_id')
      .select('w.calendar')
      .where('o.code', '=', cityCode)
      .executeTakeFirst();
    let calendar = DEFAULT_CALENDAR;
    if (row) {
      const check = checkWorkCalendar(row.calendar);
      if (check.ok) calendar = row.calendar as WorkCalendar;
      else {
        this.log.error(
          { cityCode, field: check.field, reason: check.reason },
          `stored work calendar of city ${cityCode} is invalid at ${check.field}; using the default calendar`,
        );
      }
    }
    this.cache.set(cityCode, calendar);
    return calendar;
  }

  async save(cityId: string, cityCode: string, calendar: WorkCalendar): Promise<void> {
    await this.db
      .insertInto('work_calendars')
      .values({ city_id: cityId, calendar: JSON.stringify(calendar) })
      .onConflict((oc) => oc.column('city_id').doUpdateSet({ calendar: JSON.stringify(calendar) }))
      .execute();
    this.cache.set(cityCode, calendar);
  }
}
