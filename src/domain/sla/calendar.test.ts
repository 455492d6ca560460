import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  addBusinessMs,
  ALWAYS_OPEN,
  businessMinutesBetween,
  businessMsBetween,
  checkCalendar,
  isBusinessTime,
  WEEKDAYS,
  type BusinessCalendar,
  type OpeningHours,
} from './calendar.ts';

const weekdays = (hours: OpeningHours[]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const londonOffice: BusinessCalendar = {
  timezone: 'Europe/London',
  weeklyHours: weekdays([['09:00', '17:30']]),
  holidays: [],
};
const at = (iso: string) => new Date(iso);

describe('business minutes on an office calendar', () => {
  it('carries time left at Friday closing over the weekend to Monday morning', () => {
    // 2026-01-09 is a Friday; London is on GMT in January.
    expect(addBusinessMinutes(at('2026-01-09T17:00:00Z'), 60, londonOffice)).toEqual(at('2026-01-12T09:30:00Z'));
    expect(businessMinutesBetween(at('2026-01-09T17:00:00Z'), at('2026-01-12T09:30:00Z'), londonOffice)).toBe(60);
  });

  it('starts counting at opening time when the clock starts at night', () => {
    expect(addBusinessMinutes(at('2026-01-06T22:00:00Z'), 30, londonOffice)).toEqual(at('2026-01-07T09:30:00Z'));
    expect(businessMinutesBetween(at('2026-01-06T22:00:00Z'), at('2026-01-07T08:00:00Z'), londonOffice)).toBe(0);
  });

  it('ends a deadline at closing time rather than the next morning', () => {
    expect(addBusinessMinutes(at('2026-01-07T17:00:00Z'), 30, londonOffice)).toEqual(at('2026-01-07T17:30:00Z'));
  });

  it('skips the lunch break when a day has several opening intervals', () => {
    const withLunch: BusinessCalendar = {
      ...londonOffice,
      weeklyHours: weekdays([
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ]),
    };
    expect(addBusinessMinutes(at('2026-01-07T10:00:00Z'), 240, withLunch)).toEqual(at('2026-01-07T15:00:00Z'));
    expect(businessMinutesBetween(at('2026-01-07T11:30:00Z'), at('2026-01-07T13:30:00Z'), withLunch)).toBe(60);
  });

  it('skips holidays', () => {
    // Christmas Day and Boxing Day 2026 fall on Friday and Saturday; the 28th is the substitute bank holiday.
    const withHolidays = { ...londonOffice, holidays: ['2026-12-25', '2026-12-28'] };
    expect(addBusinessMinutes(at('2026-12-24T17:00:00Z'), 60, withHolidays)).toEqual(at('2026-12-29T09:30:00Z'));
    expect(businessMinutesBetween(at('2026-12-24T00:00:00Z'), at('2026-12-30T00:00:00Z'), withHolidays)).toBe(2 * 510);
  });

  it('counts backwards as negative minutes', () => {
    expect(businessMinutesBetween(at('2026-01-12T09:30:00Z'), at('2026-01-09T17:00:00Z'), londonOffice)).toBe(-60);
  });

  it('knows when the desk is open', () => {
    expect(isBusinessTime(at('2026-01-07T09:00:00Z'), londonOffice)).toBe(true);
    expect(isBusinessTime(at('2026-01-07T17:29:59Z'), londonOffice)).toBe(true);
    expect(isBusinessTime(at('2026-01-07T17:30:00Z'), londonOffice)).toBe(false);
    expect(isBusinessTime(at('2026-01-10T12:00:00Z'), londonOffice)).toBe(false);
  });
});

describe('time zones and daylight saving', () => {
  it('opens at 09:00 local time on both sides of the change (Europe/London, 29 March 2026)', () => {
    // Friday 17:00 GMT + 60 business minutes: 30 on Friday, 30 on Monday from 09:00 BST (08:00 UTC).
    expect(addBusinessMinutes(at('2026-03-27T17:00:00Z'), 60, londonOffice)).toEqual(at('2026-03-30T08:30:00Z'));
    // Friday 09:00 GMT to Monday 17:30 BST (16:30 UTC): two whole days.
    expect(businessMinutesBetween(at('2026-03-27T09:00:00Z'), at('2026-03-30T16:30:00Z'), londonOffice)).toBe(2 * 510);
  });

  it('gives a 24-hour weekend desk a 23-hour Sunday in spring and a 25-hour Sunday in autumn', () => {
    const weekendDesk: BusinessCalendar = {
      timezone: 'Europe/London',
      weeklyHours: { sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] },
      holidays: [],
    };
    // Saturday 00:00 GMT to Monday 00:00 BST.
    expect(businessMinutesBetween(at('2026-03-28T00:00:00Z'), at('2026-03-29T23:00:00Z'), weekendDesk)).toBe(47 * 60);
    // Saturday 00:00 BST to Monday 00:00 GMT.
    expect(businessMinutesBetween(at('2026-10-23T23:00:00Z'), at('2026-10-26T00:00:00Z'), weekendDesk)).toBe(49 * 60);
    // Sunday 00:30 GMT + 60 minutes lands at 02:30 BST: the hour from 01:00 to 02:00 never happened.
    expect(addBusinessMinutes(at('2026-03-29T00:30:00Z'), 60, weekendDesk)).toEqual(at('2026-03-29T01:30:00Z'));
  });

  it('counts the repeated hour twice when clocks go back (01:00–02:00 on 25 October 2026)', () => {
    const nightShift: BusinessCalendar = {
      timezone: 'Europe/London',
      weeklyHours: { sun: [['01:00', '02:00']] },
      holidays: [],
    };
    expect(businessMinutesBetween(at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'), nightShift)).toBe(120);
  });

  it('follows a zone behind UTC (America/New_York opens at 14:00 UTC in winter, 13:00 UTC in summer)', () => {
    const newYork = { ...londonOffice, timezone: 'America/New_York' };
    expect(addBusinessMinutes(at('2026-01-07T05:00:00Z'), 1, newYork)).toEqual(at('2026-01-07T14:01:00Z'));
    expect(addBusinessMinutes(at('2026-07-07T05:00:00Z'), 1, newYork)).toEqual(at('2026-07-07T13:01:00Z'));
  });

  it('counts every minute on a 24/7 calendar', () => {
    expect(addBusinessMinutes(at('2026-03-28T23:00:00Z'), 180, ALWAYS_OPEN)).toEqual(at('2026-03-29T02:00:00Z'));
    expect(
      businessMinutesBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T02:00:00Z'), {
        ...ALWAYS_OPEN,
        timezone: 'Europe/London',
      }),
    ).toBe(180);
  });
});

