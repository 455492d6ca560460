import { AppError } from '../../../errors.ts';
import { fitSms } from '../../../domain/channels/sms-text.ts';
import { normalizePhone } from '../../../domain/identity.ts';
import { loadChannelSettings } from '../../../store/repositories/channel-settings.ts';
import { listIdentities } from '../../../store/repositories/customers.ts';
import type { ChannelTransport, ReplyComposer } from '../outbound/channel-runtime.ts';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../webhook-signature.ts';

export const SMS_GATEWAY_TIMEOUT_MS = 10_000;

/**
 * An agent's answer by text message: to the number the customer texted from (else a number
 * they are known by), normalised and capped so it fits a few messages (see fitSms).
 */
export const composeSmsReply: ReplyComposer = async ({ scope, kase, answering, text }) => {
  const from = typeof answering.facts?.['from'] === 'string' ? answering.facts['from'] : undefined;
  const known = from ?? (await listIdentities(scope, kase.customerId)).find((i) => i.kind === 'phone')?.value;
  const number = known === undefined ? undefined : normalizePhone(known);
  if (!number?.ok) {
    throw new AppError('conflict', 'This customer has no phone number to text; answer on another channel', {
      reason: 'no_phone_number',
    });
  }
  const sms = fitSms(text);
  return {
    recipient: number.identity.value,
    payload: { text: sms.text, encoding: sms.encoding, parts: sms.parts, truncated: sms.truncated },
  };
};

/**
 * Hands a queued text to the organisation's SMS gateway: a JSON POST of {to, from, text,
 * messageId} to its smsGatewayUrl, signed like the webhooks it sends us (X-Hearken-Signature
 * with the organisation's first webhook secret). messageId is the same on every retry, so the
 * gateway can drop a repeat. Anything but a 2xx is retried by the delivery job.
 */
export const sendSms: ChannelTransport = async (scope, message) => {
  const settings = await loadChannelSettings(scope);
  if (!settings.smsGatewayUrl) {
    throw new Error(
      'No SMS gateway is configured: an administrator sets smsGatewayUrl with PATCH /api/v1/channels/settings',
    );
  }
  const secret = settings.webhookSecrets[0];
  if (!secret)
    throw new Error(
      'No webhook secret to sign SMS gateway requests with: create one with POST /api/v1/channels/webhook-secrets',
    );
  const body = JSON.stringify({
    to: message.recipient,
    from: settings.smsSender,
    text: String(message.payload['text'] ?? ''),
    messageId: `hearken:${message.id}`,
  });
  let response: Response;
  try {
    response = await fetch(settings.smsGatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
      signal: AbortSignal.timeout(SMS_GATEWAY_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (error) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new Error(`The SMS gateway could not be reached: ${reason}`);
  }
  if (!response.ok) {
    const detail = (await response.text().catch(() => '')).slice(0, 300);
    throw new Error(`The SMS gateway answered ${response.status}${detail ? `: ${detail}` : ''}`);
  }
  await response.body?.cancel().catch(() => undefined);
};
