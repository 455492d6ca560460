import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../errors.ts';
import type { Channel } from '../../../domain/vocabulary.ts';
import { recordThread } from '../../../store/repositories/channel-threads.ts';
import { setContactChannelFacts } from '../../../store/repositories/contact-parts.ts';
import { findContact, findLatestCustomerMessage, insertContacts } from '../../../store/repositories/contacts.ts';
import { scheduleJob } from '../../../store/repositories/jobs.ts';
import { insertOutbound, markOutbound, type OutboundMessage } from '../../../store/repositories/outbound-messages.ts';
import { findUser } from '../../../store/repositories/people.ts';
import { findTenantOf } from '../../../store/repositories/tenants.ts';
import type { CaseRow, ContactRow } from '../../../store/schema.ts';
import { inTransaction, type TenantScope } from '../../../store/tenant-scope.ts';
import type { Actor } from '../../actor.ts';
import { openCaseForChange, recordCaseEvents, saveCase, type CaseChange } from '../../cases/case-change.ts';
import { followCaseSla } from '../../sla/track-case-sla.ts';
import { linkContacts } from '../../cases/link-contacts.ts';
import type { ChannelRuntime, ComposedReply } from './channel-runtime.ts';
import { CHANNEL_TRANSPORTS, REPLY_COMPOSERS } from './registry.ts';
import { formatCaseReference } from '../../../domain/channels/case-reference.ts';

export const DELIVER_OUTBOUND_JOB = 'deliver_outbound';

export interface ReplyInput {
  text: string;
  /** The customer's message being answered; default: their latest message on the case. */
  contactId?: string | undefined;
}

export interface ReplyOutcome {
  contactId: string;
  outbound: OutboundMessage;
}

/** Why a channel cannot be answered in writing, and what to do instead. */
const UNANSWERABLE: Partial<Record<Channel, string>> = {
  phone: 'A phone call cannot be answered in writing: book a callback on the case instead',
  forum: 'A forum post is answered on the forum itself; note your answer on the case',
  social: 'A public post is answered on its network; note your answer on the case',
};

/**
 * An agent's answer to the customer, on the channel the customer used: recorded on the
 * case and the timeline at once, and sent by a durable job (retried; a reply that cannot be
 * delivered is recorded on the case as failed, so nobody believes the customer was told).
 */
export async function replyToCase(
  actor: Actor,
  caseId: string,
  input: ReplyInput,
  runtime: ChannelRuntime,
  now = new Date(),
): Promise<ReplyOutcome> {
  const text = input.text.trim();
  if (text === '') throw new AppError('validation_failed', 'The reply is empty', { reason: 'empty_reply' });
  const { outcome, afterCommit } = await inTransaction(actor.scope, async (scope) => {
    const change = await openCaseForChange(scope, actor, caseId, now);
    const kase = change.row;
    if (kase.status === 'closed')
      throw new AppError(
        'conflict',
        `${formatCaseReference(kase.number)} is closed; a reply would reach a customer nobody is following`,
        { reason: 'case_closed' },
      );
    const answering = await messageToAnswer(scope, caseId, input.contactId);
    const composer = REPLY_COMPOSERS[answering.channel];
    if (!composer) {
      throw new AppError(
        'conflict',
        UNANSWERABLE[answering.channel] ?? `Replies on ${answering.channel} are not supported`,
        {
          reason: 'channel_cannot_reply',
          channel: answering.channel,
        },
      );
    }
    const [tenant, sender] = [
      await findTenantOf(scope),
      actor.userId ? await findUser(scope, actor.userId) : undefined,
    ];
    const composed = await composer({
      scope,
      tenantSlug: tenant.slug,
      kase,
      answering,
      text,
      now,
      runtime,
      senderName: sender?.name ?? null,
    });

    const contactId = composed.inlineContactId ?? randomUUID();
    if (composed.inlineContactId) {
      await saveCase(change, {});
      await followCaseSla(scope, kase.id, now);
    } else {
      await insertContacts(scope, [
        {
          id: contactId,
          customerId: kase.customerId,
          channel: answering.channel,
          direction: 'outbound',
          occurredAt: now,
          subject: composed.subject ?? null,
          body: text,
          externalId: `reply:${contactId}`,
        },
      ]);
      await linkContacts(change, [contactId]);
    }
    if (change.row.status === 'new') await startWork(change);
    const outbound = await queueForDelivery(scope, { kase, answering, contactId, composed, now, sentBy: actor.userId });
    return { outcome: { contactId, outbound }, afterCommit: composed.afterCommit };
  });
  afterCommit?.();
  return outcome;
}

/** Answering the customer is working on their case: a new case becomes open, on the record. */
async function startWork(change: CaseChange): Promise<void> {
  await saveCase(change, { status: 'open' });
  await recordCaseEvents(change, [{ kind: 'status_changed', data: { from: 'new', to: 'open', reason: 'answered' } }]);
}

/**
 * Queues an outbound contact already on the timeline for sending on its channel: recorded with
 * its recipient, its thread id remembered so the answer finds the case, and a durable job to
 * send it (or marked sent at once when the channel needs no sending).
 */
export async function queueForDelivery(
  scope: TenantScope,
  input: {
    kase: CaseRow;
    answering: ContactRow;
    contactId: string;
    composed: ComposedReply;
    now: Date;
    sentBy: string | null;
  },
): Promise<OutboundMessage> {
  const { kase, answering, contactId, composed, now } = input;
  const transport = CHANNEL_TRANSPORTS[answering.channel];
  const outbound = await insertOutbound(scope, {
    contactId,
    caseId: kase.id,
    channel: answering.channel,
    recipient: composed.recipient,
    payload: composed.payload,
  });
  if (!composed.inlineContactId) {
    await setContactChannelFacts(scope, contactId, {
      facts: {
        recipient: composed.recipient,
        inReplyToContactId: answering.id,
        outboundId: outbound.id,
        sentBy: input.sentBy,
        ...composed.payload,
      },
    });
  }
  if (composed.threadRef) {
    await recordThread(scope, {
      channel: answering.channel,
      threadRef: composed.threadRef,
      customerId: kase.customerId,
      caseId: kase.id,
      contactId,
    });
  }
  if (!transport) {
    // Nothing to send: the portal shows it, the chat composer delivered it to the open session.
    await markOutbound(scope, outbound.id, { status: 'sent', sentAt: now });
    return { ...outbound, status: 'sent', sentAt: now, attempts: 1 };
  }
  await scheduleJob(scope.db, {
    tenantId: scope.tenantId,
    kind: DELIVER_OUTBOUND_JOB,
    key: `outbound:${outbound.id}`,
    payload: { outboundId: outbound.id },
    runAt: now,
    maxAttempts: 6,
    priority: 10,
  });
  return outbound;
}

async function messageToAnswer(
  scope: Actor['scope'],
  caseId: string,
  contactId: string | undefined,
): Promise<ContactRow> {
  if (contactId) {
    const contact = await findContact(scope, contactId);
    if (!contact || contact.caseId !== caseId) throw notFound('Contact on this case');
    if (contact.direction !== 'inbound')
      throw new AppError('conflict', 'That contact is one of ours; answer a message from the customer', {
        reason: 'not_a_customer_message',
      });
    return contact;
  }
  const latest = await findLatestCustomerMessage(scope, { caseId });
  if (!latest)
    throw new AppError('conflict', 'This case has no message from the customer to answer yet', {
      reason: 'nothing_to_answer',
    });
  return latest;
}
