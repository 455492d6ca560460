import { describe, expect, it } from 'vitest';
import { importExternalId, rowToSubmission } from './contact-row.ts';

describe('reading an import row', () => {
  it('reads flat CSV-style columns', () => {
    expect(
      rowToSubmission({
        channel: 'sms',
        customer_phone: '+447700900123',
        customer_name: 'Ann',
        body: 'hello',
        external_id: 'x1',
        direction: '',
      }),
    ).toEqual({
      channel: 'sms',
      direction: 'inbound',
      occurredAt: undefined,
      externalId: 'x1',
      customer: { email: undefined, phone: '+447700900123', handle: undefined, name: 'Ann' },
      subject: undefined,
      text: 'hello',
    });
  });

  it('reads the API shape with a nested customer', () => {
    const submission = rowToSubmission({
      channel: 'email',
      direction: 'outbound',
      customer: { email: 'a@b.co' },
      text: 'hi',
    });
    expect(submission.customer.email).toBe('a@b.co');
    expect(submission.direction).toBe('outbound');
  });

  it('gives identical rows the same derived id and different rows different ones', () => {
    const a = rowToSubmission({ channel: 'chat', email: 'a@b.co', text: 'hi' });
    const b = rowToSubmission({ channel: 'chat', email: 'a@b.co', text: 'hi' });
    const c = rowToSubmission({ channel: 'chat', email: 'a@b.co', text: 'hi!' });
    expect(importExternalId(a)).toBe(importExternalId(b));
    expect(importExternalId(a)).not.toBe(importExternalId(c));
  });
});
