import { AppError, notFound } from '../../errors.ts';
import { canChangeStatus } from '../../domain/cases/status.ts';
import type { CasePriority, CaseStatus } from '../../domain/vocabulary.ts';
import { findCase, insertCaseEvents, updateCase, type CaseChanges, type NewCaseEvent } from '../../store/repositories/cases.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { checkOwner, checkTeam } from './case-references.ts';
import { caseView, type CaseView } from './case-view.ts';

export interface UpdateCaseInput {
  subject?: string | undefined;
  status?: CaseStatus | undefined;
  priority?: CasePriority | undefined;
  ownerId?: string | null | undefined;
  teamId?: string | null | undefined;
}

/** Applies the changes that differ from the case as it is, each recorded as a case event. */
export async function changeCase(actor: Actor, caseId: string, input: UpdateCaseInput, now = new Date()): Promise<CaseView> {
  return inTransaction(actor.scope, async (scope) => {
    const current = await findCase(scope, caseId, { forUpdate: true });
    if (!current) throw notFound('Case');
    const changes: CaseChanges = {};
    const events: Omit<NewCaseEvent, 'caseId' | 'customerId' | 'actorUserId' | 'actorLabel' | 'occurredAt'>[] = [];

    if (input.status !== undefined && input.status !== current.status) {
      const check = canChangeStatus(current.status, input.status);
      if (!check.ok) throw new AppError('conflict', check.message, { reason: check.code, status: current.status });
      changes.status = input.status;
      events.push({ kind: 'status_changed', data: { from: current.status, to: input.status } });
    } else if (current.status === 'closed' && Object.values(input).some((v) => v !== undefined)) {
      throw new AppError('conflict', 'This case is closed and cannot change; open a new case instead', { reason: 'case_closed' });
    }
    const ownerChanged = input.ownerId !== undefined && input.ownerId !== current.ownerId;
    const teamChanged = input.teamId !== undefined && input.teamId !== current.teamId;
    if (ownerChanged) {
      await checkOwner(scope, input.ownerId);
      changes.ownerId = input.ownerId ?? null;
    }
    if (teamChanged) {
      await checkTeam(scope, input.teamId);
      changes.teamId = input.teamId ?? null;
    }
    if (ownerChanged || teamChanged) {
      events.push({
        kind: 'assigned',
        data: { from: current.ownerId, to: changes.ownerId ?? current.ownerId, teamFrom: current.teamId, teamTo: changes.teamId ?? current.teamId },
      });
    }
    if (input.priority !== undefined && input.priority !== current.priority) {
      changes.priority = input.priority;
      events.push({ kind: 'priority_changed', data: { from: current.priority, to: input.priority } });
    }
    const subject = input.subject?.trim();
    if (subject !== undefined && subject !== current.subject) {
      changes.subject = subject;
      events.push({ kind: 'subject_changed', data: { from: current.subject, to: subject } });
    }
    if (events.length === 0) return caseView(current);

    const updated = await updateCase(scope, caseId, changes, now);
    await insertCaseEvents(
      scope,
      events.map((e) => ({ ...e, caseId, customerId: current.customerId, actorUserId: actor.userId, actorLabel: actor.label, occurredAt: now })),
    );
    return caseView(updated);
  });
}
