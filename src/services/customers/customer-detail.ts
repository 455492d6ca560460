import type { Actor } from '../actor.ts';
import { contactReader } from '../analysis/analyst-copy.ts';
import { listIdentities } from '../../store/repositories/customers.ts';
import { lastPassedVerificationStart } from '../../store/repositories/verifications.ts';
import { customerProfile, type CustomerProfile } from './customer-profile.ts';

/**
 * How long a passed verification lets the screens show the record's postal address: the call it
 * was made on and a little more (a session lasts 15 minutes; a call back soon after is still the
 * same conversation). Counted from the start of the session that passed.
 */
export const ADDRESS_SHOWN_MINUTES = 60;

/**
 * A customer and every way they can be reached, as this actor may see them. Roles that may not
 * read personal data (analysts) learn how a customer can be reached, never the addresses and
 * numbers themselves.
 *
 * The postal address is what a caller is asked to prove who they are (seed 000): an agent who
 * can read it before the caller passed verification can read it out, or hint at it. It is
 * withheld (an empty object, `addressWithheld` true) until this customer passed a verification
 * session started within the last ADDRESS_SHOWN_MINUTES; `verifiedUntil` says when it hides
 * again. Date of birth, PIN and last payment are never shown (verificationDetails says whether
 * they are held). Names, emails and phone numbers, needed to reach the customer, are shown.
 */
export async function customerDetail(actor: Actor, customerId: string, now = new Date()) {
  const profile = await customerProfile(actor.scope, customerId);
  const [identities, shown] = await Promise.all([
    listIdentities(actor.scope, profile.id),
    asShownTo(actor, profile, { now }),
  ]);
  if (contactReader(actor.role).personalData) return { ...shown, identities };
  const masked = (kind: 'email' | 'phone' | 'handle') => `[${kind.toUpperCase()}]`;
  return {
    ...shown,
    emails: profile.emails.map(() => masked('email')),
    phones: profile.phones.map(() => masked('phone')),
    handles: profile.handles.map(() => masked('handle')),
    identities: identities.map((identity) => ({ ...identity, value: masked(identity.kind) })),
  };
}

/**
 * A customer's profile with the postal address withheld unless the customer passed verification
 * within the last ADDRESS_SHOWN_MINUTES. Every answer that carries a profile goes through this:
 * the one that follows an edit or a merge too, or reading it back would be a way round the rule.
 * An address the caller has just sent (`addressSent`, creating or correcting it) is theirs to see.
 */
export async function asShownTo<P extends CustomerProfile>(
  actor: Pick<Actor, 'scope' | 'role'>,
  profile: P,
  options: { addressSent?: boolean; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - ADDRESS_SHOWN_MINUTES * 60_000);
  const passedAt = await lastPassedVerificationStart(actor.scope, profile.id, since);
  const verifiedUntil = passedAt ? new Date(passedAt.getTime() + ADDRESS_SHOWN_MINUTES * 60_000).toISOString() : null;
  const addressWithheld =
    profile.address !== null &&
    (!contactReader(actor.role).personalData || (verifiedUntil === null && !options.addressSent));
  return { ...profile, address: addressWithheld ? {} : profile.address, addressWithheld, verifiedUntil };
}
