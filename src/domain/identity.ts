import type { IdentityKind } from './vocabulary.ts';

/** One way of reaching a customer, in the canonical form used to recognise them again. */
export interface Identity {
  kind: IdentityKind;
  value: string;
}

export type NormalizeResult = { ok: true; identity: Identity } | { ok: false; reason: string };

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

export function normalizeEmail(raw: string): NormalizeResult {
  const value = raw.trim().toLowerCase();
  if (value.length > 254 || !EMAIL.test(value)) return { ok: false, reason: `"${raw}" is not an email address` };
  return { ok: true, identity: { kind: 'email', value } };
}

/**
 * Phone numbers are compared by digits: "+44 7700 900-123" and "0044 7700900123" are one
 * number. Without a country context a national number (07700…) is kept as its digits.
 */
export function normalizePhone(raw: string): NormalizeResult {
  const trimmed = raw.trim();
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) return { ok: false, reason: `"${raw}" is not a phone number` };
  let digits = trimmed.replace(/\D/g, '');
  let international = trimmed.startsWith('+');
  if (!international && digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  if (digits.length < 5 || digits.length > 15) return { ok: false, reason: `"${raw}" is not a phone number` };
  return { ok: true, identity: { kind: 'phone', value: international ? `+${digits}` : digits } };
}

/** Social and forum handles: case-insensitive, with or without the leading "@". */
export function normalizeHandle(raw: string): NormalizeResult {
  const value = raw.trim().replace(/^@/, '').toLowerCase();
  if (value.length === 0 || value.length > 200 || /\s/.test(value)) {
    return { ok: false, reason: `"${raw}" is not a handle` };
  }
  return { ok: true, identity: { kind: 'handle', value } };
}

export interface CustomerClaims {
  email?: string | undefined;
  phone?: string | undefined;
  handle?: string | undefined;
}

/**
 * The identities a contact carries, strongest first (an email outranks a phone, a phone a
 * handle): when they point at different customers the first one wins.
 */
export function identitiesOf(claims: CustomerClaims): { identities: Identity[]; problems: string[] } {
  const identities: Identity[] = [];
  const problems: string[] = [];
  const add = (raw: string | undefined, normalize: (raw: string) => NormalizeResult) => {
    if (raw === undefined || raw.trim() === '') return;
    const result = normalize(raw);
    if (result.ok) identities.push(result.identity);
    else problems.push(result.reason);
  };
  add(claims.email, normalizeEmail);
  add(claims.phone, normalizePhone);
  add(claims.handle, normalizeHandle);
  return { identities, problems };
}

export const identityKey = (identity: Identity): string => `${identity.kind}:${identity.value}`;
