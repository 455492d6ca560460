import { AppError } from '../../../errors.ts';
import {
  findChatSession,
  listClientMessages,
  touchChatSession,
  type ChatSession,
} from '../../../store/repositories/chat-sessions.ts';
import {
  appendSegments,
  listSegments,
  setContactChannelFacts,
  type ContactSegment,
} from '../../../store/repositories/contact-parts.ts';
import type { TenantScope } from '../../../store/tenant-scope.ts';
import type { LiveEvent } from '../live-feed.ts';
import { MAX_SESSION_MESSAGES, type ChatMessageView } from './protocol.ts';

/** What the shared parts of sending a chat message return: the message, and the event to publish once committed. */
export interface StoredChatMessage {
  view: ChatMessageView;
  event: LiveEvent;
}

const ROLE_LABEL = { customer: 'Customer', agent: 'Agent', system: 'Hearken' } as const;

export function messageView(
  segment: ContactSegment & { seq: number },
  clientIdOf?: Map<number, string>,
): ChatMessageView {
  const from = segment.speakerRole ?? 'system';
  const clientId = clientIdOf?.get(segment.seq);
  return {
    seq: segment.seq,
    from,
    name: segment.speaker,
    text: segment.text,
    at: segment.at.toISOString(),
    ...(clientId ? { clientId } : {}),
  };
}

/** A session's messages in order, the visitor's own carrying the id their widget gave them. */
export async function sessionHistory(scope: TenantScope, session: ChatSession): Promise<ChatMessageView[]> {
  if (!session.contactId) return [];
  const clientIdOf = await listClientMessages(scope, session.contactId);
  return (await listSegments(scope, session.contactId)).map((s) => messageView(s, clientIdOf));
}

/**
 * The contact's text is the running transcript, so that search and the timeline find what was
 * said in the chat; its segments keep each message with its speaker and time.
 */
export async function refreshTranscript(scope: TenantScope, contactId: string): Promise<void> {
  const lines = (await listSegments(scope, contactId)).map(
    (s) => `${s.speaker ?? ROLE_LABEL[s.speakerRole ?? 'system']}: ${s.text}`,
  );
  await setContactChannelFacts(scope, contactId, { body: lines.join('\n') });
}

export function chatEvent(
  session: ChatSession,
  kind: 'chat_message' | 'chat_ended',
  tenantId: string,
  view: ChatMessageView,
): LiveEvent {
  return {
    tenantId,
    kind,
    customerId: session.customerId,
    caseId: session.caseId,
    contactId: session.contactId!,
    ownerId: session.ownerId,
    teamId: session.teamId,
    chatSessionId: session.id,
    message: { seq: view.seq, speaker: view.name, speakerRole: view.from, at: view.at, text: view.text },
  };
}

/**
 * Appends one message to a stored session, inside the caller's transaction, with the session
 * row locked so that messages are numbered one at a time.
 */
export async function appendChatMessage(
  tx: TenantScope,
  sessionId: string,
  message: { role: 'customer' | 'agent' | 'system'; speaker: string | null; text: string; at: Date },
  /** A notice (the chat ended) is written even into an ended or full session. */
  options: { notice?: boolean } = {},
): Promise<{ session: ChatSession; stored: StoredChatMessage }> {
  const session = await findChatSession(tx, sessionId, { forUpdate: true });
  if (!session || !session.contactId)
    throw new AppError('not_found', 'Chat session not found', { reason: 'unknown_session' });
  if (session.endedAt && !options.notice) {
    throw new AppError(
      'conflict',
      'This chat has ended: the visitor will not see a message in it; reach the customer on another channel',
      { reason: 'session_ended' },
    );
  }
  if (session.messageCount >= MAX_SESSION_MESSAGES && !options.notice) {
    throw new AppError('conflict', `A chat holds at most ${MAX_SESSION_MESSAGES} messages; start a new one`, {
      reason: 'session_full',
    });
  }
  const seq = await appendSegments(tx, session.contactId, [
    {
      speaker: message.speaker,
      speakerRole: message.role,
      at: message.at,
      startMs: null,
      endMs: null,
      text: message.text,
    },
  ]);
  await refreshTranscript(tx, session.contactId);
  await touchChatSession(tx, session.id, message.at);
  const view: ChatMessageView = {
    seq,
    from: message.role,
    name: message.speaker,
    text: message.text,
    at: message.at.toISOString(),
  };
  return { session, stored: { view, event: chatEvent(session, 'chat_message', tx.tenantId, view) } };
}
