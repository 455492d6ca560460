import { describe, expect, it } from 'vitest';
import { checkContactSubmission } from './contact-input.ts';

const now = new Date('2026-11-25T12:00:00Z');

describe('checking a submitted contact', () => {
  it('accepts a contact and puts it in canonical form', () => {
    const result = checkContactSubmission(
      { channel: 'sms', direction: 'inbound', customer: { phone: '+44 7700 900123', name: ' Ann ' }, text: ' hello ' },
      now,
    );
    expect(result).toEqual({
      ok: true,
      contact: {
        channel: 'sms',
        direction: 'inbound',
        occurredAt: now,
        externalId: null,
        identities: [{ kind: 'phone', value: '+447700900123' }],
        customerName: 'Ann',
        subject: null,
        text: 'hello',
        vendor: null,
      },
    });
  });

  it('keeps the vendor that handled the contact, trimmed, and refuses an overlong one', () => {
    const base = { channel: 'phone', direction: 'outbound', customer: { phone: '+447700900123' }, text: 'Sales call' };
    const accepted = checkContactSubmission({ ...base, vendor: ' Brightline ' }, now);
    expect(accepted.ok && accepted.contact.vendor).toBe('Brightline');
    expect(checkContactSubmission({ ...base, vendor: 'x'.repeat(201) }, now)).toEqual({
      ok: false,
      problems: ['vendor is longer than 200 characters'],
    });
  });

  it('lists every problem at once', () => {
    const result = checkContactSubmission(
      { channel: 'pigeon', direction: 'sideways', occurredAt: 'soon', customer: { email: 'nope' }, text: '  ' },
      now,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toHaveLength(5);
  });

  it('needs some way to recognise the customer', () => {
    const result = checkContactSubmission(
      { channel: 'chat', direction: 'inbound', customer: { name: 'Bob' }, text: 'hi' },
      now,
    );
    expect(result).toEqual({ ok: false, problems: ['customer needs an email, a phone or a handle to be recognised'] });
  });

  it('refuses contacts dated in the future', () => {
    const result = checkContactSubmission(
      {
        channel: 'chat',
        direction: 'inbound',
        occurredAt: '2026-12-25T00:00:00Z',
        customer: { handle: 'x' },
        text: 'hi',
      },
      now,
    );
    expect(result).toEqual({ ok: false, problems: ['occurredAt is in the future'] });
  });

  it('drops NUL characters, which the store cannot hold', () => {
    const result = checkContactSubmission(
      { channel: 'email', direction: 'inbound', customer: { email: 'a@b.co' }, subject: 'a\u0000b', text: 'x\u0000y' },
      now,
    );
    expect(result.ok && [result.contact.subject, result.contact.text]).toEqual(['ab', 'xy']);
  });
});
