import type { ContactRow, CaseRow } from '../../../store/schema.ts';
import type { TenantScope } from '../../../store/tenant-scope.ts';
import type { OutboundMessage } from '../../../store/repositories/outbound-messages.ts';
import { LiveFeed } from '../live-feed.ts';

/** How this Hearken process reaches the outside world: set once from the server's settings. */
export interface ChannelRuntime {
  /** The domain of Hearken's own addresses and Message-IDs, e.g. "support.example.com". */
  mailDomain: string;
  /** The SMTP relay replies go out through, e.g. "smtp://relay.example.com:587"; unset: mail stays queued. */
  smtpRelayUrl: string | null;
  /**
   * Without a relay, keep outgoing mail in the local catcher (the outbox shows it) instead of
   * queuing it for a relay that never comes: what the demo does.
   */
  catchMail: boolean;
  /** Where this server is reached from outside, for links in messages. */
  publicUrl: string;
  feed: LiveFeed;
}

/** A runtime for a laptop: nothing leaves the machine until a relay is configured. */
export function channelRuntime(overrides: Partial<ChannelRuntime> = {}): ChannelRuntime {
  return {
    mailDomain: 'hearken.localhost',
    smtpRelayUrl: null,
    catchMail: false,
    publicUrl: 'http://localhost:3000',
    feed: new LiveFeed(),
    ...overrides,
  };
}

/** What an agent's reply on a case needs to be sent on one channel. */
export interface ReplyRequest {
  scope: TenantScope;
  tenantSlug: string;
  kase: CaseRow;
  /** The customer's message being answered: its channel is the reply's channel. */
  answering: ContactRow;
  text: string;
  now: Date;
  runtime: ChannelRuntime;
  /** The name of the person answering, as the customer should see it; null for Hearken itself. */
  senderName: string | null;
}

export interface ComposedReply {
  /** The address, number or session the reply goes to. */
  recipient: string;
  /** Everything the transport needs to send it, stored with the queued message. */
  payload: Record<string, unknown>;
  /** The channel id the customer's answer will refer to (an outgoing Message-ID). */
  threadRef?: string;
  subject?: string | null;
  /**
   * The reply became part of a contact already on the case (a message in a live chat) instead
   * of a contact of its own.
   */
  inlineContactId?: string;
  /** Runs once the reply is committed: telling a live screen before that could show a reply that never was. */
  afterCommit?: () => void;
}

/** Builds the reply for one channel; throws an AppError when that channel cannot be answered. */
export type ReplyComposer = (request: ReplyRequest) => Promise<ComposedReply>;

/** Where a sent message went: out through a relay or gateway, or into the local mail catcher. */
export type Delivery = 'relay' | 'catcher';

/** Sends one queued message; throwing means "try again later". */
export type ChannelTransport = (
  scope: TenantScope,
  message: OutboundMessage,
  runtime: ChannelRuntime,
) => Promise<Delivery | void>;
