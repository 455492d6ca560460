import type { Identity } from '../identity.ts';
import { compareNames, isFullName, nameTokens } from './names.ts';

/**
 * Likely duplicate customers. Customers are created automatically when an unknown sender
 * writes in, so one person often becomes two: a work email, later a call from a mobile. This
 * rule weighs what two customers have in common, says why in words an agent understands, and
 * suggests only pairs above a threshold, strongest first. A shared name on its own is weak
 * evidence (there are many John Smiths); a name that clearly differs counts against.
 */

export interface PostalAddressFacts {
  line1?: string | undefined;
  postcode?: string | undefined;
  country?: string | undefined;
}

/** What the rule knows of a customer. */
export interface CustomerFacts {
  id: string;
  name: string | null;
  identities: Identity[];
  region?: string | null | undefined;
  address?: PostalAddressFacts | null | undefined;
}

export type DuplicateSignal =
  | 'same_phone_other_prefix'
  | 'same_email_other_tag'
  | 'same_email_other_domain'
  | 'handle_matches_email'
  | 'same_address'
  | 'same_name'
  | 'names_nearly_identical'
  | 'names_compatible'
  | 'same_region'
  | 'different_given_names'
  | 'names_differ';

export interface DuplicateReason {
  signal: DuplicateSignal;
  /** What an agent reads: "same phone number except country prefix: +447700900123 vs 07700900123". */
  text: string;
  /** Points this adds to (or, when negative, takes from) the score. */
  weight: number;
}

export interface DuplicateSuggestion {
  customerId: string;
  /** 0–100: how likely the two are one person. */
  score: number;
  reasons: DuplicateReason[];
}

/** Pairs scoring below this are not suggested. */
export const SUGGESTION_THRESHOLD = 50;

/** Digits at the end of a phone number that every spelling of it shares; candidates are looked up by them. */
export const PHONE_KEY_DIGITS = 7;

/** Mailbox names shared by many people or none: equal ones at two domains say nothing. */
const GENERIC_MAILBOXES = new Set([
  'info',
  'support',
  'admin',
  'administrator',
  'noreply',
  'no-reply',
  'donotreply',
  'do-not-reply',
  'contact',
  'hello',
  'hi',
  'sales',
  'office',
  'mail',
  'email',
  'billing',
  'accounts',
  'account',
  'finance',
  'team',
  'enquiries',
  'enquiry',
  'inquiries',
  'help',
  'helpdesk',
  'service',
  'services',
  'customerservice',
  'customer.service',
  'webmaster',
  'postmaster',
  'hostmaster',
  'abuse',
  'security',
  'it',
  'hr',
  'jobs',
  'careers',
  'marketing',
  'news',
  'newsletter',
  'orders',
  'reception',
  'test',
  'user',
  'me',
  'home',
  'family',
  'root',
  'mailer-daemon',
  'notifications',
  'feedback',
  'press',
  'legal',
  'privacy',
  'bookings',
]);

const WEIGHTS = {
  phone: 70,
  emailTag: 70,
  emailPersonal: 50,
  emailPlain: 35,
  handle: 40,
  address: 35,
  sameFullName: 30,
  sameSingleName: 10,
  nearName: 20,
  compatibleName: 20,
  region: 5,
  differentGiven: -15,
  differentNames: -25,
} as const;

/** The digits phone numbers are looked up by (the last seven), or null for a number too short to say. */
export function phoneKey(value: string): string | null {
  const digits = value.replace(/\D/g, '');
  return digits.length >= PHONE_KEY_DIGITS ? digits.slice(-PHONE_KEY_DIGITS) : null;
}

/** The mailbox of an email address without its +tag, or null when it is a generic one (info@, support@, …). */
export function emailKey(value: string): string | null {
  const at = value.lastIndexOf('@');
  if (at <= 0) return null;
  const local = value.slice(0, at).toLowerCase().replace(/\+.*$/, '');
  if (local === '' || GENERIC_MAILBOXES.has(local)) return null;
  return local;
}

/**
 * Whether two stored phone numbers are one number written with and without its country code
 * or trunk 0: "+447700900123", "07700900123" and "7700900123" are; "+447700900123" and
 * "+17700900123" (two countries) are not. Returns the wording of the difference, or null.
 */
