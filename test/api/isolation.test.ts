import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let a: CreatedTenant;
let b: CreatedTenant;
let contactA: { id: string; customerId: string };
let caseA: string;
let agentA: string;

beforeAll(async () => {
  t = await startTestApp();
  a = await t.newTenant();
  b = await t.newTenant();
  contactA = await postContact(t, a.token, {
    channel: 'email',
    externalId: 'shared-message-id',
    customer: { email: 'shared.person@example.com', name: 'Quentin Marsh' },
    subject: 'Porting my number',
    text: 'Please port my number quinquennially',
  });
  caseA = (
    await t.call(a.token, {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { customerId: contactA.customerId, subject: 'Porting quinquennially' },
    })
  ).json().id;
  agentA = (
    await t.call(a.token, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'agent@a.example', name: 'A', role: 'agent' },
    })
  ).json().id;
});
afterAll(() => t.close());

describe("one organisation never sees another's data", () => {
  it.each([
    ['customer', () => `/api/v1/customers/${contactA.customerId}`],
    ['timeline', () => `/api/v1/customers/${contactA.customerId}/timeline`],
    ['contact', () => `/api/v1/contacts/${contactA.id}`],
    ['case', () => `/api/v1/cases/${caseA}`],
    ['case transfers', () => `/api/v1/cases/${caseA}/transfers`],
    ['case escalations', () => `/api/v1/cases/${caseA}/escalations`],
    ['case effort', () => `/api/v1/cases/${caseA}/effort`],
  ])('answers 404 for the other tenant’s %s', async (_what, url) => {
    const res = await t.call(b.token, { method: 'GET', url: url() });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect(res.body).not.toContain('Quentin');
  });

  it('answers 404 to changes aimed at the other tenant’s case or customer', async () => {
    expect(
      (await t.call(b.token, { method: 'PATCH', url: `/api/v1/cases/${caseA}`, payload: { status: 'closed' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.call(b.token, { method: 'POST', url: `/api/v1/cases/${caseA}/notes`, payload: { text: 'x' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.call(b.token, {
          method: 'PATCH',
          url: `/api/v1/customers/${contactA.customerId}`,
          payload: { name: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    const steal = await t.call(b.token, {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { customerId: contactA.customerId, subject: 'mine now' },
    });
    expect(steal.statusCode).toBe(404);
    const link = await t.call(a.token, { method: 'GET', url: `/api/v1/cases/${caseA}` });
    expect(link.json().status).toBe('new');
  });

  it('does not let a case in one tenant be owned by a person of another', async () => {
    const customerB = (
      await postContact(t, b.token, { channel: 'sms', customer: { phone: '+447700900888' }, text: 'hi' })
    ).customerId;
    const res = await t.call(b.token, {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { customerId: customerB, subject: 'x', ownerId: agentA },
    });
    expect(res.statusCode).toBe(400);
  });

  it('keeps search hits, identities and external ids per tenant', async () => {
    const hits = (await t.call(b.token, { method: 'GET', url: '/api/v1/search?q=quinquennially' })).json().results;
    expect(hits).toEqual([]);
    expect((await t.call(b.token, { method: 'GET', url: '/api/v1/search?q=Quentin%20Marsh' })).json().results).toEqual(
      [],
    );
    // The same person and message id in tenant B are B's own, new records.
    const inB = await postContact(t, b.token, {
      channel: 'email',
      externalId: 'shared-message-id',
      customer: { email: 'shared.person@example.com' },
      text: 'B copy',
    });
    expect(inB.duplicate).toBe(false);
    expect(inB.customerId).not.toBe(contactA.customerId);
    expect(inB.id).not.toBe(contactA.id);
    expect(
      (await t.call(a.token, { method: 'GET', url: '/api/v1/search?q=quinquennially' })).json().results.length,
    ).toBeGreaterThan(0);
  });
});
