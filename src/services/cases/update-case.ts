import { AppError } from '../../errors.ts';
import { mayTakeFromQueue, reassign } from '../../domain/cases/ownership.ts';
import { canChangeStatus } from '../../domain/cases/status.ts';
import type { CasePriority, CaseStatus } from '../../domain/vocabulary.ts';
import { listCallbacks, updateCallback } from '../../store/repositories/callbacks.ts';
import {
  decideTransfer,
  findOfferedTransfer,
  findPendingEscalation,
  updateEscalation,
} from '../../store/repositories/case-handoffs.ts';
import type { CaseChanges } from '../../store/repositories/cases.ts';
import { cancelJob } from '../../store/repositories/jobs.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { checkOwner, checkTeam } from './case-references.ts';
import {
  checkMayManage,
  openCaseForChange,
  ownershipOf,
  recordCaseEvents,
  refusalError,
  saveCase,
  type CaseChange,
} from './case-change.ts';
import { callbackMissedKey } from './book-callback.ts';
import { caseView, type CaseView } from './case-view.ts';
import { endSharesOfCase } from '../partners/share-thread.ts';
import { escalationClimbKey } from './escalate-case.ts';
import { transferExpiryKey } from './transfer-case.ts';

export interface UpdateCaseInput {
  subject?: string | undefined;
  status?: CaseStatus | undefined;
  priority?: CasePriority | undefined;
  ownerId?: string | null | undefined;
  teamId?: string | null | undefined;
}

type Event = { kind: string; data: Record<string, unknown> };

/** Applies the changes that differ from the case as it is, each recorded as a case event. */
export async function changeCase(
  actor: Actor,
  caseId: string,
  input: UpdateCaseInput,
  now = new Date(),
): Promise<CaseView> {
  return inTransaction(actor.scope, async (scope) => {
    const change = await openCaseForChange(scope, actor, caseId, now);
    const current = change.row;
    const changes: CaseChanges = {};
    const events: Event[] = [];

    if (current.status === 'closed' && Object.values(input).some((v) => v !== undefined)) {
      throw new AppError('conflict', 'This case is closed and cannot change; open a new case instead', {
        reason: 'case_closed',
      });
    }
    const ownerChanged = input.ownerId !== undefined && input.ownerId !== current.ownerId;
    const teamChanged = input.teamId !== undefined && input.teamId !== current.teamId;
    const statusChanged = input.status !== undefined && input.status !== current.status;
    const priorityChanged = input.priority !== undefined && input.priority !== current.priority;
    const subject = input.subject?.trim();
    const subjectChanged = subject !== undefined && subject !== current.subject;
    if (!ownerChanged && !teamChanged && !statusChanged && !priorityChanged && !subjectChanged)
      return caseView(current);
    const takingFromQueue =
      ownerChanged &&
      input.ownerId === actor.userId &&
      !teamChanged &&
      !statusChanged &&
      !priorityChanged &&
      !subjectChanged &&
      mayTakeFromQueue(ownershipOf(current), actor.userId, change.org);
    if (!takingFromQueue)
      checkMayManage(
        change,
        statusChanged && (input.status === 'solved' || input.status === 'closed')
          ? `mark it ${input.status}`
          : 'change it',
      );

    if (ownerChanged || teamChanged) {
      await checkOwner(scope, input.ownerId);
      await checkTeam(scope, input.teamId);
      const result = reassign(ownershipOf(current), { ownerId: input.ownerId, teamId: input.teamId }, change.org);
      if (!result.ok) throw refusalError(result);
      changes.ownerId = result.ownership.ownerId;
      changes.teamId = result.ownership.teamId;
      events.push({
        kind: 'assigned',
        data: { from: current.ownerId, to: changes.ownerId, teamFrom: current.teamId, teamTo: changes.teamId },
      });
    }
    if (statusChanged) {
      const check = canChangeStatus(current.status, input.status!);
      if (!check.ok) throw new AppError('conflict', check.message, { reason: check.code, status: current.status });
      changes.status = input.status!;
      if (input.status === 'solved') changes.solvedAt = now;
      if (input.status === 'closed') changes.closedAt = now;
      if (current.status === 'solved' && input.status !== 'closed') changes.solvedAt = null;
      events.push({ kind: 'status_changed', data: { from: current.status, to: input.status } });
    }
    if (priorityChanged) {
      changes.priority = input.priority!;
      events.push({ kind: 'priority_changed', data: { from: current.priority, to: input.priority } });
    }
    if (subjectChanged) {
      changes.subject = subject;
      events.push({ kind: 'subject_changed', data: { from: current.subject, to: subject } });
    }

    await saveCase(change, changes);
    await recordCaseEvents(change, events);
    if (changes.status === 'closed') await releaseOpenPromises(change);
    return caseView(change.row);
  });
}

/** A closed case needs no transfer, escalation or callback any more: withdraw them, on the record. */
async function releaseOpenPromises(change: CaseChange): Promise<void> {
  const { scope, now } = change;
  const events: Event[] = [];
  const transfer = await findOfferedTransfer(scope, change.row.id);
  if (transfer) {
    await decideTransfer(scope, transfer.id, { status: 'withdrawn', decidedAt: now, decidedBy: change.actor.userId });
    await cancelJob(scope.db, transferExpiryKey(transfer.id));
    events.push({ kind: 'transfer_withdrawn', data: { transferId: transfer.id, reason: 'case closed' } });
  }
  const escalation = await findPendingEscalation(scope, change.row.id);
  if (escalation) {
    await updateEscalation(scope, escalation.id, {
      status: 'withdrawn',
      decidedAt: now,
      decidedBy: change.actor.userId,
    });
    await cancelJob(scope.db, escalationClimbKey(escalation.id));
    events.push({ kind: 'escalation_withdrawn', data: { escalationId: escalation.id, reason: 'case closed' } });
  }
  for (const { callback } of await listCallbacks(scope, { caseId: change.row.id, bookedOnly: true })) {
    await updateCallback(scope, callback.id, { status: 'cancelled' });
    await cancelJob(scope.db, callbackMissedKey(callback.id));
    events.push({ kind: 'callback_cancelled', data: { callbackId: callback.id, reason: 'case closed' } });
  }
  await recordCaseEvents(change, events);
  await endSharesOfCase(change, 'the case was closed');
}
