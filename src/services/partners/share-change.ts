import { isPingPong, type ShareSide, type ShareState, type TimerChange } from '../../domain/cases/partner-share.ts';
import type { Db } from '../../store/database.ts';
import { cancelJob, scheduleJob } from '../../store/repositories/jobs.ts';
import {
  findShareForParty,
  updateShare,
  type ShareChanges,
  type ShareRecord,
  type ShareRow,
} from '../../store/repositories/partner-shares.ts';
import { findUser } from '../../store/repositories/people.ts';
import { scopeTo, type TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { openCaseForChange, recordCaseEvents, systemActor, type CaseChange } from '../cases/case-change.ts';
import { raiseEscalation } from '../cases/escalate-case.ts';

export const PARTNER_RESPONSE_JOB = 'partner.response-due';
/**
 * One "waiting on partner" timer per deadline of a share. A new deadline cancels the old
 * timer and sets its own, rather than moving one keyed timer: a post arriving while a worker
 * runs the old timer then never waits on that worker (which itself waits for the case lock
 * the post holds); the old timer, run anyway, finds its deadline gone and does nothing.
 */
export const partnerResponseKey = (shareId: string, dueAt: Date) =>
  `partner-response:${shareId}:${dueAt.toISOString()}`;

/**
 * Everything a use case needs to change one share with both sides locked — the sharing case,
 * the partner tenant's own case (once it accepted), then the share, always in that order.
 */
export interface ShareChange {
  db: Db;
  now: Date;
  /** The side acting now. */
  side: ShareSide;
  share: ShareRecord;
  /** The sharing tenant: it owns the share, its thread and its timer. */
  sharerScope: TenantScope;
  sharer: CaseChange;
  /** The partner tenant's own case; null for an outside party, or before the partner accepts. */
  mirror: CaseChange | null;
}

/** The other organisation as it appears on this side's case timeline. */
export const counterpartActor = (scope: TenantScope, organisation: string): Actor => ({
  scope,
  role: 'agent',
  userId: null,
  label: `partner:${organisation}`,
});

export const organisationOf = (share: Pick<ShareRecord, 'sharerName' | 'partnerName'>, side: ShareSide): string =>
  side === 'sharer' ? share.sharerName : share.partnerName;

export const shareState = (row: ShareRow): ShareState => ({
  status: row.status,
  ballWith: row.ballWith,
  handoffs: row.handoffs,
  waitingSince: row.waitingSince,
  responseDueAt: row.responseDueAt,
  overdueAt: row.overdueAt,
});

/**
 * `found` is the share as looked up (unlocked) by the caller. `acting` is who acts on `side`:
 * a person or token of that side, null for an outside party writing through its link (it has
 * no case of its own), or 'system' for the rules themselves, on both sides.
 */
export async function openShareForChange(
  db: Db,
  found: ShareRecord,
  side: ShareSide,
  acting: Actor | 'system' | null,
  now: Date,
): Promise<ShareChange> {
  const actorOn = (scope: TenantScope, on: ShareSide): Actor => {
    if (acting === 'system') return systemActor(scope);
    if (acting && on === side) return { ...acting, scope };
    return counterpartActor(scope, on === 'sharer' ? found.partnerName : found.sharerName);
  };
  const sharerScope = scopeTo(db, found.tenantId);
  const sharer = await openCaseForChange(sharerScope, actorOn(sharerScope, 'sharer'), found.caseId, now);
  const openMirror = (partnerCaseId: string, partnerTenantId: string) => {
    const scope = scopeTo(db, partnerTenantId);
    return openCaseForChange(scope, actorOn(scope, 'partner'), partnerCaseId, now);
  };
  let mirror =
    found.partnerCaseId && found.partnerTenantId ? await openMirror(found.partnerCaseId, found.partnerTenantId) : null;
  const share = (await findShareForParty(sharerScope, found.id, { forUpdate: true }))!;
  // Accepted between the look-up and the lock: its new case is nobody else's yet.
  if (!mirror && share.partnerCaseId && share.partnerTenantId)
    mirror = await openMirror(share.partnerCaseId, share.partnerTenantId);
  return { db, now, side, share, sharerScope, sharer, mirror };
}

/** The same step on both customers' timelines: the sharing case and the partner's own case. */
export async function recordOnBothSides(
  change: ShareChange,
  kind: string,
  data: Record<string, unknown>,
): Promise<void> {
  await recordCaseEvents(change.sharer, [{ kind, data: { shareId: change.share.id, ...data } }]);
  if (change.mirror) await recordCaseEvents(change.mirror, [{ kind, data: { shareId: change.share.id, ...data } }]);
}

export async function saveShare(change: ShareChange, changes: ShareChanges): Promise<void> {
  await updateShare(change.sharerScope, change.share.id, changes);
  change.share = { ...change.share, ...changes };
}

/** Starts, moves or stops the durable "waiting on partner" timer of a share whose deadline was `previousDueAt`. */
export async function applyResponseTimer(
  db: Db,
  share: Pick<ShareRow, 'id' | 'tenantId'>,
  previousDueAt: Date | null,
  timer: TimerChange,
): Promise<void> {
  if (timer.kind === 'keep') return;
  if (previousDueAt) await cancelJob(db, partnerResponseKey(share.id, previousDueAt));
  if (timer.kind === 'cancel') return;
  await scheduleJob(db, {
    tenantId: share.tenantId,
    kind: PARTNER_RESPONSE_JOB,
    key: partnerResponseKey(share.id, timer.dueAt),
    runAt: timer.dueAt,
    payload: { shareId: share.id, dueAt: timer.dueAt.toISOString() },
  });
}

/** How a person signs a post: their name, or their organisation when an API token has no person. */
export async function authorOf(actor: Actor, organisation: string): Promise<string> {
  if (!actor.userId) return organisation;
  return (await findUser(actor.scope, actor.userId))?.name ?? organisation;
}

/**
 * Ping-pong: the case has gone back and forth between the organisations more than twice.
 * Both sides escalate up their own supervisor chains (quietly, if one is already waiting),
 * so that somebody with more expertise looks before the customer is bounced again.
 */
export async function escalatePingPong(change: ShareChange): Promise<void> {
  const { share } = change;
  if (!isPingPong(share.handoffs)) return;
  const reason =
    `Ping-pong between ${share.sharerName} and ${share.partnerName}: case ${share.reference} has changed hands ` +
    `between the two organisations ${share.handoffs} times`;
  for (const side of [change.sharer, change.mirror]) {
    if (!side) continue;
    const bySystem: CaseChange = { ...side, actor: systemActor(side.scope) };
    await recordCaseEvents(bySystem, [
      { kind: 'partner_ping_pong', data: { shareId: share.id, handoffs: share.handoffs, reason, flagged: true } },
    ]);
    await raiseEscalation(bySystem, { reason }, { quietIfPending: true });
    side.row = bySystem.row;
    side.eventsRecorded = bySystem.eventsRecorded;
  }
}
