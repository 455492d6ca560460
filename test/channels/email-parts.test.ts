import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { readMail, sizeLabel } from '../../src/services/channels/email/inbound-mail.ts';
import { withoutQuotedHistory } from '../../src/services/channels/email/quoted-text.ts';

/** The pure parts of reading a mail, without a server. */
describe('quoted history', () => {
  it('takes a trailing quote under an attribution off, including a folded Gmail one', () => {
    expect(
      withoutQuotedHistory('Still broken.\n\nOn Mon, 3 Jun 2024 at 10:00, Support wrote:\n> We fixed it\n>\n> Bye\n')
        .text,
    ).toBe('Still broken.');
    const folded = withoutQuotedHistory(
      'Yes please.\n\nOn Mon, 3 Jun 2024 at 10:00, Acme Support <acme@support.example>\nwrote:\n\n> Shall we call you?\n',
    );
    expect(folded).toEqual({ text: 'Yes please.', omittedChars: expect.any(Number) });
    expect(withoutQuotedHistory('Ja.\n\nAm 03.06.2024 um 10:00 schrieb Support:\n> Frage').text).toBe('Ja.');
  });

  it('takes an Outlook original message off', () => {
    const text =
      'Thanks, that worked.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nSubject: Re: [C-4] x\n\nTry again';
    expect(withoutQuotedHistory(text).text).toBe('Thanks, that worked.');
    const header =
      'Thanks.\n\n________________________________\nFrom: Acme Support <acme@support.example>\nSent: Monday, 3 June 2024 10:00\nTo: me';
    expect(withoutQuotedHistory(header).text).toBe('Thanks.');
  });

  it('keeps answers written between quoted lines, and a mail that is only a quote', () => {
    const interleaved = 'On Mon, Support wrote:\n> Which model?\nA Pixel 7.\n> Which town?\nLeeds.';
    expect(withoutQuotedHistory(interleaved)).toEqual({ text: interleaved, omittedChars: 0 });
    const onlyQuote = 'On Mon, Support wrote:\n> Which model?';
    expect(withoutQuotedHistory(onlyQuote).text).toBe(onlyQuote);
    const noAttribution = 'See below\n> something I pasted';
    expect(withoutQuotedHistory(noAttribution).text).toBe(noAttribution);
  });
});

describe('reading a mail', () => {
  const now = new Date('2030-01-01T12:00:00Z');
  const read = async (raw: string, maxAttachmentBytes = 1024) =>
    readMail(await simpleParser(Buffer.from(raw)), Buffer.from(raw), { maxAttachmentBytes, now });

  it('reads sender, threading ids, case tag and facts', async () => {
    const mail = await read(
      'From: "Jo Bloggs" <Jo@Example.COM>\r\nTo: acme@x.example\r\nCc: Ann <ann@example.com>\r\nSubject: RE: AW: [C-17] Roaming\r\nMessage-ID: <Abc@MX.Example.com>\r\n' +
        'In-Reply-To: <r2@support.test>\r\nReferences: <r1@support.test>\r\n <r2@support.test>\r\nDate: Tue, 1 Jan 2030 10:00:00 +0000\r\n\r\nHello\r\n',
    );
    expect(mail).toMatchObject({
      fromAddress: 'jo@example.com',
      fromName: 'Jo Bloggs',
      messageId: 'Abc@mx.example.com',
      caseNumber: 17,
      text: 'Hello',
    });
    expect(mail.threadRefs).toEqual(['r2@support.test', 'r1@support.test']);
    expect(mail.occurredAt.toISOString()).toBe('2030-01-01T10:00:00.000Z');
    expect(mail.facts).toMatchObject({
      to: ['acme@x.example'],
      cc: ['ann@example.com'],
      inReplyTo: 'r2@support.test',
      references: ['r1@support.test', 'r2@support.test'],
      attachments: 0,
    });
  });

  it('counts a mail dated in the future as received now', async () => {
    const mail = await read('From: a@b.example\r\nSubject: x\r\nDate: Fri, 1 Jan 2100 10:00:00 +0000\r\n\r\nHi\r\n');
    expect(mail.occurredAt).toEqual(now);
  });

  it('derives the same id for the same mail relayed differently, and another for other mail', async () => {
    const body = 'From: a@b.example\r\nSubject: no id\r\n\r\nHello there\r\n';
    const first = await read(`Received: from one.example\r\n${body}`);
    const second = await read(`Received: from two.example\r\nReceived: from three.example\r\n${body}`);
    const other = await read(body.replace('Hello', 'Goodbye'));
    expect(first.messageIdDerived).toBe(true);
    expect(first.messageId).toBe(second.messageId);
    expect(other.messageId).not.toBe(first.messageId);
  });

  it('finds who a bounce is about and the id of the mail that failed', async () => {
    const mail = await read(
      'From: MAILER-DAEMON@mx.example\r\nSubject: failure notice\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n' +
        '--b\r\nContent-Type: text/plain\r\n\r\nSorry.\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; Kim@Customer.example\r\nAction: failed\r\n' +
        '--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: acme@support.test\r\nMessage-ID: <Reply-9@Support.test>\r\nSubject: x\r\n\r\nbody\r\n--b--\r\n',
      1024 * 1024,
    );
    expect(mail.bounce).toEqual({
      failedRecipient: 'kim@customer.example',
      originalMessageIds: ['Reply-9@support.test'],
    });
  });

  it('names files without a name and keeps over-limit ones as a listing', async () => {
    const big = Buffer.alloc(3000, 65).toString('base64');
    const mail = await read(
      'From: a@b.example\r\nSubject: files\r\nContent-Type: multipart/mixed; boundary="m"\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\n\r\n' +
        `--m\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment\r\n\r\n${big}\r\n--m--\r\n`,
    );
    expect(mail.attachments).toEqual([
      {
        filename: 'attachment-1',
        contentType: 'application/pdf',
        sizeBytes: 3000,
        content: null,
        omittedReason: 'larger than 1 KB limit (2.9 KB)',
      },
    ]);
    expect(mail.text).toBe('files');
  });

  it('labels sizes as people read them', () => {
    expect([sizeLabel(10 * 1024 * 1024), sizeLabel(12.3 * 1024 * 1024), sizeLabel(300 * 1024), sizeLabel(12)]).toEqual([
      '10 MB',
      '12.3 MB',
      '300 KB',
      '12 bytes',
    ]);
  });
});
