import { describe, expect, it } from 'vitest';
import { identitiesOf, normalizeEmail, normalizeHandle, normalizePhone } from './identity.ts';

describe('customer identities', () => {
  it('recognises the same email whatever its case and surrounding spaces', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM ')).toEqual({
      ok: true,
      identity: { kind: 'email', value: 'jane.doe@example.com' },
    });
    expect(normalizeEmail('not-an-email').ok).toBe(false);
    expect(normalizeEmail('a@b').ok).toBe(false);
  });

  it('treats +44 and 0044 spellings of a number as one phone', () => {
    const a = normalizePhone('+44 7700 900-123');
    const b = normalizePhone('0044 (7700) 900123');
    expect(a).toEqual({ ok: true, identity: { kind: 'phone', value: '+447700900123' } });
    expect(b).toEqual(a);
    expect(normalizePhone('07700 900123')).toEqual({ ok: true, identity: { kind: 'phone', value: '07700900123' } });
  });

  it('refuses things that are not phone numbers', () => {
    expect(normalizePhone('call me maybe').ok).toBe(false);
    expect(normalizePhone('123').ok).toBe(false);
    expect(normalizePhone('+1234567890123456789').ok).toBe(false);
  });

  it('compares handles without the @ and case-insensitively', () => {
    expect(normalizeHandle('@JaneD')).toEqual({ ok: true, identity: { kind: 'handle', value: 'janed' } });
    expect(normalizeHandle('two words').ok).toBe(false);
  });

  it('orders identities strongest first and reports the ones it cannot read', () => {
    const { identities, problems } = identitiesOf({ handle: '@jd', phone: 'garbage', email: 'JD@example.org' });
    expect(identities.map((i) => i.kind)).toEqual(['email', 'handle']);
    expect(problems).toEqual(['"garbage" is not a phone number']);
  });
});
