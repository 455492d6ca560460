import { findOutbound, markOutbound } from '../../../store/repositories/outbound-messages.ts';
import type { TenantScope } from '../../../store/tenant-scope.ts';
import { openCaseForChange, recordCaseEvents, systemActor } from '../../cases/case-change.ts';
import type { ChannelRuntime, Delivery } from './channel-runtime.ts';
import { CHANNEL_TRANSPORTS } from './registry.ts';

/**
 * Sends one queued reply. A failure is retried by the job with backoff; the last failure is
 * recorded on the message and on its case, where the owner sees that the customer was not told.
 * A reply is sent at least once: a crash between sending and recording sends it again.
 */
export async function deliverOutbound(
  scope: TenantScope,
  outboundId: string,
  runtime: ChannelRuntime,
  attempt: { number: number; last: boolean; now: Date },
): Promise<void> {
  const message = await findOutbound(scope, outboundId);
  if (!message || message.status !== 'queued') return;
  const transport = CHANNEL_TRANSPORTS[message.channel as keyof typeof CHANNEL_TRANSPORTS];
  let deliveredTo: Delivery | null = null;
  try {
    if (!transport) throw new Error(`no way to send ${message.channel} messages`);
    deliveredTo = (await transport(scope, message, runtime)) ?? null;
  } catch (error) {
    if (!attempt.last) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    await markOutbound(scope, outboundId, { status: 'failed', error: reason });
    if (message.caseId) {
      const change = await openCaseForChange(scope, systemActor(scope), message.caseId, attempt.now);
      await recordCaseEvents(change, [
        {
          kind: 'reply_failed',
          data: {
            contactId: message.contactId,
            channel: message.channel,
            recipient: message.recipient,
            attempts: attempt.number,
            reason,
          },
        },
      ]);
    }
    return;
  }
  await markOutbound(scope, outboundId, { status: 'sent', sentAt: attempt.now, deliveredTo });
}
