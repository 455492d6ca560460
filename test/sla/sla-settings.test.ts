import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactCentre } from '../helpers/contact-centre.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { LONDON_OFFICE } from './sla-fixtures.ts';

let t: TestApp;
let centre: Awaited<ReturnType<typeof contactCentre>>;
let analyst: string;
beforeAll(async () => {
  t = await startTestApp();
  centre = await contactCentre(t);
  const user = await centre.call('POST', '/api/v1/users', {
    email: 'analyst@centre.example',
    name: 'Ana',
    role: 'analyst',
  });
  analyst = (await centre.call('POST', '/api/v1/tokens', { name: 'analyst', role: 'analyst', userId: user.id })).token;
});
afterAll(() => t.close());

const as = (token: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.call(token, {
    method,
    url: `/api/v1${url}`,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

describe('SLA policies', () => {
  it('starts every tenant on a 24/7 default: urgent 1h/4h/8h down to low 24h/72h/168h, warning at 80%', async () => {
    const tenant = await t.newTenant();
    const res = await as(tenant.token, 'GET', '/sla/policies');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      {
        priority: 'low',
        firstResponseMinutes: 1440,
        nextUpdateMinutes: 4320,
        resolutionMinutes: 10080,
        calendarId: null,
        warnBeforeMinutes: null,
        warnAtPercent: 80,
        isDefault: true,
      },
      {
        priority: 'normal',
        firstResponseMinutes: 480,
        nextUpdateMinutes: 1440,
        resolutionMinutes: 4320,
        calendarId: null,
        warnBeforeMinutes: null,
        warnAtPercent: 80,
        isDefault: true,
      },
      {
        priority: 'high',
        firstResponseMinutes: 240,
        nextUpdateMinutes: 480,
        resolutionMinutes: 1440,
        calendarId: null,
        warnBeforeMinutes: null,
        warnAtPercent: 80,
        isDefault: true,
      },
      {
        priority: 'urgent',
        firstResponseMinutes: 60,
        nextUpdateMinutes: 240,
        resolutionMinutes: 480,
        calendarId: null,
        warnBeforeMinutes: null,
        warnAtPercent: 80,
        isDefault: true,
      },
    ]);
  });

  it('lets an administrator set a priority on a calendar, and go back to the default', async () => {
    const calendar = (
      await as(centre.admin, 'POST', '/sla/calendars', { ...LONDON_OFFICE, name: 'Office for high' })
    ).json();
    const body = {
      firstResponseMinutes: 120,
      nextUpdateMinutes: 240,
      resolutionMinutes: 960,
      calendarId: calendar.id,
      warnBeforeMinutes: 30,
    };
    const set = await as(centre.admin, 'PUT', '/sla/policies/high', body);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ priority: 'high', ...body, warnAtPercent: null, isDefault: false });
    expect((await as(analyst, 'GET', '/sla/policies/high')).json()).toMatchObject({
      calendarId: calendar.id,
      isDefault: false,
    });

    const reset = await as(centre.admin, 'DELETE', '/sla/policies/high');
    expect(reset.json()).toMatchObject({ priority: 'high', firstResponseMinutes: 240, isDefault: true });
    expect((await as(centre.admin, 'GET', '/sla/policies/high')).json().isDefault).toBe(true);
  });

  it('refuses a policy with two kinds of warning, a target of zero, an unknown calendar or priority', async () => {
    const targets = { firstResponseMinutes: 60, nextUpdateMinutes: 120, resolutionMinutes: 480 };
    const both = await as(centre.admin, 'PUT', '/sla/policies/normal', {
      ...targets,
      warnBeforeMinutes: 10,
      warnAtPercent: 50,
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toContain('not both');
    expect(
      (await as(centre.admin, 'PUT', '/sla/policies/normal', { ...targets, firstResponseMinutes: 0 })).statusCode,
    ).toBe(400);
    const unknown = await as(centre.admin, 'PUT', '/sla/policies/normal', {
      ...targets,
      calendarId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual({ field: 'calendarId' });
    expect((await as(centre.admin, 'PUT', '/sla/policies/critical', targets)).statusCode).toBe(400);
  });

  it('lets staff read policies but only administrators change them', async () => {
    const targets = { firstResponseMinutes: 60, nextUpdateMinutes: 120, resolutionMinutes: 480 };
    expect((await as(centre.alice.token, 'GET', '/sla/policies')).statusCode).toBe(200);
    expect((await as(centre.alice.token, 'PUT', '/sla/policies/normal', targets)).statusCode).toBe(403);
    expect((await as(centre.manager.token, 'DELETE', '/sla/policies/normal')).statusCode).toBe(403);
    expect((await as(analyst, 'PUT', '/sla/policies/normal', targets)).statusCode).toBe(403);
    expect((await t.call(undefined, { method: 'GET', url: '/api/v1/sla/policies' })).statusCode).toBe(401);
  });
});

describe('business-hours calendars', () => {
  it('stores weekly hours with several intervals a day, holidays and the time zone, tidied', async () => {
    const res = await as(centre.admin, 'POST', '/sla/calendars', {
      name: 'Support desk',
      timezone: 'europe/london',
      weeklyHours: {
        mon: [
          ['13:30', '17:30'],
          ['09:00', '12:30'],
        ],
        sat: [['10:00', '14:00']],
      },
      holidays: ['2026-12-28', '2026-12-25', '2026-12-25'],
    });
    expect(res.statusCode).toBe(201);
    const calendar = res.json();
    expect(calendar).toMatchObject({
      name: 'Support desk',
      timezone: 'Europe/London',
      weeklyHours: {
        mon: [
          ['09:00', '12:30'],
          ['13:30', '17:30'],
        ],
        sat: [['10:00', '14:00']],
      },
      holidays: ['2026-12-25', '2026-12-28'],
    });
    expect((await as(analyst, 'GET', `/sla/calendars/${calendar.id}`)).json()).toEqual(calendar);
    expect((await as(analyst, 'GET', '/sla/calendars')).json().items.map((c: { name: string }) => c.name)).toContain(
      'Support desk',
    );

    const replaced = await as(centre.admin, 'PUT', `/sla/calendars/${calendar.id}`, {
      ...LONDON_OFFICE,
      name: 'Support desk',
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ weeklyHours: LONDON_OFFICE.weeklyHours, holidays: LONDON_OFFICE.holidays });
  });

  it.each([
    [{ timezone: 'London' }, 'not an IANA time zone'],
    [{ weeklyHours: { mon: [['17:30', '09:00']] } }, 'opening must be before closing'],
    [
      {
        weeklyHours: {
          mon: [
            ['09:00', '13:00'],
            ['12:00', '17:00'],
          ],
        },
      },
      'overlap',
    ],
    [{ weeklyHours: { mon: [['09:00', '25:00']] } }, 'weeklyHours'],
    [{ weeklyHours: { someday: [['09:00', '17:00']] } }, 'weeklyHours'],
    [{ weeklyHours: {} }, 'at least one weekday'],
    [{ holidays: ['2026-02-30'] }, 'holidays'],
  ])('refuses %j with a clear 400', async (change, message) => {
    const res = await as(centre.admin, 'POST', '/sla/calendars', {
      ...LONDON_OFFICE,
      name: `Bad ${message}`,
      ...change,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(message);
  });

  it('refuses a second calendar of the same name, and removing one a policy runs on', async () => {
    const calendar = (await as(centre.admin, 'POST', '/sla/calendars', { ...LONDON_OFFICE, name: 'Busy' })).json();
    const twin = await as(centre.admin, 'POST', '/sla/calendars', { ...LONDON_OFFICE, name: 'Busy' });
    expect(twin.statusCode).toBe(409);
    await as(centre.admin, 'PUT', '/sla/policies/low', {
      firstResponseMinutes: 60,
      nextUpdateMinutes: 120,
      resolutionMinutes: 480,
      calendarId: calendar.id,
    });
    const inUse = await as(centre.admin, 'DELETE', `/sla/calendars/${calendar.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error).toMatchObject({
      message: expect.stringContaining('low'),
      details: { reason: 'calendar_in_use', priorities: ['low'] },
    });
    await as(centre.admin, 'DELETE', '/sla/policies/low');
    expect((await as(centre.admin, 'DELETE', `/sla/calendars/${calendar.id}`)).statusCode).toBe(204);
    expect((await as(centre.admin, 'GET', `/sla/calendars/${calendar.id}`)).statusCode).toBe(404);
  });

  it("keeps each organisation's calendars to itself", async () => {
    const calendar = (await as(centre.admin, 'POST', '/sla/calendars', { ...LONDON_OFFICE, name: 'Private' })).json();
    const other = { admin: (await t.newTenant()).token };
    expect((await as(other.admin, 'GET', `/sla/calendars/${calendar.id}`)).statusCode).toBe(404);
    expect((await as(other.admin, 'PUT', `/sla/calendars/${calendar.id}`, LONDON_OFFICE)).statusCode).toBe(404);
    expect((await as(other.admin, 'DELETE', `/sla/calendars/${calendar.id}`)).statusCode).toBe(404);
    const borrowed = await as(other.admin, 'PUT', '/sla/policies/normal', {
      firstResponseMinutes: 60,
      nextUpdateMinutes: 120,
      resolutionMinutes: 480,
      calendarId: calendar.id,
    });
    expect(borrowed.statusCode).toBe(400);
    expect((await as(other.admin, 'GET', '/sla/calendars')).json().items).toEqual([]);
  });

  it('lets only administrators change calendars', async () => {
    expect(
      (await as(centre.manager.token, 'POST', '/sla/calendars', { ...LONDON_OFFICE, name: 'Nope' })).statusCode,
    ).toBe(403);
    expect((await as(analyst, 'POST', '/sla/calendars', { ...LONDON_OFFICE, name: 'Nope' })).statusCode).toBe(403);
  });
});
