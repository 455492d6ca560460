import { minutesLater, type CasePolicy } from './case-policy.ts';
import {
  accountableFor,
  isPersonOrTeamMember,
  refuse,
  type Organisation,
  type Outcome,
  type Ownership,
} from './ownership.ts';

export type EscalationKind = 'hierarchical' | 'functional';

export interface Escalation {
  kind: EscalationKind;
  level: number;
  reason: string;
  targetUserId: string | null;
  targetTeamId: string | null;
  raisedAt: Date;
  deadline: Date;
}

export type EscalationRefusal =
  | 'case_closed'
  | 'escalation_reason_required'
  | 'escalation_pending'
  | 'no_one_to_escalate_to'
  | 'escalation_target_invalid'
  | 'no_escalation'
  | 'not_the_escalation_target'
  | 'hand_back_reason_required';

/** The next person up from `userId`: their supervisor, else their team's lead. */
export function nextUp(userId: string | null, org: Organisation): string | null {
  if (userId === null) return null;
  const user = org.users.get(userId);
  const candidates = [user?.supervisorId, user?.teamId ? org.teams.get(user.teamId)?.leadUserId : null];
  for (const candidate of candidates) {
    if (candidate && candidate !== userId && org.users.get(candidate)?.active) return candidate;
  }
  return null;
}

/**
 * Escalating is a timed obligation, not a favour: up the supervisor chain (hierarchical) or
 * to another team (functional), to be accepted before the deadline or it climbs.
 */
export function escalate(input: {
  ownership: Ownership;
  pending: Escalation | null;
  /** The level the case is already at (0 when never escalated) and who accepted it last. */
  level: number;
  lastAcceptedBy: string | null;
  reason: string;
  toTeamId?: string | null | undefined;
  now: Date;
  policy: CasePolicy;
  org: Organisation;
}): Outcome<{ escalation: Escalation }, EscalationRefusal> {
  const { ownership, org } = input;
  if (ownership.status === 'closed') return refuse('case_closed', 'A closed case cannot be escalated');
  const reason = input.reason.trim();
  if (reason === '') return refuse('escalation_reason_required', 'Say why the case is escalated');
  if (input.pending) return refuse('escalation_pending', 'This case already has an escalation waiting to be accepted');
  const deadline = minutesLater(input.now, input.policy.escalationAcceptMinutes);
  if (input.toTeamId) {
    const team = org.teams.get(input.toTeamId);
    if (!team?.leadUserId || !org.users.get(team.leadUserId)?.active) {
      return refuse('escalation_target_invalid', 'That team does not exist or has no active lead');
    }
    return {
      ok: true,
      escalation: {
        kind: 'functional',
        level: input.level + 1,
        reason,
        targetUserId: null,
        targetTeamId: input.toTeamId,
        raisedAt: input.now,
        deadline,
      },
    };
  }
  const from = input.lastAcceptedBy ?? accountableFor(ownership, org);
  const target = nextUp(from, org);
  if (!target) return refuse('no_one_to_escalate_to', 'Nobody is above the current owner to escalate to');
  return {
    ok: true,
    escalation: {
      kind: 'hierarchical',
      level: input.level + 1,
      reason,
      targetUserId: target,
      targetTeamId: null,
      raisedAt: input.now,
      deadline,
    },
  };
}

/** An escalation nobody accepted in time moves one level up; at the top it stays and is flagged. */
export function climb(
  escalation: Escalation,
  now: Date,
  policy: CasePolicy,
  org: Organisation,
): { escalation: Escalation; atTop: boolean } {
  const current = escalation.targetUserId ?? org.teams.get(escalation.targetTeamId ?? '')?.leadUserId ?? null;
  const higher = escalation.targetUserId === null && current !== null ? current : nextUp(current, org);
  const deadline = minutesLater(now, policy.escalationAcceptMinutes);
  if (!higher) return { escalation: { ...escalation, deadline }, atTop: true };
  return {
    escalation: {
      ...escalation,
      kind: 'hierarchical',
      level: escalation.level + 1,
      targetUserId: higher,
      targetTeamId: null,
      raisedAt: now,
      deadline,
    },
    atTop: false,
  };
}

export const isEscalationTarget = (escalation: Escalation, actorId: string | null, org: Organisation): boolean =>
  isPersonOrTeamMember({ userId: escalation.targetUserId, teamId: escalation.targetTeamId }, actorId, org);

/** Accepting takes ownership: the one who accepted now answers for the case. */
export function acceptEscalation(input: {
  ownership: Ownership;
  pending: Escalation | null;
  actorId: string | null;
  org: Organisation;
}): Outcome<{ ownership: Ownership }, EscalationRefusal> {
  if (!input.pending) return refuse('no_escalation', 'There is no escalation waiting on this case');
  if (!isEscalationTarget(input.pending, input.actorId, input.org)) {
    return refuse('not_the_escalation_target', 'Only the person or team the case was escalated to can accept it');
  }
  const teamId = input.pending.targetTeamId ?? input.ownership.teamId;
  return { ok: true, ownership: { ...input.ownership, ownerId: input.actorId, teamId } };
}

/** Declining is only possible by handing the case back with a reason the customer will see. */
export function handBackEscalation(input: {
  pending: Escalation | null;
  actorId: string | null;
  reason: string;
  org: Organisation;
}): Outcome<object, EscalationRefusal> {
  if (!input.pending) return refuse('no_escalation', 'There is no escalation waiting on this case');
  if (!isEscalationTarget(input.pending, input.actorId, input.org)) {
    return refuse('not_the_escalation_target', 'Only the person or team the case was escalated to can hand it back');
  }
  if (input.reason.trim() === '')
    return refuse('hand_back_reason_required', 'Handing back needs a reason the customer will see');
  return { ok: true };
}
