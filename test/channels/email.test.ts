import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobWorker } from '../../src/jobs/registry.ts';
import { startMailListener, type MailListener } from '../../src/services/channels/email/mail-listener.ts';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { findIdentityOwners } from '../../src/store/repositories/customers.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import { sendMail, sendRaw, startSmtpSink, type SmtpSink } from '../helpers/smtp.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Mail end to end on loopback: a real SMTP client sends to Hearken's listener, the agent's
 * reply goes out through a real SMTP sink, and the customer's answer to it lands on the same case.
 */
let t: TestApp;
let sink: SmtpSink;
let listener: MailListener;
let org: CreatedTenant;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ channels: { smtpRelayUrl: sink.url, mailDomain: 'support.test' } });
  listener = await startMailListener({ db: t.database.db, port: 0, runtime: t.app.channels });
  org = await t.newTenant();
});
afterAll(async () => {
  await listener?.close();
  await sink?.close();
  await t?.close();
});

type TimelineItem = {
  type: string;
  id: string;
  caseId: string | null;
  caseNumber: number | null;
  channel?: string;
  direction?: string;
  subject?: string | null;
  text?: string | null;
};
type CaseView = { id: string; number: number; status: string; subject: string };

const get = async <T>(url: string): Promise<T> => {
  const res = await t.call(org.token, { method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};
async function customerOf(email: string): Promise<string | undefined> {
  const [owner] = await findIdentityOwners(scopeTo(t.database.db, org.tenant.id), [{ kind: 'email', value: email }]);
  return owner?.customerId;
}
const contactsOf = async (customerId: string) =>
  (await get<{ items: TimelineItem[] }>(`/api/v1/customers/${customerId}/timeline?limit=200`)).items.filter(
    (i) => i.type === 'contact',
  );
const casesOf = async (customerId: string) =>
  (await get<{ items: CaseView[] }>(`/api/v1/cases?customerId=${customerId}&limit=50`)).items;
const runJobs = () => createJobWorker(t.database.db, { tenantIds: [org.tenant.id], channels: t.app.channels }).runDue();
const address = () => `${org.tenant.slug}@anything.example`;

describe('email in and out', () => {
  let caseView: CaseView;
  let replyMessageId: string;

  it('turns a mail from an unknown sender into a customer, a contact on their timeline and a new case', async () => {
    const sent = await sendMail(listener.port, {
      from: '"Ada Lovelace" <Ada@Customer.example>',
      to: address(),
      subject: 'No signal since Monday',
      text: 'My phone has shown no signal at home since Monday. Can you help?',
      messageId: '<first-1@customer.example>',
    });
    expect(sent).toMatchObject({ ok: true });
    const customerId = (await customerOf('ada@customer.example'))!;
    expect(customerId).toBeDefined();
    const customer = await get<{ name: string | null; emails: string[] }>(`/api/v1/customers/${customerId}`);
    expect(customer).toMatchObject({ name: 'Ada Lovelace', emails: ['ada@customer.example'] });
    const [contact] = await contactsOf(customerId);
    expect(contact).toMatchObject({ channel: 'email', direction: 'inbound', subject: 'No signal since Monday' });
    expect(contact!.text).toContain('no signal at home since Monday');
    // Anyone can write any From line: the mail is on the timeline, but not as proof of who sent it.
    expect((contact as unknown as { facts: Record<string, unknown> }).facts).toMatchObject({ identityProven: false });
    const cases = await casesOf(customerId);
    expect(cases).toHaveLength(1);
    caseView = cases[0]!;
    expect(caseView.subject).toBe('No signal since Monday');
    expect(contact!.caseId).toBe(caseView.id);
  });

  it("sends the agent's reply through the relay with headers that thread it", async () => {
    const res = await t.call(org.token, {
      method: 'POST',
      url: `/api/v1/cases/${caseView.id}/replies`,
      payload: { text: 'Sorry about that: we are looking at the mast near you.' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().outbound).toMatchObject({
      channel: 'email',
      recipient: 'ada@customer.example',
      status: 'queued',
    });
    await runJobs();
    const [mail] = await sink.waitFor(1);
    const parsed = mail!.parsed;
    expect(mail!.rcptTo).toEqual(['ada@customer.example']);
    expect(mail!.mailFrom).toBe(`${org.tenant.slug}@support.test`);
    expect(parsed.from?.value[0]?.address).toBe(`${org.tenant.slug}@support.test`);
    expect(parsed.subject).toBe(`Re: [C-${caseView.number}] No signal since Monday`);
    expect(parsed.inReplyTo).toBe('<first-1@customer.example>');
    expect([parsed.references].flat()).toContain('<first-1@customer.example>');
    expect(parsed.messageId).toMatch(/@support\.test>$/);
    expect(parsed.headers.get('x-hearken-loop')).toBe('support.test');
    expect(parsed.text).toContain('looking at the mast');
    replyMessageId = parsed.messageId!;
    const outbound = await get<{ items: { status: string }[] }>(`/api/v1/cases/${caseView.id}/outbound`);
    expect(outbound.items.map((o) => o.status)).toEqual(['sent']);
  });

  it("puts the customer's answer on the same case, even under another subject", async () => {
    const sent = await sendMail(listener.port, {
      from: 'ada@customer.example',
      to: address(),
      subject: 'Something else entirely',
      text: 'Thanks, still nothing today.\n\nOn Tue, Support wrote:\n> Sorry about that\n> we are looking',
      messageId: '<answer-2@customer.example>',
      inReplyTo: replyMessageId,
      references: ['<first-1@customer.example>', replyMessageId],
    });
    expect(sent.ok).toBe(true);
    const customerId = (await customerOf('ada@customer.example'))!;
    const contacts = await contactsOf(customerId);
    const answer = contacts.find((c) => c.subject === 'Something else entirely')!;
    expect(answer.caseId).toBe(caseView.id);
    // The quoted history is already on the timeline: only the new words are kept.
    expect(answer.text).toBe('Thanks, still nothing today.');
    expect(await casesOf(customerId)).toHaveLength(1);
  });

  it('threads a mail that only quotes the case reference in its subject', async () => {
    await sendMail(listener.port, {
      from: 'ada@customer.example',
      to: address(),
      subject: `Re: [C-${caseView.number}] different words`,
      text: 'A week now with a broken router too.',
    });
    const customerId = (await customerOf('ada@customer.example'))!;
    const contact = (await contactsOf(customerId)).find((c) => c.text?.includes('broken router'))!;
    expect(contact.caseId).toBe(caseView.id);
    expect(await casesOf(customerId)).toHaveLength(1);
  });

  it('takes the same Message-ID once, however often it is delivered', async () => {
    const mail = {
      from: 'grace@customer.example',
      to: address(),
      subject: 'Bill too high',
      text: 'My bill doubled this month.',
      messageId: '<dup-1@customer.example>',
    };
    expect((await sendMail(listener.port, mail)).ok).toBe(true);
    expect((await sendMail(listener.port, mail)).ok).toBe(true);
    const customerId = (await customerOf('grace@customer.example'))!;
    expect(await contactsOf(customerId)).toHaveLength(1);
    expect(await casesOf(customerId)).toHaveLength(1);
  });

  it('records an auto-reply without opening a case or answering it', async () => {
    const before = sink.messages.length;
    const sent = await sendMail(listener.port, {
      from: 'ooo@customer.example',
      to: address(),
      subject: 'Automatic reply: I am away',
      text: 'I am out of the office until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(sent.ok).toBe(true);
    const customerId = (await customerOf('ooo@customer.example'))!;
    const [contact] = await contactsOf(customerId);
    expect(contact!.caseId).toBeNull();
    expect(await casesOf(customerId)).toHaveLength(0);
    await runJobs();
    expect(sink.messages.length).toBe(before);
  });

  it('joins a bounce of our reply to its case without reopening it', async () => {
    const solved = await t.call(org.token, {
      method: 'PATCH',
      url: `/api/v1/cases/${caseView.id}`,
      payload: { status: 'solved' },
    });
    expect(solved.statusCode, solved.body).toBe(200);
    const bounce = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
      `To: ${org.tenant.slug}@support.test`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <bounce-1@mx.customer.example>',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"',
      '',
      '--BOUNDARY',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'I am sorry to inform you that your message could not be delivered: mailbox full.',
      '',
      '--BOUNDARY',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.example',
      '',
      'Final-Recipient: rfc822; ada@customer.example',
      'Action: failed',
      'Status: 5.2.2',
      '',
      '--BOUNDARY',
      'Content-Type: text/rfc822-headers',
      '',
      `From: ${org.tenant.slug}@support.test`,
      'To: ada@customer.example',
      `Message-ID: ${replyMessageId}`,
      `Subject: Re: [C-${caseView.number}] No signal since Monday`,
      '',
      '--BOUNDARY--',
      '',
    ].join('\r\n');
    const before = sink.messages.length;
    const sent = await sendRaw(listener.port, { from: '', to: [`${org.tenant.slug}@support.test`] }, bounce);
    expect(sent.ok).toBe(true);
    const customerId = (await customerOf('ada@customer.example'))!;
    const contact = (await contactsOf(customerId)).find((c) => c.subject === 'Undelivered Mail Returned to Sender')!;
    expect(contact.caseId).toBe(caseView.id);
    expect((await get<CaseView>(`/api/v1/cases/${caseView.id}`)).status).toBe('solved');
    expect(await customerOf('mailer-daemon@mx.customer.example')).toBeUndefined();
    await runJobs();
    expect(sink.messages.length).toBe(before);
  });

  it('never opens a case for a bounce about a message it does not know', async () => {
    const sent = await sendMail(listener.port, {
      from: 'MAILER-DAEMON@mx.other.example',
      to: address(),
      subject: 'Undelivered Mail Returned to Sender',
      text: 'Your message to someone@other.example could not be delivered.',
      headers: { 'X-Failed-Recipients': 'someone@other.example' },
    });
    expect(sent.ok).toBe(true);
    const customerId = (await customerOf('someone@other.example'))!;
    expect(await contactsOf(customerId)).toHaveLength(1);
    expect(await casesOf(customerId)).toHaveLength(0);
  });

  it('quarantines our own mail coming back instead of taking it in', async () => {
    const sent = await sendMail(listener.port, {
      from: `${org.tenant.slug}@support.test`,
      to: address(),
      subject: `Re: [C-${caseView.number}] No signal since Monday`,
      text: 'An echo of our own reply.',
      headers: { 'X-Hearken-Loop': 'support.test' },
    });
    expect(sent.ok).toBe(true);
    expect(await customerOf(`${org.tenant.slug}@support.test`)).toBeUndefined();
    const quarantine = await get<{ items: { reason: string }[] }>('/api/v1/channels/quarantine');
    expect(quarantine.items.map((q) => q.reason)).toContainEqual(expect.stringMatching(/^mail loop/));
  });
});
