import { AppError } from '../../errors.ts';
import type { Refusal } from '../../domain/cases/ownership.ts';
import type { CustomerMergeRow } from '../../store/repositories/customer-merges.ts';

/** A customer merge as callers see it: who survived, who was merged, what moved and whether it was undone. */
export function customerMergeView(row: CustomerMergeRow) {
  return {
    id: row.id,
    survivingCustomerId: row.survivingCustomerId,
    mergedCustomerId: row.mergedCustomerId,
    mergedBy: row.mergedBy,
    mergedAt: row.mergedAt.toISOString(),
    filledFields: row.filledFields,
    moved: row.moved,
    undoneBy: row.undoneBy,
    undoneAt: row.undoneAt?.toISOString() ?? null,
    restored: row.restored,
  };
}

/** A refused merge or undo as the error a caller sees: asking to merge a customer into itself is 400, the rest 409. */
export function mergeRefusalError(refusal: Refusal, details: Record<string, unknown> = {}): AppError {
  return refusal.code === 'merge_into_itself'
    ? new AppError('validation_failed', refusal.message, { reason: refusal.code, ...details })
    : new AppError('conflict', refusal.message, { reason: refusal.code, ...details });
}
