import { notFound } from '../../errors.ts';
import { resolveCustomerId } from '../../store/repositories/customer-merges.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { customerSummary, suggestionsFor } from './duplicate-suggestions.ts';

/**
 * Customers who are likely the same person as this one, strongest first, with the reasons.
 * An id of a merged customer stands for the customer it was merged into.
 */
export async function findDuplicates(scope: TenantScope, requestedId: string, options: { limit: number }) {
  const customerId = await resolveCustomerId(scope, requestedId);
  if (!customerId) throw notFound('Customer');
  const { facts, suggestions } = await suggestionsFor(scope, [customerId], { perSubject: options.limit, byName: true });
  return {
    customerId,
    suggestions: (suggestions.get(customerId) ?? []).map((s) => ({
      customer: customerSummary(facts.get(s.customerId)!),
      score: s.score,
      reasons: s.reasons,
    })),
  };
}
