import { AppError } from '../../errors.ts';
import {
  acceptTransfer,
  declineTransfer,
  hasExpired,
  offerTransfer,
  type TransferOffer,
} from '../../domain/cases/transfer.ts';
import { cancelJob, scheduleJob } from '../../store/repositories/jobs.ts';
import { decideTransfer, findOfferedTransfer, insertTransfer } from '../../store/repositories/case-handoffs.ts';
import type { TransferRow } from '../../store/schema.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import {
  checkMayManage,
  openCaseForChange,
  ownershipOf,
  recordCaseEvents,
  refusalError,
  saveCase,
  systemActor,
  type CaseChange,
} from './case-change.ts';
import { caseView } from './case-view.ts';
import { checkCaseEffort } from './case-effort.ts';

export const TRANSFER_EXPIRY_JOB = 'case.transfer-expiry';
export const transferExpiryKey = (transferId: string) => `transfer-expiry:${transferId}`;

const asOffer = (row: TransferRow): TransferOffer => row;

export function transferView(row: TransferRow) {
  return {
    id: row.id,
    caseId: row.caseId,
    fromUserId: row.fromUserId,
    toUserId: row.toUserId,
    toTeamId: row.toTeamId,
    note: row.note,
    status: row.status,
    offeredAt: row.offeredAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    declineReason: row.declineReason,
  };
}

/** Offers the case to a person or team with a hand-off note; the sender keeps it until accepted. */
export function offerCaseTransfer(
  actor: Actor,
  caseId: string,
  input: { toUserId?: string | undefined; toTeamId?: string | undefined; note: string },
  now = new Date(),
) {
  return inTransaction(actor.scope, async (scope) => {
    const change = await openCaseForChange(scope, actor, caseId, now);
    checkMayManage(change, 'transfer it');
    const pending = await findOfferedTransfer(scope, caseId);
    const result = offerTransfer({
      ownership: ownershipOf(change.row),
      pending: pending ? asOffer(pending) : null,
      ...input,
      now,
      policy: change.policy,
      org: change.org,
    });
    if (!result.ok) throw refusalError(result);
    const row = await insertTransfer(scope, { caseId, ...result.offer, offeredBy: actor.userId, status: 'offered' });
    await scheduleJob(scope.db, {
      tenantId: scope.tenantId,
      kind: TRANSFER_EXPIRY_JOB,
      key: transferExpiryKey(row.id),
      runAt: row.expiresAt,
      payload: { transferId: row.id, caseId },
    });
    await recordCaseEvents(change, [
      {
        kind: 'transfer_offered',
        data: {
          transferId: row.id,
          from: row.fromUserId,
          toUserId: row.toUserId,
          toTeamId: row.toTeamId,
          note: row.note,
          expiresAt: row.expiresAt.toISOString(),
        },
      },
    ]);
    await saveCase(change, {});
    return transferView(row);
  });
}

export function acceptCaseTransfer(actor: Actor, caseId: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const change = await openCaseForChange(scope, actor, caseId, now);
    const pending = await findOfferedTransfer(scope, caseId);
    // An offer past its time is refused even before its timer has marked it expired.
    const result = acceptTransfer({
      ownership: ownershipOf(change.row),
      pending: pending ?? null,
      actorId: actor.userId,
      now,
      org: change.org,
    });
    if (!result.ok) throw refusalError(result);
    await decideTransfer(scope, pending!.id, { status: 'accepted', decidedAt: now, decidedBy: actor.userId });
    await cancelJob(scope.db, transferExpiryKey(pending!.id));
    await saveCase(change, { ownerId: result.ownership.ownerId, teamId: result.ownership.teamId });
    await recordCaseEvents(change, [
      {
        kind: 'transfer_accepted',
        data: {
          transferId: pending!.id,
          from: pending!.fromUserId,
          to: result.ownership.ownerId,
          teamTo: result.ownership.teamId,
          note: pending!.note,
        },
      },
    ]);
    await checkCaseEffort(change);
    return caseView(change.row);
  });
}

export function declineCaseTransfer(actor: Actor, caseId: string, reason: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const change = await openCaseForChange(scope, actor, caseId, now);
    const pending = await findOfferedTransfer(scope, caseId);
    const result = declineTransfer({ pending: pending ?? null, actorId: actor.userId, reason, now, org: change.org });
    if (!result.ok) throw refusalError(result);
    await decideTransfer(scope, pending!.id, {
      status: 'declined',
      decidedAt: now,
      decidedBy: actor.userId,
      declineReason: reason.trim(),
    });
    await cancelJob(scope.db, transferExpiryKey(pending!.id));
    await recordCaseEvents(change, [
      {
        kind: 'transfer_declined',
        data: { transferId: pending!.id, reason: reason.trim(), owner: change.row.ownerId },
      },
    ]);
    return caseView(change.row);
  });
}

async function expireOffer(change: CaseChange, offer: TransferRow): Promise<void> {
  await decideTransfer(change.scope, offer.id, { status: 'expired', decidedAt: change.now, decidedBy: null });
  await recordCaseEvents(change, [
    {
      kind: 'transfer_expired',
      data: {
        transferId: offer.id,
        toUserId: offer.toUserId,
        toTeamId: offer.toTeamId,
        owner: change.row.ownerId,
        flagged: true,
      },
    },
  ]);
}

/** Timer: an offer nobody accepted in time returns to its sender, flagged for the supervisor. */
export async function expireCaseTransfer(
  scope: Parameters<typeof inTransaction>[0],
  payload: { transferId: string; caseId: string },
  now: Date,
): Promise<void> {
  const change = await openCaseForChange(scope, systemActor(scope), payload.caseId, now);
  const pending = await findOfferedTransfer(scope, payload.caseId);
  if (!pending || pending.id !== payload.transferId) return;
  if (!hasExpired(pending, now)) throw new AppError('conflict', 'transfer offer not yet expired');
  await expireOffer(change, pending);
}
