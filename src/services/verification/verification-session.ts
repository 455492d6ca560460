import { notFound } from '../../errors.ts';
import {
  askerFailuresSince,
  countCustomerFailure,
  findVerificationRecord,
  findVerificationSession,
  recordAskerFailure,
  verificationLimits,
  type VerificationRecord,
} from '../../store/repositories/verifications.ts';
import type { VerificationSessionRow } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { askerKey, type Actor } from '../actor.ts';
import { recordVerificationEvent } from './verification-events.ts';
import { askerLimited, customerLocked, sessionNotFound, sessionOver, VERIFICATION } from './verification-rules.ts';
import { verificationView } from './verification-view.ts';

/** What every step of a session starts with: the session (locked), its customer's record, the limits. */
export interface OpenSession {
  session: VerificationSessionRow;
  record: VerificationRecord;
  limits: { lockAfter: number; failuresPerHour: number };
}

/**
 * Loads a session that can still take a step, refusing, before anything is compared: a session
 * of another organisation or none (404), one that expired or ended (409), a locked customer, or
 * an asker over their hourly limit (429).
 */
export async function openSessionForStep(
  scope: TenantScope,
  actor: Actor,
  sessionId: string,
  now: Date,
  options: { acceptPassed: boolean },
): Promise<OpenSession> {
  const session = await findVerificationSession(scope, sessionId, { lock: true });
  if (!session) throw sessionNotFound();
  if (session.status === 'failed') throw sessionOver('failed');
  if (session.status === 'passed' && !options.acceptPassed) throw sessionOver('failed');
  if (session.expiresAt <= now) throw sessionOver('expired');
  const record = await findVerificationRecord(scope, session.customerId);
  if (!record) throw sessionNotFound();
  if (record.lockedAt !== null) throw customerLocked();
  const limits = await verificationLimits(scope);
  const since = new Date(now.getTime() - VERIFICATION.askerWindowMinutes * 60_000);
  const failures = await askerFailuresSince(scope, askerKey(actor), since);
  if (failures.count >= limits.failuresPerHour) {
    const retryAt = (failures.oldest ?? now).getTime() + VERIFICATION.askerWindowMinutes * 60_000;
    throw askerLimited(Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)));
  }
  return { session, record, limits };
}

/**
 * A failed attempt (claims not passed, or a wrong code) counts on the customer and on the asker,
 * durably; reaching the organisation's limit locks the customer, on the timeline.
 */
export async function countFailure(
  scope: TenantScope,
  actor: Actor,
  open: OpenSession,
  now: Date,
): Promise<{ failures: number; locked: boolean }> {
  const counted = await countCustomerFailure(scope, open.session.customerId, open.limits.lockAfter, now);
  await recordAskerFailure(scope, { sessionId: open.session.id, askedByLabel: askerKey(actor), at: now });
  if (counted.lockedNow)
    await recordVerificationEvent(scope, actor, {
      customerId: open.session.customerId,
      kind: 'verification_locked',
      session: open.session,
      at: now,
      data: { failedAttempts: counted.failures },
    });
  return { failures: counted.failures, locked: counted.lockedNow || counted.failures >= open.limits.lockAfter };
}

export async function getVerification(scope: TenantScope, sessionId: string, now = new Date()) {
  const session = await findVerificationSession(scope, sessionId);
  if (!session) throw sessionNotFound();
  const record = await findVerificationRecord(scope, session.customerId);
  if (!record) throw notFound('Verification session');
  return verificationView(session, now, record.lockedAt !== null);
}
