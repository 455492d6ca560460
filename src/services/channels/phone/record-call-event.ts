import { AppError } from '../../../errors.ts';
import {
  applyCallEvent,
  asCallFacts,
  callSummary,
  type CallEvent,
  type CallIdentity,
} from '../../../domain/channels/call-facts.ts';
import { lockContactByExternalId, moveContactEarlier } from '../../../store/repositories/channel-contacts.ts';
import { setContactChannelFacts } from '../../../store/repositories/contact-parts.ts';
import { inTransaction, type TenantScope } from '../../../store/tenant-scope.ts';
import { intakeMessage } from '../intake.ts';
import type { LiveFeed } from '../live-feed.ts';

export type CallEventInput = CallIdentity & CallEvent;

export interface CallOutcome {
  /** created: the call's first event; updated: its facts changed; unchanged: this event was already known. */
  status: 'created' | 'updated' | 'unchanged';
  contactId: string;
  caseId: string | null;
  customerId: string;
}

export const callExternalId = (callId: string) => `call:${callId}`;
/** The channel thread of a call: a transfer or consult leg names the call it continues. */
export const callThreadRef = (callId: string) => `call:${callId}`;

/**
 * One event of a call from the telephony system. A call is one contact on the caller's
 * timeline, created at whichever of its events arrives first and given the facts of every later
 * one (wait, talk time, queues, transfers, recording). A leg that continues another call
 * (previousCallId) joins that call's case.
 */
export async function recordCallEvent(
  scope: TenantScope,
  input: CallEventInput,
  options: { now?: Date; feed?: LiveFeed } = {},
): Promise<CallOutcome> {
  const existing = await updateCall(scope, input);
  if (existing) return existing;

  const { facts } = applyCallEvent(null, input, input);
  const outcome = await intakeMessage(
    scope,
    {
      channel: 'phone',
      externalId: callExternalId(input.callId),
      occurredAt: new Date(input.at),
      customer: { phone: input.from },
      identityProven: true,
      text: callSummary(facts),
      facts: { ...facts },
      threadRef: callThreadRef(input.callId),
      threadRefs: input.previousCallId ? [callThreadRef(input.previousCallId)] : [],
    },
    options,
  );
  if (outcome.status === 'created') {
    return { status: 'created', contactId: outcome.contactId, caseId: outcome.caseId, customerId: outcome.customerId };
  }
  // Another delivery created the call in the meantime: add this event to it.
  const raced = await updateCall(scope, input);
  if (!raced)
    throw new AppError('conflict', `Call ${input.callId} could not be recorded; send the event again`, {
      reason: 'call_race',
    });
  return raced;
}

/** Adds the event to the call's contact if the call is known; undefined otherwise. */
async function updateCall(scope: TenantScope, input: CallEventInput): Promise<CallOutcome | undefined> {
  return inTransaction(scope, async (tx) => {
    const contact = await lockContactByExternalId(tx, callExternalId(input.callId));
    if (!contact) return undefined;
    const known = {
      status: 'unchanged' as const,
      contactId: contact.id,
      caseId: contact.caseId,
      customerId: contact.customerId,
    };
    if (contact.channel !== 'phone') {
      throw new AppError(
        'conflict',
        `The id call:${input.callId} belongs to a ${contact.channel} contact, not a call`,
        { reason: 'not_a_call' },
      );
    }
    const previous = asCallFacts(contact.facts);
    const { facts, changed } = applyCallEvent(previous, input, input);
    if (!changed) return known;
    // Until the transcript arrives the contact's text says how the call went.
    const body = facts.transcript ? undefined : callSummary(facts);
    await setContactChannelFacts(tx, contact.id, { facts: { ...facts }, ...(body === undefined ? {} : { body }) });
    await moveContactEarlier(tx, contact.id, new Date(input.at));
    return { ...known, status: 'updated' as const };
  });
}
