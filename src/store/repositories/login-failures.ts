import { sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface LoginLock {
  email: string;
  failures: number;
  lockedUntil: Date | null;
}

interface Row {
  email: string;
  failures: number;
  lockedUntil: string | Date | null;
}
const lockOf = (row: Row): LoginLock => ({
  email: row.email,
  failures: Number(row.failures),
  lockedUntil: row.lockedUntil === null ? null : new Date(row.lockedUntil),
});

/** When the account signed in as `email` may try again, if it is locked now. */
export async function findLoginLock(scope: TenantScope, email: string, now: Date): Promise<Date | undefined> {
  const result = await scope.db.execute(sql`
    SELECT locked_until AS "lockedUntil" FROM login_failures
    WHERE tenant_id = ${scope.tenantId} AND email = ${email} AND locked_until > ${now.toISOString()}::timestamptz`);
  const row = rowsOf<{ lockedUntil: string | Date }>(result)[0];
  return row && new Date(row.lockedUntil);
}

/**
 * Counts one more wrong password in a row, in one statement (several processes may count at once),
 * and locks the account until `now + lockFor(failures)` seconds when that is more than nothing.
 */
export async function recordLoginFailure(
  scope: TenantScope,
  email: string,
  now: Date,
  lockFor: (failures: number) => number,
): Promise<LoginLock> {
  const result = await scope.db.execute(sql`
    INSERT INTO login_failures (tenant_id, email, failures, last_failed_at)
    VALUES (${scope.tenantId}, ${email}, 1, ${now.toISOString()}::timestamptz)
    ON CONFLICT (tenant_id, email) DO UPDATE
      SET failures = login_failures.failures + 1, last_failed_at = excluded.last_failed_at
    RETURNING email, failures, locked_until AS "lockedUntil"`);
  const counted = lockOf(rowsOf<Row>(result)[0]!);
  const seconds = lockFor(counted.failures);
  if (seconds <= 0) return counted;
  const lockedUntil = new Date(now.getTime() + seconds * 1000);
  await scope.db.execute(sql`
    UPDATE login_failures SET locked_until = ${lockedUntil.toISOString()}::timestamptz
    WHERE tenant_id = ${scope.tenantId} AND email = ${email}`);
  return { ...counted, lockedUntil };
}

/** A right password, or an administrator's unlock: the count starts again. */
export async function clearLoginFailures(scope: TenantScope, email: string): Promise<void> {
  await scope.db.execute(sql`DELETE FROM login_failures WHERE tenant_id = ${scope.tenantId} AND email = ${email}`);
}

/** Every account of the organisation with wrong passwords counted, for the people list. */
export async function listLoginLocks(scope: TenantScope): Promise<Map<string, LoginLock>> {
  const result = await scope.db.execute(sql`
    SELECT email, failures, locked_until AS "lockedUntil" FROM login_failures WHERE tenant_id = ${scope.tenantId}`);
  return new Map(rowsOf<Row>(result).map((row) => [row.email, lockOf(row)]));
}
