import { AppError } from '../../../errors.ts';
import type { Channel } from '../../../domain/vocabulary.ts';
import { findLatestCustomerMessage } from '../../../store/repositories/contacts.ts';
import { findTenantOf } from '../../../store/repositories/tenants.ts';
import type { CaseRow } from '../../../store/schema.ts';
import type { TenantScope } from '../../../store/tenant-scope.ts';
import type { ChannelRuntime } from './channel-runtime.ts';
import { REPLY_COMPOSERS } from './registry.ts';
import { queueForDelivery } from './reply-to-case.ts';

/**
 * Sends a notice Hearken wrote itself (a resolved problem) that is already on the customer's
 * timeline, addressed like an answer to their latest message on that channel. Returns false
 * when the channel cannot carry it (no address known, no way to send): the notice then stays
 * where the customer sees it in the portal and agents see it on the case.
 */
export async function sendNotice(
  scope: TenantScope,
  notice: { kase: CaseRow; contactId: string; channel: Channel; text: string; now: Date },
  runtime: ChannelRuntime,
): Promise<boolean> {
  const composer = REPLY_COMPOSERS[notice.channel];
  const answering =
    composer &&
    (await findLatestCustomerMessage(scope, { customerId: notice.kase.customerId, channel: notice.channel }));
  if (!composer || !answering) return false;
  const tenant = await findTenantOf(scope);
  try {
    const composed = await composer({
      scope,
      tenantSlug: tenant.slug,
      kase: notice.kase,
      answering,
      text: notice.text,
      now: notice.now,
      runtime,
      senderName: null,
    });
    await queueForDelivery(scope, {
      kase: notice.kase,
      answering,
      contactId: notice.contactId,
      composed,
      now: notice.now,
      sentBy: null,
    });
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}
