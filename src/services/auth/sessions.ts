import { AppError } from '../../errors.ts';
import type { Broadcast, Db } from '../../store/database.ts';
import {
  deleteSession,
  findPrincipalBySessionHash,
  findPrincipalByTokenHash,
  insertSession,
  type Principal,
} from '../../store/repositories/credentials.ts';
import { DEFAULT_LOGIN_LIMITS, lockoutSecondsAfter, type LoginLimits } from '../../domain/auth/login-limits.ts';
import { clearLoginFailures, findLoginLock, recordLoginFailure } from '../../store/repositories/login-failures.ts';
import { findUserByEmail } from '../../store/repositories/people.ts';
import { findTenantBySlug } from '../../store/repositories/tenants.ts';
import { scopeTo } from '../../store/tenant-scope.ts';
import { hashSecret, newSecret, verifyPassword } from './secrets.ts';

export const SESSION_HOURS = 12;

/**
 * Signs a person in with their organisation, email and password; answers one vague error for every
 * failure. Wrong passwords in a row lock the account (for every address, with or without an
 * account, so a lockout tells nothing about who has one); during a lockout even the right password
 * is refused. A session presented with the sign-in ends: each sign-in gets a fresh session id.
 */
export async function login(
  db: Db,
  input: { tenant: string; email: string; password: string; previousSessionToken?: string | undefined },
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  now = new Date(),
) {
  const tenant = await findTenantBySlug(db, input.tenant.trim().toLowerCase());
  const scope = tenant ? scopeTo(db, tenant.id) : undefined;
  const email = input.email.trim().toLowerCase();
  const lockedUntil = scope ? await findLoginLock(scope, email, now) : undefined;
  if (lockedUntil) throw accountLocked(lockedUntil, now);
  const user = scope ? await findUserByEmail(scope, email) : undefined;
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!scope || !user || !user.active || !passwordOk) {
    if (scope) {
      const counted = await recordLoginFailure(scope, email, now, (failures) => lockoutSecondsAfter(failures, limits));
      if (counted.lockedUntil && counted.lockedUntil > now) throw accountLocked(counted.lockedUntil, now);
    }
    throw new AppError('unauthenticated', 'The organisation, email or password is not right');
  }
  await clearLoginFailures(scope, email);
  if (input.previousSessionToken) await deleteSession(db, hashSecret(input.previousSessionToken));
  const { secret, hash } = newSecret('hks');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await insertSession(scope, { tokenHash: hash, userId: user.id, expiresAt });
  return {
    sessionToken: secret,
    expiresAt,
    user: { id: user.id, name: user.name, email: user.email, role: user.role, tenant: tenant!.slug },
  };
}

function accountLocked(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError(
    'account_locked',
    `Too many wrong passwords for this account: try again in ${seconds} s, or ask an administrator to unlock it`,
    { retryAfterSeconds: seconds },
    seconds,
  );
}

export const logout = (db: Db, sessionToken: string) => deleteSession(db, hashSecret(sessionToken));

let credentialEpoch = 0;
const CREDENTIALS_CHANNEL = 'hearken_credentials';
let sharedWith: Broadcast | undefined;

/**
 * Someone lost access (deactivated, token revoked): forget cached credentials in this process at
 * once, and in every other server process on the same database when they share a broadcast.
 */
export function credentialsChanged(): void {
  credentialEpoch++;
  sharedWith?.publish(CREDENTIALS_CHANNEL, 'changed').catch(() => undefined);
}

/** Hears the other processes' credentialsChanged(); the returned function stops listening. */
export async function shareCredentialChanges(broadcast: Broadcast): Promise<() => Promise<void>> {
  sharedWith = broadcast;
  const stop = await broadcast.subscribe(CREDENTIALS_CHANNEL, () => {
    credentialEpoch++;
  });
  return async () => {
    if (sharedWith === broadcast) sharedWith = undefined;
    await stop();
  };
}

/**
 * Resolves a bearer token or session cookie to its principal. Token look-ups are cached
 * briefly per process because every API call needs one; a revoked token stops working
 * within the cache lifetime.
 */
export class CredentialResolver {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();
  private epoch = credentialEpoch;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 10_000,
  ) {}

  async fromApiToken(token: string): Promise<Principal | undefined> {
    if (this.epoch !== credentialEpoch) {
      this.cache.clear();
      this.epoch = credentialEpoch;
    }
    const hash = hashSecret(token);
    const cached = this.cache.get(hash);
    const now = Date.now();
    if (cached && cached.until > now) return cached.principal;
    const principal = await findPrincipalByTokenHash(this.db, hash);
    if (principal) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, { principal, until: now + this.ttlMs });
    }
    return principal;
  }

  fromSession(sessionToken: string): Promise<Principal | undefined> {
    return findPrincipalBySessionHash(this.db, hashSecret(sessionToken), new Date());
  }
}
