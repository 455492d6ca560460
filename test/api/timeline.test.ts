import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await t.newTenant()).token;
});
afterAll(() => t.close());

type Item = {
  type: string;
  id: string;
  occurredAt: string;
  channel?: string;
  kind?: string;
  caseNumber?: number | null;
};
const page = async (customerId: string, query: string) => {
  const res = await t.call(token, { method: 'GET', url: `/api/v1/customers/${customerId}/timeline?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: Item[]; nextCursor: string | null };
};

describe('the customer timeline', () => {
  it('shows contacts from every channel and case events, newest first', async () => {
    const customer = { email: 'lena@example.com', phone: '+447700900333' };
    const email = await postContact(t, token, {
      channel: 'email',
      occurredAt: '2026-10-01T08:00:00Z',
      customer,
      subject: 'Bill',
      text: 'Wrong bill',
    });
    await postContact(t, token, {
      channel: 'phone',
      occurredAt: '2026-10-03T08:00:00Z',
      customer: { phone: customer.phone },
      text: 'Agent: hi\nCustomer: the bill',
    });
    await postContact(t, token, {
      channel: 'chat',
      occurredAt: '2026-10-02T08:00:00Z',
      customer: { email: customer.email },
      text: 'chat about bill',
    });
    const created = await t.call(token, {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { customerId: email.customerId, subject: 'Wrong bill in October', contactIds: [email.id] },
    });
    expect(created.statusCode).toBe(201);

    const { items } = await page(email.customerId, 'limit=50');
    const contacts = items.filter((i) => i.type === 'contact');
    expect(contacts.map((i) => i.channel)).toEqual(['phone', 'chat', 'email']);
    const events = items.filter((i) => i.type === 'case_event');
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['created', 'contacts_linked']));
    // The case was opened just now, so its events are the newest items.
    expect(items[0]!.type).toBe('case_event');
    expect(items[0]!.caseNumber).toBe(created.json().number);
    const times = items.map((i) => Date.parse(i.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('pages through a long history with no gaps and no repeats, even with equal timestamps', async () => {
    const sameMoment = '2026-09-15T12:00:00.000Z';
    const ids: string[] = [];
    let customerId = '';
    for (let i = 0; i < 23; i++) {
      const c = await postContact(t, token, {
        channel: 'sms',
        occurredAt: i % 3 === 0 ? sameMoment : new Date(Date.parse(sameMoment) + i * 60_000).toISOString(),
        customer: { phone: '+447700900444' },
        text: `sms ${i}`,
      });
      ids.push(c.id);
      customerId = c.customerId;
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result: { items: Item[]; nextCursor: string | null } = await page(
        customerId,
        `limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(result.items.length).toBeLessThanOrEqual(5);
      seen.push(...result.items.map((i) => i.id));
      cursor = result.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(23);
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it('refuses a cursor it did not give out and a limit out of range', async () => {
    const c = await postContact(t, token, { channel: 'sms', customer: { phone: '+447700900555' }, text: 'x' });
    const bad = await t.call(token, {
      method: 'GET',
      url: `/api/v1/customers/${c.customerId}/timeline?cursor=garbage`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const tooMany = await t.call(token, {
      method: 'GET',
      url: `/api/v1/customers/${c.customerId}/timeline?limit=5000`,
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('answers 404 for a customer that does not exist and 400 for an id that is not one', async () => {
    const missing = await t.call(token, {
      method: 'GET',
      url: '/api/v1/customers/00000000-0000-4000-8000-000000000000/timeline',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const malformed = await t.call(token, { method: 'GET', url: '/api/v1/customers/42/timeline' });
    expect(malformed.statusCode).toBe(400);
  });
});