describe('checking a calendar', () => {
  it('tidies a valid calendar', () => {
    const result = checkCalendar({
      timezone: 'europe/london',
      weeklyHours: {
        mon: [
          ['13:00', '17:00'],
          ['09:00', '12:00'],
        ],
      },
      holidays: ['2026-12-25', '2026-01-01', '2026-12-25'],
    });
    expect(result).toEqual({
      ok: true,
      calendar: {
        timezone: 'Europe/London',
        weeklyHours: {
          mon: [
            ['09:00', '12:00'],
            ['13:00', '17:00'],
          ],
        },
        holidays: ['2026-01-01', '2026-12-25'],
      },
    });
  });

  it.each([
    [
      { timezone: 'Mars/Olympus_Mons', weeklyHours: { mon: [['09:00', '17:00']] }, holidays: [] },
      'not an IANA time zone',
    ],
    [{ timezone: 'UTC', weeklyHours: { mon: [['17:00', '09:00']] }, holidays: [] }, 'opening must be before closing'],
    [
      {
        timezone: 'UTC',
        weeklyHours: {
          mon: [
            ['09:00', '13:00'],
            ['12:00', '17:00'],
          ],
        },
        holidays: [],
      },
      'overlap',
    ],
    [{ timezone: 'UTC', weeklyHours: { mon: [['9am', '5pm']] }, holidays: [] }, 'HH:MM'],
    [{ timezone: 'UTC', weeklyHours: { mon: [['24:00', '24:00']] }, holidays: [] }, 'HH:MM'],
    [{ timezone: 'UTC', weeklyHours: {}, holidays: [] }, 'at least one weekday'],
    [{ timezone: 'UTC', weeklyHours: { mon: [['09:00', '17:00']] }, holidays: ['2026-02-30'] }, 'not a date'],
  ] as [BusinessCalendar, string][])('refuses %j', (calendar, problem) => {
    const result = checkCalendar(calendar);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('; ')).toContain(problem);
  });
});

const ZONES = [
  'UTC',
  'Europe/London',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/Sao_Paulo',
  'Pacific/Chatham',
];
const time = fc.integer({ min: 0, max: 96 }).map((q) => q * 15);
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** Up to three non-overlapping intervals on a day, on a quarter-hour grid. */
const day = fc.uniqueArray(time, { maxLength: 6 }).map((edges) => {
  const sorted = [...edges].sort((a, b) => a - b);
  const intervals: OpeningHours[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push([hhmm(sorted[i]!), hhmm(sorted[i + 1]!)]);
  return intervals;
});
const calendarArb = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    days: fc.tuple(...WEEKDAYS.map(() => day)),
    holidays: fc.uniqueArray(
      fc.date({ min: new Date('2025-12-01T00:00:00Z'), max: new Date('2027-02-01T00:00:00Z'), noInvalidDate: true }),
      { maxLength: 20 },
    ),
  })
  .map(({ timezone, days, holidays }) => ({
    timezone,
    weeklyHours: Object.fromEntries(WEEKDAYS.map((d, i) => [d, days[i]!])),
    holidays: holidays.map((h) => h.toISOString().slice(0, 10)),
  }))
  .filter((c) => checkCalendar(c).ok);
const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') });
const minutes = fc.integer({ min: 0, max: 10_000 });

describe('business-time arithmetic, for any calendar', () => {
  it('adding minutes and measuring them back round-trips', () => {
    fc.assert(
      fc.property(calendarArb, instant, minutes, (calendar, start, m) => {
        const end = addBusinessMs(start, m * 60_000, calendar);
        expect(end).toBeGreaterThanOrEqual(start);
        expect(businessMsBetween(start, end, calendar)).toBe(m * 60_000);
      }),
      { numRuns: 150 },
    );
  });

  it('never puts a deadline in closed hours: the minute before it was open', () => {
    fc.assert(
      fc.property(calendarArb, instant, fc.integer({ min: 1, max: 10_000 }), (calendar, start, m) => {
        const end = addBusinessMs(start, m * 60_000, calendar);
        expect(isBusinessTime(new Date(end - 1), calendar)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('adds in steps the same as all at once', () => {
    fc.assert(
      fc.property(calendarArb, instant, minutes, minutes, (calendar, start, a, b) => {
        const stepwise = addBusinessMs(addBusinessMs(start, a * 60_000, calendar), b * 60_000, calendar);
        expect(stepwise).toBe(addBusinessMs(start, (a + b) * 60_000, calendar));
      }),
      { numRuns: 100 },
    );
  });
});
