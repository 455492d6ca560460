import type { DuplicateReason } from '../../domain/customers/duplicates.ts';
import { pairKey } from '../../store/repositories/customer-merges.ts';
import { recentCustomerIds } from '../../store/repositories/customer-duplicates.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { customerSummary, suggestionsFor } from './duplicate-suggestions.ts';

/** How many of the newest customers a tenant-wide review looks at: duplicates are born new. */
export const REVIEW_WINDOW = 300;
const PER_CUSTOMER = 5;

/**
 * Likely duplicate pairs across the organisation for a supervisor to work through, best
 * first. To stay cheap with many customers it looks at the newest customers (a duplicate is
 * created when someone known writes in from a new address) and their candidates. In each pair
 * `customer` is the older one, suggested to keep, and `duplicate` the newer.
 */
export async function duplicatePairs(scope: TenantScope, options: { limit: number }) {
  const ids = await recentCustomerIds(scope, REVIEW_WINDOW);
  const { facts, suggestions } = await suggestionsFor(scope, ids, { perSubject: PER_CUSTOMER, byName: false });
  type Summary = ReturnType<typeof customerSummary>;
  const pairs = new Map<string, { customer: Summary; duplicate: Summary; score: number; reasons: DuplicateReason[] }>();
  for (const [subjectId, list] of suggestions) {
    for (const suggestion of list) {
      const key = pairKey(subjectId, suggestion.customerId);
      const existing = pairs.get(key);
      if (existing && existing.score >= suggestion.score) continue;
      const a = facts.get(subjectId)!;
      const b = facts.get(suggestion.customerId)!;
      const [older, newer] = a.createdAt.getTime() <= b.createdAt.getTime() ? [a, b] : [b, a];
      pairs.set(key, {
        customer: customerSummary(older),
        duplicate: customerSummary(newer),
        score: suggestion.score,
        reasons: suggestion.reasons,
      });
    }
  }
  const ranked = [...pairs.values()].sort(
    (x, y) =>
      y.score - x.score ||
      y.reasons.length - x.reasons.length ||
      y.duplicate.createdAt.localeCompare(x.duplicate.createdAt),
  );
  return { examinedCustomers: ids.length, pairs: ranked.slice(0, options.limit) };
}
