import {
  scoreClaims,
  type Claims,
  type FieldScore,
  type StoredRecord,
} from '../../domain/verification/compare-fields.ts';
import { findDiscrepancies } from '../../domain/verification/discrepancies.ts';
import { judgeClaims, type Assurance, type VerificationResult } from '../../domain/verification/policy.ts';
import { clearCustomerFailures, type VerificationRecord } from '../../store/repositories/verifications.ts';
import { updateVerificationSession } from '../../store/repositories/verifications.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { verifyPassword } from '../auth/secrets.ts';
import { recordVerificationEvent } from './verification-events.ts';
import { VERIFICATION } from './verification-rules.ts';
import { countFailure, openSessionForStep } from './verification-session.ts';

/** Everything a claims answer says: the result and what can be done next, never which field or value. */
export interface ClaimsAnswer {
  result: VerificationResult;
  assurance: Assurance;
  stepUpOffered: boolean;
  attemptsLeft: number;
}

export const storedRecordOf = (record: VerificationRecord): StoredRecord => ({
  name: record.name,
  dateOfBirth: record.dateOfBirth,
  address: record.address,
  postcode: record.address?.postcode ?? null,
  lastPaymentMinor: record.lastPaymentMinor,
  phones: record.identities.filter((i) => i.kind === 'phone').map((i) => i.value),
});

/**
 * Compares what the caller claims with the record and answers pass, partial or fail. Every field
 * is compared whatever the others gave (no early exit), and the PIN hash is computed even when
 * the record has none, so the work done does not depend on the record; the route pads the
 * answer to a fixed minimum time on top. What differed is kept, unread, for a correction task
 * that only a passed code opens.
 */
export async function checkClaims(actor: Actor, sessionId: string, claims: Claims, now = new Date()) {
  return inTransaction(actor.scope, async (scope): Promise<ClaimsAnswer> => {
    const open = await openSessionForStep(scope, actor, sessionId, now, { acceptPassed: false });
    const { session, record, limits } = open;
    let pinScore: FieldScore | undefined;
    if (claims.pin !== undefined) {
      const right = await verifyPassword(claims.pin, record.pinHash);
      pinScore = record.pinHash === null ? undefined : right ? 'match' : 'mismatch';
    }
    const stored = storedRecordOf(record);
    const scores = scoreClaims(stored, claims, pinScore);
    const outcome = judgeClaims(scores);
    const attempts = session.claimAttempts + 1;
    let status = session.status;
    let failuresLeft = limits.lockAfter - record.failures;
    if (outcome.result === 'pass') {
      status = 'passed';
      await clearCustomerFailures(scope, session.customerId);
      failuresLeft = limits.lockAfter;
    } else {
      const counted = await countFailure(scope, actor, open, now);
      failuresLeft = limits.lockAfter - counted.failures;
      if (counted.locked || (outcome.result === 'fail' && attempts >= VERIFICATION.claimAttemptsPerSession))
        status = 'failed';
    }
    const discrepancies = outcome.result === 'fail' ? null : findDiscrepancies(stored, claims, scores);
    const updated = await updateVerificationSession(scope, session.id, {
      claimAttempts: attempts,
      result: outcome.result,
      assurance: outcome.assurance,
      status,
      pendingDiscrepancies: discrepancies && discrepancies.length > 0 ? discrepancies : null,
    });
    await recordVerificationEvent(scope, actor, {
      customerId: session.customerId,
      kind: 'verification_claims_checked',
      session,
      at: now,
      data: { result: outcome.result, assurance: outcome.assurance, attempt: attempts },
    });
    const attemptsLeft =
      status === 'open' ? Math.max(0, Math.min(VERIFICATION.claimAttemptsPerSession - attempts, failuresLeft)) : 0;
    return {
      result: outcome.result,
      assurance: outcome.assurance,
      stepUpOffered: outcome.stepUpOffered && status !== 'failed' && updated.codesSent < VERIFICATION.codesPerSession,
      attemptsLeft,
    };
  });
}
