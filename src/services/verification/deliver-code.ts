import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.ts';
import { loadChannelSettings } from '../../store/repositories/channel-settings.ts';
import type { OutboundMessage } from '../../store/repositories/outbound-messages.ts';
import { findTenantOf } from '../../store/repositories/tenants.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import type { ChannelRuntime } from '../channels/outbound/channel-runtime.ts';
import type { EmailPayload } from '../channels/email/compose-email-reply.ts';
import { sendEmail } from '../channels/email/send-email.ts';
import { sendSms } from '../channels/sms/sms-outbound.ts';

export interface CodeMessage {
  channel: 'sms' | 'email';
  to: string;
  code: string;
  minutes: number;
}

/** Where a code that cannot leave the machine goes instead: the demo's log. */
export type CaughtCode = (message: CodeMessage & { organisation: string }) => void;

/**
 * Sends a one-time code at once, through the organisation's SMS gateway or the mail relay, and
 * never through the outbound queue: a queued message is stored with its text (the outbox shows
 * it to supervisors), and a code must exist only as a hash. A code that cannot be sent is an
 * answer the agent can act on (409), not a retry minutes later when it is no use.
 *
 * A server that catches mail (the demo, with no relay) catches codes too, SMS included when no
 * gateway is set: they are handed to `caught` (the demo writes them to its log) instead.
 */
export async function deliverCode(
  scope: TenantScope,
  message: CodeMessage,
  runtime: ChannelRuntime,
  caught: CaughtCode,
): Promise<void> {
  const tenant = await findTenantOf(scope);
  const text = `Your ${tenant.name} verification code is ${message.code}. It expires in ${message.minutes} minutes. We will never ask you to tell it to anyone but the person you are speaking to.`;
  const outbound: OutboundMessage = {
    id: randomUUID(),
    contactId: '',
    caseId: null,
    channel: message.channel,
    recipient: message.to,
    payload: {},
    status: 'queued',
    attempts: 0,
    lastError: null,
    createdAt: new Date(),
    sentAt: null,
  };
  try {
    if (message.channel === 'sms') {
      const settings = await loadChannelSettings(scope);
      if (!settings.smsGatewayUrl && runtime.catchMail) return caught({ ...message, organisation: tenant.slug });
      await sendSms(scope, { ...outbound, payload: { text } }, runtime);
      return;
    }
    if (!runtime.smtpRelayUrl && runtime.catchMail) return caught({ ...message, organisation: tenant.slug });
    const from = `${tenant.slug}@${runtime.mailDomain}`;
    const mail: EmailPayload = {
      from,
      fromName: tenant.name,
      to: message.to,
      subject: `Your ${tenant.name} verification code`,
      messageId: `<verification.${outbound.id}@${runtime.mailDomain}>`,
      inReplyTo: null,
      references: [],
      headers: {},
      text,
    };
    await sendEmail(scope, { ...outbound, payload: mail as unknown as Record<string, unknown> }, runtime);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'conflict',
      `The code could not be sent: ${error instanceof Error ? error.message : String(error)}`,
      {
        reason: 'code_not_sent',
      },
    );
  }
}
