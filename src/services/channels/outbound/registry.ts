import type { Channel } from '../../../domain/vocabulary.ts';
import type { ChannelTransport, ReplyComposer } from './channel-runtime.ts';
import { composePortalReply } from './compose-portal-reply.ts';
import { composeEmailReply } from '../email/compose-email-reply.ts';
import { sendEmail } from '../email/send-email.ts';
import { composeSmsReply, sendSms } from '../sms/sms-outbound.ts';
import { composeChatReply } from '../chat/agent-chat.ts';

/**
 * How an agent's reply is written for each channel a customer can be answered on. A channel
 * missing here cannot be answered in writing (a phone call: book a callback instead).
 * Each channel adds its own line.
 */
export const REPLY_COMPOSERS: Partial<Record<Channel, ReplyComposer>> = {
  portal: composePortalReply,
  email: composeEmailReply,
  sms: composeSmsReply,
  chat: composeChatReply,
};

/** How a queued reply is sent, per channel. A channel whose replies need no sending (portal) is absent. */
export const CHANNEL_TRANSPORTS: Partial<Record<Channel, ChannelTransport>> = {
  email: sendEmail,
  sms: sendSms,
};
