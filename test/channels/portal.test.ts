import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** An organisation with one customer who has a portal login, signed in with a session cookie. */
async function portalCustomer(email = 'maria@example.net') {
  const tenant = await t.newTenant();
  const admin = tenant.token;
  const first = await postContact(t, admin, {
    channel: 'phone',
    customer: { email, name: 'Maria Lopez' },
    text: 'Called about her bill',
  });
  const login = await t.call(admin, {
    method: 'POST',
    url: '/api/v1/users',
    payload: {
      email,
      name: 'Maria Lopez',
      role: 'customer',
      customerId: first.customerId,
      password: 'maria-portal-pass',
    },
  });
  expect(login.statusCode, login.body).toBe(201);
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { tenant: tenant.tenant.slug, email, password: 'maria-portal-pass' },
  });
  expect(signIn.statusCode, signIn.body).toBe(200);
  const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const asCustomer = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { tenant, admin, customerId: first.customerId, asCustomer };
}

describe('the customer portal', () => {
  it('opens a case from a signed-in customer, shows our reply, and keeps them on their one timeline', async () => {
    const { admin, customerId, asCustomer } = await portalCustomer();
    const sent = await asCustomer('POST', '/portal/messages', {
      subject: 'Roaming charges on my bill',
      text: 'I was charged for roaming in Spain but had a roaming pass.',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const { caseId, caseReference, contactId } = sent.json();
    expect(caseReference).toMatch(/^C-\d+$/);

    const kase = (await t.call(admin, { method: 'GET', url: `/api/v1/cases/${caseId}` })).json();
    expect(kase.customerId).toBe(customerId);
    expect(kase.status).toBe('new');

    const reply = await t.call(admin, {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/replies`,
      payload: { text: 'We have refunded the roaming charge.' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json().outbound).toMatchObject({ channel: 'portal', status: 'sent' });

    const seen = (await asCustomer('GET', `/portal/cases/${caseId}`)).json();
    // Being answered, the request is being worked on: the customer sees that too.
    expect(seen.status).toBe('open');
    expect(seen.messages.map((m: { from: string; text: string }) => [m.from, m.text])).toEqual([
      ['you', 'I was charged for roaming in Spain but had a roaming pass.'],
      ['us', 'We have refunded the roaming charge.'],
    ]);

    const timeline = (await t.call(admin, { method: 'GET', url: `/api/v1/customers/${customerId}/timeline` })).json();
    expect(
      timeline.items.filter((i: { type: string }) => i.type === 'contact').map((i: { id: string }) => i.id),
    ).toContain(contactId);
  });

  it('joins a follow-up on the same topic to the open case as a repeat contact, and sends a double-submitted form once', async () => {
    const { admin, asCustomer } = await portalCustomer('li@example.net');
    const first = (
      await asCustomer('POST', '/portal/messages', {
        subject: 'Roaming charges on my bill',
        text: 'Charged for roaming in Spain.',
      })
    ).json();
    const again = {
      subject: 'Still wrong roaming charges',
      text: 'The roaming charges are still on my bill!',
      clientId: 'form-1',
    };
    const second = (await asCustomer('POST', '/portal/messages', again)).json();
    expect(second.caseId).toBe(first.caseId);
    const twice = (await asCustomer('POST', '/portal/messages', again)).json();
    expect(twice).toMatchObject({ contactId: second.contactId, duplicate: true });

    const kase = (await t.call(admin, { method: 'GET', url: `/api/v1/cases/${first.caseId}` })).json();
    expect(kase.repeatContacts).toBe(1);
    const mine = (await asCustomer('GET', '/portal/cases')).json();
    expect(mine.items).toHaveLength(1);
  });

  it('writes more on a chosen case, and refuses a case that is not theirs or is closed', async () => {
    const maria = await portalCustomer('maria2@example.net');
    const other = await portalCustomer('olu@example.net');
    const mine = (
      await maria.asCustomer('POST', '/portal/messages', { subject: 'Router lights', text: 'The router blinks red.' })
    ).json();
    const more = (
      await maria.asCustomer('POST', '/portal/messages', { caseId: mine.caseId, text: 'Now it is orange.' })
    ).json();
    expect(more.caseId).toBe(mine.caseId);

    const theirs = (
      await other.asCustomer('POST', '/portal/messages', {
        subject: 'Porting my number',
        text: 'Please port my number.',
      })
    ).json();
    expect((await maria.asCustomer('GET', `/portal/cases/${theirs.caseId}`)).statusCode).toBe(404);
    expect(
      (await maria.asCustomer('POST', '/portal/messages', { caseId: theirs.caseId, text: 'hello' })).statusCode,
    ).toBe(404);

    await t.call(maria.admin, { method: 'PATCH', url: `/api/v1/cases/${mine.caseId}`, payload: { status: 'closed' } });
    const closed = await maria.asCustomer('POST', '/portal/messages', { caseId: mine.caseId, text: 'One more thing' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toMatch(/closed/);
  });

  it('is for customers only: staff are refused, and a customer login must name its customer', async () => {
    const { admin } = await portalCustomer('kim@example.net');
    expect((await t.call(admin, { method: 'GET', url: '/api/v1/portal/cases' })).statusCode).toBe(403);
    const noCustomer = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'x@example.net', name: 'X', role: 'customer' },
    });
    expect(noCustomer.statusCode).toBe(400);
  });
});
