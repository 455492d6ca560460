import { invalid } from '../../errors.ts';
import { decideCaseForContact, topicWords } from '../../domain/channels/case-threading.ts';
import { chooseIntakeQueue } from '../../domain/channels/intake-routing.ts';
import { randomUUID } from 'node:crypto';
import { checkContactSubmission, type AcceptedContact } from '../../domain/contact-input.ts';
import type { CustomerClaims } from '../../domain/identity.ts';
import type { AutomatedKind, Channel } from '../../domain/vocabulary.ts';
import { findThreads, recordThread } from '../../store/repositories/channel-threads.ts';
import { loadChannelSettings } from '../../store/repositories/channel-settings.ts';
import {
  countRepeatContact,
  findAdministrator,
  findOpenCasesOfCustomer,
  findThreadableCase,
  setCaseTopic,
  type ThreadableCase,
} from '../../store/repositories/case-threading.ts';
import {
  appendSegments,
  insertAttachments,
  setContactChannelFacts,
  type ContactAttachment,
  type ContactSegment,
} from '../../store/repositories/contact-parts.ts';
import { findContact, findContactsByExternalIds, insertContacts } from '../../store/repositories/contacts.ts';
import { markIdentitiesVerified } from '../../store/repositories/customers.ts';
import { loadOrganisation } from '../../store/repositories/organisation.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import { openCaseForChange, recordCaseEvents, systemActor } from '../cases/case-change.ts';
import { createCase } from '../cases/create-case.ts';
import { linkContacts } from '../cases/link-contacts.ts';
import { ingestContacts, type IngestOutcome } from '../contacts/ingest-contacts.ts';
import type { LiveFeed } from './live-feed.ts';

/** What a channel adapter hands over for one message it received. */
export interface InboundMessage {
  channel: Channel;
  occurredAt?: Date | undefined;
  /** The sender's own id for the message, prefixed by the adapter: a second delivery changes nothing. */
  externalId: string;
  customer: CustomerClaims & { name?: string | undefined };
  subject?: string | undefined;
  text: string;
  /** A public forum or social post, readable by anyone. */
  public?: boolean | undefined;
  /** Mail no person wrote: recorded, joins its thread's case, never opens one, never reopens one. */
  automated?: AutomatedKind | null | undefined;
  /** The channel's own facts: mail headers, call queue and transfer facts, chat session. */
  facts?: Record<string, unknown> | undefined;
  /** Channel ids this message answers or continues (In-Reply-To and References, a transfer chain). */
  threadRefs?: string[] | undefined;
  /** The id later messages will use to refer to this one (its Message-ID, its call id). */
  threadRef?: string | undefined;
  /** A case number the sender quoted, e.g. from "[C-12]" in a subject. */
  caseNumber?: number | null | undefined;
  /** The case the sender chose (the portal): it must be theirs. */
  caseId?: string | undefined;
  /** The customer the sender is known to be (a signed-in portal customer): no identity lookup. */
  knownCustomerId?: string | undefined;
  /**
   * The channel vouches for the sender's identity (a carrier's caller number, a network's
   * authenticated handle, a signed-in customer), unlike a typed-in chat email or a mail's From
   * line. Proven identities are marked verified; the contact says which it was.
   */
  identityProven?: boolean | undefined;
  segments?: ContactSegment[] | undefined;
  attachments?: ContactAttachment[] | undefined;
}

export type CaseAction = 'thread' | 'repeat' | 'opened' | 'none';

export interface IntakeOutcome {
  status: 'created' | 'duplicate';
  contactId: string;
  customerId: string;
  customerCreated: boolean;
  caseId: string | null;
  caseNumber: number | null;
  caseAction: CaseAction;
  /** Why the contact went where it went, in words for the timeline and logs. */
  reason: string;
}

/**
 * Takes one received message in: the customer it comes from (found by any identity, or new),
 * the contact on their timeline, and the case it belongs to — its thread's case, the
 * customer's open case on the same topic within the repeat window, or a new case. All of it
 * or none of it lands. Every adapter comes through here, so the rules are the same on every
 * channel.
 */
