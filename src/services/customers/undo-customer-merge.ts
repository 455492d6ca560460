import { notFound } from '../../errors.ts';
import { canUndoCustomerMerge, customerLabel } from '../../domain/customers/merge.ts';
import {
  caseMergesAcross,
  casesToMoveBack,
  CUSTOMER_RECORD_TABLES,
  dismissPair,
  findCustomerMerge,
  insertCustomerEvents,
  lockCustomers,
  markCustomerMergeUndone,
  moveRecordsBack,
  setCustomerMergedInto,
  unfillProfile,
} from '../../store/repositories/customer-merges.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { customerMergeView, mergeRefusalError } from './customer-merge-view.ts';
import { asShownTo } from './customer-detail.ts';
import { customerProfile } from './customer-profile.ts';

/**
 * Undoes a customer merge: what the merge moved goes back to the merged customer, as far as
 * the survivor still has it — cases it moved, with everything on them (also what arrived on
 * those cases since); identities, portal users and contacts on no case that it moved. What
 * reached the survivor after the merge otherwise stays. Profile fields the merge filled are
 * emptied again if unchanged since. The pair is then no longer suggested as duplicates.
 */
export function undoCustomerMerge(actor: Actor, mergeId: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const peek = await findCustomerMerge(scope, mergeId);
    if (!peek) throw notFound('Customer merge');
    const locked = await lockCustomers(scope, [peek.survivingCustomerId, peek.mergedCustomerId]);
    const merge = (await findCustomerMerge(scope, mergeId, { forUpdate: true }))!;
    const survivor = locked.get(merge.survivingCustomerId)!;
    const merged = locked.get(merge.mergedCustomerId)!;
    const casesBack = merge.undoneAt === null ? await casesToMoveBack(scope, merge) : [];
    const check = canUndoCustomerMerge(merge, survivor, merged, await caseMergesAcross(scope, casesBack));
    if (!check.ok) throw mergeRefusalError(check, { mergeId: merge.id });

    const restored: Record<string, number> = {};
    for (const records of CUSTOMER_RECORD_TABLES)
      restored[records.table] = await moveRecordsBack(scope, merge, records, casesBack);
    await unfillProfile(scope, merge);
    await setCustomerMergedInto(scope, merged.id, null);
    const record = await markCustomerMergeUndone(scope, merge.id, { undoneBy: actor.userId, undoneAt: now, restored });
    await dismissPair(scope, survivor.id, merged.id, { userId: actor.userId, reason: 'merge_undone', at: now });

    const by = { actorUserId: actor.userId, actorLabel: actor.label, occurredAt: now };
    await insertCustomerEvents(scope, [
      {
        ...by,
        customerId: survivor.id,
        kind: 'unmerged',
        data: { mergeId: merge.id, customerId: merged.id, name: customerLabel(merged), restored },
      },
      {
        ...by,
        customerId: merged.id,
        kind: 'unmerged',
        data: { mergeId: merge.id, customerId: survivor.id, name: customerLabel(survivor), restored },
      },
    ]);
    return {
      ...customerMergeView(record),
      survivor: await asShownTo({ ...actor, scope }, await customerProfile(scope, survivor.id)),
      restoredCustomer: await asShownTo({ ...actor, scope }, await customerProfile(scope, merged.id)),
    };
  });
}
