import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let token: string;
let roaming: { id: string; customerId: string };
let caseNumber: number;

beforeAll(async () => {
  t = await startTestApp();
  token = (await t.newTenant()).token;
  roaming = await postContact(t, token, {
    channel: 'email',
    customer: { email: 'jonathan.smith@example.com', name: 'Jonathan Smith' },
    subject: 'Roaming charges on my bill',
    text: 'I was charged £45 for data roaming in Spain although my plan includes EU roaming.',
  });
  await postContact(t, token, {
    channel: 'chat',
    customer: { email: 'other@example.com', name: 'Olga Berg' },
    text: 'Can I keep my number when I switch? Also my last bill mentioned roaming once.',
  });
  await postContact(t, token, {
    channel: 'sms',
    customer: { phone: '+447700900777', name: 'Kwame Mensah' },
    text: 'Router keeps rebooting',
  });
  const created = await t.call(token, {
    method: 'POST',
    url: '/api/v1/cases',
    payload: { customerId: roaming.customerId, subject: 'Refund disputed roaming fees', contactIds: [roaming.id] },
  });
  caseNumber = created.json().number;
});
afterAll(() => t.close());

type Hit = {
  type: string;
  id: string;
  customerId: string;
  title: string | null;
  snippet: string | null;
  score: number;
};
const search = async (q: string, extra = '') => {
  const res = await t.call(token, { method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}${extra}` });
  expect(res.statusCode).toBe(200);
  return res.json().results as Hit[];
};

describe('search', () => {
  it('finds contacts by word forms, best match first, with the words marked', async () => {
    const hits = (await search('charge roam')).filter((h) => h.type === 'contact');
    expect(hits[0]!.id).toBe(roaming.id);
    expect(hits[0]!.snippet).toContain('«');
    const ranked = (await search('roaming')).filter((h) => h.type === 'contact');
    expect(ranked).toHaveLength(2);
    // Subject and repeated mentions outrank a passing mention.
    expect(ranked[0]!.id).toBe(roaming.id);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
  });

  it('understands phrases and exclusions', async () => {
    expect((await search('"keep my number"')).map((h) => h.title ?? h.snippet).length).toBeGreaterThan(0);
    const excluded = await search('roaming -spain', '&types=contact');
    expect(excluded.map((h) => h.id)).not.toContain(roaming.id);
  });

  it('finds cases by subject and by reference', async () => {
    expect((await search('refund', '&types=case')).map((h) => h.title)).toEqual(['Refund disputed roaming fees']);
    expect((await search(`C-${caseNumber}`, '&types=case'))[0]!.title).toBe('Refund disputed roaming fees');
  });

  it('finds customers by a misspelt name, an email fragment or a phone', async () => {
    const byName = (await search('Jonathon Smyth', '&types=customer'))[0];
    expect(byName).toMatchObject({ type: 'customer', title: 'Jonathan Smith', customerId: roaming.customerId });
    expect((await search('jonathan.smith@', '&types=customer'))[0]!.customerId).toBe(roaming.customerId);
    expect((await search('900777', '&types=customer'))[0]!.title).toBe('Kwame Mensah');
  });

  it('answers an empty list when nothing matches, and 400 for an empty query or unknown type', async () => {
    expect(await search('zebra')).toEqual([]);
    expect((await t.call(token, { method: 'GET', url: '/api/v1/search?q=' })).statusCode).toBe(400);
    expect((await t.call(token, { method: 'GET', url: '/api/v1/search' })).statusCode).toBe(400);
    expect((await t.call(token, { method: 'GET', url: '/api/v1/search?q=x&types=invoice' })).statusCode).toBe(400);
  });

  it('survives queries full of operators and punctuation', async () => {
    for (const q of ['&&||!', "o'brien", '(((', 'roaming:*', '% _ \\']) {
      const res = await t.call(token, { method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}` });
      expect(res.statusCode).toBe(200);
    }
  });
});