export async function intakeMessage(
  scope: TenantScope,
  message: InboundMessage,
  options: { now?: Date; feed?: LiveFeed } = {},
): Promise<IntakeOutcome> {
  const now = options.now ?? new Date();
  const check = checkContactSubmission({ ...message, direction: 'inbound' }, now);
  if (!check.ok)
    throw invalid(`The ${message.channel} message cannot be taken in: ${check.problems.join('; ')}`, {
      problems: check.problems,
    });

  const { outcome, ownerId, teamId } = await inTransaction(scope, async (tx) => {
    const [ingested] = message.knownCustomerId
      ? await recordForKnownCustomer(tx, message.knownCustomerId, check.contact)
      : await ingestContacts(tx, [check.contact]);
    if (ingested!.status === 'duplicate') {
      const existing = await findContact(tx, ingested!.id);
      const kase = existing?.caseId ? await findThreadableCase(tx, { id: existing.caseId }) : undefined;
      return {
        outcome: {
          status: 'duplicate' as const,
          contactId: ingested!.id,
          customerId: ingested!.customerId,
          customerCreated: false,
          caseId: kase?.id ?? null,
          caseNumber: kase?.number ?? null,
          caseAction: 'none' as const,
          reason: 'already received',
        },
        ownerId: null,
        teamId: null,
      };
    }
    const contactId = ingested!.id;
    const customerId = ingested!.customerId;
    const identityProven = message.identityProven ?? false;
    await setContactChannelFacts(tx, contactId, {
      public: message.public ?? false,
      automated: message.automated ?? null,
      facts: { ...message.facts, identityProven },
    });
    if (identityProven) await markIdentitiesVerified(tx, customerId, check.contact.identities);
    if (message.segments?.length) await appendSegments(tx, contactId, message.segments);
    if (message.attachments?.length) await insertAttachments(tx, contactId, message.attachments);

    const placed = await placeOnCase(tx, message, { contactId, customerId, occurredAt: check.contact.occurredAt }, now);
    if (message.threadRef)
      await recordThread(tx, {
        channel: message.channel,
        threadRef: message.threadRef,
        customerId,
        caseId: placed.caseId,
        contactId,
      });
    return {
      outcome: {
        status: 'created' as const,
        contactId,
        customerId,
        customerCreated: ingested!.customerCreated,
        ...placed,
      },
      ownerId: placed.ownerId,
      teamId: placed.teamId,
    };
  });
  if (outcome.status === 'created') {
    options.feed?.publish({
      tenantId: scope.tenantId,
      kind: 'contact',
      customerId: outcome.customerId,
      caseId: outcome.caseId,
      contactId: outcome.contactId,
      ownerId,
      teamId,
    });
  }
  return outcome;
}

interface Placement {
  caseId: string | null;
  caseNumber: number | null;
  caseAction: CaseAction;
  reason: string;
  ownerId: string | null;
  teamId: string | null;
}

