import { refuse, type Outcome } from '../cases/ownership.ts';

/** What the customer merge rules need to know about a customer. */
export interface MergeableCustomer {
  id: string;
  name: string | null;
  mergedIntoId: string | null;
}

/** How a customer is named in messages: their name, or the start of their id. */
export const customerLabel = (c: { id: string; name: string | null }): string =>
  c.name?.trim() ? c.name.trim() : `customer ${c.id.slice(0, 8)}`;

export type CustomerMergeRefusal = 'merge_into_itself' | 'customer_already_merged' | 'merge_into_merged';

/**
 * Whether `duplicate` may be merged into `survivor`: two different customers, neither already
 * merged into someone else (merge into the customer a merged one points to instead).
 */
export function canMergeCustomers(
  survivor: MergeableCustomer,
  duplicate: MergeableCustomer,
): Outcome<object, CustomerMergeRefusal> {
  if (survivor.id === duplicate.id) return refuse('merge_into_itself', 'A customer cannot be merged into itself');
  if (duplicate.mergedIntoId !== null) {
    return refuse(
      'customer_already_merged',
      `${customerLabel(duplicate)} is already merged into another customer; undo that merge first`,
    );
  }
  if (survivor.mergedIntoId !== null) {
    return refuse(
      'merge_into_merged',
      `${customerLabel(survivor)} was itself merged into another customer; merge into the customer it points to`,
    );
  }
  return { ok: true };
}

export type UndoCustomerMergeRefusal =
  'merge_already_undone' | 'survivor_merged' | 'merge_not_in_force' | 'cases_merged_across';

/** A case merge made after the customers were merged, joining a case of each side. */
export interface CaseMergeAcross {
  mergedNumber: number;
  survivingNumber: number;
}

/**
 * Whether a customer merge can be undone: it is the merge in force, the survivor has not
 * been merged into someone else since (undo that first: merges unwind in reverse order), and
 * no case that would go back was merged with a case that stays (unmerge those cases first).
 */
export function canUndoCustomerMerge(
  merge: { undoneAt: Date | null; survivingCustomerId: string },
  survivor: MergeableCustomer,
  merged: MergeableCustomer,
  caseMergesAcross: readonly CaseMergeAcross[],
): Outcome<object, UndoCustomerMergeRefusal> {
  if (merge.undoneAt !== null)
    return refuse(
      'merge_already_undone',
      `This merge of ${customerLabel(merged)} into ${customerLabel(survivor)} was already undone`,
    );
  if (survivor.mergedIntoId !== null) {
    return refuse(
      'survivor_merged',
      `${customerLabel(survivor)} has since been merged into another customer; undo that merge first`,
    );
  }
  if (merged.mergedIntoId !== merge.survivingCustomerId)
    return refuse('merge_not_in_force', `${customerLabel(merged)} is no longer merged into ${customerLabel(survivor)}`);
  const across = caseMergesAcross[0];
  if (across) {
    return refuse(
      'cases_merged_across',
      `Case C-${across.mergedNumber} was merged with C-${across.survivingNumber} after the customers were merged, so the two customers now share a case; unmerge those cases first`,
    );
  }
  return { ok: true };
}
