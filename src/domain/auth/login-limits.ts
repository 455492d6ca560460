/**
 * How hard Hearken makes guessing passwords. Two in-memory rate limits per server process answer
 * 429 quickly (one client on one account, and one client on any account); the account lockout is
 * durable, in the store, so every server process refuses a locked account alike.
 */
export interface LoginLimits {
  /** Sign-in attempts one client (IP address) may make on one account per window. */
  perAccountClientMax: number;
  /** Sign-in attempts one client may make on any accounts per window (password spraying). */
  perClientMax: number;
  /** The window of both rate limits; a client that keeps trying while limited waits twice as long each time. */
  windowMs: number;
  /** Wrong passwords in a row that lock an account. */
  lockoutAfter: number;
  /** How long the first lockout lasts; each further wrong password after it doubles it. */
  lockoutSeconds: number;
  /** The longest lockout. */
  lockoutMaxSeconds: number;
}

// Generous enough for a person, the test suite and the benches, which sign in many times from one address.
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccountClientMax: 30,
  perClientMax: 300,
  windowMs: 60_000,
  lockoutAfter: 10,
  lockoutSeconds: 300,
  lockoutMaxSeconds: 3600,
};

/**
 * How long an account is locked after its `failures`-th wrong password in a row: nothing below the
 * threshold, then the lockout doubles with each further failure (backoff), up to the maximum.
 */
export function lockoutSecondsAfter(failures: number, limits: LoginLimits): number {
  if (failures < limits.lockoutAfter) return 0;
  const doublings = Math.min(failures - limits.lockoutAfter, 30);
  return Math.min(limits.lockoutSeconds * 2 ** doublings, limits.lockoutMaxSeconds);
}
