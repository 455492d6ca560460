import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseSubjectTag, formatCaseReference } from './case-reference.ts';
import { headersFromText } from './mail-headers.ts';
import {
  canonicalMessageId,
  caseReferenceInSubject,
  MAX_REFERENCES,
  MAX_THREAD_IDS,
  messageIdsOf,
  normalizeSubject,
  replyHeaders,
} from './mail-threading.ts';

const raw = headersFromText;

describe('case references', () => {
  it('formats a case number the way services print it', () => {
    expect(formatCaseReference(42)).toBe('C-42');
    expect(caseSubjectTag('C-42')).toBe('[C-42]');
  });

  it.each([
    ['[C-1234] Router not working', 'C-1234'],
    ['Re: Re: AW: [C-12] Rechnung zu hoch', 'C-12'],
    ['RE: [ c-12 ] lower case and spaces', 'C-12'],
    ['Antw: Uw factuur [C-0077]', 'C-77'],
    ['Re: [C‑12] non-breaking hyphen from a phone keyboard', 'C-12'],
    ['Re: [C-12] Fwd: [C-7] older case quoted', 'C-12'],
  ])('finds the case in "%s"', (subject, reference) => {
    expect(caseReferenceInSubject(subject)?.reference).toBe(reference);
  });

  it.each([
    'C-12 without brackets',
    'Re: [C-12a] not a reference',
    '[C-0] zero',
    '[#12] other systems',
    '[CC-12] other prefix',
    '',
  ])('finds no case in "%s"', (subject) => {
    expect(caseReferenceInSubject(subject)).toBeNull();
  });

  it('finds references with another prefix', () => {
    expect(caseReferenceInSubject('Re: [LM-9] Roaming', 'LM')).toEqual({ reference: 'LM-9', number: 9 });
    expect(caseReferenceInSubject('Re: [C-9] Roaming', 'LM')).toBeNull();
  });
});

describe('normalising subjects', () => {
  it.each([
    ['Re: Re: AW: [C-12] Bill too high', 'Bill too high'],
    ['RE: FW: Bill too high', 'Bill too high'],
    ['Fwd: Re: Bill too high', 'Bill too high'],
    ['AW: WG: Rechnung zu hoch', 'Rechnung zu hoch'],
    ['SV: VS: Faktura', 'Faktura'],
    ['VS: VL: Lasku', 'Lasku'],
    ['Réf. : TR : Facture trop élevée', 'Facture trop élevée'],
    ['RV: RE: Factura', 'Factura'],
    ['R: I: Fattura', 'Fattura'],
    ['RES: ENC: Fatura', 'Fatura'],
    ['Antw: Doorst: Factuur', 'Factuur'],
    ['Odp: PD: Faktura', 'Faktura'],
    ['YNT: İLT: Fatura', 'Fatura'],
    ['ΑΠ: ΣΧΕΤ: Λογαριασμός', 'Λογαριασμός'],
    ['Ответ: Счёт', 'Счёт'],
    ['回复: 转发: 账单太高', '账单太高'],
    ['回覆：轉寄：帳單', '帳單'],
    ['Re[2]: Re(3): Re^2: Bill', 'Bill'],
    ['[EXTERNAL] RE: [C-12] Bill', 'Bill'],
    ['*EXTERNAL* Re: Bill', 'Bill'],
    ['  Re:   Bill \t  too\u00a0 high  ', 'Bill too high'],
    ['Re:', ''],
    ['Recharge failed', 'Recharge failed'],
    ['Regarding my bill', 'Regarding my bill'],
    ['Ref 12345: my order', 'Ref 12345: my order'],
  ])('"%s" → "%s"', (subject, normalized) => {
    expect(normalizeSubject(subject)).toBe(normalized);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeSubject(normalizeSubject(s)) === normalizeSubject(s)));
  });
});

describe('thread ids of a message', () => {
  it('reads a Gmail reply to one of our mails, newest first', () => {
    const headers = raw(`
Message-ID: <CAF3x+9pQ2m=Z8r4@mail.gmail.com>
In-Reply-To: <7f1c2a9e-3b4d-4c5e-9f60-1a2b3c4d5e6f@mail.lumen.example>
References: <0a1b2c3d@mail.lumen.example>
 <7f1c2a9e-3b4d-4c5e-9f60-1a2b3c4d5e6f@mail.lumen.example>`);
    expect(messageIdsOf(headers)).toEqual([
      'CAF3x+9pQ2m=Z8r4@mail.gmail.com',
      '7f1c2a9e-3b4d-4c5e-9f60-1a2b3c4d5e6f@mail.lumen.example',
      '0a1b2c3d@mail.lumen.example',
    ]);
  });

  it('lower-cases the domain part only (Outlook writes it in capitals)', () => {
    const headers = { 'message-id': '<DB9PR08MB6540A1B2C3D4E5F6@DB9PR08MB6540.eurprd08.PROD.OUTLOOK.COM>' };
    expect(messageIdsOf(headers)).toEqual(['DB9PR08MB6540A1B2C3D4E5F6@db9pr08mb6540.eurprd08.prod.outlook.com']);
  });

  it('reads old-style In-Reply-To with a comment, ids without brackets and ids broken by folding', () => {
    const headers = raw(`
Message-Id: <A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF@icloud.com>
In-Reply-To: <4C5D21E0C1@mx.example> (Jane Doe's message of "Tue, 14 Nov 2023 09:12:01 +0000")
References: root-1@mail.lumen.example <very-long-id-from-lotus-notes@mail.
 lumen.example>`);
    expect(messageIdsOf(headers)).toEqual([
      'A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF@icloud.com',
      '4C5D21E0C1@mx.example',
      'very-long-id-from-lotus-notes@mail.lumen.example',
    ]);
    expect(messageIdsOf({ references: 'root-1@mail.lumen.example second@mail.lumen.example' })).toEqual([
      'second@mail.lumen.example',
      'root-1@mail.lumen.example',
    ]);
  });

  it('removes duplicates, ignores junk and caps the list', () => {
    const references = Array.from({ length: 120 }, (_, i) => `<m${i}@mail.lumen.example>`).join(' ');
    const ids = messageIdsOf({
      'message-id': '<new@x.example>',
      'in-reply-to': '<m119@mail.lumen.example>',
      references: [references, '<>', '<no-at-sign>'],
    });
    expect(ids).toHaveLength(MAX_THREAD_IDS);
    expect(ids.slice(0, 3)).toEqual(['new@x.example', 'm119@mail.lumen.example', 'm118@mail.lumen.example']);
    expect(messageIdsOf({})).toEqual([]);
    expect(messageIdsOf({ 'message-id': '<a@b.example>' }, 0)).toEqual([]);
  });

  it('canonicalises one id', () => {
    expect(canonicalMessageId(' <Abc@Host.Example> ')).toBe('Abc@host.example');
    expect(canonicalMessageId('no-at')).toBeNull();
    expect(canonicalMessageId('<@host>')).toBeNull();
    expect(canonicalMessageId(`<${'x'.repeat(300)}@host.example>`)).toBeNull();
  });
});

