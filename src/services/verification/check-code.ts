import { AppError } from '../../errors.ts';
import { ASSURANCE_AFTER_CODE, type Assurance } from '../../domain/verification/policy.ts';
import { insertRecordCorrection } from '../../store/repositories/record-corrections.ts';
import { clearCustomerFailures, updateVerificationSession } from '../../store/repositories/verifications.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { verifyPassword } from '../auth/secrets.ts';
import { recordVerificationEvent } from './verification-events.ts';
import { countFailure, openSessionForStep } from './verification-session.ts';

export interface CodeAnswer {
  result: 'pass' | 'fail';
  assurance: Assurance;
  triesLeft: number;
  /** The record-correction task a passed code opened, when the caller's claims differed from the record. */
  correctionId: string | null;
}

/**
 * Checks the code the caller read out. Right: the session passes at the higher level, and what
 * the caller said differently from the record becomes a correction task. Wrong: one try less,
 * counted as a failure on the customer and the asker; after the last try the code is void.
 */
export async function checkCode(actor: Actor, sessionId: string, code: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope): Promise<CodeAnswer> => {
    const open = await openSessionForStep(scope, actor, sessionId, now, { acceptPassed: true });
    const { session } = open;
    if (session.assurance === ASSURANCE_AFTER_CODE)
      throw new AppError('conflict', 'This session is already verified with a code', { reason: 'already_verified' });
    if (session.codeHash === null || session.codeTriesLeft <= 0)
      throw new AppError('conflict', 'No code is waiting: send one first', { reason: 'no_code' });
    if (session.codeExpiresAt === null || session.codeExpiresAt <= now)
      throw new AppError('gone', 'The code has expired: send a new one', { reason: 'code_expired' });
    // scrypt, compared in constant time; the same work whether the code is right or wrong.
    const right = await verifyPassword(code, session.codeHash);
    if (!right) {
      const triesLeft = session.codeTriesLeft - 1;
      const counted = await countFailure(scope, actor, open, now);
      const over = triesLeft === 0 && session.status !== 'passed';
      await updateVerificationSession(scope, session.id, {
        codeTriesLeft: triesLeft,
        ...(triesLeft === 0 ? { codeHash: null } : {}),
        ...(over || counted.locked ? { status: session.status === 'passed' ? 'passed' : 'failed' } : {}),
        ...(over ? { pendingDiscrepancies: null } : {}),
      });
      await recordVerificationEvent(scope, actor, {
        customerId: session.customerId,
        kind: 'verification_code_checked',
        session,
        at: now,
        data: { result: 'fail', triesLeft },
      });
      return { result: 'fail', assurance: session.assurance, triesLeft, correctionId: null };
    }
    await clearCustomerFailures(scope, session.customerId);
    const discrepancies = session.pendingDiscrepancies ?? [];
    const correction =
      discrepancies.length > 0
        ? await insertRecordCorrection(scope, {
            customerId: session.customerId,
            sessionId: session.id,
            discrepancies,
            openedAt: now,
          })
        : null;
    await updateVerificationSession(scope, session.id, {
      status: 'passed',
      result: 'pass',
      assurance: ASSURANCE_AFTER_CODE,
      codeHash: null,
      codeTriesLeft: 0,
      pendingDiscrepancies: null,
      correctionId: correction?.id ?? null,
    });
    await recordVerificationEvent(scope, actor, {
      customerId: session.customerId,
      kind: 'verification_code_checked',
      session,
      at: now,
      data: { result: 'pass', assurance: ASSURANCE_AFTER_CODE },
    });
    if (correction)
      await recordVerificationEvent(scope, actor, {
        customerId: session.customerId,
        kind: 'record_correction_opened',
        session,
        at: now,
        data: { correctionId: correction.id },
      });
    return { result: 'pass', assurance: ASSURANCE_AFTER_CODE, triesLeft: 0, correctionId: correction?.id ?? null };
  });
}
