import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { notFound } from '../../errors.ts';
import { queueWait } from '../../domain/cases/callbacks.ts';
import { loadCasePolicy } from '../../store/repositories/organisation.ts';
import { findTeam } from '../../store/repositories/people.ts';
import { cases, users } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';

/** How long a new contact would wait in a team's queue, and whether to offer a callback instead. */
export async function teamQueue(scope: TenantScope, teamId: string) {
  const team = await findTeam(scope, teamId);
  if (!team) throw notFound('Team');
  const [waiting, agents, policy] = [
    await scope.db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(
        and(
          eq(cases.tenantId, scope.tenantId),
          eq(cases.teamId, teamId),
          isNull(cases.ownerId),
          ne(cases.status, 'closed'),
          ne(cases.status, 'solved'),
        ),
      ),
    await scope.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.tenantId, scope.tenantId), eq(users.teamId, teamId), eq(users.active, true))),
    await loadCasePolicy(scope),
  ];
  return {
    teamId,
    agents: agents[0]?.n ?? 0,
    ...queueWait({
      waiting: waiting[0]?.n ?? 0,
      agentsAvailable: agents[0]?.n ?? 0,
      averageHandlingMinutes: policy.averageHandlingMinutes,
      offerAboveMinutes: policy.callbackOfferWaitMinutes,
    }),
  };
}
