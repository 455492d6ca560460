import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await t.newTenant()).token;
});
afterAll(() => t.close());

const create = (payload: Record<string, unknown>) =>
  t.call(token, { method: 'POST', url: '/api/v1/customers', payload });

describe('customers', () => {
  it('registers a customer with several emails, phones, a handle and an address, and recognises them on any', async () => {
    const res = await create({
      name: 'Grace Okafor',
      emails: ['grace@example.com', 'G.Okafor@Example.org'],
      phones: ['+44 7700 900301', '0044 7700 900302'],
      handles: ['@graceo'],
      address: { line1: '30 Mill Lane', city: 'Leeds', postcode: 'LS1 4AB', country: 'GB' },
      region: 'north',
    });
    expect(res.statusCode).toBe(201);
    const customer = res.json();
    expect(customer).toMatchObject({
      name: 'Grace Okafor',
      emails: ['g.okafor@example.org', 'grace@example.com'],
      phones: ['+447700900301', '+447700900302'],
      handles: ['graceo'],
      address: { line1: '30 Mill Lane', city: 'Leeds' },
      region: 'north',
    });
    const sms = await postContact(t, token, { channel: 'sms', customer: { phone: '+447700900302' }, text: 'hi' });
    expect(sms.customerId).toBe(customer.id);
  });

  it('refuses an identity that belongs to someone else, pointing to them', async () => {
    const owner = await postContact(t, token, {
      channel: 'email',
      customer: { email: 'taken@example.com' },
      text: 'x',
    });
    const res = await create({ name: 'Impostor', emails: ['TAKEN@example.com'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toMatchObject({
      kind: 'email',
      value: 'taken@example.com',
      customerId: owner.customerId,
    });
  });

  it('refuses identities it cannot read', async () => {
    const res = await create({ name: 'X', phones: ['call me'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('is not a phone number');
  });

  it('corrects the postal address, keeping the identities', async () => {
    const contact = await postContact(t, token, {
      channel: 'email',
      customer: { email: 'move@example.com' },
      text: 'I moved',
    });
    const res = await t.call(token, {
      method: 'PATCH',
      url: `/api/v1/customers/${contact.customerId}`,
      payload: { name: 'Mo Vera', address: { line1: '10 New Street', city: 'York' } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Mo Vera',
      address: { line1: '10 New Street', city: 'York' },
      emails: ['move@example.com'],
    });
  });
});

describe('hostile input', () => {
  it('never answers 500 to odd characters or out-of-range values', async () => {
    const answers = await Promise.all([
      t.call(token, { method: 'GET', url: '/api/v1/search?q=%00' }),
      create({ name: 'Nul\u0000Name', emails: ['nul@example.com'] }),
      t.call(token, {
        method: 'POST',
        url: '/api/v1/contacts',
        payload: {
          channel: 'sms',
          direction: 'inbound',
          occurredAt: '+099999-01-01T00:00:00Z',
          customer: { phone: '+447700900999' },
          text: 'x',
        },
      }),
      t.call(token, { method: 'GET', url: '/api/v1/cases?limit=abc' }),
      t.call(token, { method: 'GET', url: '/api/v1/customers/%E0%A4%A' }),
    ]);
    for (const res of answers) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});
