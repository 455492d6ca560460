import { describe, expect, it } from 'vitest';
import {
  classifyInboundMail,
  LOOP_HEADER,
  MAX_RECEIVED_HEADERS,
  outboundAutomationHeaders,
  type InboundMailMeta,
} from './mail-automation.ts';
import { headersFromText, headerValues } from './mail-headers.ts';

const raw = headersFromText;

const own: Pick<InboundMailMeta, 'ownAddresses' | 'ownMessageIdDomain'> = {
  ownAddresses: ['support@lumen.example', 'noreply@lumen.example'],
  ownMessageIdDomain: 'mail.lumen.example',
};
const meta = (fromAddress: string, subject: string, contentType?: string): InboundMailMeta => ({
  ...own,
  fromAddress,
  subject,
  contentType,
});
const classify = (block: string, fromAddress: string, subject: string, contentType?: string) =>
  classifyInboundMail(raw(block), meta(fromAddress, subject, contentType));

describe('reading mail headers', () => {
  it('keeps every occurrence, unfolds folded values and finds names whatever their case', () => {
    const headers = raw(`
Received: from mx1.example.net (mx1.example.net [203.0.113.7])
	by mx.lumen.example (Postfix) with ESMTPS id 4C5D21E0C1
	for <support@lumen.example>; Tue, 14 Nov 2023 09:12:01 +0000 (UTC)
Received: by mail-wr1-f41.google.com with SMTP id ffacd0b85a97d-32f7c80ab33so3881811f8f.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4C5D21E0C1.1699953121/mx1.example.net"`);
    expect(headerValues(headers, 'Received')).toHaveLength(2);
    expect(headerValues(headers, 'received')[0]).toBe(
      'from mx1.example.net (mx1.example.net [203.0.113.7])	by mx.lumen.example (Postfix) with ESMTPS id 4C5D21E0C1	for <support@lumen.example>; Tue, 14 Nov 2023 09:12:01 +0000 (UTC)',
    );
    expect(headerValues(headers, 'CONTENT-TYPE')).toEqual([
      'multipart/report; report-type=delivery-status;	boundary="4C5D21E0C1.1699953121/mx1.example.net"',
    ]);
    expect(headerValues({ 'Auto-Submitted': 'auto-replied', precedence: undefined }, 'auto-submitted')).toEqual([
      'auto-replied',
    ]);
    expect(headerValues(new Map([['x-loop', ['a', 'b']]]), 'X-Loop')).toEqual(['a', 'b']);
  });
});

