import type { Actor } from '../actor.ts';
import { contactReader } from '../analysis/analyst-copy.ts';
import { listIdentities } from '../../store/repositories/customers.ts';
import { customerProfile } from './customer-profile.ts';

/**
 * A customer and every way they can be reached, as this actor may see them. Roles that may not
 * read personal data (analysts) learn how a customer can be reached, never the addresses and
 * numbers themselves.
 */
export async function customerDetail(actor: Actor, customerId: string) {
  const profile = await customerProfile(actor.scope, customerId);
  const identities = await listIdentities(actor.scope, profile.id);
  if (contactReader(actor.role).personalData) return { ...profile, identities };
  const masked = (kind: 'email' | 'phone' | 'handle') => `[${kind.toUpperCase()}]`;
  return {
    ...profile,
    emails: profile.emails.map(() => masked('email')),
    phones: profile.phones.map(() => masked('phone')),
    handles: profile.handles.map(() => masked('handle')),
    address: profile.address ? {} : null,
    identities: identities.map((identity) => ({ ...identity, value: masked(identity.kind) })),
  };
}
