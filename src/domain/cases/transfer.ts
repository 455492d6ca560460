import { minutesLater, type CasePolicy } from './case-policy.ts';
import {
  accountableFor,
  checkCanOwn,
  isPersonOrTeamMember,
  refuse,
  type Organisation,
  type Outcome,
  type Ownership,
} from './ownership.ts';

export interface TransferOffer {
  fromUserId: string | null;
  fromTeamId: string | null;
  toUserId: string | null;
  toTeamId: string | null;
  note: string;
  offeredAt: Date;
  expiresAt: Date;
}

export type TransferRefusal =
  | 'case_closed'
  | 'transfer_note_required'
  | 'transfer_target_required'
  | 'transfer_target_invalid'
  | 'transfer_to_current_owner'
  | 'transfer_pending'
  | 'no_transfer_offer'
  | 'transfer_offer_expired'
  | 'not_the_receiver'
  | 'decline_reason_required';

/**
 * A warm transfer is an offer: the sender keeps the case, with a hand-off note the receiver
 * reads first, until the receiver accepts. Nobody is ever left holding nothing.
 */
export function offerTransfer(input: {
  ownership: Ownership;
  pending: TransferOffer | null;
  toUserId?: string | null | undefined;
  toTeamId?: string | null | undefined;
  note: string;
  now: Date;
  policy: CasePolicy;
  org: Organisation;
}): Outcome<{ offer: TransferOffer }, TransferRefusal> {
  const { ownership, org } = input;
  if (ownership.status === 'closed') return refuse('case_closed', 'A closed case cannot be transferred');
  const note = input.note.trim();
  if (note === '')
    return refuse(
      'transfer_note_required',
      'A transfer needs a hand-off note so that the customer never has to repeat themselves',
    );
  const toUserId = input.toUserId ?? null;
  const toTeamId = input.toTeamId ?? null;
  if ((toUserId === null) === (toTeamId === null))
    return refuse('transfer_target_required', 'Transfer to one person (toUserId) or one team (toTeamId)');
  if (input.pending) return refuse('transfer_pending', 'This case already has a transfer offer waiting for an answer');
  if (toUserId !== null) {
    if (!checkCanOwn(toUserId, org).ok)
      return refuse('transfer_target_invalid', 'The receiver must be an active member of staff');
    if (toUserId === accountableFor(ownership, org))
      return refuse('transfer_to_current_owner', 'This person already owns the case');
  }
  if (toTeamId !== null) {
    const team = org.teams.get(toTeamId);
    if (!team) return refuse('transfer_target_invalid', 'No such team');
    if (!team.leadUserId || !org.users.get(team.leadUserId)?.active) {
      return refuse('transfer_target_invalid', 'That team has no active lead to be accountable for its queue');
    }
    if (ownership.teamId === toTeamId && ownership.ownerId === null)
      return refuse('transfer_to_current_owner', 'The case is already in that team’s queue');
  }
  return {
    ok: true,
    offer: {
      fromUserId: accountableFor(ownership, org),
      fromTeamId: ownership.teamId,
      toUserId,
      toTeamId,
      note,
      offeredAt: input.now,
      expiresAt: minutesLater(input.now, input.policy.transferOfferMinutes),
    },
  };
}

export const isReceiver = (offer: TransferOffer, actorId: string | null, org: Organisation): boolean =>
  isPersonOrTeamMember({ userId: offer.toUserId, teamId: offer.toTeamId }, actorId, org);

/** The receiver takes the case: a person receiver owns it; in a team, whoever accepts owns it. */
export function acceptTransfer(input: {
  ownership: Ownership;
  pending: TransferOffer | null;
  actorId: string | null;
  now: Date;
  org: Organisation;
}): Outcome<{ ownership: Ownership }, TransferRefusal> {
  const { pending, org } = input;
  if (!pending) return refuse('no_transfer_offer', 'There is no transfer offer waiting on this case');
  if (input.now.getTime() >= pending.expiresAt.getTime()) {
    return refuse(
      'transfer_offer_expired',
      `This transfer offer expired at ${pending.expiresAt.toISOString()}; the case stays with its owner`,
    );
  }
  if (!isReceiver(pending, input.actorId, org))
    return refuse('not_the_receiver', 'Only the receiver of the offer can accept it');
  const newOwner = input.actorId!;
  const teamId = pending.toTeamId ?? org.users.get(newOwner)?.teamId ?? input.ownership.teamId;
  return { ok: true, ownership: { ...input.ownership, ownerId: newOwner, teamId } };
}

export function declineTransfer(input: {
  pending: TransferOffer | null;
  actorId: string | null;
  reason: string;
  now: Date;
  org: Organisation;
}): Outcome<object, TransferRefusal> {
  if (!input.pending) return refuse('no_transfer_offer', 'There is no transfer offer waiting on this case');
  if (!isReceiver(input.pending, input.actorId, input.org))
    return refuse('not_the_receiver', 'Only the receiver of the offer can decline it');
  if (input.reason.trim() === '')
    return refuse('decline_reason_required', 'Say why you decline, so the sender can find the right receiver');
  return { ok: true };
}

/** An unanswered offer returns to the sender once its time is up. */
export const hasExpired = (offer: TransferOffer, now: Date): boolean => now.getTime() >= offer.expiresAt.getTime();
