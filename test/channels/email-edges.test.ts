import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailListener, type MailListener } from '../../src/services/channels/email/mail-listener.ts';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { findIdentityOwners } from '../../src/store/repositories/customers.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import { sendMail, sendRaw } from '../helpers/smtp.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/** What the mail listener does with mail that is not an ordinary customer's message. */
let t: TestApp;
let listener: MailListener;
let org: CreatedTenant;

const MAX_ATTACHMENT = 100 * 1024;
const MAX_MESSAGE = 1024 * 1024;

beforeAll(async () => {
  t = await startTestApp({ channels: { mailDomain: 'support.test' } });
  listener = await startMailListener({
    db: t.database.db,
    port: 0,
    runtime: t.app.channels,
    maxAttachmentBytes: MAX_ATTACHMENT,
    maxMessageBytes: MAX_MESSAGE,
  });
  org = await t.newTenant();
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

type TimelineItem = { type: string; id: string; caseId: string | null; text?: string | null; subject?: string | null };

const call = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.call(token, { method, url, ...(payload ? { payload } : {}) });
async function customerOf(tenantId: string, email: string): Promise<string | undefined> {
  const [owner] = await findIdentityOwners(scopeTo(t.database.db, tenantId), [{ kind: 'email', value: email }]);
  return owner?.customerId;
}
async function contactsOf(token: string, customerId: string): Promise<TimelineItem[]> {
  const res = await call(token, 'GET', `/api/v1/customers/${customerId}/timeline?limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: TimelineItem[] }).items.filter((i) => i.type === 'contact');
}
async function quarantined(
  token: string,
): Promise<{ reason: string; detail: Record<string, unknown>; sizeBytes: number }[]> {
  const res = await call(token, 'GET', '/api/v1/channels/quarantine');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('mail the listener refuses or holds', () => {
  it('refuses an address no organisation receives at with 550', async () => {
    const sent = await sendMail(listener.port, {
      from: 'x@customer.example',
      to: 'nobody-at-all-here@anything.example',
      subject: 'hi',
      text: 'hello',
    });
    expect(sent).toMatchObject({ ok: false, responseCode: 550 });
    expect(sent.response).toContain('no such mailbox');
  });

  it('refuses a message over the size limit with 552', async () => {
    const sent = await sendMail(listener.port, {
      from: 'big@customer.example',
      to: `${org.tenant.slug}@x.example`,
      subject: 'big',
      text: 'x'.repeat(MAX_MESSAGE + 10_000),
    });
    expect(sent).toMatchObject({ ok: false, responseCode: 552 });
  });

  it('accepts binary garbage and keeps it in quarantine', async () => {
    const garbage = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37 + 11) % 256));
    const sent = await sendRaw(
      listener.port,
      { from: 'weird@customer.example', to: [`${org.tenant.slug}@x.example`] },
      garbage,
    );
    expect(sent.ok).toBe(true);
    expect(sent.response).toContain('held for review');
    const items = await quarantined(org.token);
    const item = items.find((q) => q.reason.startsWith('malformed mail'))!;
    expect(item).toBeDefined();
    expect(item.sizeBytes).toBeGreaterThan(1000);
  });

  it('quarantines mail whose MIME is broken in a way that leaves no sender', async () => {
    const broken =
      'Subject: =?utf-8?B?broken\r\nContent-Type: multipart/mixed; boundary="zz"\r\n\r\n--zz\r\nContent-Type: text/plain; charset=nonsense\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@!!!\r\n';
    const sent = await sendRaw(
      listener.port,
      { from: 'weird@customer.example', to: [`${org.tenant.slug}@x.example`] },
      broken,
    );
    expect(sent.ok).toBe(true);
    expect((await quarantined(org.token)).filter((q) => q.reason.startsWith('malformed mail'))).toHaveLength(2);
  });

  it('takes in a mail carrying NUL bytes without them', async () => {
    const raw = `From: "Nu\u0000ll" <nul@customer.example>\r\nSubject: Zero\u0000byte\r\nMessage-ID: <nul-1@customer.example>\r\n\r\nBody with\u0000a NUL\r\n`;
    const sent = await sendRaw(
      listener.port,
      { from: 'nul@customer.example', to: [`${org.tenant.slug}@x.example`] },
      Buffer.from(raw, 'latin1'),
    );
    expect(sent.ok).toBe(true);
    const customerId = (await customerOf(org.tenant.id, 'nul@customer.example'))!;
    expect((await contactsOf(org.token, customerId))[0]).toMatchObject({ subject: 'Zerobyte', text: 'Body witha NUL' });
  });

  it('takes in a mail with an empty body by its subject, and quarantines one with neither', async () => {
    await sendMail(listener.port, {
      from: 'terse@customer.example',
      to: `${org.tenant.slug}@x.example`,
      subject: 'Please call me back',
      text: '',
    });
    const customerId = (await customerOf(org.tenant.id, 'terse@customer.example'))!;
    expect((await contactsOf(org.token, customerId))[0]).toMatchObject({ text: 'Please call me back' });

    const sent = await sendMail(listener.port, {
      from: 'blank@customer.example',
      to: `${org.tenant.slug}@x.example`,
      text: '',
    });
    expect(sent.ok).toBe(true);
    expect((await quarantined(org.token)).map((q) => q.reason)).toContainEqual(
      expect.stringMatching(/^refused by the contact rules: text is empty/),
    );
  });
});

describe('a store that fails', () => {
  it('answers 451 so the sender retries, and the retry is stored once', async () => {
    let failing = true;
    const db = t.database.db;
    const flaky = new Proxy(db, {
      get(target, prop) {
        if (prop === 'transaction' && failing) return () => Promise.reject(new Error('database down'));
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const errors: unknown[] = [];
    const flakyListener = await startMailListener({
      db: flaky,
      port: 0,
      runtime: t.app.channels,
      logger: { info: () => {}, warn: () => {}, error: (e: unknown) => errors.push(e) },
    });
    try {
      const mail = {
        from: 'retry@customer.example',
        to: `${org.tenant.slug}@x.example`,
        subject: 'Try again',
        text: 'Sent while the store was down.',
        messageId: '<retry-1@customer.example>',
      };
      expect(await sendMail(flakyListener.port, mail)).toMatchObject({ ok: false, responseCode: 451 });
      expect(errors).toHaveLength(1);
      failing = false;
      expect((await sendMail(flakyListener.port, mail)).ok).toBe(true);
      expect((await sendMail(flakyListener.port, mail)).ok).toBe(true);
      const customerId = (await customerOf(org.tenant.id, 'retry@customer.example'))!;
      expect(await contactsOf(org.token, customerId)).toHaveLength(1);
    } finally {
      await flakyListener.close();
    }
  });
});

describe('many sessions at once', () => {
  it('stores every mail of one new sender sent over parallel connections, as one customer', async () => {
    const sends = Array.from({ length: 12 }, (_, i) =>
      sendMail(listener.port, {
        from: 'burst@customer.example',
        to: `${org.tenant.slug}@x.example`,
        subject: `Burst ${i}`,
        text: `Message number ${i}`,
        messageId: `<burst-${i}@customer.example>`,
      }),
    );
    expect((await Promise.all(sends)).every((s) => s.ok)).toBe(true);
    const [owner, ...others] = await findIdentityOwners(scopeTo(t.database.db, org.tenant.id), [
      { kind: 'email', value: 'burst@customer.example' },
    ]);
    expect(others).toHaveLength(0);
    expect(await contactsOf(org.token, owner!.customerId)).toHaveLength(12);
  });
});

describe('mail content', () => {
  it('keeps attachments under the limit and lists larger ones with the reason', async () => {
    const small = Buffer.from('Invoice 42\nTotal: £12.00\n');
    const large = Buffer.alloc(300 * 1024, 7);
    const sent = await sendMail(listener.port, {
      from: 'files@customer.example',
      to: `${org.tenant.slug}@x.example`,
      subject: 'My invoice and a screenshot',
      text: 'See attached.',
      attachments: [
        { filename: 'invoice.txt', content: small, contentType: 'text/plain' },
        { filename: 'screen recording.mov', content: large, contentType: 'video/quicktime' },
      ],
    });
    expect(sent.ok).toBe(true);
    const customerId = (await customerOf(org.tenant.id, 'files@customer.example'))!;
    const [contact] = await contactsOf(org.token, customerId);
    const listed = await call(org.token, 'GET', `/api/v1/contacts/${contact!.id}/attachments`);
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json().items as {
      id: string;
      filename: string;
      kept: boolean;
      sizeBytes: number;
      omittedReason: string | null;
    }[];
    const invoice = items.find((a) => a.filename === 'invoice.txt')!;
    const movie = items.find((a) => a.filename === 'screen recording.mov')!;
    expect(invoice).toMatchObject({ kept: true, sizeBytes: small.length, omittedReason: null });
    expect(movie).toMatchObject({
      kept: false,
      sizeBytes: large.length,
      omittedReason: 'larger than 100 KB limit (300 KB)',
    });

    const download = await call(org.token, 'GET', `/api/v1/attachments/${invoice.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toMatch(/^text\/plain/);
    expect(download.headers['content-disposition']).toContain('filename="invoice.txt"');
    expect(download.rawPayload.equals(small)).toBe(true);
    const gone = await call(org.token, 'GET', `/api/v1/attachments/${movie.id}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.message).toContain('larger than 100 KB limit');

    const other = await t.newTenant();
    expect((await call(other.token, 'GET', `/api/v1/attachments/${invoice.id}`)).statusCode).toBe(404);
  });

  it('reduces an HTML-only mail to its words, without scripts or styles', async () => {
    await sendMail(listener.port, {
      from: 'html@customer.example',
      to: `${org.tenant.slug}@x.example`,
      subject: 'Roaming charges',
      html: '<html><head><style>p { color: red }</style><script>alert("stolen")</script></head><body><p>I was charged for <b>roaming</b> in Spain.</p><script>var token = "secret"</script><div>Please refund &pound;30.</div></body></html>',
    });
    const customerId = (await customerOf(org.tenant.id, 'html@customer.example'))!;
    const [contact] = await contactsOf(org.token, customerId);
    expect(contact!.text).toContain('I was charged for roaming in Spain.');
    expect(contact!.text).toContain('Please refund £30.');
    for (const leaked of ['alert', 'stolen', 'secret', 'color', '<']) expect(contact!.text).not.toContain(leaked);
  });
});

describe('mailboxes', () => {
  it('receives mail at configured addresses, refuses another organisation’s, and stops when removed', async () => {
    const other = await t.newTenant();
    const added = await call(org.token, 'POST', '/api/v1/channels/mailboxes', { address: 'Help@Acme-Mobile.example' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toEqual({
      defaultAddress: `${org.tenant.slug}@support.test`,
      addresses: ['help@acme-mobile.example'],
    });
    expect(
      (await call(other.token, 'POST', '/api/v1/channels/mailboxes', { address: 'help@acme-mobile.example' }))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await call(other.token, 'POST', '/api/v1/channels/mailboxes', {
          address: `${org.tenant.slug}@elsewhere.example`,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await call(org.token, 'POST', '/api/v1/channels/mailboxes', { address: 'not an address' })).statusCode,
    ).toBe(400);

    // One message to both organisations reaches each.
    const sent = await sendMail(listener.port, {
      from: 'both@customer.example',
      to: ['help@acme-mobile.example', `${other.tenant.slug}@x.example`],
      subject: 'Both of you',
      text: 'Who owns my number?',
    });
    expect(sent.ok).toBe(true);
    for (const tenant of [org, other]) {
      const customerId = (await customerOf(tenant.tenant.id, 'both@customer.example'))!;
      expect(await contactsOf(tenant.token, customerId)).toHaveLength(1);
    }

    const removed = await call(
      org.token,
      'DELETE',
      `/api/v1/channels/mailboxes/${encodeURIComponent('help@acme-mobile.example')}`,
    );
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().addresses).toEqual([]);
    expect((await call(org.token, 'DELETE', '/api/v1/channels/mailboxes/help@acme-mobile.example')).statusCode).toBe(
      404,
    );
    expect(
      await sendMail(listener.port, {
        from: 'both@customer.example',
        to: 'help@acme-mobile.example',
        subject: 'x',
        text: 'y',
      }),
    ).toMatchObject({ ok: false, responseCode: 550 });
  });

  it('receives sub-addressed mail (<slug>+tag@…) for the organisation', async () => {
    expect(
      (
        await sendMail(listener.port, {
          from: 'tagged@customer.example',
          to: `${org.tenant.slug}+billing@x.example`,
          subject: 'Tagged',
          text: 'Sent to a tagged address.',
        })
      ).ok,
    ).toBe(true);
    expect(await customerOf(org.tenant.id, 'tagged@customer.example')).toBeDefined();
  });

  it('lets only administrators manage mailboxes', async () => {
    expect((await t.call(undefined, { method: 'GET', url: '/api/v1/channels/mailboxes' })).statusCode).toBe(401);
  });
});
