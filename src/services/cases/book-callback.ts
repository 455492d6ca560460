import { AppError, notFound } from '../../errors.ts';
import { checkCallbackWindow } from '../../domain/cases/callbacks.ts';
import { normalizePhone } from '../../domain/identity.ts';
import { findCallback, insertCallback, listCallbacks, updateCallback } from '../../store/repositories/callbacks.ts';
import { listIdentities } from '../../store/repositories/customers.ts';
import { cancelJob, scheduleJob } from '../../store/repositories/jobs.ts';
import type { CallbackRow } from '../../store/schema.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { openCaseForChange, recordCaseEvents, refusalError, systemActor } from './case-change.ts';
import { checkCaseEffort } from './case-effort.ts';
import { raiseEscalation } from './escalate-case.ts';

export const CALLBACK_MISSED_JOB = 'case.callback-missed';
export const callbackMissedKey = (callbackId: string) => `callback-missed:${callbackId}`;

export function callbackView(row: CallbackRow, extra: { caseNumber?: number; ownerId?: string | null } = {}) {
  return {
    id: row.id,
    caseId: row.caseId,
    customerId: row.customerId,
    windowStart: row.windowStart.toISOString(),
    windowEnd: row.windowEnd.toISOString(),
    phone: row.phone,
    status: row.status,
    bookedAt: row.bookedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    outcome: row.outcome,
    ...extra,
  };
}

/** A promise to call back within a window; if the window passes, it is missed, counted and escalated. */
export function bookCallback(
  actor: Actor,
  caseId: string,
  input: { windowStart: string; windowEnd: string; phone?: string | undefined },
  now = new Date(),
) {
  return inTransaction(actor.scope, async (scope) => {
    const change = await openCaseForChange(scope, actor, caseId, now);
    if (change.row.status === 'closed')
      throw new AppError('conflict', 'A closed case cannot get a callback', { reason: 'case_closed' });
    const windowStart = new Date(input.windowStart);
    const windowEnd = new Date(input.windowEnd);
    const check = checkCallbackWindow(windowStart, windowEnd, now);
    if (!check.ok) throw refusalError(check);
    const phone =
      input.phone ?? (await listIdentities(scope, change.row.customerId)).find((i) => i.kind === 'phone')?.value;
    if (!phone)
      throw new AppError('validation_failed', 'The customer has no phone number on record: give one to call back on', {
        field: 'phone',
      });
    const normalized = normalizePhone(phone);
    if (!normalized.ok) throw new AppError('validation_failed', normalized.reason, { field: 'phone' });
    const row = await insertCallback(scope, {
      caseId,
      customerId: change.row.customerId,
      windowStart,
      windowEnd,
      phone: normalized.identity.value,
      bookedBy: actor.userId,
      bookedAt: now,
      status: 'booked',
    });
    await scheduleJob(scope.db, {
      tenantId: scope.tenantId,
      kind: CALLBACK_MISSED_JOB,
      key: callbackMissedKey(row.id),
      runAt: windowEnd,
      payload: { callbackId: row.id, caseId },
    });
    await recordCaseEvents(change, [
      {
        kind: 'callback_booked',
        data: {
          callbackId: row.id,
          windowStart: row.windowStart.toISOString(),
          windowEnd: row.windowEnd.toISOString(),
          phone: row.phone,
        },
      },
    ]);
    return callbackView(row);
  });
}

export function completeCallback(actor: Actor, callbackId: string, outcome: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const callback = await findCallback(scope, callbackId, { forUpdate: true });
    if (!callback) throw notFound('Callback');
    if (callback.status !== 'booked')
      throw new AppError('conflict', `This callback is already ${callback.status}`, { reason: 'callback_not_booked' });
    const change = await openCaseForChange(scope, actor, callback.caseId, now);
    const late = now.getTime() > callback.windowEnd.getTime();
    await updateCallback(scope, callbackId, {
      status: 'completed',
      completedAt: now,
      completedBy: actor.userId,
      outcome: outcome.trim(),
    });
    await cancelJob(scope.db, callbackMissedKey(callbackId));
    await recordCaseEvents(change, [
      { kind: 'callback_completed', data: { callbackId, outcome: outcome.trim(), late } },
    ]);
    return callbackView({ ...callback, status: 'completed', completedAt: now, outcome: outcome.trim() });
  });
}

/** The owner's callbacks whose window has opened (or all booked ones), earliest first. */
export async function dueCallbacks(
  scope: TenantScope,
  filter: { ownerId?: string | undefined; dueOnly: boolean },
  now = new Date(),
) {
  const rows = await listCallbacks(scope, {
    ownerId: filter.ownerId,
    bookedOnly: true,
    dueBy: filter.dueOnly ? now : undefined,
  });
  return rows.map((r) => callbackView(r.callback, { caseNumber: r.caseNumber, ownerId: r.ownerId }));
}

/** Timer: the window closed with no call: a broken promise, counted and escalated. */
export async function markCallbackMissed(
  scope: TenantScope,
  payload: { callbackId: string; caseId: string },
  now: Date,
): Promise<void> {
  const callback = await findCallback(scope, payload.callbackId, { forUpdate: true });
  if (!callback || callback.status !== 'booked') return;
  const change = await openCaseForChange(scope, systemActor(scope), callback.caseId, now);
  await updateCallback(scope, callback.id, { status: 'missed' });
  await recordCaseEvents(change, [
    {
      kind: 'callback_missed',
      data: {
        callbackId: callback.id,
        windowStart: callback.windowStart.toISOString(),
        windowEnd: callback.windowEnd.toISOString(),
        flagged: true,
      },
    },
  ]);
  if (change.row.status !== 'closed' && change.row.status !== 'solved') {
    await raiseEscalation(
      change,
      {
        reason: `Missed callback promised for ${callback.windowStart.toISOString()}–${callback.windowEnd.toISOString()}`,
      },
      { quietIfPending: true },
    );
  }
  await checkCaseEffort(change);
}
