import { randomInt } from 'node:crypto';
import { AppError } from '../../errors.ts';
import { updateVerificationSession } from '../../store/repositories/verifications.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { hashPassword } from '../auth/secrets.ts';
import type { ChannelRuntime } from '../channels/outbound/channel-runtime.ts';
import { deliverCode, type CaughtCode } from './deliver-code.ts';
import { recordVerificationEvent } from './verification-events.ts';
import { VERIFICATION } from './verification-rules.ts';
import { openSessionForStep } from './verification-session.ts';
import { stepUpOffered } from './verification-view.ts';

/**
 * How the channel is named to the agent and the caller: which kind of channel, and no digit or
 * letter of it. Banks often say "ending 42"; here the last digits of a registered number are
 * themselves something a caller can be asked (phoneLastDigits), so naming them would answer a
 * later check. A caller who has one mobile number knows which one is meant.
 */
const SENT_TO = {
  sms: 'the mobile number registered on the account',
  email: 'the email address registered on the account',
};

/**
 * Sends a six-digit code, valid five minutes for three tries, to a channel already registered
 * and verified on the record: a phone by SMS (preferred) or an email address. The code is kept
 * only as a scrypt hash. Offered after a partial or a pass.
 */
export async function sendStepUpCode(
  actor: Actor,
  sessionId: string,
  input: { channel?: 'sms' | 'email' | undefined },
  delivery: { runtime: ChannelRuntime; caught: CaughtCode },
  now = new Date(),
) {
  return inTransaction(actor.scope, async (scope) => {
    const { session, record } = await openSessionForStep(scope, actor, sessionId, now, { acceptPassed: true });
    if (!stepUpOffered(session, now))
      throw new AppError(
        'conflict',
        session.result === null
          ? "Check the caller's claims first: a code is offered after a partial or a pass"
          : session.assurance === 'medium'
            ? 'This session is already verified with a code'
            : 'No code can be sent in this session: start a new one',
        { reason: 'step_up_not_offered' },
      );
    const verified = (kind: 'phone' | 'email') => record.identities.find((i) => i.kind === kind && i.verified);
    const target =
      input.channel === 'email'
        ? verified('email') && { channel: 'email' as const, to: verified('email')!.value }
        : input.channel === 'sms'
          ? verified('phone') && { channel: 'sms' as const, to: verified('phone')!.value }
          : verified('phone')
            ? { channel: 'sms' as const, to: verified('phone')!.value }
            : verified('email') && { channel: 'email' as const, to: verified('email')!.value };
    if (!target)
      throw new AppError(
        'conflict',
        input.channel
          ? `The record has no verified ${input.channel === 'sms' ? 'phone number' : 'email address'} to send a code to`
          : 'The record has no verified phone number or email address to send a code to',
        { reason: 'no_verified_channel' },
      );
    const code = String(randomInt(0, 10 ** VERIFICATION.codeDigits)).padStart(VERIFICATION.codeDigits, '0');
    await updateVerificationSession(scope, session.id, {
      codeHash: await hashPassword(code),
      codeChannel: target.channel,
      codeExpiresAt: new Date(now.getTime() + VERIFICATION.codeMinutes * 60_000),
      codeTriesLeft: VERIFICATION.codeTries,
      codesSent: session.codesSent + 1,
    });
    // Sent before the transaction commits: a code that could not be sent leaves no live code behind.
    await deliverCode(
      scope,
      { channel: target.channel, to: target.to, code, minutes: VERIFICATION.codeMinutes },
      delivery.runtime,
      delivery.caught,
    );
    await recordVerificationEvent(scope, actor, {
      customerId: session.customerId,
      kind: 'verification_code_sent',
      session,
      at: now,
      data: { codeChannel: target.channel },
    });
    return {
      channel: target.channel,
      sentTo: SENT_TO[target.channel],
      expiresInSeconds: VERIFICATION.codeMinutes * 60,
      triesLeft: VERIFICATION.codeTries,
      codesLeft: VERIFICATION.codesPerSession - session.codesSent - 1,
    };
  });
}