describe('headers of an agent reply', () => {
  const base = {
    caseReference: 'C-12',
    ownDomain: 'Mail.Lumen.example',
    newId: '3f2b8c1e-9d4a-4e7b-8c6d-5a4b3c2d1e0f',
  };

  it('answers a customer mail in its thread', () => {
    expect(
      replyHeaders({
        ...base,
        subject: 'RE: AW: [C-12] Rechnung zu hoch',
        parentMessageId: '<DB9PR08MB6540@DB9PR08MB6540.eurprd08.PROD.OUTLOOK.COM>',
        references: ['<root@mail.lumen.example>', '<second@mail.lumen.example>'],
      }),
    ).toEqual({
      messageId: '<3f2b8c1e-9d4a-4e7b-8c6d-5a4b3c2d1e0f@mail.lumen.example>',
      inReplyTo: '<DB9PR08MB6540@db9pr08mb6540.eurprd08.prod.outlook.com>',
      references: [
        '<root@mail.lumen.example>',
        '<second@mail.lumen.example>',
        '<DB9PR08MB6540@db9pr08mb6540.eurprd08.prod.outlook.com>',
      ],
      subject: 'Re: [C-12] Rechnung zu hoch',
    });
  });

  it('tags the subject without "Re:" when the agent writes first, and replaces the tag of a merged case', () => {
    expect(replyHeaders({ ...base, subject: 'Roaming charges', parentMessageId: null, references: [] })).toMatchObject({
      inReplyTo: null,
      references: [],
      subject: '[C-12] Roaming charges',
    });
    expect(
      replyHeaders({ ...base, subject: 'Re: [C-7] Roaming charges', parentMessageId: '<p@x.example>', references: [] })
        .subject,
    ).toBe('Re: [C-12] Roaming charges');
    expect(replyHeaders({ ...base, subject: '', parentMessageId: '<p@x.example>', references: [] }).subject).toBe(
      'Re: [C-12]',
    );
  });

  it('keeps the first and the most recent references when the thread is long', () => {
    const references = Array.from({ length: 40 }, (_, i) => `<m${i}@x.example>`);
    const reply = replyHeaders({ ...base, subject: 'Bill', parentMessageId: '<parent@x.example>', references });
    expect(reply.references).toHaveLength(MAX_REFERENCES);
    expect(reply.references[0]).toBe('<m0@x.example>');
    expect(reply.references.at(-2)).toBe('<m39@x.example>');
    expect(reply.references.at(-1)).toBe('<parent@x.example>');
  });

  it('does not repeat the parent when it already is in References', () => {
    const reply = replyHeaders({
      ...base,
      subject: 'Bill',
      parentMessageId: '<b@x.example>',
      references: ['<a@x.example> <b@x.example>'],
    });
    expect(reply.references).toEqual(['<a@x.example>', '<b@x.example>']);
  });

  it('refuses to make a Message-ID out of nothing', () => {
    expect(() => replyHeaders({ ...base, newId: '<>', subject: 'x', parentMessageId: null, references: [] })).toThrow();
  });

  it('never stacks prefixes or tags however often the reply is answered', () => {
    const prefix = fc.constantFrom('Re: ', 'RE: ', 'AW: ', 'Fwd: ', 'SV: ', '回复: ', '[C-12] ', '[C-3] ', '');
    fc.assert(
      fc.property(
        fc.array(prefix, { maxLength: 6 }),
        fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/),
        (prefixes, topic) => {
          const first = replyHeaders({
            ...base,
            subject: prefixes.join('') + topic,
            parentMessageId: '<p@x.example>',
            references: [],
          });
          const again = replyHeaders({
            ...base,
            subject: `AW: ${first.subject}`,
            parentMessageId: '<q@x.example>',
            references: first.references,
          });
          expect(again.subject).toBe(first.subject);
          expect(caseReferenceInSubject(first.subject)?.reference).toBe('C-12');
          expect(first.subject.match(/Re:/g)?.length).toBe(1);
          expect(again.references.length).toBeLessThanOrEqual(MAX_REFERENCES);
        },
      ),
    );
  });
});
