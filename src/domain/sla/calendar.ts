import { instantOf, isTimeZone, isoDate, localDateOf, nextDay, weekdayOf, type LocalDate } from './time-zone.ts';

/**
 * Business-hours calendars and the arithmetic SLA clocks run on: business minutes are real
 * minutes that fall inside opening hours, in the calendar's own time zone, on days that are
 * not holidays. A day when the clocks go forward is an hour shorter for a 24-hour desk.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening and closing time, local: ["09:00", "17:30"]; "24:00" closes at midnight. */
export type OpeningHours = [string, string];

export interface BusinessCalendar {
  /** IANA name, e.g. Europe/London. */
  timezone: string;
  /** Opening hours by weekday; a day left out is closed. Several intervals a day are allowed. */
  weeklyHours: Partial<Record<Weekday, OpeningHours[]>>;
  /** Whole local days closed, YYYY-MM-DD. */
  holidays: string[];
}

/** Open every minute of every day: the calendar of a tenant that has not set one. */
export const ALWAYS_OPEN: BusinessCalendar = {
  timezone: 'UTC',
  weeklyHours: Object.fromEntries(WEEKDAYS.map((d) => [d, [['00:00', '24:00']]])),
  holidays: [],
};

const MINUTE = 60_000;
/** How far ahead a deadline is looked for before the calendar is declared to have no hours. */
const SEARCH_LIMIT_MS = 20 * 366 * 86_400_000;
const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MAX_HOLIDAYS = 1000;
export const MAX_INTERVALS_PER_DAY = 12;

function minuteOfDay(time: string): number | undefined {
  const match = TIME.exec(time);
  if (!match) return undefined;
  return Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4]);
}

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export type CalendarCheck = { ok: true; calendar: BusinessCalendar } | { ok: false; problems: string[] };

/** Validates a calendar and returns it tidied: canonical zone name, intervals in order, holidays sorted once each. */
export function checkCalendar(input: BusinessCalendar): CalendarCheck {
  const problems: string[] = [];
  let timezone = input.timezone;
  if (!isTimeZone(timezone)) problems.push(`timezone "${timezone}" is not an IANA time zone such as Europe/London`);
  else timezone = new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;

  const weeklyHours: Partial<Record<Weekday, OpeningHours[]>> = {};
  let openIntervals = 0;
  for (const [day, intervals] of Object.entries(input.weeklyHours)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      problems.push(`"${day}" is not a weekday (use ${WEEKDAYS.join(', ')})`);
      continue;
    }
    if (!intervals || intervals.length === 0) continue;
    if (intervals.length > MAX_INTERVALS_PER_DAY)
      problems.push(`${day} has more than ${MAX_INTERVALS_PER_DAY} opening intervals`);
    const parsed: { from: number; to: number; hours: OpeningHours }[] = [];
    for (const [open, close] of intervals) {
      const from = minuteOfDay(open);
      const to = minuteOfDay(close);
      if (from === undefined || from === 1440 || to === undefined) {
        problems.push(`${day} ${open}–${close}: times are HH:MM from 00:00 to 24:00`);
      } else if (from >= to) {
        problems.push(
          `${day} ${open}–${close}: opening must be before closing (an interval cannot run past midnight; split it)`,
        );
      } else {
        parsed.push({ from, to, hours: [open, close] });
      }
    }
    parsed.sort((a, b) => a.from - b.from);
    for (let i = 1; i < parsed.length; i++) {
      if (parsed[i]!.from < parsed[i - 1]!.to)
        problems.push(`${day}: ${parsed[i - 1]!.hours.join('–')} and ${parsed[i]!.hours.join('–')} overlap`);
    }
    weeklyHours[day as Weekday] = parsed.map((p) => p.hours);
    openIntervals += parsed.length;
  }
  if (openIntervals === 0 && problems.length === 0)
    problems.push('A calendar needs opening hours on at least one weekday');

  const holidays = [...new Set(input.holidays)].sort();
  if (holidays.length > MAX_HOLIDAYS) problems.push(`At most ${MAX_HOLIDAYS} holidays`);
  for (const holiday of holidays) {
    if (!isCalendarDate(holiday)) problems.push(`holiday "${holiday}" is not a date (YYYY-MM-DD)`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, calendar: { timezone, weeklyHours, holidays } };
}

