import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobWorker } from '../../src/jobs/registry.ts';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The demo catches its own mail: without a relay, a server that catches mail keeps each email
 * reply as sent to the catcher, and the outbox shows it to administrators and supervisors.
 */
let t: TestApp;
let org: CreatedTenant;
const tokens: Record<'supervisor' | 'agent' | 'analyst', string> = { supervisor: '', agent: '', analyst: '' };

type Outbox = {
  items: {
    to: string;
    subject: string;
    text: string;
    caseReference: string | null;
    status: string;
    deliveredTo: string | null;
    sentAt: string | null;
  }[];
  nextCursor: string | null;
};

const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.call(token, { method, url, ...(payload ? { payload } : {}) });

async function emailCase(n: number): Promise<{ caseId: string; number: number }> {
  const contact = await call(org.token, 'POST', '/api/v1/contacts', {
    channel: 'email',
    direction: 'inbound',
    externalId: `mail-${n}`,
    subject: `Question ${n}`,
    customer: { email: `customer${n}@example.org`, name: `Customer ${n}` },
    text: `Why is my bill higher this month? (${n})`,
  });
  expect(contact.statusCode, contact.body).toBe(201);
  const { id, customerId } = contact.json() as { id: string; customerId: string };
  const opened = await call(org.token, 'POST', '/api/v1/cases', {
    customerId,
    subject: `Question ${n}`,
    contactIds: [id],
  });
  expect(opened.statusCode, opened.body).toBe(201);
  return { caseId: opened.json().id as string, number: opened.json().number as number };
}

beforeAll(async () => {
  t = await startTestApp({ channels: { catchMail: true, mailDomain: 'support.test' } });
  org = await t.newTenant();
  for (const role of ['supervisor', 'agent', 'analyst'] as const) {
    const user = await call(org.token, 'POST', '/api/v1/users', {
      email: `${role}@outbox.test`,
      name: `The ${role}`,
      role,
      password: 'a long enough password',
    });
    expect(user.statusCode, user.body).toBe(201);
    const token = await call(org.token, 'POST', '/api/v1/tokens', {
      name: role,
      role,
      userId: user.json().id,
    });
    expect(token.statusCode, token.body).toBe(201);
    tokens[role] = token.json().token as string;
  }
});

afterAll(async () => {
  await t?.close();
});

describe('the mail outbox', () => {
  it('shows an email reply, caught instead of failing for want of a relay, with its case', async () => {
    const { caseId, number } = await emailCase(1);
    const reply = await call(org.token, 'POST', `/api/v1/cases/${caseId}/replies`, {
      text: 'Your bill includes the roaming you used in Spain; here is the breakdown.',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await createJobWorker(t.database.db, { tenantIds: [org.tenant.id], channels: t.app.channels }).runDue();

    const outbox = await call(tokens.supervisor, 'GET', '/api/v1/channels/mail-outbox');
    expect(outbox.statusCode, outbox.body).toBe(200);
    const [mail] = (outbox.json() as Outbox).items;
    expect(mail).toMatchObject({
      to: 'customer1@example.org',
      subject: expect.stringContaining(`[C-${number}] Question 1`),
      caseReference: `C-${number}`,
      status: 'sent',
      deliveredTo: 'catcher',
    });
    expect(mail!.text).toContain('roaming you used in Spain');
    expect(mail!.sentAt).not.toBeNull();
    // On the case, the reply is sent, not failed.
    const outbound = await call(org.token, 'GET', `/api/v1/cases/${caseId}/outbound`);
    expect((outbound.json() as { items: { status: string }[] }).items.map((o) => o.status)).toEqual(['sent']);
  });

  it('is for administrators and supervisors only', async () => {
    expect((await call(org.token, 'GET', '/api/v1/channels/mail-outbox')).statusCode).toBe(200);
    expect((await call(tokens.agent, 'GET', '/api/v1/channels/mail-outbox')).statusCode).toBe(403);
    expect((await call(tokens.analyst, 'GET', '/api/v1/channels/mail-outbox')).statusCode).toBe(403);
    expect((await t.call(undefined, { method: 'GET', url: '/api/v1/channels/mail-outbox' })).statusCode).toBe(401);
  });

  it('pages newest first with a cursor, and refuses a cursor it did not give out', async () => {
    for (const n of [2, 3, 4]) {
      const { caseId } = await emailCase(n);
      const reply = await call(org.token, 'POST', `/api/v1/cases/${caseId}/replies`, { text: `Answer ${n}` });
      expect(reply.statusCode, reply.body).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url = `/api/v1/channels/mail-outbox?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await call(tokens.supervisor, 'GET', url)).json() as Outbox;
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((m) => m.to));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([4, 3, 2, 1].map((n) => `customer${n}@example.org`));
    // Not yet delivered: queued until the job runs.
    const first = (await call(tokens.supervisor, 'GET', '/api/v1/channels/mail-outbox?limit=1')).json() as Outbox;
    expect(first.items[0]).toMatchObject({ status: 'queued', deliveredTo: null, sentAt: null });
    const bad = await call(tokens.supervisor, 'GET', '/api/v1/channels/mail-outbox?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/cursor/);
  });
});
