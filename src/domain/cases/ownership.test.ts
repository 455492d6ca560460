import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_POLICY } from './case-policy.ts';
import { acceptEscalation, climb, escalate, handBackEscalation, type Escalation } from './escalation.ts';
import {
  checkOwned,
  mayTakeFromQueue,
  reassign,
  successorFor,
  type Organisation,
  type Ownership,
} from './ownership.ts';
import { acceptTransfer, declineTransfer, hasExpired, offerTransfer, type TransferOffer } from './transfer.ts';
import { CASE_STATUSES, type CaseStatus } from '../vocabulary.ts';

type Users = Map<string, { active: boolean; teamId: string | null; supervisorId: string | null; staff: boolean }>;

/** A small contact centre: two teams with leads, a manager above them, a queue with no lead. */
function organisation(): { users: Users; teams: Organisation['teams'] } {
  const users: Users = new Map([
    ['manager', { active: true, teamId: null, supervisorId: null, staff: true }],
    ['lead1', { active: true, teamId: 't1', supervisorId: 'manager', staff: true }],
    ['lead2', { active: true, teamId: 't2', supervisorId: 'manager', staff: true }],
    ['a1', { active: true, teamId: 't1', supervisorId: 'lead1', staff: true }],
    ['a2', { active: true, teamId: 't1', supervisorId: 'lead1', staff: true }],
    ['b1', { active: true, teamId: 't2', supervisorId: 'lead2', staff: true }],
    ['customer', { active: true, teamId: null, supervisorId: null, staff: false }],
  ]);
  const teams = new Map([
    ['t1', { leadUserId: 'lead1' }],
    ['t2', { leadUserId: 'lead2' }],
    ['t3', { leadUserId: null }],
  ]);
  return { users, teams };
}

const person = fc.constantFrom('manager', 'lead1', 'lead2', 'a1', 'a2', 'b1', 'customer', 'nobody');
const team = fc.constantFrom('t1', 't2', 't3', null);
const operation = fc.oneof(
  fc.record({
    op: fc.constant('reassign' as const),
    ownerId: fc.option(person),
    teamId: fc.option(team, { nil: undefined }),
  }),
  fc.record({ op: fc.constant('status' as const), status: fc.constantFrom(...CASE_STATUSES) }),
  fc.record({
    op: fc.constant('offer' as const),
    toUserId: fc.option(person),
    toTeamId: fc.option(team),
    note: fc.constantFrom('', 'hand-off note'),
  }),
  fc.record({ op: fc.constant('accept' as const), actor: person, minutesLater: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ op: fc.constant('decline' as const), actor: person }),
  fc.record({ op: fc.constant('expire' as const) }),
  fc.record({ op: fc.constant('escalate' as const), toTeamId: fc.option(team) }),
  fc.record({ op: fc.constant('acceptEscalation' as const), actor: person }),
  fc.record({ op: fc.constant('climb' as const) }),
  fc.record({ op: fc.constant('handBack' as const), actor: person }),
  fc.record({ op: fc.constant('deactivate' as const), user: person }),
);

