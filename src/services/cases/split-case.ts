import { and, eq } from 'drizzle-orm';
import { invalid, notFound } from '../../errors.ts';
import { canSplitCase } from '../../domain/cases/merge.ts';
import { checkOwned } from '../../domain/cases/ownership.ts';
import { findContacts, linkContactsToCase } from '../../store/repositories/contacts.ts';
import { insertCase } from '../../store/repositories/cases.ts';
import { findCaseLinks } from '../../store/repositories/problems.ts';
import { nextCaseNumber } from '../../store/repositories/tenants.ts';
import { contacts } from '../../store/schema.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { caseReference } from '../problems/problem-view.ts';
import { checkOwner, checkTeam } from './case-references.ts';
import { checkMayManage, openCaseForChange, recordCaseEvents, refusalError, type CaseChange } from './case-change.ts';
import { checkCaseEffort, scheduleEffortCheck } from './case-effort.ts';
import { asMergeable, currentView } from './merge-cases.ts';

export interface SplitCaseInput {
  contactIds: string[];
  /** Defaults to the original subject, marked as split from the original case. */
  subject?: string | undefined;
  /** Default: the original case's owner and team. */
  ownerId?: string | null | undefined;
  teamId?: string | null | undefined;
}

const MAX_SUBJECT = 500;

/**
 * Takes some contacts of a case into a new case of the same customer — when one case turns out
 * to hold two problems. The new case keeps the original's owner, team and priority unless told
 * otherwise; both cases record the split.
 */
export function splitCase(actor: Actor, caseId: string, input: SplitCaseInput, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const original = await openCaseForChange(scope, actor, caseId, now);
    const [link] = await findCaseLinks(scope, [caseId]);
    const contactIds = [...new Set(input.contactIds)];
    const named = await findContacts(scope, contactIds);
    if (named.length !== contactIds.length) throw notFound('Contact');
    const onCase = await scope.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.tenantId, scope.tenantId), eq(contacts.caseId, caseId)));
    const check = canSplitCase(asMergeable(original.row, link!), contactIds, new Set(onCase.map((c) => c.id)));
    if (!check.ok) throw refusalError(check);
    checkMayManage(original, 'split it');

    const ownership = await ownershipForSplit(original, input);
    const row = await insertCase(scope, {
      number: await nextCaseNumber(scope),
      customerId: original.row.customerId,
      subject:
        input.subject?.trim() ||
        `${original.row.subject} (split from ${caseReference(original.row)})`.slice(0, MAX_SUBJECT),
      status: 'open',
      priority: original.row.priority,
      ownerId: ownership.ownerId,
      teamId: ownership.teamId,
      createdAt: now,
    });
    await linkContactsToCase(scope, contactIds, row.id);

    const split: CaseChange = { ...original, row, eventsRecorded: 0 };
    const splitFrom = { caseId: original.row.id, reference: caseReference(original.row), contactIds };
    await recordCaseEvents(split, [
      {
        kind: 'created',
        data: {
          subject: row.subject,
          priority: row.priority,
          reference: caseReference(row),
          splitFrom: splitFrom.reference,
        },
      },
      { kind: 'assigned', data: { from: null, to: row.ownerId, teamFrom: null, teamTo: row.teamId } },
      { kind: 'split_from', data: splitFrom },
    ]);
    original.eventsRecorded = split.eventsRecorded;
    await recordCaseEvents(original, [
      { kind: 'split_into', data: { caseId: row.id, reference: caseReference(row), contactIds } },
    ]);
    await scheduleEffortCheck(split);
    await checkCaseEffort(split);
    return { original: await currentView(original), split: await currentView(split), contactIds };
  });
}

/** The original's owner and team unless given; if that would leave the new case unowned, whoever splits it owns it. */
async function ownershipForSplit(
  original: CaseChange,
  input: SplitCaseInput,
): Promise<{ ownerId: string | null; teamId: string | null }> {
  await checkOwner(original.scope, input.ownerId);
  await checkTeam(original.scope, input.teamId);
  const teamId = input.teamId !== undefined ? input.teamId : original.row.teamId;
  const ownerId = input.ownerId !== undefined ? input.ownerId : original.row.ownerId;
  if (checkOwned({ status: 'open', ownerId, teamId }, original.org).ok) return { ownerId, teamId };
  const actorId = original.actor.userId;
  if (
    input.ownerId === undefined &&
    actorId &&
    checkOwned({ status: 'open', ownerId: actorId, teamId }, original.org).ok
  )
    return { ownerId: actorId, teamId };
  throw invalid(
    'The new case needs an owner: give ownerId, or the teamId of a team whose lead is accountable for its queue',
    { reason: 'case_ownerless' },
  );
}
