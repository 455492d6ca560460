import { afterAll, beforeAll, expect, it } from 'vitest';
import { contactCentre } from '../helpers/contact-centre.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const get = async (token: string, url: string) => {
  const res = await t.call(token, { method: 'GET', url: `/api/v1${url}` });
  return { status: res.statusCode, body: res.json() as Json };
};

it('opens a case with one request that answers what the separate requests would', async () => {
  const centre = await contactCentre(t);
  const opened = await centre.openCase(centre.alice);
  // A second contact and a second open case for the same customer, so the timeline and the list hold more than one.
  await postContact(t, centre.admin, {
    channel: 'email',
    customer: { phone: (await get(centre.admin, `/customers/${opened.customerId}`)).body.phones[0] },
    text: 'Still no service, and now my texts fail too.',
  });
  const other = await t.call(centre.alice.token, {
    method: 'POST',
    url: '/api/v1/cases',
    payload: { customerId: opened.customerId, subject: 'Texts failing' },
  });
  expect(other.statusCode, other.body).toBe(201);

  const screen = await get(centre.alice.token, `/workspace/cases/${opened.id}?timelineLimit=1`);
  expect(screen.status, JSON.stringify(screen.body)).toBe(200);
  const separately = {
    case: (await get(centre.alice.token, `/cases/${opened.id}`)).body,
    customer: (await get(centre.alice.token, `/customers/${opened.customerId}`)).body,
    timeline: (await get(centre.alice.token, `/customers/${opened.customerId}/timeline?limit=1`)).body,
    openCases: (await get(centre.alice.token, `/cases?customerId=${opened.customerId}&status=new,open,pending`)).body
      .items,
    sla: (await get(centre.alice.token, `/cases/${opened.id}/sla`)).body,
    effort: (await get(centre.alice.token, `/cases/${opened.id}/effort`)).body,
    outbound: (await get(centre.alice.token, `/cases/${opened.id}/outbound`)).body.items,
  };
  // Minutes left may tick over between the two answers; everything else is the same.
  const withoutMinutesLeft = (body: Json) => ({
    ...body,
    sla: { ...body.sla, metrics: body.sla.metrics.map(({ businessMinutesLeft: _, ...m }: Json) => m) },
  });
  expect(withoutMinutesLeft(screen.body)).toEqual(withoutMinutesLeft(separately));
  expect(screen.body.sla.metrics.length).toBeGreaterThan(0);
  expect(screen.body.timeline.items).toHaveLength(1);
  expect(screen.body.timeline.nextCursor).not.toBeNull();
  expect(screen.body.openCases.map((c: Json) => c.subject).sort()).toEqual([
    'No service after update',
    'Texts failing',
  ]);
});

it('shows an analyst the customer without their numbers, and hides other organisations’ cases', async () => {
  const centre = await contactCentre(t);
  const opened = await centre.openCase(centre.bob);
  const analyst = await centre.call('POST', '/api/v1/tokens', { name: 'Analyst', role: 'analyst' });
  const seen = await get(analyst.token, `/workspace/cases/${opened.id}`);
  expect(seen.status).toBe(200);
  expect(seen.body.customer.phones).toEqual(['[PHONE]']);
  expect(JSON.stringify(seen.body)).not.toContain('+4477009');

  const elsewhere = await contactCentre(t);
  const probe = await get(elsewhere.admin, `/workspace/cases/${opened.id}`);
  expect(probe.status).toBe(404);
  expect(probe.body.error.code).toBe('not_found');
});
