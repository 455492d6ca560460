import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../errors.ts';
import {
  endChatSession,
  findChatSession,
  findChatSessionByTokenHash,
  findClientMessage,
  insertChatSession,
  rememberClientId,
} from '../../../store/repositories/chat-sessions.ts';
import { appendSegments } from '../../../store/repositories/contact-parts.ts';
import { findCase } from '../../../store/repositories/cases.ts';
import { inTransaction, type TenantScope } from '../../../store/tenant-scope.ts';
import { openCaseForChange, recordCaseEvents, systemActor, type CaseChange } from '../../cases/case-change.ts';
import { reopenOnCustomerReply } from '../../cases/link-contacts.ts';
import { listenToLiveMessage } from '../../analysis/live-alerts.ts';
import { hashSecret } from '../../auth/secrets.ts';
import { intakeMessage } from '../intake.ts';
import type { LiveFeed } from '../live-feed.ts';
import { appendChatMessage, chatEvent, refreshTranscript, sessionHistory } from './chat-messages.ts';
import type { ChatMessageView, VisitorDetails } from './protocol.ts';

/**
 * A visitor's conversation as their connection holds it. A new one lives only in memory until
 * its first message: then it becomes one chat contact on the customer's timeline, and the
 * session row that the visitor's token opens again later.
 */
export interface VisitorSession {
  sessionId: string;
  tokenHash: string;
  /** Whether the session row and its contact exist yet. */
  stored: boolean;
  /** The name, email and phone given when the conversation started (unknown on a resume). */
  details: VisitorDetails | null;
}

interface Options {
  feed?: LiveFeed | undefined;
  now?: Date;
}

/** A new conversation: the token goes to the visitor once and is stored only as its hash. */
export function startVisitorSession(details: VisitorDetails): { token: string; session: VisitorSession } {
  const token = `hkv_${randomBytes(32).toString('base64url')}`;
  return { token, session: { sessionId: randomUUID(), tokenHash: hashSecret(token), stored: false, details } };
}

/** The conversation a token opens, with its history; undefined for a token this organisation never gave out. */
export async function resumeVisitorSession(
  scope: TenantScope,
  token: string,
): Promise<{ session: VisitorSession; history: ChatMessageView[]; ended: boolean } | undefined> {
  const tokenHash = hashSecret(token);
  const found = await findChatSessionByTokenHash(scope, tokenHash);
  if (!found) return undefined;
  return {
    session: { sessionId: found.id, tokenHash, stored: true, details: null },
    history: await sessionHistory(scope, found),
    ended: found.endedAt !== null,
  };
}

/**
 * Stores one message from the visitor and says which number it got. The same clientId sent
 * again (a widget resending what was not acknowledged) stores nothing and gets the same number.
 */
export async function postVisitorMessage(
  scope: TenantScope,
  session: VisitorSession,
  message: { clientId: string; text: string },
  options: Options = {},
): Promise<{ seq: number; duplicate: boolean }> {
  const now = options.now ?? new Date();
  if (!session.stored) {
    const result = await startStoredSession(scope, session, message, now);
    session.stored = true;
    options.feed?.publish(result.contactEvent);
    options.feed?.publish(result.messageEvent);
    await listenToLiveMessage(scope, options.feed, {
      contactId: result.messageEvent.contactId!,
      text: message.text,
      at: now,
    });
    return { seq: result.seq, duplicate: false };
  }
  const outcome = await inTransaction(scope, async (tx) => {
    // Writing again in the chat of a solved case says it is not solved. The case is locked
    // before the session, the order an answer on the case takes, so the two never deadlock.
    const reopening = await solvedCaseOfSession(tx, session.sessionId, now);
    const current = await findChatSession(tx, session.sessionId, { forUpdate: true });
    const seen = current?.contactId ? await findClientMessage(tx, current.contactId, message.clientId) : undefined;
    if (seen !== undefined) return { seq: seen, duplicate: true as const };
    const speaker = session.details?.name ?? current?.customerName ?? null;
    const { session: row, stored } = await appendChatMessage(tx, session.sessionId, {
      role: 'customer',
      speaker,
      text: message.text,
      at: now,
    });
    await rememberClientId(tx, row.contactId!, message.clientId, stored.view.seq);
    if (reopening) await recordCaseEvents(reopening, [await reopenOnCustomerReply(reopening)]);
    return { seq: stored.view.seq, duplicate: false as const, stored };
  });
  if (!outcome.duplicate) {
    options.feed?.publish(outcome.stored.event);
    await listenToLiveMessage(scope, options.feed, {
      contactId: outcome.stored.event.contactId!,
      text: message.text,
      at: now,
    });
  }
  return { seq: outcome.seq, duplicate: outcome.duplicate };
}

