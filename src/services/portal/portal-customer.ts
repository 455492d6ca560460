import { AppError } from '../../errors.ts';
import { findUser } from '../../store/repositories/people.ts';
import type { Actor } from '../actor.ts';

/** The customer a portal login belongs to: everything the portal shows is scoped to them. */
export async function portalCustomer(actor: Actor): Promise<{ customerId: string; email: string; name: string }> {
  const user = actor.userId ? await findUser(actor.scope, actor.userId) : undefined;
  if (!user?.customerId || !user.active)
    throw new AppError('forbidden', 'The portal is for signed-in customers', { reason: 'not_a_customer' });
  return { customerId: user.customerId, email: user.email, name: user.name };
}
