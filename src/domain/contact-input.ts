import { identitiesOf, type CustomerClaims, type Identity } from './identity.ts';
import { isChannel, isDirection, type Channel, type Direction } from './vocabulary.ts';

/** A contact as a channel, an importer or an API client hands it over. */
export interface ContactSubmission {
  channel: string;
  direction: string;
  occurredAt?: string | Date | undefined;
  externalId?: string | undefined;
  customer: CustomerClaims & { name?: string | undefined };
  subject?: string | undefined;
  text: string;
  /** The outsourcer (contact centre, dialer) that handled the contact, when one did. */
  vendor?: string | undefined;
}

/** A submission that passed every rule, in canonical form. */
export interface AcceptedContact {
  channel: Channel;
  direction: Direction;
  occurredAt: Date;
  externalId: string | null;
  identities: Identity[];
  customerName: string | null;
  subject: string | null;
  text: string;
  vendor?: string | null;
}

export const MAX_TEXT_LENGTH = 200_000;
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

export type ContactCheck = { ok: true; contact: AcceptedContact } | { ok: false; problems: string[] };

/** Checks a submission against the rules a person would expect; lists every problem at once. */
export function checkContactSubmission(input: ContactSubmission, now: Date): ContactCheck {
  const problems: string[] = [];
  if (!isChannel(input.channel))
    problems.push(`channel "${String(input.channel)}" is not one of email, chat, phone, sms, portal, forum, social`);
  if (!isDirection(input.direction))
    problems.push(`direction "${String(input.direction)}" must be inbound or outbound`);

  const text = typeof input.text === 'string' ? withoutNul(input.text).trim() : '';
  if (text === '') problems.push('text is empty');
  if (text.length > MAX_TEXT_LENGTH) problems.push(`text is longer than ${MAX_TEXT_LENGTH} characters`);

  let occurredAt = now;
  if (input.occurredAt !== undefined && input.occurredAt !== '') {
    occurredAt = input.occurredAt instanceof Date ? input.occurredAt : new Date(input.occurredAt);
    if (Number.isNaN(occurredAt.getTime()))
      problems.push(`occurredAt "${String(input.occurredAt)}" is not a date and time`);
    else if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) problems.push('occurredAt is in the future');
  }

  const claims = input.customer ?? {};
  const { identities, problems: identityProblems } = identitiesOf(claims);
  problems.push(...identityProblems);
  if (identities.length === 0 && identityProblems.length === 0) {
    problems.push('customer needs an email, a phone or a handle to be recognised');
  }

  const vendor = input.vendor === undefined ? '' : withoutNul(input.vendor).trim();
  if (vendor.length > 200) problems.push('vendor is longer than 200 characters');

  if (problems.length > 0) return { ok: false, problems };
  const subject = input.subject === undefined ? undefined : withoutNul(input.subject).trim();
  const name = claims.name === undefined ? undefined : withoutNul(claims.name).trim();
  const externalId = input.externalId?.trim();
  return {
    ok: true,
    contact: {
      channel: input.channel as Channel,
      direction: input.direction as Direction,
      occurredAt,
      externalId: externalId ? externalId : null,
      identities,
      customerName: name ? name : null,
      subject: subject ? subject : null,
      text,
      vendor: vendor === '' ? null : vendor,
    },
  };
}

/** PostgreSQL text cannot hold NUL characters; mail and transcripts sometimes carry them. */
function withoutNul(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}
