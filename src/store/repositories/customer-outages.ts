import { sql } from 'drizzle-orm';
import type { ProblemStatus } from '../../domain/problems/problem-status.ts';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface CustomerOutageRow {
  problemId: string;
  title: string;
  status: Exclude<ProblemStatus, 'resolved'>;
  workaround: string | null;
  since: Date;
  /** The customer's own cases linked to the problem, by number. */
  caseNumbers: number[];
}

/**
 * Problems not yet resolved behind one of the customer's cases (merged duplicates left out:
 * the case they were merged into carries the link). Only what a customer may read is selected:
 * never the description, root cause or resolution notes.
 */
export async function listCustomerOutages(scope: TenantScope, customerId: string): Promise<CustomerOutageRow[]> {
  const result = await scope.db.execute(sql`
    SELECT p.id, p.title, p.status, p.workaround, p.created_at, array_agg(c.number ORDER BY c.number) AS numbers
    FROM cases c
    JOIN problems p ON p.tenant_id = c.tenant_id AND p.id = c.problem_id
    WHERE c.tenant_id = ${scope.tenantId} AND c.customer_id = ${customerId} AND c.problem_id IS NOT NULL
      AND c.merged_into_id IS NULL AND p.status <> 'resolved'
    GROUP BY p.id, p.title, p.status, p.workaround, p.created_at
    ORDER BY p.created_at DESC, p.id`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    problemId: r.id as string,
    title: r.title as string,
    status: r.status as CustomerOutageRow['status'],
    workaround: (r.workaround as string | null) ?? null,
    since: new Date(r.created_at as string),
    caseNumbers: (r.numbers as (number | string)[]).map(Number),
  }));
}
