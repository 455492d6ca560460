import type { VerificationSessionRow } from '../../store/schema.ts';
import { VERIFICATION } from './verification-rules.ts';

/**
 * A session as any verifier may see it: its state, never a claimed or stored value. The
 * verification panel reads it to show where the check stands and what can be done next.
 */
export function verificationView(session: VerificationSessionRow, now: Date, customerLocked: boolean) {
  const expired = session.status === 'open' && session.expiresAt <= now;
  const codeLive = session.codeHash !== null && session.codeTriesLeft > 0 && (session.codeExpiresAt ?? now) > now;
  return {
    id: session.id,
    customerId: session.customerId,
    caseId: session.aboutCaseId,
    channel: session.channel,
    from: session.origin,
    askedBy: { userId: session.askedByUserId, label: session.askedByLabel },
    status: expired ? ('expired' as const) : session.status,
    result: session.result,
    assurance: session.assurance,
    attemptsLeft: Math.max(0, VERIFICATION.claimAttemptsPerSession - session.claimAttempts),
    stepUp: {
      offered: stepUpOffered(session, now),
      codeSent: codeLive,
      channel: codeLive ? session.codeChannel : null,
      triesLeft: codeLive ? session.codeTriesLeft : 0,
      expiresAt: codeLive ? session.codeExpiresAt!.toISOString() : null,
    },
    correctionId: session.correctionId,
    customerLocked,
    createdAt: session.createdAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}

/** A code may be sent after a partial or a pass, until the session reached the higher level or used its codes. */
export function stepUpOffered(session: VerificationSessionRow, now: Date): boolean {
  return (
    session.status !== 'failed' &&
    session.expiresAt > now &&
    (session.result === 'partial' || session.result === 'pass') &&
    session.assurance !== 'medium' &&
    session.codesSent < VERIFICATION.codesPerSession
  );
}