describe('the ownership invariant', () => {
  it('never leaves an open case without an accountable owner, whatever happens to it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('a1', 'b1', 'lead1'),
        fc.array(operation, { maxLength: 40 }),
        (firstOwner, operations) => {
          const org = organisation();
          let ownership: Ownership = { status: 'new', ownerId: firstOwner, teamId: org.users.get(firstOwner)!.teamId };
          let transfer: TransferOffer | null = null;
          let escalation: Escalation | null = null;
          let level = 0;
          let lastAcceptedBy: string | null = null;
          let now = new Date('2026-11-25T09:00:00Z');
          const policy = DEFAULT_CASE_POLICY;

          for (const step of operations) {
            now = new Date(now.getTime() + 60_000);
            switch (step.op) {
              case 'reassign': {
                const result = reassign(ownership, { ownerId: step.ownerId, teamId: step.teamId }, org);
                if (result.ok) ownership = result.ownership;
                break;
              }
              case 'status':
                if (ownership.status !== 'closed') {
                  ownership = { ...ownership, status: step.status as CaseStatus };
                  if (step.status === 'closed') transfer = escalation = null;
                }
                break;
              case 'offer': {
                const result = offerTransfer({
                  ownership,
                  pending: transfer,
                  toUserId: step.toUserId,
                  toTeamId: step.toTeamId,
                  note: step.note,
                  now,
                  policy,
                  org,
                });
                if (result.ok) transfer = result.offer;
                break;
              }
              case 'accept': {
                const at = new Date(now.getTime() + step.minutesLater * 60_000);
                const result = acceptTransfer({ ownership, pending: transfer, actorId: step.actor, now: at, org });
                if (result.ok) {
                  ownership = result.ownership;
                  transfer = null;
                }
                break;
              }
              case 'decline':
                if (declineTransfer({ pending: transfer, actorId: step.actor, reason: 'busy', now, org }).ok)
                  transfer = null;
                break;
              case 'expire':
                if (transfer && hasExpired(transfer, new Date(now.getTime() + 3600_000))) transfer = null;
                break;
              case 'escalate': {
                const result = escalate({
                  ownership,
                  pending: escalation,
                  level,
                  lastAcceptedBy,
                  reason: 'customer asked for a manager',
                  toTeamId: step.toTeamId,
                  now,
                  policy,
                  org,
                });
                if (result.ok) {
                  escalation = result.escalation;
                  level = escalation.level;
                }
                break;
              }
              case 'acceptEscalation': {
                const result = acceptEscalation({ ownership, pending: escalation, actorId: step.actor, org });
                if (result.ok) {
                  ownership = result.ownership;
                  lastAcceptedBy = step.actor;
                  escalation = null;
                }
                break;
              }
              case 'climb':
                if (escalation) escalation = climb(escalation, now, policy, org).escalation;
                break;
              case 'handBack':
                if (
                  handBackEscalation({
                    pending: escalation,
                    actorId: step.actor,
                    reason: 'resolved at first level',
                    org,
                  }).ok
                ) {
                  escalation = null;
                  level = 0;
                }
                break;
              case 'deactivate': {
                const user = org.users.get(step.user);
                if (!user?.active) break;
                if (ownership.ownerId === step.user && ownership.status !== 'closed') {
                  const successor = successorFor(step.user, ownership, org);
                  if (!successor) break; // refused: nobody could take over
                  ownership = { ...ownership, ownerId: successor };
                }
                const leadOfQueue =
                  ownership.ownerId === null && ownership.teamId ? org.teams.get(ownership.teamId)?.leadUserId : null;
                if (leadOfQueue === step.user) break; // refused: the queue would lose its accountable lead
                org.users.set(step.user, { ...user, active: false });
                if (transfer?.toUserId === step.user) transfer = null;
                if (escalation?.targetUserId === step.user) escalation = climb(escalation, now, policy, org).escalation;
                break;
              }
            }
            expect(checkOwned(ownership, org)).toEqual({ ok: true });
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses to let go of an open case', () => {
    const org = organisation();
    const result = reassign({ status: 'open', ownerId: 'a1', teamId: 't1' }, { ownerId: null }, org);
    expect(result).toMatchObject({ ok: false, code: 'case_ownerless' });
  });

  it('keeps the sender as owner until the receiver accepts, and refuses a late acceptance', () => {
    const org = organisation();
    const ownership: Ownership = { status: 'open', ownerId: 'a1', teamId: 't1' };
    const now = new Date('2026-11-25T09:00:00Z');
    const offer = offerTransfer({
      ownership,
      pending: null,
      toUserId: 'b1',
      note: 'Wrong address on file; customer verified by SMS code',
      now,
      policy: DEFAULT_CASE_POLICY,
      org,
    });
    expect(offer.ok).toBe(true);
    if (!offer.ok) return;
    const late = acceptTransfer({
      ownership,
      pending: offer.offer,
      actorId: 'b1',
      now: new Date(now.getTime() + 16 * 60_000),
      org,
    });
    expect(late).toMatchObject({ ok: false, code: 'transfer_offer_expired' });
    const wrongPerson = acceptTransfer({ ownership, pending: offer.offer, actorId: 'a2', now, org });
    expect(wrongPerson).toMatchObject({ ok: false, code: 'not_the_receiver' });
    const accepted = acceptTransfer({ ownership, pending: offer.offer, actorId: 'b1', now, org });
    expect(accepted).toEqual({ ok: true, ownership: { status: 'open', ownerId: 'b1', teamId: 't2' } });
  });

  it('climbs an unaccepted escalation up the supervisor chain and stays flagged at the top', () => {
    const org = organisation();
    const now = new Date('2026-11-25T09:00:00Z');
    const raised = escalate({
      ownership: { status: 'open', ownerId: 'a1', teamId: 't1' },
      pending: null,
      level: 0,
      lastAcceptedBy: null,
      reason: 'wants a manager',
      now,
      policy: DEFAULT_CASE_POLICY,
      org,
    });
    expect(raised.ok && raised.escalation.targetUserId).toBe('lead1');
    if (!raised.ok) return;
    const first = climb(raised.escalation, now, DEFAULT_CASE_POLICY, org);
    expect(first).toMatchObject({ atTop: false, escalation: { targetUserId: 'manager', level: 2 } });
    expect(climb(first.escalation, now, DEFAULT_CASE_POLICY, org)).toMatchObject({
      atTop: true,
      escalation: { targetUserId: 'manager' },
    });
  });
});

describe('taking a case from the queue', () => {
  const org = organisation();
  const waiting = (teamId: string | null): Ownership => ({ status: 'new', ownerId: null, teamId });

  it('lets a member of the team take a case nobody owns in their team’s queue', () => {
    expect(mayTakeFromQueue(waiting('t1'), 'a1', org)).toBe(true);
    expect(mayTakeFromQueue(waiting('t1'), 'lead1', org)).toBe(true);
  });

  it('keeps other teams’ queues, owned cases and closed cases out of reach', () => {
    expect(mayTakeFromQueue(waiting('t1'), 'b1', org)).toBe(false);
    expect(mayTakeFromQueue({ status: 'open', ownerId: 'a2', teamId: 't1' }, 'a1', org)).toBe(false);
    expect(mayTakeFromQueue({ status: 'closed', ownerId: null, teamId: 't1' }, 'a1', org)).toBe(false);
  });

  it('lets any member of staff take a case in no team’s queue, but never a customer or an integration', () => {
    expect(mayTakeFromQueue(waiting(null), 'b1', org)).toBe(true);
    expect(mayTakeFromQueue(waiting(null), 'customer', org)).toBe(false);
    expect(mayTakeFromQueue(waiting(null), null, org)).toBe(false);
  });
});
