import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactCentre } from '../helpers/contact-centre.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let centre: Awaited<ReturnType<typeof contactCentre>>;
beforeAll(async () => {
  t = await startTestApp();
  centre = await contactCentre(t);
});
afterAll(() => t.close());

const contact = (caseId: string, phone: string, text: string, direction = 'inbound') =>
  t.call(centre.admin, {
    method: 'POST',
    url: '/api/v1/contacts',
    payload: { channel: 'sms', direction, customer: { phone }, text, caseId },
  });
const phoneOf = async (customerId: string) =>
  (await t.call(centre.admin, { method: 'GET', url: `/api/v1/customers/${customerId}` })).json().phones[0] as string;

describe('contacts on a case', () => {
  it('puts a new contact on the case it names, and the customer writing again reopens a solved case', async () => {
    const c = await centre.openCase(centre.alice);
    const phone = await phoneOf(c.customerId);
    await t.call(centre.alice.token, { method: 'PATCH', url: `/api/v1/cases/${c.id}`, payload: { status: 'solved' } });
    const res = await contact(c.id, phone, 'Still no signal, it is NOT fixed');
    expect(res.statusCode).toBe(201);
    expect(res.json().caseId).toBe(c.id);
    const after = (await t.call(centre.admin, { method: 'GET', url: `/api/v1/cases/${c.id}` })).json();
    expect(after.status).toBe('open');
    expect(after.events.at(-1)).toMatchObject({
      kind: 'status_changed',
      data: { from: 'solved', to: 'open', reason: 'the customer wrote in again' },
    });
  });

  it('escalates by itself when the customer has had to get in touch too often, saying why', async () => {
    const c = await centre.openCase(centre.alice);
    const phone = await phoneOf(c.customerId);
    await contact(c.id, phone, 'second time I write');
    let effort = (await t.call(centre.admin, { method: 'GET', url: `/api/v1/cases/${c.id}/effort` })).json();
    expect(effort).toMatchObject({ contacts: 2, repeatContacts: 1, thresholdsExceeded: [] });
    await contact(c.id, phone, 'third time! I want a manager');
    effort = (await t.call(centre.admin, { method: 'GET', url: `/api/v1/cases/${c.id}/effort` })).json();
    expect(effort.thresholdsExceeded).toEqual(['contacts: 3 (threshold 3)']);
    const events = await centre.events(c.id);
    expect(events.filter((e) => e.kind === 'escalated')).toHaveLength(1);
    expect(events.find((e) => e.kind === 'escalated')!.data.reason).toBe(
      'Customer effort too high: contacts: 3 (threshold 3)',
    );
    // A fourth contact does not raise the same alarm twice.
    await contact(c.id, phone, 'fourth');
    expect((await centre.events(c.id)).filter((e) => e.kind === 'effort_threshold_exceeded')).toHaveLength(1);
  });

  it('stores neither the contact nor the link when the case is someone else’s', async () => {
    const c = await centre.openCase(centre.alice);
    const res = await contact(c.id, '+447700955555', 'I am a different person');
    expect(res.statusCode).toBe(409);
    const search = (
      await t.call(centre.admin, { method: 'GET', url: '/api/v1/search?q=different%20person&types=contact' })
    ).json();
    expect(search.results).toEqual([]);
    const closed = await centre.openCase(centre.alice);
    await t.call(centre.alice.token, {
      method: 'PATCH',
      url: `/api/v1/cases/${closed.id}`,
      payload: { status: 'closed' },
    });
    expect((await contact(closed.id, await phoneOf(closed.customerId), 'late')).statusCode).toBe(409);
  });
});
