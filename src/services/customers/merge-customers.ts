import { notFound } from '../../errors.ts';
import { canMergeCustomers, customerLabel } from '../../domain/customers/merge.ts';
import {
  CUSTOMER_RECORD_TABLES,
  fillProfile,
  finishCustomerMerge,
  insertCustomerEvents,
  insertCustomerMerge,
  lockCustomers,
  moveCustomerRecords,
  setCustomerMergedInto,
  type ProfileField,
} from '../../store/repositories/customer-merges.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { customerMergeView, mergeRefusalError } from './customer-merge-view.ts';
import { asShownTo } from './customer-detail.ts';
import { customerProfile } from './customer-profile.ts';

const PROFILE_FIELDS: readonly ProfileField[] = ['name', 'region', 'address'];

/**
 * Merges a duplicate customer into the customer that survives it, in one transaction:
 * everything of the duplicate — identities, contacts, cases and their events, callbacks,
 * portal users, chat sessions, … (CUSTOMER_RECORD_TABLES) — moves to the survivor, whose empty
 * name, region or address take the duplicate's. The duplicate keeps its row and points at the
 * survivor, so its id still leads to the person. The merge records exactly what moved, so that
 * it can be undone, and both customers' timelines say what happened.
 */
export function mergeCustomers(actor: Actor, survivorId: string, input: { duplicateId: string }, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const locked = await lockCustomers(scope, [survivorId, input.duplicateId]);
    const survivor = locked.get(survivorId);
    const duplicate = locked.get(input.duplicateId);
    if (!survivor || !duplicate) throw notFound('Customer');
    const check = canMergeCustomers(survivor, duplicate);
    if (!check.ok)
      throw mergeRefusalError(check, {
        mergedIntoId: (check.code === 'merge_into_merged' ? survivor : duplicate).mergedIntoId,
      });

    const filledFields = PROFILE_FIELDS.filter((f) => survivor[f] === null && duplicate[f] !== null);
    const merge = await insertCustomerMerge(scope, {
      survivingCustomerId: survivor.id,
      mergedCustomerId: duplicate.id,
      filledFields,
      mergedBy: actor.userId,
      mergedAt: now,
    });
    const moved: Record<string, number> = {};
    for (const records of CUSTOMER_RECORD_TABLES)
      moved[records.table] = await moveCustomerRecords(scope, merge.id, records, duplicate.id, survivor.id);
    if (filledFields.length > 0) await fillProfile(scope, survivor.id, duplicate.id);
    await setCustomerMergedInto(scope, duplicate.id, survivor.id);
    const record = await finishCustomerMerge(scope, merge.id, moved);

    const by = { actorUserId: actor.userId, actorLabel: actor.label, occurredAt: now };
    await insertCustomerEvents(scope, [
      {
        ...by,
        customerId: survivor.id,
        kind: 'merged_from',
        data: { mergeId: merge.id, customerId: duplicate.id, name: customerLabel(duplicate), moved, filledFields },
      },
      {
        ...by,
        customerId: duplicate.id,
        kind: 'merged_into',
        data: { mergeId: merge.id, customerId: survivor.id, name: customerLabel(survivor) },
      },
    ]);
    return {
      ...customerMergeView(record),
      survivor: await asShownTo({ ...actor, scope }, await customerProfile(scope, survivor.id)),
    };
  });
}
