import { sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

/** Who a case is in front of: its owner and team, and the receivers of its open transfer offer and pending escalation. */
export interface CaseAudience {
  caseId: string;
  customerId: string;
  ownerId: string | null;
  teamId: string | null;
  userIds: string[];
  teamIds: string[];
}

/** One statement: it runs before and after every change that moves a case between queues. */
export async function findCaseAudience(scope: TenantScope, caseId: string): Promise<CaseAudience | undefined> {
  const result = await scope.db.execute(sql`
    SELECT c.id, c.customer_id, c.owner_id, c.team_id,
      ARRAY(SELECT t.to_user_id FROM case_transfers t WHERE t.tenant_id = c.tenant_id AND t.case_id = c.id AND t.status = 'offered' AND t.to_user_id IS NOT NULL
            UNION SELECT e.target_user_id FROM case_escalations e WHERE e.tenant_id = c.tenant_id AND e.case_id = c.id AND e.status = 'pending' AND e.target_user_id IS NOT NULL)::text[] AS user_ids,
      ARRAY(SELECT t.to_team_id FROM case_transfers t WHERE t.tenant_id = c.tenant_id AND t.case_id = c.id AND t.status = 'offered' AND t.to_team_id IS NOT NULL
            UNION SELECT e.target_team_id FROM case_escalations e WHERE e.tenant_id = c.tenant_id AND e.case_id = c.id AND e.status = 'pending' AND e.target_team_id IS NOT NULL)::text[] AS team_ids
    FROM cases c
    WHERE c.tenant_id = ${scope.tenantId} AND c.id = ${caseId}`);
  const row = rowsOf<{
    id: string;
    customer_id: string;
    owner_id: string | null;
    team_id: string | null;
    user_ids: string[];
    team_ids: string[];
  }>(result)[0];
  if (!row) return undefined;
  return {
    caseId: row.id,
    customerId: row.customer_id,
    ownerId: row.owner_id,
    teamId: row.team_id,
    userIds: row.user_ids ?? [],
    teamIds: row.team_ids ?? [],
  };
}
