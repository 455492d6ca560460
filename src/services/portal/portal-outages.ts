import { listCustomerOutages } from '../../store/repositories/customer-outages.ts';
import type { Actor } from '../actor.ts';
import { portalCustomer } from './portal-customer.ts';
import { formatCaseReference } from '../../domain/channels/case-reference.ts';

/** "C-1", "C-1 and C-2", "C-1, C-2 and C-3". */
function listOf(references: string[]): string {
  if (references.length <= 1) return references.join('');
  return `${references.slice(0, -1).join(', ')} and ${references[references.length - 1]}`;
}

/**
 * Known problems affecting the signed-in customer: those behind one of their cases that are
 * not resolved yet, with the workaround we published. Problems carry no region, so a problem
 * reaches a customer only through a case of theirs linked to it.
 */
export async function portalOutages(actor: Actor) {
  const { customerId } = await portalCustomer(actor);
  const rows = await listCustomerOutages(actor.scope, customerId);
  return {
    items: rows.map((row) => {
      const references = row.caseNumbers.map((n) => formatCaseReference(n));
      return {
        problemId: row.problemId,
        title: row.title,
        status: row.status,
        workaround: row.workaround,
        since: row.since.toISOString(),
        affects: `Your ${references.length === 1 ? 'case' : 'cases'} ${listOf(references)}`,
      };
    }),
  };
}
