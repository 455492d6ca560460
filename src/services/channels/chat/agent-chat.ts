import { findCase } from '../../../store/repositories/cases.ts';
import { followCaseSla } from '../../sla/track-case-sla.ts';
import { AppError, invalid, notFound } from '../../../errors.ts';
import { findChatSession, findChatSessionOfContact } from '../../../store/repositories/chat-sessions.ts';
import { findUser } from '../../../store/repositories/people.ts';
import { inTransaction, type TenantScope } from '../../../store/tenant-scope.ts';
import type { Actor } from '../../actor.ts';
import type { LiveFeed } from '../live-feed.ts';
import type { ComposedReply, ReplyRequest } from '../outbound/channel-runtime.ts';
import { appendChatMessage, sessionHistory } from './chat-messages.ts';
import { MAX_TEXT_CHARS, type ChatMessageView } from './protocol.ts';

/** Who answers in a chat, as the visitor sees them. */
export interface ChatAgent {
  userId: string | null;
  name: string | null;
}

/** The person behind a staff actor; an integration token has no name of its own. */
export async function chatAgentOf(actor: Actor): Promise<ChatAgent> {
  const user = actor.userId ? await findUser(actor.scope, actor.userId) : undefined;
  return { userId: actor.userId, name: user?.name ?? null };
}

function checkedText(raw: string): string {
  const text = raw.replaceAll('\u0000', '').trim();
  if (text === '') throw invalid('The message is empty', { reason: 'empty_message' });
  if (text.length > MAX_TEXT_CHARS)
    throw invalid(`A chat message may hold at most ${MAX_TEXT_CHARS} characters`, { reason: 'text_too_long' });
  return text;
}

/**
 * An agent's message in a live chat: a message of the chat's one contact (not a contact of its
 * own), on the visitor's screen at once through the live feed once it is stored.
 */
export async function sendAgentChatMessage(
  scope: TenantScope,
  sessionId: string,
  agent: ChatAgent,
  text: string,
  options: { feed?: LiveFeed | undefined; now?: Date } = {},
): Promise<ChatMessageView> {
  const now = options.now ?? new Date();
  const body = checkedText(text);
  const { stored } = await inTransaction(scope, async (tx) => {
    const caseId = (await findChatSession(tx, sessionId))?.caseId;
    // The case before the session, the order a reply on the case takes: the two never wait on each other.
    if (caseId) await findCase(tx, caseId, { forUpdate: true });
    const appended = await appendChatMessage(tx, sessionId, {
      role: 'agent',
      speaker: agent.name,
      text: body,
      at: now,
    });
    // An agent's answer in the chat is the case's response: its SLA clocks move.
    if (caseId) await followCaseSla(tx, caseId, now);
    return appended;
  });
  options.feed?.publish(stored.event);
  return stored.view;
}

/** A session as staff see it: whose it is, where it stands, and every message. */
export async function chatSessionDetail(scope: TenantScope, sessionId: string) {
  const session = await findChatSession(scope, sessionId);
  if (!session) throw notFound('Chat session');
  return {
    id: session.id,
    customerId: session.customerId,
    contactId: session.contactId,
    caseId: session.caseId,
    startedAt: session.startedAt.toISOString(),
    lastMessageAt: session.lastMessageAt?.toISOString() ?? null,
    endedAt: session.endedAt?.toISOString() ?? null,
    messages: await sessionHistory(scope, session),
  };
}

/**
 * The chat line of REPLY_COMPOSERS: a reply on a case whose customer wrote by chat becomes a
 * message of that chat, delivered to the visitor at once. It runs inside the reply's
 * transaction, so the visitor may see it a moment before it is committed.
 */
export async function composeChatReply(request: ReplyRequest): Promise<ComposedReply> {
  const sessionId =
    typeof request.answering.facts?.chatSessionId === 'string'
      ? request.answering.facts.chatSessionId
      : (await findChatSessionOfContact(request.scope, request.answering.id))?.id;
  if (!sessionId) {
    throw new AppError(
      'conflict',
      'This chat was recorded without a live session, so nobody is there to read a reply; answer by email or phone',
      {
        reason: 'no_chat_session',
      },
    );
  }
  const { stored } = await appendChatMessage(request.scope, sessionId, {
    role: 'agent',
    speaker: request.senderName,
    text: checkedText(request.text),
    at: request.now,
  });
  // The reply is a message of the chat itself, not a contact of its own; the visitor sees it once it is committed.
  return {
    recipient: `chat:${sessionId}`,
    payload: { chatSessionId: sessionId, seq: stored.view.seq },
    inlineContactId: request.answering.id,
    afterCommit: () => request.runtime.feed.publish(stored.event),
  };
}
