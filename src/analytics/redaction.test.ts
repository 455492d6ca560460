import { describe, expect, it } from 'vitest';
import { passesIbanCheck, passesLuhn, redactPersonalData } from './redaction.ts';

const kinds = (text: string) => redactPersonalData(text).personalData.map((p) => p.kind);

describe('payment cards', () => {
  it('redacts a Luhn-valid number written in groups, and leaves one with a wrong check digit', () => {
    const result = redactPersonalData('Charge 4539 1488 0343 6467 please, not 4539 1488 0343 6468.');
    expect(result.redacted).toBe('Charge [CARD] please, not 4539 1488 0343 6468.');
    expect(result.personalData).toEqual([{ kind: 'card', start: 7, end: 26 }]);
  });

  it('accepts dashes and no separators, 13 to 19 digits', () => {
    expect(redactPersonalData('card 4539-1488-0343-6467').redacted).toBe('card [CARD]');
    expect(redactPersonalData('card 4539148803436467.').redacted).toBe('card [CARD].');
    expect(redactPersonalData('amex 3714 496353 98431').redacted).toBe('amex [CARD]');
  });

  it('checks Luhn', () => {
    expect(passesLuhn('4539148803436467')).toBe(true);
    expect(passesLuhn('4539148803436468')).toBe(false);
  });

  it('never puts the number itself in the list of findings', () => {
    const { personalData } = redactPersonalData('4539 1488 0343 6467');
    expect(JSON.stringify(personalData)).not.toMatch(/4539/);
  });
});

describe('IBANs', () => {
  it('redacts a valid IBAN with or without spaces, and not one with a changed digit', () => {
    expect(redactPersonalData('Pay to GB82 WEST 1234 5698 7654 32 today').redacted).toBe('Pay to [IBAN] today');
    expect(redactPersonalData('Pay to GB82WEST12345698765432.').redacted).toBe('Pay to [IBAN].');
    expect(redactPersonalData('Pay to GB82 WEST 1234 5698 7654 33 today').redacted).toBe(
      'Pay to GB82 WEST 1234 5698 7654 33 today',
    );
    expect(redactPersonalData('Pay to DE89 3704 0044 0532 0130 00').redacted).toBe('Pay to [IBAN]');
  });

  it('checks mod 97 and the country length', () => {
    expect(passesIbanCheck('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(passesIbanCheck('GB82 WEST 1234 5698 7654 31')).toBe(false);
    // A valid GB IBAN with a character missing is not taken.
    expect(kinds('GB82 WEST 1234 5698 7654 3')).toEqual([]);
  });
});

describe('phone numbers', () => {
  it('redacts international and national numbers with spaces, brackets and dashes', () => {
    expect(redactPersonalData('Call +44 7700 900123 or 07700 900123').redacted).toBe('Call [PHONE] or [PHONE]');
    expect(redactPersonalData('Office (029) 2034 5678, mobile +44 (0)7700-900-123.').redacted).toBe(
      'Office [PHONE], mobile [PHONE].',
    );
    expect(redactPersonalData('ring 0044 20 7946 0958').redacted).toBe('ring [PHONE]');
  });

  it('leaves durations, amounts, dates, times and order numbers alone', () => {
    const text =
      'I waited 30 minutes, paid £25.99 (then 1,250.00) on 05/03/2024, 2024-03-05 and 05-03-2024 at 10:30, order 0123456 and ref A01234567890';
    expect(redactPersonalData(text)).toEqual({ redacted: text, personalData: [] });
  });
});

describe('emails and addresses', () => {
  it('redacts email addresses', () => {
    expect(redactPersonalData('write to jo.bloggs+bills@example.co.uk now').redacted).toBe('write to [EMAIL] now');
  });

  it('redacts a street with its town and postcode as one address, and a lone postcode', () => {
    expect(redactPersonalData('I live at 12 High Street, Cardiff CF11 9NL since May').redacted).toBe(
      'I live at [ADDRESS] since May',
    );
    expect(redactPersonalData('moved to 7a St John’s Road last week').redacted).toBe('moved to [ADDRESS] last week');
    expect(redactPersonalData('postcode is SW1A 1AA').redacted).toBe('postcode is [ADDRESS]');
    expect(redactPersonalData('Meine Adresse: Hauptstraße 12, Berlin').redacted).toBe(
      'Meine Adresse: [ADDRESS], Berlin',
    );
  });

  it('does not take a sentence about a road for an address', () => {
    expect(kinds('we spent 30 minutes on the road and 2 hours in the lane')).toEqual([]);
    expect(kinds('i have 2 sim cards way too many')).toEqual([]);
  });

  it('takes a lower-case address only with an unambiguous street word', () => {
    expect(redactPersonalData('send it to 12 high street please').redacted).toBe('send it to [ADDRESS] please');
    expect(redactPersonalData('I live at 4 Meadow Close, Leeds LS6 2AB').redacted).toBe('I live at [ADDRESS]');
  });
});

describe('several kinds in one text', () => {
  it('lists each finding with its kind and offsets in the original text, in order', () => {
    const text = 'Email a@b.io, card 4539 1488 0343 6467, phone 07700 900123';
    const { redacted, personalData } = redactPersonalData(text);
    expect(redacted).toBe('Email [EMAIL], card [CARD], phone [PHONE]');
    expect(personalData.map((p) => [p.kind, text.slice(p.start, p.end)])).toEqual([
      ['email', 'a@b.io'],
      ['card', '4539 1488 0343 6467'],
      ['phone', '07700 900123'],
    ]);
  });
});
