import { AppError, invalid, notFound } from '../../errors.ts';
import { customerLabel } from '../../domain/customers/merge.ts';
import { dismissPair, lockCustomers } from '../../store/repositories/customer-merges.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';

/** "Not the same person": the pair is never suggested as duplicates again. Saying it twice changes nothing. */
export function dismissDuplicate(actor: Actor, customerId: string, otherId: string, now = new Date()) {
  if (customerId === otherId)
    throw invalid('A customer is always the same person as themselves', { reason: 'dismiss_itself' });
  return inTransaction(actor.scope, async (scope) => {
    const locked = await lockCustomers(scope, [customerId, otherId]);
    const merged = [...locked.values()].find((c) => c.mergedIntoId !== null);
    if (locked.size < 2) throw notFound('Customer');
    if (merged) {
      throw new AppError(
        'conflict',
        `${customerLabel(merged)} was merged into another customer; compare with the customer it points to`,
        {
          reason: 'customer_merged',
          customerId: merged.id,
          mergedIntoId: merged.mergedIntoId,
        },
      );
    }
    const dismissedAt = await dismissPair(scope, customerId, otherId, {
      userId: actor.userId,
      reason: 'dismissed',
      at: now,
    });
    return { customerId, otherId, dismissedAt: dismissedAt.toISOString() };
  });
}