interface CompiledCalendar {
  timezone: string;
  /** Minutes-of-day intervals by weekday, Monday first. */
  days: [number, number][][];
  holidays: Set<string>;
  alwaysOpen: boolean;
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

function compile(calendar: BusinessCalendar): CompiledCalendar {
  let result = compiled.get(calendar);
  if (!result) {
    const days = WEEKDAYS.map((d) =>
      (calendar.weeklyHours[d] ?? [])
        .map(([open, close]) => [minuteOfDay(open)!, minuteOfDay(close)!] as [number, number])
        .sort((a, b) => a[0] - b[0]),
    );
    const alwaysOpen =
      calendar.holidays.length === 0 && days.every((d) => d.length === 1 && d[0]![0] === 0 && d[0]![1] === 1440);
    result = { timezone: calendar.timezone, days, holidays: new Set(calendar.holidays), alwaysOpen };
    compiled.set(calendar, result);
  }
  return result;
}

/** Opening intervals as instants [open, close), the first clipped to start at `from`, until the day after `until`. */
function* openIntervals(cal: CompiledCalendar, from: number, until: number): Generator<[number, number]> {
  // Intervals of earlier days close by midnight, which is not after `from`: start with from's own day.
  let date: LocalDate = localDateOf(from, cal.timezone);
  for (;;) {
    const dayStart = instantOf(date, 0, cal.timezone);
    if (dayStart > until) return;
    if (!cal.holidays.has(isoDate(date))) {
      for (const [open, close] of cal.days[weekdayOf(date)]!) {
        const end = instantOf(date, close, cal.timezone);
        if (end <= from) continue;
        const start = Math.max(instantOf(date, open, cal.timezone), from);
        if (end > start) yield [start, end];
      }
    }
    date = nextDay(date);
  }
}

/** The instant `ms` business milliseconds after `start` (ms ≥ 0): always the end of a business millisecond. */
export function addBusinessMs(start: number, ms: number, calendar: BusinessCalendar): number {
  if (!(ms >= 0)) throw new RangeError(`Cannot add ${ms} business milliseconds`);
  if (ms === 0) return start;
  const cal = compile(calendar);
  if (cal.alwaysOpen) return start + ms;
  let remaining = ms;
  for (const [open, close] of openIntervals(cal, start, start + SEARCH_LIMIT_MS)) {
    if (close - open >= remaining) return open + remaining;
    remaining -= close - open;
  }
  throw new RangeError('The calendar has no opening hours in the next twenty years');
}

/** Business milliseconds from a to b; negative when b is before a. */
export function businessMsBetween(a: number, b: number, calendar: BusinessCalendar): number {
  if (b < a) return -businessMsBetween(b, a, calendar);
  const cal = compile(calendar);
  if (cal.alwaysOpen) return b - a;
  let total = 0;
  for (const [open, close] of openIntervals(cal, a, b)) {
    if (open >= b) break;
    total += Math.min(close, b) - open;
  }
  return total;
}

/** The instant `minutes` business minutes after `start`. */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  return new Date(addBusinessMs(start.getTime(), Math.round(minutes * MINUTE), calendar));
}

/** Business minutes from a to b (fractional; negative when b is before a). */
export function businessMinutesBetween(a: Date, b: Date, calendar: BusinessCalendar): number {
  return businessMsBetween(a.getTime(), b.getTime(), calendar) / MINUTE;
}

/** Whether the desk is open at `at` (opening instants count as open, closing instants as closed). */
export function isBusinessTime(at: Date, calendar: BusinessCalendar): boolean {
  const cal = compile(calendar);
  if (cal.alwaysOpen) return true;
  const t = at.getTime();
  for (const [open] of openIntervals(cal, t, t + 86_400_000 * 2)) return open === t;
  return false;
}
