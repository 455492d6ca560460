import {
  acceptEscalation,
  climb,
  escalate,
  handBackEscalation,
  type Escalation,
} from '../../domain/cases/escalation.ts';
import { cancelJob, scheduleJob } from '../../store/repositories/jobs.ts';
import {
  findLastAcceptedEscalation,
  findPendingEscalation,
  insertEscalation,
  updateEscalation,
} from '../../store/repositories/case-handoffs.ts';
import type { EscalationRow } from '../../store/schema.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import {
  openCaseForChange,
  ownershipOf,
  recordCaseEvents,
  refusalError,
  saveCase,
  systemActor,
  type CaseChange,
} from './case-change.ts';
import { caseView } from './case-view.ts';

export const ESCALATION_CLIMB_JOB = 'case.escalation-climb';
export const escalationClimbKey = (escalationId: string) => `escalation-climb:${escalationId}`;

export function escalationView(row: EscalationRow) {
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    level: row.level,
    reason: row.reason,
    targetUserId: row.targetUserId,
    targetTeamId: row.targetTeamId,
    status: row.status,
    raisedAt: row.raisedAt.toISOString(),
    deadline: row.deadline.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    handBackReason: row.handBackReason,
  };
}

/**
 * Raises an escalation inside an open change: used by people (POST /escalate) and by the rules
 * themselves (effort thresholds, missed callbacks). Returns null when one is already waiting.
 */
export async function raiseEscalation(
  change: CaseChange,
  input: { reason: string; toTeamId?: string | undefined },
  options: { quietIfPending?: boolean } = {},
) {
  const { scope, now } = change;
  const pending = await findPendingEscalation(scope, change.row.id);
  if (pending && options.quietIfPending) return null;
  const lastAccepted = await findLastAcceptedEscalation(scope, change.row.id);
  const result = escalate({
    ownership: ownershipOf(change.row),
    pending: pending ?? null,
    level: change.row.escalationLevel,
    lastAcceptedBy: change.row.escalationLevel > 0 ? (lastAccepted?.decidedBy ?? null) : null,
    reason: input.reason,
    toTeamId: input.toTeamId,
    now,
    policy: change.policy,
    org: change.org,
  });
  if (!result.ok) {
    if (options.quietIfPending) return null;
    throw refusalError(result);
  }
  const row = await insertEscalation(scope, {
    caseId: change.row.id,
    ...result.escalation,
    raisedBy: change.actor.userId,
    status: 'pending',
  });
  await scheduleJob(scope.db, {
    tenantId: scope.tenantId,
    kind: ESCALATION_CLIMB_JOB,
    key: escalationClimbKey(row.id),
    runAt: row.deadline,
    payload: { escalationId: row.id, caseId: row.caseId },
  });
  await saveCase(change, { escalationLevel: row.level });
  await recordCaseEvents(change, [
    {
      kind: 'escalated',
      data: {
        escalationId: row.id,
        escalationKind: row.kind,
        level: row.level,
        reason: row.reason,
        targetUserId: row.targetUserId,
        targetTeamId: row.targetTeamId,
        deadline: row.deadline.toISOString(),
      },
    },
  ]);
  return row;
}

export function escalateCase(
  actor: Actor,
  caseId: string,
  input: { reason: string; toTeamId?: string | undefined },
  now = new Date(),
) {
  return inTransaction(actor.scope, async (scope) => {
    const change = await openCaseForChange(scope, actor, caseId, now);
    const row = await raiseEscalation(change, input);
    return escalationView(row!);
  });
}

export function acceptCaseEscalation(actor: Actor, caseId: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const change = await openCaseForChange(scope, actor, caseId, now);
    const pending = await findPendingEscalation(scope, caseId);
    const result = acceptEscalation({
      ownership: ownershipOf(change.row),
      pending: pending ? asEscalation(pending) : null,
      actorId: actor.userId,
      org: change.org,
    });
    if (!result.ok) throw refusalError(result);
    await updateEscalation(scope, pending!.id, { status: 'accepted', decidedAt: now, decidedBy: actor.userId });
    await cancelJob(scope.db, escalationClimbKey(pending!.id));
    const previousOwner = change.row.ownerId;
    await saveCase(change, { ownerId: result.ownership.ownerId, teamId: result.ownership.teamId });
    await recordCaseEvents(change, [
      {
        kind: 'escalation_accepted',
        data: { escalationId: pending!.id, level: pending!.level, from: previousOwner, to: actor.userId },
      },
    ]);
    return caseView(change.row);
  });
}

