// Duty rota (排班): each worker of a grid team gets one shift kind per day. A shift's hours are
// configuration (a district may start the morning shift at 7:30); a shift may cross midnight (the
// night patrol), so "on duty at t" also looks at yesterday's shift. Days and hours are Beijing time.

export const SHIFT_KINDS = ['morning', 'evening', 'night', 'standby', 'rest'] as const;
export type ShiftKind = (typeof SHIFT_KINDS)[number];
export const SHIFT_KIND_LABELS: Readonly<Record<ShiftKind, { zh: string; en: string }>> = {
  morning: { zh: '早班', en: 'Morning shift' },
  evening: { zh: '晚班', en: 'Evening shift' },
  night: { zh: '夜巡', en: 'Night patrol' },
  standby: { zh: '值守', en: 'Standby' },
  rest: { zh: '轮休', en: 'Rest day' },
};

/** Hours of a shift as minutes after midnight; end ≤ start means it ends the next day. Rest has none. */
export interface ShiftHours {
  start: number;
  end: number;
}
export type ShiftHoursTable = Readonly<Record<Exclude<ShiftKind, 'rest'>, ShiftHours>>;

export const DEFAULT_SHIFT_HOURS: ShiftHoursTable = {
  morning: { start: 8 * 60, end: 16 * 60 },
  evening: { start: 16 * 60, end: 24 * 60 },
  night: { start: 22 * 60, end: 6 * 60 },
  standby: { start: 8 * 60, end: 8 * 60 },
};

/** Parses "HH:MM-HH:MM" (the configuration's form) into minutes; null when malformed. */
export function parseShiftHours(text: string): ShiftHours | null {
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [sh, sm, eh, em] = m.slice(1).map(Number) as [number, number, number, number];
  if (sh > 23 || eh > 24 || sm > 59 || em > 59 || (eh === 24 && em > 0)) return null;
  return { start: sh * 60 + sm, end: eh * 60 + em };
}

const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Beijing calendar day ('YYYY-MM-DD') of an instant. */
export function beijingDay(t: Date): string {
  return new Date(t.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' moved by `days`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the Beijing week holding `day`. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The instants a shift of `kind` on Beijing `day` starts and ends; null for a rest day. */
export function shiftInterval(
  day: string,
  kind: ShiftKind,
  hours: ShiftHoursTable = DEFAULT_SHIFT_HOURS,
): { start: Date; end: Date } | null {
  if (kind === 'rest') return null;
  const h = hours[kind];
  const midnight = Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS;
  const endMinutes = h.end <= h.start ? h.end + 24 * 60 : h.end;
  return { start: new Date(midnight + h.start * 60_000), end: new Date(midnight + endMinutes * 60_000) };
}

export interface RotaEntry {
  userId: string;
  day: string;
  kind: ShiftKind;
}

/**
 * Is the worker on duty at `t`, and since when? Looks at the shift of t's Beijing day and the one
 * of the day before (a night patrol runs into the morning). Returns the start of the shift that
 * covers t, or null.
 */
export function onDutySince(
  entries: readonly RotaEntry[],
  userId: string,
  t: Date,
  hours: ShiftHoursTable = DEFAULT_SHIFT_HOURS,
): Date | null {
  const today = beijingDay(t);
  const days = new Set([today, addDays(today, -1)]);
  let since: Date | null = null;
  for (const e of entries) {
    if (e.userId !== userId || !days.has(e.day)) continue;
    const span = shiftInterval(e.day, e.kind, hours);
    if (span && span.start <= t && t < span.end && (!since || span.start < since)) since = span.start;
  }
  return since;
}

/** Every worker on duty at `t` with the start of their shift. */
export function onDutyAt(
  entries: readonly RotaEntry[],
  t: Date,
  hours: ShiftHoursTable = DEFAULT_SHIFT_HOURS,
): { userId: string; since: Date }[] {
  const users = [...new Set(entries.map((e) => e.userId))];
  return users.flatMap((userId) => {
    const since = onDutySince(entries, userId, t, hours);
    return since ? [{ userId, since }] : [];
  });
}

/** Grids (ids) with nobody on duty: `members` maps a grid to its team. */
export function uncoveredGrids(
  members: ReadonlyMap<string, readonly string[]>,
  onDuty: ReadonlySet<string>,
): string[] {
  return [...members.keys()].filter((grid) => !(members.get(grid) ?? []).some((u) => onDuty.has(u)));
}
