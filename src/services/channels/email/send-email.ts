import { createTransport, type Transporter } from 'nodemailer';
import type { ChannelTransport } from '../outbound/channel-runtime.ts';
import type { EmailPayload } from './compose-email-reply.ts';

const transports = new Map<string, Transporter>();

/**
 * One transport per relay URL (`smtp://user:pass@relay:587`, `smtps://…`), kept for the life of
 * the process. Short timeouts: a send runs inside its job's transaction, and a relay that does
 * not answer should fail the attempt (it is retried) rather than hold it for minutes.
 */
function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = createTransport({
      url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as Parameters<typeof createTransport>[0]);
    transports.set(url, transport);
  }
  return transport;
}

/**
 * Sends a queued email reply through the configured relay, or into the mail catcher when there is
 * none and the server catches mail (the demo). Throws when it cannot (no relay, the
 * relay refuses or is unreachable): the delivery job retries, and records the last failure on
 * the case.
 */
export const sendEmail: ChannelTransport = async (_scope, message, runtime) => {
  // The message is already stored, with everything it says: catching it is keeping it as sent.
  if (!runtime.smtpRelayUrl && runtime.catchMail) return 'catcher';
  if (!runtime.smtpRelayUrl) throw new Error('no SMTP relay configured: set HEARKEN_SMTP_RELAY');
  const mail = message.payload as unknown as EmailPayload;
  await transportFor(runtime.smtpRelayUrl).sendMail({
    from: { name: mail.fromName, address: mail.from },
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references.length > 0 ? { references: mail.references } : {}),
    headers: mail.headers,
    // Bounces come back to the organisation's own address, where they join the case.
    envelope: { from: mail.from, to: [mail.to] },
  });
  return 'relay';
};

/** Closes every relay connection (pooled relays keep some open). */
export function closeEmailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}
