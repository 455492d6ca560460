import type { TenantScope } from '../../../store/tenant-scope.ts';
import { listenToLiveMessage } from '../../analysis/live-alerts.ts';
import { intakeMessage, type IntakeOutcome } from '../intake.ts';
import type { LiveFeed } from '../live-feed.ts';

export interface InboundSms {
  /** The gateway's id for the message: a second delivery changes nothing. */
  messageId: string;
  /** The customer's number. */
  from: string;
  /** Our number it was sent to. */
  to: string;
  text: string;
  at?: string | undefined;
}

export const smsExternalId = (messageId: string) => `sms:${messageId}`;

/**
 * A text message from a customer: a contact on the timeline of whoever is known by that
 * number. SMS has no threads: a text about an open case within the repeat window joins it
 * (intake's rule), anything else opens a case.
 */
export async function receiveSms(
  scope: TenantScope,
  sms: InboundSms,
  options: { now?: Date; feed?: LiveFeed } = {},
): Promise<IntakeOutcome> {
  const outcome = await intakeMessage(
    scope,
    {
      channel: 'sms',
      externalId: smsExternalId(sms.messageId),
      occurredAt: sms.at ? new Date(sms.at) : undefined,
      customer: { phone: sms.from },
      identityProven: true,
      text: sms.text,
      facts: { from: sms.from, to: sms.to, messageId: sms.messageId },
    },
    options,
  );
  if (outcome.status === 'created')
    await listenToLiveMessage(scope, options.feed, {
      contactId: outcome.contactId,
      text: sms.text,
      at: options.now ?? new Date(),
    });
  return outcome;
}
