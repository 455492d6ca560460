import type { AcceptedContact } from '../../domain/contact-input.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { openCaseForChange } from '../cases/case-change.ts';
import { linkContacts } from '../cases/link-contacts.ts';
import { ingestContacts, type IngestOutcome } from './ingest-contacts.ts';

/**
 * One contact from the API: stored on its customer's timeline and, when the caller names the
 * case it belongs to, on that case — both or neither. A repeat of a stored contact changes nothing.
 */
export function recordContact(
  actor: Actor,
  contact: AcceptedContact,
  caseId?: string,
  now = new Date(),
): Promise<IngestOutcome> {
  if (!caseId) return ingestContacts(actor.scope, [contact]).then(([outcome]) => outcome!);
  return inTransaction(actor.scope, async (scope) => {
    const [outcome] = await ingestContacts(scope, [contact]);
    if (outcome!.status === 'created')
      await linkContacts(await openCaseForChange(scope, actor, caseId, now), [outcome!.id]);
    return outcome!;
  });
}
