import { AppError, notFound } from '../../errors.ts';
import { findCase, insertCaseEvents, updateCase } from '../../store/repositories/cases.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';

/** An internal note: visible to staff on the case and the customer's timeline, never sent. */
export async function addCaseNote(actor: Actor, caseId: string, text: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const current = await findCase(scope, caseId, { forUpdate: true });
    if (!current) throw notFound('Case');
    if (current.status === 'closed') {
      throw new AppError('conflict', 'This case is closed; notes can no longer be added', { reason: 'case_closed' });
    }
    const [event] = await insertCaseEvents(scope, [
      {
        caseId,
        customerId: current.customerId,
        kind: 'note',
        actorUserId: actor.userId,
        actorLabel: actor.label,
        occurredAt: now,
        data: { text: text.trim() },
      },
    ]);
    await updateCase(scope, caseId, {}, now);
    return {
      id: event!.id,
      caseId,
      kind: 'note' as const,
      text: text.trim(),
      actorUserId: actor.userId,
      actorLabel: actor.label,
      occurredAt: event!.occurredAt.toISOString(),
    };
  });
}
