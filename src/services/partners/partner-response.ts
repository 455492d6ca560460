import { isResponseOverdue } from '../../domain/cases/partner-share.ts';
import { findShareForParty } from '../../store/repositories/partner-shares.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { openShareForChange, recordOnBothSides, saveShare, shareState } from './share-change.ts';

/**
 * Timer: the partner held the ball past its response time without a word. Flagged on both
 * customers' timelines — once per deadline: the share remembers it, and a deadline that has
 * since moved (the partner answered, or handed the ball back) makes this a no-op.
 */
export async function flagPartnerResponseOverdue(
  scope: TenantScope,
  payload: { shareId: string; dueAt: string },
  now: Date,
): Promise<void> {
  const found = await findShareForParty(scope, payload.shareId);
  if (!found || found.tenantId !== scope.tenantId) return;
  const change = await openShareForChange(scope.db, found, 'sharer', 'system', now);
  const dueAt = new Date(payload.dueAt);
  if (!isResponseOverdue(shareState(change.share), dueAt, now)) return;
  await saveShare(change, { overdueAt: now });
  await recordOnBothSides(change, 'partner_response_overdue', {
    partner: found.partnerName,
    sharedBy: found.sharerName,
    waitingOnPartnerSince: change.share.waitingSince?.toISOString() ?? null,
    dueAt: dueAt.toISOString(),
    flagged: true,
  });
}
