import { randomUUID } from 'node:crypto';
import { AppError } from '../../../errors.ts';
import { formatCaseReference } from '../../../domain/channels/case-reference.ts';
import { outboundAutomationHeaders } from '../../../domain/channels/mail-automation.ts';
import { bareAddress } from '../../../domain/channels/mail-headers.ts';
import { canonicalMessageId, replyHeaders } from '../../../domain/channels/mail-threading.ts';
import { threadRefsOfCase } from '../../../store/repositories/channel-threads.ts';
import { listIdentities } from '../../../store/repositories/customers.ts';
import { findTenantOf } from '../../../store/repositories/tenants.ts';
import type { ComposedReply, ReplyComposer } from '../outbound/channel-runtime.ts';

/** What the transport needs to send an email reply; stored with the queued message. */
export interface EmailPayload {
  from: string;
  fromName: string;
  to: string;
  subject: string;
  /** Ids in angle brackets, as they go on the wire. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  headers: Record<string, string>;
  text: string;
}

const DERIVED_ID = /@derived\.hearken$/;

/**
 * An agent's reply by email: to the address the customer wrote from, from the organisation's
 * own address, with a new Message-ID in our mail domain, In-Reply-To the customer's message,
 * References continuing its thread, and `Re: [C-12] …` as subject, so whichever of these the
 * customer's mail client keeps brings the answer back to this case.
 */
export const composeEmailReply: ReplyComposer = async ({
  scope,
  tenantSlug,
  kase,
  answering,
  text,
  runtime,
}): Promise<ComposedReply> => {
  const facts = (answering.facts ?? {}) as {
    from?: unknown;
    replyTo?: unknown;
    messageId?: unknown;
    messageIdDerived?: unknown;
    references?: unknown;
    inReplyTo?: unknown;
  };
  if (answering.automated) {
    throw new AppError(
      'conflict',
      `That mail was sent by a machine (${answering.automated.replace('_', '-')}); answering it could start a mail loop`,
      { reason: 'automated_mail', channel: 'email' },
    );
  }
  const recipient = await recipientOf(scope, answering.customerId, facts, runtime.mailDomain);
  if (!recipient) {
    throw new AppError('conflict', 'This customer has no email address to answer', {
      reason: 'no_recipient',
      channel: 'email',
    });
  }

  const parent =
    typeof facts.messageId === 'string' && facts.messageIdDerived !== true ? canonicalMessageId(facts.messageId) : null;
  const ownReferences = strings(facts.references).length > 0 ? strings(facts.references) : strings(facts.inReplyTo);
  // A message without a thread of its own (a new mail quoting only [C-12]) continues the case's.
  const references =
    ownReferences.length > 0
      ? ownReferences
      : (await threadRefsOfCase(scope, kase.id, 'email'))
          .filter((id) => id !== parent && !DERIVED_ID.test(id))
          .reverse();
  const headers = replyHeaders({
    caseReference: formatCaseReference(kase.number),
    subject: answering.subject ?? kase.subject,
    parentMessageId: parent,
    references,
    ownDomain: runtime.mailDomain,
    newId: randomUUID(),
  });
  const tenant = await findTenantOf(scope);
  const payload: EmailPayload = {
    from: `${tenantSlug}@${runtime.mailDomain}`,
    fromName: tenant.name,
    to: recipient,
    subject: headers.subject,
    messageId: headers.messageId,
    inReplyTo: headers.inReplyTo,
    references: headers.references,
    headers: outboundAutomationHeaders('agent_reply', runtime.mailDomain),
    text,
  };
  return {
    recipient,
    subject: headers.subject,
    threadRef: canonicalMessageId(headers.messageId)!,
    payload: { ...payload },
  };
};

/** Reply-To when the customer asked for it, else From, else an email address they are known by. */
async function recipientOf(
  scope: Parameters<ReplyComposer>[0]['scope'],
  customerId: string,
  facts: { from?: unknown; replyTo?: unknown },
  ownDomain: string,
): Promise<string | null> {
  // Never one of our own addresses: that would be a loop.
  const usable = (address: string | undefined) =>
    address && address.includes('@') && !address.endsWith(`@${ownDomain.toLowerCase()}`) ? address : undefined;
  const given =
    usable(strings(facts.replyTo).map(bareAddress)[0]) ??
    usable(typeof facts.from === 'string' ? bareAddress(facts.from) : undefined);
  if (given) return given;
  const email = (await listIdentities(scope, customerId)).find((i) => i.kind === 'email');
  return email?.value ?? null;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v !== '')
    : typeof value === 'string' && value
      ? [value]
      : [];