describe('classifying inbound mail', () => {
  it('lets an ordinary customer mail through as human', () => {
    expect(
      classify(
        `
From: Jane Doe <jane.doe@gmail.com>
To: support@lumen.example
Subject: No signal since Monday
Message-ID: <CAF3x+9pQ@mail.gmail.com>
Content-Type: multipart/alternative; boundary="000000000000b2c3d405f9"`,
        'jane.doe@gmail.com',
        'No signal since Monday',
        'multipart/alternative; boundary="000000000000b2c3d405f9"',
      ),
    ).toEqual({ kind: 'human' });
  });

  it('does not take Outlook or Exchange distribution-list mail for an auto-reply just because it carries X-Auto-Response-Suppress', () => {
    expect(
      classify(
        `
From: Mark Evans <mark.evans@contoso.com>
Subject: Broadband down since Monday
Thread-Topic: Broadband down since Monday
Thread-Index: AdnXw2c9yJ0ZbQ6eR1mPq3Zk8h1v2A==
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
X-Auto-Response-Suppress: DR, OOF, AutoReply
Content-Type: multipart/alternative; boundary="_000_DB9PR08MB6540"`,
        'mark.evans@contoso.com',
        'Broadband down since Monday',
      ),
    ).toEqual({ kind: 'human' });
    expect(
      classify('X-Auto-Response-Suppress: All', 'mark.evans@contoso.com', 'Out of office hours: can I still call?')
        .kind,
    ).toBe('human');
  });

  it('recognises a Gmail vacation responder by Auto-Submitted, even though it also says Precedence: bulk', () => {
    expect(
      classify(
        `
Auto-Submitted: auto-replied
Precedence: bulk
X-Autoreply: yes
From: Jane Doe <jane.doe@gmail.com>
Subject: Re: [C-1042] Your roaming charges`,
        'jane.doe@gmail.com',
        'Re: [C-1042] Your roaming charges',
      ),
    ).toEqual({ kind: 'auto_reply', reason: 'Auto-Submitted: auto-replied' });
  });

  it('reads Auto-Submitted with parameters and comments, and honours "no"', () => {
    expect(classify('Auto-Submitted: auto-generated (vacation)', 'a@b.example', 'Hi')).toMatchObject({
      kind: 'auto_reply',
      reason: 'Auto-Submitted: auto-generated',
    });
    expect(classify('Auto-Submitted: Auto-Replied; owner-email="me@b.example"', 'a@b.example', 'Hi')).toMatchObject({
      kind: 'auto_reply',
      reason: 'Auto-Submitted: auto-replied',
    });
    expect(classify('Auto-Submitted: no', 'a@b.example', 'Hi')).toEqual({ kind: 'human' });
    expect(classify('X-Autoreply: no', 'a@b.example', 'Hi')).toEqual({ kind: 'human' });
  });

  it('recognises an Exchange Online out-of-office reply', () => {
    expect(
      classify(
        `
Subject: Automatic reply: [C-1042] Your roaming charges
Thread-Topic: [C-1042] Your roaming charges
Auto-Submitted: auto-generated
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: mark.evans@contoso.com
Content-Type: text/plain; charset="us-ascii"`,
        'mark.evans@contoso.com',
        'Automatic reply: [C-1042] Your roaming charges',
      ).kind,
    ).toBe('auto_reply');
  });

  it.each([
    'Automatic reply: [C-12] Your bill',
    'Out of Office AutoReply: Your bill',
    'Out of Office: Your bill',
    'Out of Office',
    'Automatische Antwort: [C-12] Ihre Rechnung',
    'Abwesenheitsnotiz: Ihre Rechnung',
    'Réponse automatique : [C-12] Votre facture',
    'Respuesta automática: Su factura',
    'Risposta automatica: La sua fattura',
    'Automatisch antwoord: Uw factuur',
    'Autosvar: Din faktura',
    'Automatisk svar: Din faktura',
    'Automaattinen vastaus: Laskusi',
    'Automatyczna odpowiedź: Twoja faktura',
    'Автоматический ответ: Ваш счёт',
    '自动回复: 您的账单',
    '自動回覆：您的帳單',
    '[External] Automatic reply: Your bill',
    'Auto-Reply: Your bill',
  ])('recognises the out-of-office subject "%s" when no header says so (older Exchange, Lotus Notes)', (subject) => {
    expect(classify('X-Auto-Response-Suppress: All', 'mark@contoso.com', subject)).toEqual({
      kind: 'auto_reply',
      reason: `automatic reply subject "${subject}"`,
    });
  });

  it.each([
    'Fwd: Automatic reply: Your bill',
    'Re: Out of Office: Your bill',
    'Out of office all week, can you call me on Monday?',
  ])('takes "%s" for a person writing', (subject) => {
    expect(classify('', 'mark@contoso.com', subject)).toEqual({ kind: 'human' });
  });

  it('counts X-Auto-Response-Suppress only together with another hint', () => {
    expect(classify('X-Auto-Response-Suppress: All', 'no-reply@shop.example', 'Your order has shipped')).toEqual({
      kind: 'auto_reply',
      reason: 'X-Auto-Response-Suppress + no-reply sender no-reply@shop.example',
    });
    expect(
      classify('X-Auto-Response-Suppress: OOF', 'mark@contoso.com', 'Mark is out of the office until 3 June').kind,
    ).toBe('auto_reply');
    expect(classify('', 'no-reply@shop.example', 'Your order has shipped')).toEqual({ kind: 'human' });
  });

  it('recognises the other auto-responder conventions', () => {
    expect(classify('X-Autorespond: Autoresponder', 'a@b.example', 'Thanks').kind).toBe('auto_reply'); // cPanel / BoxTrapper
    expect(classify('X-Autogenerated: Reply', 'a@b.example', 'Thanks').kind).toBe('auto_reply'); // CommuniGate Pro
    expect(classify('Precedence: auto_reply', 'a@b.example', 'Thanks').kind).toBe('auto_reply');
    expect(classify('Delivered-To: Autoresponder', 'a@b.example', 'Thanks').kind).toBe('auto_reply'); // qmail
    expect(classify('Return-Path: <>', 'a@b.example', 'Thanks')).toEqual({
      kind: 'auto_reply',
      reason: 'empty Return-Path (null sender)',
    });
    expect(classify('Return-Path: <a@b.example>', 'a@b.example', 'Thanks')).toEqual({ kind: 'human' });
  });

  it('recognises a read receipt', () => {
    expect(
      classify(
        '',
        'mark@contoso.com',
        'Read: [C-12] Your bill',
        'multipart/report; report-type=disposition-notification; boundary="b1"',
      ).kind,
    ).toBe('auto_reply');
  });

  it('recognises a Postfix bounce', () => {
    const headers = `
Return-Path: <>
From: MAILER-DAEMON@mx1.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4C5D21E0C1.1699953121/mx1.example.net"`;
    expect(
      classifyInboundMail(raw(headers), meta('MAILER-DAEMON@mx1.example.net', 'Undelivered Mail Returned to Sender')),
    ).toEqual({
      kind: 'bounce',
      reason: 'a delivery status notification (multipart/report; report-type=delivery-status)',
    });
  });

  it('recognises Gmail, Exim, qmail and Exchange bounces', () => {
    expect(
      classify(
        `
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
X-Failed-Recipients: jane.doe@gmial.com
Subject: Delivery Status Notification (Failure)`,
        'mailer-daemon@googlemail.com',
        'Delivery Status Notification (Failure)',
      ).kind,
    ).toBe('bounce');
    expect(
      classify(
        'X-Failed-Recipients: old@customer.example\nAuto-Submitted: auto-replied',
        'Mailer-Daemon@mail.isp.example',
        'Mail delivery failed: returning message to sender',
      ),
    ).toEqual({ kind: 'bounce', reason: 'X-Failed-Recipients header' });
    expect(classify('', 'MAILER-DAEMON@mta1.yahoo.example', 'failure notice').kind).toBe('bounce');
    expect(classify('', 'postmaster@contoso.onmicrosoft.com', 'Undeliverable: [C-12] Your bill').kind).toBe('bounce');
    expect(
      classify(
        '',
        'MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.com',
        'Unzustellbar: [C-12] Ihre Rechnung',
      ).kind,
    ).toBe('bounce');
    expect(classify('', 'relay@isp.example', 'Non remis : [C-12] Votre facture')).toEqual({
      kind: 'bounce',
      reason: 'delivery failure subject "Non remis : [C-12] Votre facture"',
    });
  });

  it('takes a customer forwarding a bounce for a person', () => {
    expect(classify('', 'jane.doe@gmail.com', 'Fwd: Undelivered Mail Returned to Sender')).toEqual({ kind: 'human' });
  });

  it('recognises newsletters and mailing lists as bulk', () => {
    expect(
      classify(
        `
List-Unsubscribe: <https://news.shop.example/u/abc123>, <mailto:unsubscribe@news.shop.example?subject=abc123>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
Precedence: bulk
Feedback-ID: 1.eu-west-1.kQd3:AmazonSES`,
        'news@shop.example',
        'Black Friday deals',
      ),
    ).toEqual({ kind: 'bulk', reason: 'Precedence: bulk' });
    expect(classify('List-Unsubscribe: <https://news.shop.example/u/abc123>', 'news@shop.example', 'Deals')).toEqual({
      kind: 'bulk',
      reason: 'newsletter (List-Unsubscribe header)',
    });
    expect(
      classify(
        `
List-Id: Users of Foo <foo-users.lists.example.org>
List-Post: <mailto:foo-users@lists.example.org>
Sender: "foo-users" <foo-users-bounces@lists.example.org>`,
        'someone@example.org',
        '[foo-users] Release 2.0',
      ),
    ).toEqual({
      kind: 'bulk',
      reason: 'mailing list (List-Id: Users of Foo <foo-users.lists.example.org>)',
    });
    expect(classify('Precedence: junk', 'x@y.example', 'Hi').kind).toBe('bulk');
  });

  it('does not take mail relayed by our own Google Group for bulk', () => {
    expect(
      classify(
        `
List-Id: <support.lumen.example>
Mailing-list: list support@lumen.example; contact support+owners@lumen.example
Precedence: list
List-Unsubscribe: <mailto:googlegroups-manage+123+unsubscribe@googlegroups.com>,
 <https://groups.google.com/a/lumen.example/group/support/subscribe>`,
        'jane.doe@gmail.com',
        'My phone will not charge',
      ),
    ).toEqual({ kind: 'human' });
  });

  it('recognises our own mail coming back as a loop', () => {
    expect(classify('', 'Support@Lumen.example', 'Re: [C-12] Your bill')).toEqual({
      kind: 'loop',
      reason: 'sent from our own address support@lumen.example',
    });
    expect(classify('', '"Lumen Support" <support@lumen.example>', 'Hi').kind).toBe('loop');
    expect(
      classify(`${LOOP_HEADER}: mail.lumen.example`, 'forwarder@customer.example', 'Fwd: [C-12] Your bill'),
    ).toEqual({ kind: 'loop', reason: `carries our own ${LOOP_HEADER} header` });
    expect(classify('X-Loop: support@lumen.example', 'rt@customer.example', 'Hi').kind).toBe('loop');
  });

  it('takes an agent of another Hearken installation writing to us for a person', () => {
    expect(classify(`${LOOP_HEADER}: mail.partner.example`, 'agent@partner.example', 'Re: Laptop repair')).toEqual({
      kind: 'human',
    });
  });

  it('calls a message that has been relayed too many times a loop', () => {
    const hops = (n: number) =>
      Array.from({ length: n }, (_, i) => `Received: from relay${i}.example by relay${i + 1}.example`).join('\n');
    expect(classify(hops(MAX_RECEIVED_HEADERS), 'a@b.example', 'Hi')).toEqual({ kind: 'human' });
    expect(classify(hops(MAX_RECEIVED_HEADERS + 1), 'a@b.example', 'Hi')).toEqual({
      kind: 'loop',
      reason: '31 Received headers (more than 30): a mail loop',
    });
  });

  it('reads the Content-Type header when the caller does not pass it', () => {
    expect(
      classify(
        'Content-Type: multipart/report; report-type="delivery-status"; boundary="x"',
        'relay@isp.example',
        'Notice',
      ).kind,
    ).toBe('bounce');
  });
});

describe('headers on our own outgoing mail', () => {
  it('marks notices as automatic and asks Exchange not to answer them', () => {
    expect(outboundAutomationHeaders('notice', 'Mail.Lumen.example')).toEqual({
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-Hearken-Loop': 'mail.lumen.example',
    });
  });

  it('marks an agent reply only with the loop header', () => {
    expect(outboundAutomationHeaders('agent_reply', 'mail.lumen.example')).toEqual({
      'X-Hearken-Loop': 'mail.lumen.example',
    });
  });

  it('recognises its own notice when it comes back, forwarded by a rule', () => {
    const headers = new Map(
      Object.entries(outboundAutomationHeaders('notice', own.ownMessageIdDomain)).map(([k, v]) => [k.toLowerCase(), v]),
    );
    expect(
      classifyInboundMail(headers, meta('jane.doe@gmail.com', 'Fwd: [C-12] We have received your message')).kind,
    ).toBe('loop');
  });
});
