import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A customer of `tenant` with a phone on record and a portal login, signed in, with a case of their own. */
async function signedInCustomer(tenant: CreatedTenant, email: string, phone: string) {
  const admin = tenant.token;
  const contact = await postContact(t, admin, {
    channel: 'phone',
    customer: { email, phone, name: email.split('@')[0] },
    text: 'No signal at home since Monday',
  });
  const opened = await t.call(admin, {
    method: 'POST',
    url: '/api/v1/cases',
    payload: { customerId: contact.customerId, subject: 'No signal at home', contactIds: [contact.id] },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const login = await t.call(admin, {
    method: 'POST',
    url: '/api/v1/users',
    payload: { email, name: 'Customer', role: 'customer', customerId: contact.customerId, password: 'portal-pass-123' },
  });
  expect(login.statusCode, login.body).toBe(201);
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { tenant: tenant.tenant.slug, email, password: 'portal-pass-123' },
  });
  expect(signIn.statusCode, signIn.body).toBe(200);
  const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const as = async (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
    const res = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });
    return { status: res.statusCode, body: res.json() as Json };
  };
  return {
    caseId: opened.json().id as string,
    reference: opened.json().reference as string,
    customerId: contact.customerId,
    as,
  };
}

const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

describe('portal callbacks', () => {
  it('books a callback on my own case through the same rules as an agent, and shows it on the case', async () => {
    const tenant = await t.newTenant();
    const maria = await signedInCustomer(tenant, 'maria@example.net', '+44 7700 900201');
    const booked = await maria.as('POST', `/portal/cases/${maria.caseId}/callbacks`, {
      windowStart: inHours(2),
      windowEnd: inHours(3),
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body).toMatchObject({ caseId: maria.caseId, status: 'booked', phone: '+447700900201' });

    const detail = await maria.as('GET', `/portal/cases/${maria.caseId}`);
    expect(detail.body.callbacks).toEqual([
      { id: booked.body.id, windowStart: booked.body.windowStart, windowEnd: booked.body.windowEnd, status: 'booked' },
    ]);

    // Staff see it among the case's callbacks, booked by the customer.
    const staff = await t.call(tenant.token, { method: 'GET', url: '/api/v1/callbacks' });
    expect(staff.json().items.map((c: Json) => c.id)).toContain(booked.body.id);
  });

  it("refuses another customer's case as unknown, and a window that is not a real promise", async () => {
    const tenant = await t.newTenant();
    const maria = await signedInCustomer(tenant, 'maria2@example.net', '+44 7700 900202');
    const olu = await signedInCustomer(tenant, 'olu@example.net', '+44 7700 900203');
    const theirs = await maria.as('POST', `/portal/cases/${olu.caseId}/callbacks`, {
      windowStart: inHours(2),
      windowEnd: inHours(3),
    });
    expect(theirs.status).toBe(404);

    const backwards = await maria.as('POST', `/portal/cases/${maria.caseId}/callbacks`, {
      windowStart: inHours(3),
      windowEnd: inHours(2),
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.reason).toBe('callback_window_invalid');
    const over = await maria.as('POST', `/portal/cases/${maria.caseId}/callbacks`, {
      windowStart: inHours(-3),
      windowEnd: inHours(-2),
    });
    expect(over.status).toBe(400);
    const tooLong = await maria.as('POST', `/portal/cases/${maria.caseId}/callbacks`, {
      windowStart: inHours(1),
      windowEnd: inHours(8),
    });
    expect(tooLong.status).toBe(400);
    expect((await maria.as('GET', `/portal/cases/${maria.caseId}`)).body.callbacks).toEqual([]);

    // Staff cannot use the portal's route.
    const staff = await t.call(tenant.token, {
      method: 'POST',
      url: `/api/v1/portal/cases/${maria.caseId}/callbacks`,
      payload: { windowStart: inHours(2), windowEnd: inHours(3) },
    });
    expect(staff.statusCode).toBe(403);
  });
});

describe('portal outages', () => {
  it('shows unresolved problems behind my cases with their workaround, and never the internal notes', async () => {
    const tenant = await t.newTenant();
    const admin = tenant.token;
    const maria = await signedInCustomer(tenant, 'maria3@example.net', '+44 7700 900204');
    const olu = await signedInCustomer(tenant, 'olu3@example.net', '+44 7700 900205');
    const api = async (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) => {
      const res = await t.call(admin, { method, url, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json() as Json;
    };
    const mast = await api('POST', '/api/v1/problems', {
      title: 'No signal around Harrogate',
      description: 'Mast HG-14 down; vendor ticket 4471',
      rootCause: 'Power supply failed at the mast site',
      workaround: 'Turn on Wi-Fi calling in your phone settings',
    });
    await api('POST', `/api/v1/problems/${mast.id}/cases`, { caseIds: [maria.caseId] });
    // A problem behind someone else's case only, and one already resolved behind mine.
    const other = await api('POST', '/api/v1/problems', { title: 'Roaming charges in Spain' });
    await api('POST', `/api/v1/problems/${other.id}/cases`, { caseIds: [olu.caseId] });

    const mine = await maria.as('GET', '/portal/outages');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      {
        problemId: mast.id,
        title: 'No signal around Harrogate',
        status: 'known_error',
        workaround: 'Turn on Wi-Fi calling in your phone settings',
        since: mast.createdAt,
        affects: `Your case ${maria.reference}`,
      },
    ]);
    const text = JSON.stringify(mine.body);
    expect(text).not.toContain('Power supply');
    expect(text).not.toContain('vendor ticket');

    expect((await olu.as('GET', '/portal/outages')).body.items.map((i: Json) => i.title)).toEqual([
      'Roaming charges in Spain',
    ]);

    // Resolved, it is no longer an outage.
    const resolved = await t.call(admin, {
      method: 'POST',
      url: `/api/v1/problems/${mast.id}/resolve`,
      payload: { resolution: 'Mast power restored' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await maria.as('GET', '/portal/outages')).body.items).toEqual([]);
  });
});
