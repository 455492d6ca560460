import { notFound } from '../../errors.ts';
import { clearLoginFailures, listLoginLocks, type LoginLock } from '../../store/repositories/login-failures.ts';
import { findUser, listUsers } from '../../store/repositories/people.ts';
import type { UserRow } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { userView } from './manage-people.ts';

/** A person as the people list shows them: with wrong passwords in a row and a lockout, if any. */
export function userWithSignIn(user: UserRow, lock: LoginLock | undefined, now = new Date()) {
  const locked = lock?.lockedUntil && lock.lockedUntil > now ? lock.lockedUntil : null;
  return { ...userView(user), failedSignIns: lock?.failures ?? 0, lockedUntil: locked?.toISOString() ?? null };
}

export async function listUsersWithSignIn(scope: TenantScope) {
  const [people, locks] = await Promise.all([listUsers(scope), listLoginLocks(scope)]);
  return people.map((user) => userWithSignIn(user, locks.get(user.email.toLowerCase())));
}

/** An administrator lifts a lockout at once (the person proved who they are another way); the count restarts. */
export async function unlockSignIn(scope: TenantScope, userId: string) {
  const user = await findUser(scope, userId);
  if (!user) throw notFound('Person');
  await clearLoginFailures(scope, user.email.toLowerCase());
  return userWithSignIn(user, undefined);
}
