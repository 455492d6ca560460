import { invalid, notFound } from '../../errors.ts';
import { checkOwned, type Organisation } from '../../domain/cases/ownership.ts';
import { loadCasePolicy, loadOrganisation } from '../../store/repositories/organisation.ts';
import { recordCaseEvents, type CaseChange } from './case-change.ts';
import { scheduleEffortCheck } from './case-effort.ts';
import { linkContacts } from './link-contacts.ts';
import type { CasePriority } from '../../domain/vocabulary.ts';
import { insertCase } from '../../store/repositories/cases.ts';
import { resolveCustomerId } from '../../store/repositories/customer-merges.ts';
import { nextCaseNumber } from '../../store/repositories/tenants.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { checkOwner, checkTeam } from './case-references.ts';
import { caseView, type CaseView } from './case-view.ts';
import { formatCaseReference } from '../../domain/channels/case-reference.ts';

export interface CreateCaseInput {
  customerId: string;
  subject: string;
  priority?: CasePriority | undefined;
  ownerId?: string | null | undefined;
  teamId?: string | null | undefined;
  contactIds?: string[] | undefined;
}

/** `known.org`: the organisation, when the caller has just loaded it in the same transaction. */
export async function createCase(
  actor: Actor,
  input: CreateCaseInput,
  now = new Date(),
  known: { org?: Organisation } = {},
): Promise<CaseView> {
  return inTransaction(actor.scope, async (scope) => {
    // A customer merged into another stands for the one it was merged into.
    const customerId = await resolveCustomerId(scope, input.customerId);
    if (!customerId) throw notFound('Customer');
    await checkOwner(scope, input.ownerId);
    await checkTeam(scope, input.teamId);
    const contactIds = [...new Set(input.contactIds ?? [])];
    const [org, policy] = [known.org ?? (await loadOrganisation(scope)), await loadCasePolicy(scope)];
    // Nobody creates an orphan: without an owner or a team queue, whoever opens the case owns it.
    const actorCanOwn = actor.userId !== null && org.users.get(actor.userId)?.staff === true;
    const ownerId = input.ownerId ?? (input.teamId || !actorCanOwn ? null : actor.userId);
    const owned = checkOwned({ status: 'new', ownerId, teamId: input.teamId ?? null }, org);
    if (!owned.ok) {
      throw invalid(
        'A case needs an owner: give ownerId, or the teamId of a team whose lead is accountable for its queue',
        { reason: owned.code },
      );
    }

    const row = await insertCase(scope, {
      number: await nextCaseNumber(scope),
      customerId,
      subject: input.subject.trim(),
      status: 'new',
      priority: input.priority ?? 'normal',
      ownerId,
      teamId: input.teamId ?? null,
      createdAt: now,
    });

    const change: CaseChange = { scope, actor, now, row, org, policy };
    // Linking the contacts records an SLA-relevant event at the same moment: the clocks follow then, once.
    await recordCaseEvents(
      change,
      [
        {
          kind: 'created',
          data: { subject: row.subject, priority: row.priority, reference: formatCaseReference(row.number) },
        },
        { kind: 'assigned', data: { from: null, to: row.ownerId, teamFrom: null, teamTo: row.teamId } },
      ],
      { followSla: contactIds.length === 0 },
    );
    await scheduleEffortCheck(change);
    if (contactIds.length > 0) await linkContacts(change, contactIds);
    return caseView(change.row);
  });
}
