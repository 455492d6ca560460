import { AppError } from '../../errors.ts';

/** How long a session, its claims and its code live; fixed by the product, not per organisation. */
export const VERIFICATION = {
  /** A session belongs to one call or chat. */
  sessionMinutes: 15,
  /** Claims within one session before a new one must be started (each failure also counts on the customer). */
  claimAttemptsPerSession: 3,
  codeDigits: 6,
  codeMinutes: 5,
  codeTries: 3,
  /** Codes one session may send: one, and one more if it did not arrive. */
  codesPerSession: 2,
  /** The failure window of the per-asker limit. */
  askerWindowMinutes: 60,
} as const;

/** Where the request comes from: a person on the phone or in a chat, or a machine (IVR, chatbot). */
export const VERIFICATION_CHANNELS = [
  'phone',
  'chat',
  'email',
  'sms',
  'portal',
  'in_person',
  'ivr',
  'chatbot',
] as const;
export type VerificationChannel = (typeof VERIFICATION_CHANNELS)[number];

/**
 * The minimum time a claims or code answer takes, so that how long the comparison took (a
 * record with more fields, a PIN hash checked or not, an early refusal) never tells anything.
 * HEARKEN_VERIFICATION_MIN_RESPONSE_MS sets it (tests use a few ms); 250 ms by default.
 */
export function minimumResponseMs(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.HEARKEN_VERIFICATION_MIN_RESPONSE_MS);
  return Number.isFinite(configured) && configured >= 0 ? configured : 250;
}

/** Runs `work` and answers (or throws) no sooner than `ms` after it started. */
export async function answerNoSoonerThan<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const wait = () => {
    const left = ms - (performance.now() - started);
    return left > 0 ? new Promise((resolve) => setTimeout(resolve, left)) : Promise.resolve();
  };
  try {
    const value = await work();
    await wait();
    return value;
  } catch (error) {
    await wait();
    throw error;
  }
}

export const sessionNotFound = (): AppError => new AppError('not_found', 'Verification session not found');

export const sessionOver = (why: 'expired' | 'failed' | 'attempts_used'): AppError =>
  new AppError(
    'conflict',
    why === 'expired'
      ? 'This verification session has expired: start a new one'
      : 'This verification session has ended: start a new one',
    { reason: why === 'expired' ? 'session_expired' : 'session_ended' },
  );

/** The same refusal whatever the cause of the lock, without comparing anything. */
export const customerLocked = (): AppError =>
  new AppError(
    'rate_limited',
    'Verification is locked for this customer after too many failed attempts; an administrator can unlock it',
    { reason: 'customer_locked' },
  );

export const askerLimited = (retryAfterSeconds: number): AppError =>
  new AppError(
    'rate_limited',
    'Too many failed verification attempts from you in the last hour; try again later',
    { reason: 'asker_rate_limited', retryAfterSeconds },
    retryAfterSeconds,
  );
