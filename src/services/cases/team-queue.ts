import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { notFound } from '../../errors.ts';
import { queueWait } from '../../domain/cases/callbacks.ts';
import { loadCasePolicy } from '../../store/repositories/organisation.ts';
import { findTeam } from '../../store/repositories/people.ts';
import { cases, users } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';

export interface TeamQueue {
  teamId: string;
  agents: number;
  waiting: number;
  estimatedWaitMinutes: number;
  offerCallback: boolean;
}

/** How long a new contact would wait in a team's queue, and whether to offer a callback instead. */
export async function teamQueue(scope: TenantScope, teamId: string): Promise<TeamQueue> {
  const team = await findTeam(scope, teamId);
  if (!team) throw notFound('Team');
  return (await teamQueues(scope, [teamId]))[0]!;
}

/**
 * The same estimate for many teams, counted in one query per table whatever their number (the
 * supervisor overview shows every team).
 */
export async function teamQueues(scope: TenantScope, teamIds: readonly string[]): Promise<TeamQueue[]> {
  if (teamIds.length === 0) return [];
  const [waiting, agents, policy] = [
    await scope.db
      .select({ teamId: cases.teamId, n: sql<number>`count(*)::int` })
      .from(cases)
      .where(
        and(
          eq(cases.tenantId, scope.tenantId),
          inArray(cases.teamId, [...teamIds]),
          isNull(cases.ownerId),
          ne(cases.status, 'closed'),
          ne(cases.status, 'solved'),
        ),
      )
      .groupBy(cases.teamId),
    await scope.db
      .select({ teamId: users.teamId, n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.tenantId, scope.tenantId), inArray(users.teamId, [...teamIds]), eq(users.active, true)))
      .groupBy(users.teamId),
    await loadCasePolicy(scope),
  ];
  const countOf = (rows: { teamId: string | null; n: number }[], teamId: string) =>
    rows.find((r) => r.teamId === teamId)?.n ?? 0;
  return teamIds.map((teamId) => {
    const agentCount = countOf(agents, teamId);
    return {
      teamId,
      agents: agentCount,
      ...queueWait({
        waiting: countOf(waiting, teamId),
        agentsAvailable: agentCount,
        averageHandlingMinutes: policy.averageHandlingMinutes,
        offerAboveMinutes: policy.callbackOfferWaitMinutes,
      }),
    };
  });
}
