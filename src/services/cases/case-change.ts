import { AppError, notFound } from '../../errors.ts';
import type { CasePolicy } from '../../domain/cases/case-policy.ts';
import { accountableFor, type Organisation, type Ownership, type Refusal } from '../../domain/cases/ownership.ts';
import { findCase, insertCaseEvents, updateCase, type CaseChanges } from '../../store/repositories/cases.ts';
import { loadCasePolicy, loadOrganisation } from '../../store/repositories/organisation.ts';
import type { CaseRow } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { followCaseSla } from '../sla/track-case-sla.ts';

/** Everything a use case needs to change one case under the ownership rules, with the row locked. */
export interface CaseChange {
  scope: TenantScope;
  actor: Actor;
  now: Date;
  row: CaseRow;
  org: Organisation;
  policy: CasePolicy;
  /** Events recorded so far in this change: later ones are stamped after earlier ones. */
  eventsRecorded?: number;
}

export async function openCaseForChange(
  scope: TenantScope,
  actor: Actor,
  caseId: string,
  now: Date,
): Promise<CaseChange> {
  const row = await findCase(scope, caseId, { forUpdate: true });
  if (!row) throw notFound('Case');
  const [org, policy] = [await loadOrganisation(scope), await loadCasePolicy(scope)];
  return { scope, actor, now, row, org, policy };
}

export const ownershipOf = (row: CaseRow): Ownership => ({
  status: row.status,
  ownerId: row.ownerId,
  teamId: row.teamId,
});

/** Background work acts as the system: it is accountable to the rules, not to a role. */
export const systemActor = (scope: TenantScope): Actor => ({ scope, role: 'admin', userId: null, label: 'system' });

/** Events after which the case's SLA clocks must be worked out again. */
const SLA_RELEVANT = new Set([
  'created',
  'status_changed',
  'priority_changed',
  'contacts_linked',
  'merged_into',
  'merged_from',
  'unmerged',
  'split_from',
  'split_into',
]);

/**
 * Records what happened, with who and when. Every path that changes a case comes through here,
 * so this is also where the SLA clocks follow the change, in the same transaction. A caller
 * that records another SLA-relevant event of the same change right after may pass
 * `followSla: false`: the clocks then follow once, at that event, with the change complete.
 */
export async function recordCaseEvents(
  change: CaseChange,
  events: { kind: string; data: Record<string, unknown> }[],
  options: { followSla?: boolean } = {},
): Promise<void> {
  if (events.length === 0) return;
  const offset = change.eventsRecorded ?? 0;
  change.eventsRecorded = offset + events.length;
  await insertCaseEvents(
    change.scope,
    events.map((e) => ({
      ...e,
      caseId: change.row.id,
      customerId: change.row.customerId,
      actorUserId: change.actor.userId,
      actorLabel: change.actor.label,
      occurredAt: new Date(change.now.getTime() + offset),
    })),
  );
  if (options.followSla !== false && events.some((e) => SLA_RELEVANT.has(e.kind)))
    await followCaseSla(change.scope, change.row.id, change.now);
}

export async function saveCase(change: CaseChange, changes: CaseChanges): Promise<CaseRow> {
  change.row = await updateCase(change.scope, change.row.id, changes, change.now);
  return change.row;
}

/** Only whoever answers for the case — or a supervisor or administrator — may act for it. */
export function checkMayManage(change: CaseChange, what: string): void {
  const { actor } = change;
  if (actor.role === 'admin' || actor.role === 'supervisor') return;
  if (actor.userId !== null && actor.userId === accountableFor(ownershipOf(change.row), change.org)) return;
  throw new AppError('conflict', `Only the owner of this case, a supervisor or an administrator can ${what}`, {
    reason: 'not_case_owner',
  });
}

const INPUT_PROBLEMS = /_required$|_invalid$|^owner_not_staff$/;

/** A domain refusal as the error a caller sees: missing or invalid input is 400, a state conflict 409. */
export function refusalError(refusal: Refusal): AppError {
  return INPUT_PROBLEMS.test(refusal.code)
    ? new AppError('validation_failed', refusal.message, { reason: refusal.code })
    : new AppError('conflict', refusal.message, { reason: refusal.code });
}
