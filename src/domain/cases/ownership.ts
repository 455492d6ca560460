import type { CaseStatus } from '../vocabulary.ts';

/** The people and teams ownership rules need to know about. */
export interface Organisation {
  users: ReadonlyMap<string, { active: boolean; teamId: string | null; supervisorId: string | null; staff: boolean }>;
  teams: ReadonlyMap<string, { leadUserId: string | null }>;
}

export interface Ownership {
  status: CaseStatus;
  ownerId: string | null;
  teamId: string | null;
}

export type Refusal<C extends string = string> = { ok: false; code: C; message: string };
export type Outcome<T, C extends string = string> = ({ ok: true } & T) | Refusal<C>;

export const refuse = <C extends string>(code: C, message: string): Refusal<C> => ({ ok: false, code, message });

/**
 * Who answers for the case now: its owner, or, when it sits in a team queue, that team's
 * lead. An open case must always have one.
 */
export function accountableFor(ownership: Ownership, org: Organisation): string | null {
  if (ownership.ownerId && org.users.get(ownership.ownerId)?.active) return ownership.ownerId;
  if (ownership.ownerId === null && ownership.teamId) {
    const lead = org.teams.get(ownership.teamId)?.leadUserId ?? null;
    if (lead && org.users.get(lead)?.active) return lead;
  }
  return null;
}

export function checkOwned(ownership: Ownership, org: Organisation): Outcome<object, 'case_ownerless'> {
  if (ownership.status === 'closed' || accountableFor(ownership, org) !== null) return { ok: true };
  return refuse(
    'case_ownerless',
    'A case that is not closed must have an owner: a person, or a team queue whose lead is accountable',
  );
}

/** Can this person own cases here? */
export function checkCanOwn(userId: string, org: Organisation): Outcome<object, 'owner_not_staff'> {
  const user = org.users.get(userId);
  if (!user || !user.active || !user.staff)
    return refuse('owner_not_staff', 'The owner must be an active member of staff');
  return { ok: true };
}

/**
 * Where a departing agent's case goes: their team's lead, else the lead of the case's team,
 * else their supervisor — whoever is first active and is not the departing agent.
 */
export function successorFor(departing: string, ownership: Ownership, org: Organisation): string | null {
  const user = org.users.get(departing);
  const candidates = [
    user?.teamId ? org.teams.get(user.teamId)?.leadUserId : null,
    ownership.teamId ? org.teams.get(ownership.teamId)?.leadUserId : null,
    user?.supervisorId,
  ];
  for (const candidate of candidates) {
    if (candidate && candidate !== departing && org.users.get(candidate)?.active) return candidate;
  }
  return null;
}

/**
 * Direct reassignment (PATCH): a person may be replaced by another person, and the team may
 * change, but an open case is never simply let go — to hand it to a queue, transfer it.
 */
export function reassign(
  ownership: Ownership,
  changes: { ownerId?: string | null | undefined; teamId?: string | null | undefined },
  org: Organisation,
): Outcome<{ ownership: Ownership }, 'case_ownerless' | 'owner_not_staff' | 'case_closed'> {
  if (ownership.status === 'closed')
    return refuse('case_closed', 'This case is closed and cannot change; open a new case instead');
  if (changes.ownerId === null && ownership.ownerId !== null) {
    return refuse(
      'case_ownerless',
      'An open case cannot be left without an owner; transfer it to a person or a team instead',
    );
  }
  if (changes.ownerId) {
    const can = checkCanOwn(changes.ownerId, org);
    if (!can.ok) return can;
  }
  const next: Ownership = {
    ...ownership,
    ownerId: changes.ownerId === undefined ? ownership.ownerId : changes.ownerId,
    teamId: changes.teamId === undefined ? ownership.teamId : changes.teamId,
  };
  const owned = checkOwned(next, org);
  return owned.ok ? { ok: true, ownership: next } : owned;
}

/** Is the actor the person named, or — when a team is named instead — a member or the lead of that team? */
export function isPersonOrTeamMember(
  target: { userId: string | null; teamId: string | null },
  actorId: string | null,
  org: Organisation,
): boolean {
  // Only people who can own cases can take one: a deactivated member is nobody's receiver.
  if (actorId === null || !checkCanOwn(actorId, org).ok) return false;
  if (target.userId !== null) return target.userId === actorId;
  if (target.teamId === null) return false;
  return org.teams.get(target.teamId)?.leadUserId === actorId || org.users.get(actorId)?.teamId === target.teamId;
}

/**
 * Taking work from the queue: anyone who can own cases may make themselves the owner of a case
 * nobody owns yet, when it waits in their own team's queue (or in no team's). Everything else
 * about a case stays with its owner, a supervisor or an administrator.
 */
export function mayTakeFromQueue(ownership: Ownership, actorId: string | null, org: Organisation): boolean {
  if (ownership.status === 'closed' || ownership.ownerId !== null) return false;
  if (ownership.teamId === null) return actorId !== null && checkCanOwn(actorId, org).ok;
  return isPersonOrTeamMember({ userId: null, teamId: ownership.teamId }, actorId, org);
}
