import type { CaseRow } from '../../store/schema.ts';
import { formatCaseReference } from '../../domain/channels/case-reference.ts';

/** A case as callers see it. */
export function caseView(row: CaseRow) {
  return {
    id: row.id,
    number: row.number,
    reference: formatCaseReference(row.number),
    customerId: row.customerId,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    ownerId: row.ownerId,
    teamId: row.teamId,
    escalationLevel: row.escalationLevel,
    repeatContacts: row.repeatContacts,
    problemId: row.problemId,
    mergedIntoId: row.mergedIntoId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type CaseView = ReturnType<typeof caseView>;