export function phoneDifference(a: string, b: string): 'country prefix' | 'leading 0' | 'leading +' | null {
  const intlA = a.startsWith('+');
  const intlB = b.startsWith('+');
  const digitsA = a.replace(/\D/g, '');
  const digitsB = b.replace(/\D/g, '');
  if (digitsA === digitsB) return intlA === intlB ? null : 'leading +';
  if (intlA && intlB) return null;
  if (!intlA && !intlB) {
    const nsnA = digitsA.replace(/^0+/, '');
    return nsnA.length >= PHONE_KEY_DIGITS && nsnA === digitsB.replace(/^0+/, '') ? 'leading 0' : null;
  }
  const [international, national] = intlA ? [digitsA, digitsB] : [digitsB, digitsA];
  const nsn = national.replace(/^0+/, '');
  if (nsn.length < PHONE_KEY_DIGITS || !international.endsWith(nsn)) return null;
  // What is left is the country code (1–3 digits), perhaps with the 0 people keep in "+44 (0)7700…".
  const prefix = international.length - nsn.length;
  return prefix >= 1 && prefix <= 4 ? 'country prefix' : null;
}

/** A mailbox name that looks like one person's: jane.doe, jsmith1980, janedoe (not jane). */
function personalMailbox(local: string): boolean {
  return local.length >= 8 || (local.length >= 5 && /[._\-\d]/.test(local));
}

