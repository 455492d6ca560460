import { isPingPong, type ShareSide } from '../../domain/cases/partner-share.ts';
import type { ShareMessageRow, ShareRecord } from '../../store/repositories/partner-shares.ts';

/**
 * A share as one side sees it. Each side sees its own case (the sharer's case, or the
 * partner's own case once it accepted) and nothing of the other side's records beyond what
 * the share carries: subject, reference and the customer details the sharer disclosed.
 */
export function shareView(share: ShareRecord, viewer: ShareSide) {
  const ended = share.status === 'ended';
  return {
    id: share.id,
    side: viewer,
    caseId: viewer === 'sharer' ? share.caseId : share.partnerCaseId,
    reference: share.reference,
    subject: share.subject,
    customer: share.customerDisclosed,
    sharedBy: { name: share.sharerName, tenant: share.sharerSlug },
    partner: {
      kind: share.partnerKind,
      name: share.partnerName,
      tenant: share.partnerSlug,
      // The outside party's address is the sharer's business.
      email: viewer === 'sharer' ? share.partnerEmail : null,
    },
    status: share.status,
    ballWith: share.ballWith,
    yourMove: !ended && share.ballWith === viewer,
    handoffs: share.handoffs,
    pingPong: isPingPong(share.handoffs),
    waitingOnPartnerSince: share.waitingSince?.toISOString() ?? null,
    partnerResponseDueAt: share.responseDueAt?.toISOString() ?? null,
    partnerResponseOverdue: !ended && share.overdueAt !== null,
    createdAt: share.createdAt.toISOString(),
    acceptedAt: share.acceptedAt?.toISOString() ?? null,
    endedAt: share.endedAt?.toISOString() ?? null,
    endedBy: share.endedBy,
  };
}

export type ShareView = ReturnType<typeof shareView>;

export function shareMessageView(message: ShareMessageRow, share: Pick<ShareRecord, 'sharerName' | 'partnerName'>) {
  return {
    id: message.id,
    side: message.side,
    organisation: message.side === 'sharer' ? share.sharerName : share.partnerName,
    author: message.author,
    text: message.text,
    handOff: message.handOff,
    createdAt: message.createdAt.toISOString(),
  };
}

export type ShareMessageView = ReturnType<typeof shareMessageView>;
