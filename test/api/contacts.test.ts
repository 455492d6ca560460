import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp({ bodyLimit: 64 * 1024 });
  token = (await t.newTenant()).token;
});
afterAll(() => t.close());

const timelineOf = async (customerId: string) =>
  (await t.call(token, { method: 'GET', url: `/api/v1/customers/${customerId}/timeline?limit=200` })).json().items as {
    id: string;
    channel: string;
  }[];

describe('recording contacts', () => {
  it('creates the customer on first contact and puts the contact on their timeline', async () => {
    const res = await t.call(token, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: {
        channel: 'email',
        direction: 'inbound',
        occurredAt: '2026-11-20T09:30:00.000Z',
        customer: { email: 'Mia.Jones@Example.com', name: 'Mia Jones' },
        subject: 'Roaming charges',
        text: 'I was charged for roaming in France although I have an EU bundle.',
      },
    });
    expect(res.statusCode).toBe(201);
    const contact = res.json();
    expect(contact).toMatchObject({
      channel: 'email',
      direction: 'inbound',
      occurredAt: '2026-11-20T09:30:00.000Z',
      customerCreated: true,
      duplicate: false,
    });
    const customer = (await t.call(token, { method: 'GET', url: `/api/v1/customers/${contact.customerId}` })).json();
    expect(customer).toMatchObject({ name: 'Mia Jones', emails: ['mia.jones@example.com'] });
    expect((await timelineOf(contact.customerId)).map((i) => i.id)).toEqual([contact.id]);
  });

  it('answers a repeated externalId with the stored contact and stores nothing new', async () => {
    const body = {
      channel: 'sms',
      externalId: 'sms-4711',
      customer: { phone: '+44 7700 900001' },
      text: 'Is there an outage in Leeds?',
    };
    const first = await t.call(token, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { direction: 'inbound', ...body },
    });
    const again = await t.call(token, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { direction: 'inbound', ...body, text: 'retried' },
    });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, duplicate: true, text: 'Is there an outage in Leeds?' });
    expect(await timelineOf(first.json().customerId)).toHaveLength(1);
  });

  it('keeps one stored contact when the same externalId arrives many times at once', async () => {
    const body = {
      channel: 'chat',
      externalId: 'chat-race-1',
      customer: { email: 'race@example.com' },
      text: 'hello?',
    };
    const answers = await Promise.all(Array.from({ length: 12 }, () => postContact(t, token, body)));
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(answers.filter((a) => !a.duplicate)).toHaveLength(1);
    expect(await timelineOf(answers[0]!.customerId)).toHaveLength(1);
  });

  it('recognises one customer across email, phone and social handle', async () => {
    const email = await postContact(t, token, {
      channel: 'email',
      customer: { email: 'sam@example.org', name: 'Sam Patel' },
      text: 'My bill doubled.',
    });
    // A call that gives both the phone and the email links the phone to Sam.
    const call = await postContact(t, token, {
      channel: 'phone',
      customer: { phone: '07700 900222', email: 'SAM@example.org' },
      text: 'Agent: Hello\nCustomer: About my bill',
    });
    const sms = await postContact(t, token, {
      channel: 'sms',
      customer: { phone: '077-00-900-222' },
      text: 'Still waiting',
    });
    const post = await postContact(t, token, {
      channel: 'social',
      customer: { handle: '@SamP', email: 'sam@example.org' },
      text: '@LumenMobile answer me',
    });
    const dm = await postContact(t, token, { channel: 'social', customer: { handle: 'samp' }, text: 'DM: any news?' });
    for (const c of [call, sms, post, dm]) expect(c.customerId).toBe(email.customerId);
    expect(call.customerCreated).toBe(false);
    const customer = (await t.call(token, { method: 'GET', url: `/api/v1/customers/${email.customerId}` })).json();
    expect(customer).toMatchObject({ emails: ['sam@example.org'], phones: ['07700900222'], handles: ['samp'] });
    expect(new Set((await timelineOf(email.customerId)).map((i) => i.channel))).toEqual(
      new Set(['email', 'phone', 'sms', 'social']),
    );
  });

  it('creates exactly one customer when a new sender writes on many channels at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postContact(t, token, {
          channel: i % 2 ? 'chat' : 'portal',
          customer: { email: 'burst@example.net' },
          text: `message ${i}`,
        }),
      ),
    );
    expect(new Set(answers.map((a) => a.customerId)).size).toBe(1);
    expect(await timelineOf(answers[0]!.customerId)).toHaveLength(10);
  });

  it('keeps strangers apart', async () => {
    const a = await postContact(t, token, { channel: 'email', customer: { email: 'one@example.com' }, text: 'a' });
    const b = await postContact(t, token, { channel: 'email', customer: { email: 'two@example.com' }, text: 'b' });
    expect(a.customerId).not.toBe(b.customerId);
  });
});

describe('refusing bad contacts', () => {
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    t.call(token, { method: 'POST', url: '/api/v1/contacts', payload: payload as string, headers });

  it.each([
    [
      'an unknown channel',
      { channel: 'pigeon', direction: 'inbound', customer: { email: 'a@example.com' }, text: 'x' },
      'channel',
    ],
    ['a missing text', { channel: 'email', direction: 'inbound', customer: { email: 'a@example.com' } }, 'text'],
    [
      'a bad date',
      {
        channel: 'email',
        direction: 'inbound',
        occurredAt: 'yesterday',
        customer: { email: 'a@example.com' },
        text: 'x',
      },
      'occurredAt',
    ],
    [
      'an unknown field',
      { channel: 'email', direction: 'inbound', customer: { email: 'a@example.com' }, text: 'x', priority: 'high' },
      'priority',
    ],
  ])('answers 400 for %s, naming the field', async (_label, payload, field) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(JSON.stringify(res.json().error)).toContain(field);
  });

  it('answers 400 when the customer cannot be recognised', async () => {
    const none = await post({ channel: 'chat', direction: 'inbound', customer: { name: 'Anonymous' }, text: 'hi' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain('email, a phone or a handle');
    const badEmail = await post({
      channel: 'chat',
      direction: 'inbound',
      customer: { email: 'not-an-address' },
      text: 'hi',
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.message).toContain('not an email address');
  });

  it('answers 400 for malformed JSON without a stack trace', async () => {
    const res = await post('{"channel": "email", ', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad_request', message: 'The request body is not valid JSON' } });
  });

  it('answers 413 for a body over the limit and 415 for a body that is not JSON', async () => {
    const big = await post({
      channel: 'email',
      direction: 'inbound',
      customer: { email: 'a@example.com' },
      text: 'x'.repeat(70 * 1024),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
    const xml = await post('<contact/>', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('unsupported_media_type');
  });

  it('loses nothing already accepted when a bad request follows', async () => {
    const good = await postContact(t, token, {
      channel: 'portal',
      customer: { email: 'keep@example.com' },
      text: 'keep me',
    });
    await post({ channel: 'portal', direction: 'inbound', customer: { email: 'keep@example.com' }, text: '' });
    expect((await timelineOf(good.customerId)).map((i) => i.id)).toEqual([good.id]);
  });
});