const squash = (text: string | undefined) => (text ?? '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** A postcode's letters and digits, upper case ("ls1 4ap" → "LS14AP"): candidates are looked up by it. Null when too short to say. */
export function postcodeKey(postcode: string | null | undefined): string | null {
  const key = (postcode ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return key.length >= 3 ? key : null;
}

function sameAddress(a: PostalAddressFacts | null | undefined, b: PostalAddressFacts | null | undefined): boolean {
  if (!a || !b) return false;
  const postcode = postcodeKey(a.postcode);
  const line1 = squash(a.line1);
  if (!postcode || !line1) return false;
  if (a.country && b.country && squash(a.country) !== squash(b.country)) return false;
  return postcode === postcodeKey(b.postcode) && line1 === squash(b.line1);
}

/** Every piece of evidence that `a` and `b` are one person, and against it, with its weight. */
export function duplicateReasons(a: CustomerFacts, b: CustomerFacts): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  const of = (facts: CustomerFacts, kind: Identity['kind']) =>
    facts.identities.filter((i) => i.kind === kind).map((i) => i.value);

  for (const phoneA of of(a, 'phone')) {
    const match = of(b, 'phone').find((phoneB) => phoneDifference(phoneA, phoneB) !== null);
    if (match) {
      reasons.push({
        signal: 'same_phone_other_prefix',
        weight: WEIGHTS.phone,
        text: `same phone number except ${phoneDifference(phoneA, match)}: ${phoneA} vs ${match}`,
      });
      break;
    }
  }

  let emailReason: DuplicateReason | undefined;
  for (const emailA of of(a, 'email')) {
    for (const emailB of of(b, 'email')) {
      const key = emailKey(emailA);
      if (key === null || key !== emailKey(emailB)) continue;
      const domainA = emailA.slice(emailA.lastIndexOf('@') + 1);
      const domainB = emailB.slice(emailB.lastIndexOf('@') + 1);
      const candidate: DuplicateReason =
        domainA === domainB
          ? {
              signal: 'same_email_other_tag',
              weight: WEIGHTS.emailTag,
              text: `same email address apart from a +tag: ${emailA} / ${emailB}`,
            }
          : {
              signal: 'same_email_other_domain',
              weight: personalMailbox(key) ? WEIGHTS.emailPersonal : WEIGHTS.emailPlain,
              text: `same email address at another domain: ${emailA} / ${emailB}`,
            };
      if (!emailReason || candidate.weight > emailReason.weight) emailReason = candidate;
    }
  }
  if (emailReason) reasons.push(emailReason);

  const handleMatch = matchHandle(of(a, 'handle'), of(b, 'email')) ?? matchHandle(of(b, 'handle'), of(a, 'email'));
  if (handleMatch)
    reasons.push({
      signal: 'handle_matches_email',
      weight: WEIGHTS.handle,
      text: `handle matches email address: @${handleMatch.handle} / ${handleMatch.email}`,
    });

  if (sameAddress(a.address, b.address)) {
    const where = [b.address!.line1, b.address!.postcode].filter(Boolean).join(', ');
    reasons.push({ signal: 'same_address', weight: WEIGHTS.address, text: `same postal address: ${where}` });
  }

  const names = nameReason(a.name, b.name);
  if (names) reasons.push(names);

  const positive = reasons.some((r) => r.weight > 0);
  if (positive && a.region && b.region && a.region.trim().toLowerCase() === b.region.trim().toLowerCase()) {
    reasons.push({ signal: 'same_region', weight: WEIGHTS.region, text: `same region: ${b.region}` });
  }
  return reasons;
}

function matchHandle(handles: string[], emails: string[]): { handle: string; email: string } | undefined {
  for (const handle of handles) {
    if (handle.length < 5) continue;
    const email = emails.find((e) => emailKey(e) === handle);
    if (email) return { handle, email };
  }
  return undefined;
}

function nameReason(a: string | null, b: string | null): DuplicateReason | undefined {
  const pair = a === b ? `${b}` : `${a} / ${b}`;
  switch (compareNames(a, b)) {
    case 'same': {
      const full = isFullName(a);
      const detail = nameTokens(a).join(' ') === nameTokens(b).join(' ') ? '' : ' in another order';
      return {
        signal: 'same_name',
        weight: full ? WEIGHTS.sameFullName : WEIGHTS.sameSingleName,
        text: `same name${detail}: ${pair}`,
      };
    }
    case 'near':
      return { signal: 'names_nearly_identical', weight: WEIGHTS.nearName, text: `names nearly identical: ${pair}` };
    case 'compatible':
      return {
        signal: 'names_compatible',
        weight: WEIGHTS.compatibleName,
        text: `names could be the same person's (initial, short form or middle name): ${pair}`,
      };
    case 'same_surname':
      return {
        signal: 'different_given_names',
        weight: WEIGHTS.differentGiven,
        text: `but different first names: ${pair}`,
      };
    case 'different':
      return { signal: 'names_differ', weight: WEIGHTS.differentNames, text: `but the names differ: ${pair}` };
    default:
      return undefined;
  }
}

/** How likely `a` and `b` are one person (0–100), and why. */
export function scoreDuplicate(a: CustomerFacts, b: CustomerFacts): { score: number; reasons: DuplicateReason[] } {
  const reasons = duplicateReasons(a, b);
  const score = Math.max(
    0,
    Math.min(
      100,
      reasons.reduce((sum, r) => sum + r.weight, 0),
    ),
  );
  // Strongest evidence first; what counts against comes last.
  reasons.sort((x, y) => y.weight - x.weight);
  return { score, reasons };
}

/** Whether a score is high enough to put a pair in front of an agent. */
export const isSuggested = (score: number, threshold = SUGGESTION_THRESHOLD): boolean => score >= threshold;

/**
 * The candidates likely to be the same person as `customer`, strongest first (ties: more
 * reasons first, then by id so the order is stable), at most `limit` of them.
 */
export function suggestDuplicates(
  customer: CustomerFacts,
  candidates: readonly CustomerFacts[],
  options: { threshold?: number; limit?: number } = {},
): DuplicateSuggestion[] {
  const threshold = options.threshold ?? SUGGESTION_THRESHOLD;
  const seen = new Set<string>([customer.id]);
  const suggestions: DuplicateSuggestion[] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.id)) continue;
    seen.add(candidate.id);
    const { score, reasons } = scoreDuplicate(customer, candidate);
    if (isSuggested(score, threshold)) suggestions.push({ customerId: candidate.id, score, reasons });
  }
  suggestions.sort(byStrength);
  return suggestions.slice(0, options.limit ?? 10);
}

/** Strongest first: score, then number of reasons, then id. */
export function byStrength(
  x: { score: number; reasons: unknown[]; customerId: string },
  y: { score: number; reasons: unknown[]; customerId: string },
): number {
  return (
    y.score - x.score ||
    y.reasons.length - x.reasons.length ||
    (x.customerId < y.customerId ? -1 : x.customerId > y.customerId ? 1 : 0)
  );
}
