import { and, eq, isNull, ne } from 'drizzle-orm';
import { AppError, notFound } from '../../errors.ts';
import { successorFor } from '../../domain/cases/ownership.ts';
import { cases, caseTransfers, caseEscalations, teams, users } from '../../store/schema.ts';
import { loadOrganisation } from '../../store/repositories/organisation.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { openCaseForChange, recordCaseEvents, saveCase } from '../cases/case-change.ts';
import { climbCaseEscalation } from '../cases/escalate-case.ts';
import { decideTransfer } from '../../store/repositories/case-handoffs.ts';
import { cancelJob } from '../../store/repositories/jobs.ts';
import { transferExpiryKey } from '../cases/transfer-case.ts';
import { credentialsChanged } from '../auth/sessions.ts';

/**
 * Someone leaves: every open case they own moves to their team's lead (or the next
 * accountable person), offers waiting for them return, escalations waiting for them climb.
 * Refused, changing nothing, if any case would be left without an accountable owner.
 */
export function deactivateUser(actor: Actor, userId: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const org = await loadOrganisation(scope);
    const user = org.users.get(userId);
    if (!user) throw notFound('User');
    if (!user.active) return { moved: 0 };
    const queuesLed = await scope.db
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(and(eq(teams.tenantId, scope.tenantId), eq(teams.leadUserId, userId)));
    for (const team of queuesLed) {
      const unowned = (
        await scope.db
          .select({ id: cases.id })
          .from(cases)
          .where(
            and(
              eq(cases.tenantId, scope.tenantId),
              eq(cases.teamId, team.id),
              ne(cases.status, 'closed'),
              isNull(cases.ownerId),
            ),
          )
      ).length;
      if (unowned > 0) {
        throw new AppError(
          'conflict',
          `${team.name} has ${unowned} queued case(s) this person is accountable for as lead: appoint a new lead first`,
          { reason: 'lead_of_queue', teamId: team.id },
        );
      }
    }
    const owned = await scope.db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.ownerId, userId), ne(cases.status, 'closed')));
    const plan = owned.map((row) => ({
      row,
      successor: successorFor(userId, { status: row.status, ownerId: row.ownerId, teamId: row.teamId }, org),
    }));
    const stranded = plan.filter((p) => p.successor === null);
    if (stranded.length > 0) {
      throw new AppError(
        'conflict',
        `Nobody could take over ${stranded.length} open case(s): give this person a team lead or supervisor first`,
        {
          reason: 'no_successor',
          caseIds: stranded.map((p) => p.row.id),
        },
      );
    }

    await scope.db
      .update(users)
      .set({ active: false })
      .where(and(eq(users.tenantId, scope.tenantId), eq(users.id, userId)));
    for (const { row, successor } of plan) {
      const change = await openCaseForChange(scope, actor, row.id, now);
      await saveCase(change, { ownerId: successor });
      await recordCaseEvents(change, [
        { kind: 'owner_reassigned', data: { from: userId, to: successor, reason: 'owner deactivated' } },
      ]);
    }
    await returnOffersTo(scope, actor, userId, now);
    credentialsChanged();
    return { moved: plan.length };
  });
}

async function returnOffersTo(scope: TenantScope, actor: Actor, userId: string, now: Date) {
  const offers = await scope.db
    .select()
    .from(caseTransfers)
    .where(
      and(
        eq(caseTransfers.tenantId, scope.tenantId),
        eq(caseTransfers.toUserId, userId),
        eq(caseTransfers.status, 'offered'),
      ),
    );
  for (const offer of offers) {
    await decideTransfer(scope, offer.id, { status: 'withdrawn', decidedAt: now, decidedBy: actor.userId });
    await cancelJob(scope.db, transferExpiryKey(offer.id));
    const change = await openCaseForChange(scope, actor, offer.caseId, now);
    await recordCaseEvents(change, [
      { kind: 'transfer_withdrawn', data: { transferId: offer.id, reason: 'receiver deactivated' } },
    ]);
  }
  const escalations = await scope.db
    .select()
    .from(caseEscalations)
    .where(
      and(
        eq(caseEscalations.tenantId, scope.tenantId),
        eq(caseEscalations.targetUserId, userId),
        eq(caseEscalations.status, 'pending'),
      ),
    );
  for (const escalation of escalations)
    await climbCaseEscalation(scope, { escalationId: escalation.id, caseId: escalation.caseId }, now);
}
