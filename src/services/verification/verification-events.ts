import { insertCustomerEvents } from '../../store/repositories/customer-merges.ts';
import type { VerificationSessionRow } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';

/**
 * Verification on the customer's timeline: who asked, on which channel, from where, and the
 * result. Never a claimed or a stored value, nor which field differed: the timeline is read by
 * every member of staff, analysts included.
 */
export type VerificationEventKind =
  | 'verification_started'
  | 'verification_claims_checked'
  | 'verification_code_sent'
  | 'verification_code_checked'
  | 'verification_locked'
  | 'verification_unlocked'
  | 'record_correction_opened'
  | 'record_corrected'
  | 'record_correction_dismissed';

export async function recordVerificationEvent(
  scope: TenantScope,
  actor: Pick<Actor, 'userId' | 'label'>,
  event: {
    customerId: string;
    kind: VerificationEventKind;
    session?: Pick<VerificationSessionRow, 'id' | 'channel' | 'origin'>;
    at: Date;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await insertCustomerEvents(scope, [
    {
      customerId: event.customerId,
      kind: event.kind,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      occurredAt: event.at,
      data: {
        ...(event.session
          ? { sessionId: event.session.id, channel: event.session.channel, from: event.session.origin }
          : {}),
        ...event.data,
      },
    },
  ]);
}
