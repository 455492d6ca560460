import { and, eq } from 'drizzle-orm';
import { notFound } from '../../errors.ts';
import { resolveCustomerId } from '../../store/repositories/customer-merges.ts';
import {
  findVerificationRecord,
  forgetEndedClaims,
  insertVerificationSession,
} from '../../store/repositories/verifications.ts';
import { cases } from '../../store/schema.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { recordVerificationEvent } from './verification-events.ts';
import { VERIFICATION, type VerificationChannel } from './verification-rules.ts';
import { verificationView } from './verification-view.ts';

export interface StartVerificationInput {
  channel: VerificationChannel;
  /** Where the caller is: "caller id withheld", "IVR line 2", "chat on lumen.example". */
  from?: string | undefined;
  /** The case the call is about, shown with the session. */
  caseId?: string | undefined;
}

/**
 * Opens a session for one caller who says they are this customer: the agent signed in, or an
 * IVR or chatbot through its API token, is recorded as who asked. A merged customer's id
 * verifies against the customer it was merged into.
 */
export async function startVerification(
  actor: Actor,
  requestedCustomerId: string,
  input: StartVerificationInput,
  now = new Date(),
) {
  return inTransaction(actor.scope, async (scope) => {
    const customerId = await resolveCustomerId(scope, requestedCustomerId);
    const record = customerId && (await findVerificationRecord(scope, customerId));
    if (!customerId || !record) throw notFound('Customer');
    if (input.caseId !== undefined) {
      const found = await scope.db
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.tenantId, scope.tenantId), eq(cases.id, input.caseId), eq(cases.customerId, customerId)))
        .limit(1);
      if (found.length === 0) throw notFound("Case of this customer's");
    }
    await forgetEndedClaims(scope, customerId, now);
    const session = await insertVerificationSession(scope, {
      customerId,
      aboutCaseId: input.caseId ?? null,
      askedByUserId: actor.userId,
      askedByLabel: actor.label,
      channel: input.channel,
      origin: input.from?.trim() || null,
      expiresAt: new Date(now.getTime() + VERIFICATION.sessionMinutes * 60_000),
    });
    await recordVerificationEvent(scope, actor, { customerId, kind: 'verification_started', session, at: now });
    return verificationView(session, now, record.lockedAt !== null);
  });
}
