import { AppError, notFound } from '../../errors.ts';
import { findContacts, linkContactsToCase } from '../../store/repositories/contacts.ts';
import { checkCaseEffort } from './case-effort.ts';
import { recordCaseEvents, saveCase, type CaseChange } from './case-change.ts';

/**
 * Puts contacts on a case. The customer writing in again about a solved case reopens it:
 * they are telling us it is not solved. An auto-reply is not the customer telling us anything,
 * so channels link those with `reopen: false`.
 */
export async function linkContacts(
  change: CaseChange,
  contactIds: string[],
  options: { reopen?: boolean } = {},
): Promise<void> {
  const { row } = change;
  if (row.status === 'closed')
    throw new AppError('conflict', 'This case is closed; open a new case for a new contact', { reason: 'case_closed' });
  const contacts = await findContacts(change.scope, contactIds);
  if (contacts.length !== new Set(contactIds).size) throw notFound('Contact');
  const foreign = contacts.find((c) => c.customerId !== row.customerId);
  if (foreign)
    throw new AppError('conflict', `Contact ${foreign.id} belongs to another customer`, {
      reason: 'contact_of_other_customer',
      contactId: foreign.id,
    });
  const taken = contacts.find((c) => c.caseId !== null && c.caseId !== row.id);
  if (taken)
    throw new AppError('conflict', `Contact ${taken.id} already belongs to another case`, {
      reason: 'contact_on_other_case',
      caseId: taken.caseId,
    });

  await linkContactsToCase(change.scope, contactIds, row.id);
  const events: { kind: string; data: Record<string, unknown> }[] = [{ kind: 'contacts_linked', data: { contactIds } }];
  if (options.reopen !== false && row.status === 'solved' && contacts.some((c) => c.direction === 'inbound')) {
    events.push(await reopenOnCustomerReply(change));
  } else {
    await saveCase(change, {});
  }
  await recordCaseEvents(change, events);
  await checkCaseEffort(change);
}

/** A solved case the customer writes about again is open again; returns the event to record. */
export async function reopenOnCustomerReply(
  change: CaseChange,
): Promise<{ kind: string; data: Record<string, unknown> }> {
  await saveCase(change, { status: 'open', solvedAt: null });
  return { kind: 'status_changed', data: { from: 'solved', to: 'open', reason: 'the customer wrote in again' } };
}