async function solvedCaseOfSession(tx: TenantScope, sessionId: string, now: Date): Promise<CaseChange | undefined> {
  const caseId = (await findChatSession(tx, sessionId))?.caseId;
  if (!caseId || (await findCase(tx, caseId))?.status !== 'solved') return undefined;
  const change = await openCaseForChange(tx, systemActor(tx), caseId, now);
  return change.row.status === 'solved' ? change : undefined;
}

/**
 * The first message: taken in like any channel's message (the customer found by email or
 * phone, the case chosen by the same rules), and the session stored with it, all at once.
 */
async function startStoredSession(
  scope: TenantScope,
  session: VisitorSession,
  message: { clientId: string; text: string },
  now: Date,
) {
  const details = session.details;
  if (!details)
    throw new AppError('validation_failed', 'Start with your name and an email address or phone number', {
      reason: 'customer_required',
    });
  return inTransaction(scope, async (tx) => {
    const intake = await intakeMessage(
      tx,
      {
        channel: 'chat',
        occurredAt: now,
        externalId: `chat:${session.sessionId}`,
        customer: {
          email: details.email ?? undefined,
          phone: details.phone ?? undefined,
          name: details.name ?? undefined,
        },
        text: message.text,
        threadRef: session.sessionId,
        facts: { chatSessionId: session.sessionId, clientIds: { [message.clientId]: 1 } },
      },
      { now },
    );
    if (intake.status === 'duplicate')
      throw new AppError('conflict', 'This conversation was already started', { reason: 'already_started' });
    // Stored here rather than by intake, so the first message is numbered like every later one.
    const seq = await appendSegments(tx, intake.contactId, [
      { speaker: details.name, speakerRole: 'customer', at: now, startMs: null, endMs: null, text: message.text },
    ]);
    await insertChatSession(tx, {
      id: session.sessionId,
      customerId: intake.customerId,
      contactId: intake.contactId,
      tokenHash: session.tokenHash,
      startedAt: now,
    });
    await refreshTranscript(tx, intake.contactId);
    const row = (await findChatSession(tx, session.sessionId))!;
    const view: ChatMessageView = {
      seq,
      from: 'customer',
      name: details.name,
      text: message.text,
      at: now.toISOString(),
    };
    const messageEvent = chatEvent(row, 'chat_message', tx.tenantId, view);
    return { seq, messageEvent, contactEvent: { ...messageEvent, kind: 'contact' as const, message: undefined } };
  });
}

/** The visitor ends the conversation: noted in it, and everyone watching it is told. */
export async function endVisitorSession(
  scope: TenantScope,
  session: VisitorSession,
  options: Options = {},
): Promise<void> {
  if (!session.stored) return;
  const now = options.now ?? new Date();
  const ended = await inTransaction(scope, async (tx) => {
    if (!(await endChatSession(tx, session.sessionId, now))) return undefined;
    const { stored } = await appendChatMessage(
      tx,
      session.sessionId,
      { role: 'system', speaker: null, text: 'The customer ended the chat.', at: now },
      { notice: true },
    );
    return stored;
  });
  if (ended) options.feed?.publish({ ...ended.event, kind: 'chat_ended' });
}