async function placeOnCase(
  scope: TenantScope,
  message: InboundMessage,
  contact: { contactId: string; customerId: string; occurredAt: Date },
  now: Date,
): Promise<Placement> {
  const words = topicWords(message.subject ?? null, message.text);
  const threadCase = await findThreadCase(scope, message, contact.customerId);
  const [settings, openCases] = [
    await loadChannelSettings(scope),
    await findOpenCasesOfCustomer(scope, contact.customerId),
  ];
  const decision = decideCaseForContact({
    threadCase: threadCase ?? null,
    openCases,
    contact: {
      topicWords: words,
      occurredAt: contact.occurredAt,
      automated: Boolean(message.automated),
      channel: message.channel,
    },
    repeatWindowMs: settings.repeatWindowMinutes * 60_000,
  });
  const actor = systemActor(scope);

  if (decision.action === 'none')
    return { caseId: null, caseNumber: null, caseAction: 'none', reason: decision.reason, ownerId: null, teamId: null };

  if (decision.action === 'join') {
    const change = await openCaseForChange(scope, actor, decision.caseId, now);
    await linkContacts(change, [contact.contactId], { reopen: !message.automated });
    if (decision.reason === 'repeat') {
      const count = await countRepeatContact(scope, decision.caseId);
      await setContactChannelFacts(scope, contact.contactId, { repeat: true });
      await recordCaseEvents(change, [
        { kind: 'repeat_contact', data: { contactId: contact.contactId, channel: message.channel, count } },
      ]);
    }
    return {
      caseId: change.row.id,
      caseNumber: change.row.number,
      caseAction: decision.reason,
      reason:
        decision.reason === 'thread'
          ? 'continues the conversation of its case'
          : 'the customer came back about an open case on the same topic',
      ownerId: change.row.ownerId,
      teamId: change.row.teamId,
    };
  }

  const [org, administrator] = [await loadOrganisation(scope), await findAdministrator(scope)];
  const queue = chooseIntakeQueue(org, settings.intakeTeamId, administrator);
  // Without anyone accountable a case would be an orphan; the contact waits on the timeline instead.
  if (!queue)
    return {
      caseId: null,
      caseNumber: null,
      caseAction: 'none',
      reason: 'nobody can answer for a new case',
      ownerId: null,
      teamId: null,
    };
  const created = await createCase(
    actor,
    {
      customerId: contact.customerId,
      subject: caseSubject(message),
      ownerId: queue.ownerId,
      teamId: queue.teamId,
      contactIds: [contact.contactId],
    },
    now,
    { org },
  );
  await setCaseTopic(scope, created.id, words);
  return {
    caseId: created.id,
    caseNumber: created.number,
    caseAction: 'opened',
    reason: decision.reason,
    ownerId: created.ownerId,
    teamId: created.teamId,
  };
}

/** The case the message's own thread points at, if it is this customer's. */
async function findThreadCase(
  scope: TenantScope,
  message: InboundMessage,
  customerId: string,
): Promise<ThreadableCase | undefined> {
  for (const hit of await findThreads(scope, message.channel, message.threadRefs ?? [])) {
    if (hit.caseId && hit.customerId === customerId) {
      const found = await findThreadableCase(scope, { id: hit.caseId });
      if (found && found.customerId === customerId) return found;
    }
  }
  if (message.caseId) {
    const found = await findThreadableCase(scope, { id: message.caseId });
    if (found && found.customerId === customerId) return found;
  }
  if (message.caseNumber) {
    const found = await findThreadableCase(scope, { number: message.caseNumber });
    // A quoted case number only counts from the customer the case is about.
    if (found && found.customerId === customerId) return found;
  }
  return undefined;
}

/** Stores a contact for a customer already known by who they signed in as. */
async function recordForKnownCustomer(
  scope: TenantScope,
  customerId: string,
  contact: AcceptedContact,
): Promise<IngestOutcome[]> {
  const id = randomUUID();
  const created = await insertContacts(scope, [
    {
      id,
      customerId,
      channel: contact.channel,
      direction: contact.direction,
      occurredAt: contact.occurredAt,
      subject: contact.subject,
      body: contact.text,
      externalId: contact.externalId,
    },
  ]);
  if (created.has(id)) return [{ status: 'created', id, customerId, customerCreated: false }];
  const [original] = await findContactsByExternalIds(scope, [contact.externalId!]);
  return [{ status: 'duplicate', id: original!.id, customerId: original!.customerId, customerCreated: false }];
}

function caseSubject(message: InboundMessage): string {
  const subject = message.subject?.trim();
  if (subject) return subject.slice(0, 200);
  const firstLine = message.text.trim().split('\n')[0]!.trim();
  return firstLine.length > 80 ? `${firstLine.slice(0, 77)}…` : firstLine || `${message.channel} contact`;
}
