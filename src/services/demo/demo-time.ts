import type { DemoRandom } from './random.ts';

/** Dates and amounts as the demo writes them: British style, in UTC so that a seed is reproducible. */

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export const daysBefore = (date: Date, days: number): Date => new Date(date.getTime() - days * DAY);
export const hoursAfter = (date: Date, hours: number): Date => new Date(date.getTime() + hours * HOUR);
export const minutesAfter = (date: Date, minutes: number): Date => new Date(date.getTime() + minutes * 60_000);

/** The same moment if it falls within [open, close) hours (UTC), else soon after the next opening. */
export function withinHours(date: Date, [open, close]: readonly [number, number], random: DemoRandom): Date {
  // Drawn whether or not they are used: otherwise the hour of `now` decided how many numbers each
  // journey took, and so every later customer's history, and the demo was not the same by the hour.
  const minutes = random.int(0, 89);
  const seconds = random.int(0, 59);
  const hour = date.getUTCHours();
  if (hour >= open && hour < close) return date;
  const next = new Date(date);
  if (hour >= close) next.setUTCDate(next.getUTCDate() + 1);
  next.setUTCHours(open, minutes, seconds, 0);
  return next;
}

// One formatter each: toLocaleDateString builds a new one per call, which a seed of thousands of
// customers notices.
const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const WEEKDAY_FORMAT = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });
const MONTH_FORMAT = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

/** "14 March" */
export const formatDay = (date: Date): string => DAY_FORMAT.format(date);

/** "Thursday" */
export const formatWeekday = (date: Date): string => WEEKDAY_FORMAT.format(date);

/** "March" */
export const formatMonth = (date: Date): string => MONTH_FORMAT.format(date);

/** "£42.17" from pence. */
export const money = (pence: number): string => `£${(pence / 100).toFixed(2)}`;

/**
 * A clock for writing a story: `at(9, '10:42')` is 10:42 UTC nine days before `now`. Stories
 * are written at least a day back, so every moment they name is in the past.
 */
export function storyClock(now: Date): (daysAgo: number, time: string) => Date {
  return (daysAgo, time) => {
    const [hours, minutes] = time.split(':').map(Number) as [number, number];
    const day = daysBefore(now, daysAgo);
    day.setUTCHours(hours, minutes, 0, 0);
    return day;
  };
}