/** The only way to decline: hand the case back with a reason the customer will be shown. */
export function handBackCaseEscalation(actor: Actor, caseId: string, reason: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const change = await openCaseForChange(scope, actor, caseId, now);
    const pending = await findPendingEscalation(scope, caseId);
    const result = handBackEscalation({
      pending: pending ? asEscalation(pending) : null,
      actorId: actor.userId,
      reason,
      org: change.org,
    });
    if (!result.ok) throw refusalError(result);
    await updateEscalation(scope, pending!.id, {
      status: 'handed_back',
      decidedAt: now,
      decidedBy: actor.userId,
      handBackReason: reason.trim(),
    });
    await cancelJob(scope.db, escalationClimbKey(pending!.id));
    await saveCase(change, { escalationLevel: 0 });
    await recordCaseEvents(change, [
      {
        kind: 'escalation_handed_back',
        data: { escalationId: pending!.id, reason: reason.trim(), visibleToCustomer: true, owner: change.row.ownerId },
      },
    ]);
    return caseView(change.row);
  });
}

/** Timer: nobody accepted in time, so the escalation goes one level up (and stays flagged at the top). */
export async function climbCaseEscalation(
  scope: TenantScope,
  payload: { escalationId: string; caseId: string },
  now: Date,
): Promise<void> {
  const change = await openCaseForChange(scope, systemActor(scope), payload.caseId, now);
  const pending = await findPendingEscalation(scope, payload.caseId);
  if (!pending || pending.id !== payload.escalationId) return;
  const { escalation, atTop } = climb(asEscalation(pending), now, change.policy, change.org);
  if (atTop) {
    await updateEscalation(scope, pending.id, { deadline: escalation.deadline });
    await scheduleJob(scope.db, {
      tenantId: scope.tenantId,
      kind: ESCALATION_CLIMB_JOB,
      key: escalationClimbKey(pending.id),
      runAt: escalation.deadline,
      payload,
    });
    await recordCaseEvents(change, [
      {
        kind: 'escalation_overdue',
        data: {
          escalationId: pending.id,
          level: pending.level,
          targetUserId: pending.targetUserId,
          atTop: true,
          flagged: true,
        },
      },
    ]);
    return;
  }
  await updateEscalation(scope, pending.id, { status: 'climbed', decidedAt: now });
  const row = await insertEscalation(scope, {
    caseId: pending.caseId,
    kind: escalation.kind,
    level: escalation.level,
    reason: pending.reason,
    targetUserId: escalation.targetUserId,
    targetTeamId: escalation.targetTeamId,
    raisedAt: escalation.raisedAt,
    deadline: escalation.deadline,
    raisedBy: null,
    status: 'pending',
  });
  await scheduleJob(scope.db, {
    tenantId: scope.tenantId,
    kind: ESCALATION_CLIMB_JOB,
    key: escalationClimbKey(row.id),
    runAt: row.deadline,
    payload: { escalationId: row.id, caseId: row.caseId },
  });
  await saveCase(change, { escalationLevel: row.level });
  await recordCaseEvents(change, [
    {
      kind: 'escalation_climbed',
      data: {
        escalationId: row.id,
        fromUserId: pending.targetUserId ?? null,
        fromTeamId: pending.targetTeamId,
        level: row.level,
        targetUserId: row.targetUserId,
        deadline: row.deadline.toISOString(),
        flagged: true,
      },
    },
  ]);
}

const asEscalation = (row: EscalationRow): Escalation => ({
  kind: row.kind,
  level: row.level,
  reason: row.reason,
  targetUserId: row.targetUserId,
  targetTeamId: row.targetTeamId,
  raisedAt: row.raisedAt,
  deadline: row.deadline,
});
