import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { slaDesk } from './sla-fixtures.ts';

/* GET /cases/:id/sla on the server's own clock: what an agent sees on a case right now. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Metric {
  metric: string;
  targetMinutes: number;
  startedAt: string;
  dueAt: string | null;
  status: string;
  businessMinutesLeft: number | null;
  breaches: number;
}

async function newCase(desk: Awaited<ReturnType<typeof slaDesk>>, phone: string, priority = 'normal') {
  const contact = await postContact(t, desk.token, { channel: 'sms', customer: { phone }, text: 'My bill is wrong' });
  return (await desk.api('POST', '/api/v1/cases', {
    customerId: contact.customerId,
    subject: 'Wrong bill',
    priority,
    contactIds: [contact.id],
  })) as { id: string; createdAt: string };
}

const sla = async (desk: Awaited<ReturnType<typeof slaDesk>>, caseId: string) => {
  const body = await desk.api('GET', `/api/v1/cases/${caseId}/sla`);
  return {
    ...body,
    byMetric: Object.fromEntries((body.metrics as Metric[]).map((m) => [m.metric, m])) as Record<string, Metric>,
  };
};
const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

describe('a case’s SLA', () => {
  it('shows each promise of a new case with its deadline and the time left, on the default 24/7 policy', async () => {
    const desk = await slaDesk(t);
    const c = await newCase(desk, '+447700900201');
    const view = await sla(desk, c.id);
    expect(view).toMatchObject({
      caseId: c.id,
      priority: 'normal',
      calendarId: null,
      timezone: 'UTC',
      policyIsDefault: true,
    });
    expect(view.byMetric.first_response).toMatchObject({
      targetMinutes: 480,
      dueAt: hoursAfter(c.createdAt, 8),
      status: 'ok',
      breaches: 0,
    });
    expect(view.byMetric.first_response!.businessMinutesLeft).toBeGreaterThanOrEqual(478);
    expect(view.byMetric.next_update).toMatchObject({ dueAt: hoursAfter(c.createdAt, 24), status: 'ok' });
    expect(view.byMetric.resolution).toMatchObject({ dueAt: hoursAfter(c.createdAt, 72), status: 'ok' });
  });

  it('counts a reply as the first response and restarts next update; waiting on the customer pauses the rest', async () => {
    const desk = await slaDesk(t);
    const c = await newCase(desk, '+447700900202');
    const replied = await t.call(desk.token, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: {
        channel: 'email',
        direction: 'outbound',
        customer: { phone: '+447700900202' },
        text: 'We have refunded the charge',
        caseId: c.id,
      },
    });
    expect(replied.statusCode).toBe(201);
    const afterReply = await sla(desk, c.id);
    expect(afterReply.byMetric.first_response).toMatchObject({ status: 'satisfied', businessMinutesLeft: null });
    expect(afterReply.byMetric.next_update).toMatchObject({ startedAt: replied.json().occurredAt, status: 'ok' });

    await desk.api('PATCH', `/api/v1/cases/${c.id}`, { status: 'pending' });
    const waiting = await sla(desk, c.id);
    expect(waiting.byMetric.next_update).toMatchObject({ status: 'paused', dueAt: null });
    expect(waiting.byMetric.resolution).toMatchObject({ status: 'paused', dueAt: null });
    expect(waiting.byMetric.resolution!.businessMinutesLeft).toBeGreaterThan(4300);

    await desk.api('PATCH', `/api/v1/cases/${c.id}`, { status: 'solved' });
    const solved = await sla(desk, c.id);
    expect(solved.metrics.map((m: Metric) => m.status)).toEqual(['satisfied', 'satisfied', 'satisfied']);
  });

  it('tightens the targets when the case becomes urgent', async () => {
    const desk = await slaDesk(t);
    const c = await newCase(desk, '+447700900203');
    await desk.api('PATCH', `/api/v1/cases/${c.id}`, { priority: 'urgent' });
    const view = await sla(desk, c.id);
    expect(view.metrics.map((m: Metric) => m.targetMinutes)).toEqual([60, 240, 480]);
    expect(view.byMetric.first_response!.dueAt).toBe(hoursAfter(c.createdAt, 1));
  });

  it('counts only business hours: a case opened on a holiday keeps its whole first-response time', async () => {
    const desk = await slaDesk(t);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const allWeek = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]),
    );
    const calendar = await desk.api('POST', '/api/v1/sla/calendars', {
      name: 'Closed for the holidays',
      timezone: 'UTC',
      weeklyHours: allWeek,
      holidays: [today, tomorrow],
    });
    await desk.api('PUT', '/api/v1/sla/policies/low', {
      firstResponseMinutes: 120,
      nextUpdateMinutes: 240,
      resolutionMinutes: 960,
      calendarId: calendar.id,
    });
    const c = await newCase(desk, '+447700900204', 'low');
    const view = await sla(desk, c.id);
    expect(view).toMatchObject({ calendarId: calendar.id, policyIsDefault: false });
    const reopening = `${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}T00:00:00.000Z`;
    expect(view.byMetric.first_response).toMatchObject({
      dueAt: hoursAfter(reopening, 2),
      businessMinutesLeft: 120,
      status: 'ok',
    });
  });

  it('answers 404 for a case of another organisation, and 400 for a malformed id', async () => {
    const desk = await slaDesk(t);
    const c = await newCase(desk, '+447700900205');
    const other = await t.newTenant();
    expect((await t.call(other.token, { method: 'GET', url: `/api/v1/cases/${c.id}/sla` })).statusCode).toBe(404);
    expect((await t.call(other.token, { method: 'GET', url: '/api/v1/cases/not-an-id/sla' })).statusCode).toBe(400);
  });
});
