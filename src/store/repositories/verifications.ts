import { and, count, desc, eq, gt, min, sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import {
  customers,
  customerIdentities,
  tenants,
  verificationFailures,
  verificationSessions,
  type PostalAddress,
  type VerificationSessionRow,
} from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

/** What the record holds to verify a caller against, and whether the customer is locked. */
export interface VerificationRecord {
  id: string;
  name: string | null;
  address: PostalAddress | null;
  dateOfBirth: string | null;
  pinHash: string | null;
  lastPaymentMinor: number | null;
  failures: number;
  lockedAt: Date | null;
  identities: { kind: string; value: string; verified: boolean }[];
}

export async function findVerificationRecord(
  scope: TenantScope,
  customerId: string,
): Promise<VerificationRecord | undefined> {
  const rows = await scope.db
    .select({
      id: customers.id,
      name: customers.name,
      address: customers.address,
      dateOfBirth: customers.dateOfBirth,
      pinHash: customers.pinHash,
      lastPaymentMinor: customers.lastPaymentMinor,
      failures: customers.verificationFailures,
      lockedAt: customers.verificationLockedAt,
    })
    .from(customers)
    .where(and(eq(customers.tenantId, scope.tenantId), eq(customers.id, customerId)))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  const identities = await scope.db
    .select({ kind: customerIdentities.kind, value: customerIdentities.value, verified: customerIdentities.verified })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.tenantId, scope.tenantId), eq(customerIdentities.customerId, customerId)))
    // The most recently added channel first: the one a code goes to when several are verified.
    .orderBy(sql`${customerIdentities.createdAt} DESC`);
  return { ...row, identities };
}

export async function verificationLimits(scope: TenantScope): Promise<{ lockAfter: number; failuresPerHour: number }> {
  const rows = await scope.db
    .select({ lockAfter: tenants.verificationLockAfter, failuresPerHour: tenants.verificationFailuresPerHour })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId));
  return rows[0]!;
}

export async function updateVerificationLimits(
  scope: TenantScope,
  limits: { lockAfter?: number | undefined; failuresPerHour?: number | undefined },
): Promise<void> {
  const set: Partial<typeof tenants.$inferInsert> = {};
  if (limits.lockAfter !== undefined) set.verificationLockAfter = limits.lockAfter;
  if (limits.failuresPerHour !== undefined) set.verificationFailuresPerHour = limits.failuresPerHour;
  if (Object.keys(set).length > 0) await scope.db.update(tenants).set(set).where(eq(tenants.id, scope.tenantId));
}

export type NewVerificationSession = Pick<
  VerificationSessionRow,
  'customerId' | 'aboutCaseId' | 'askedByUserId' | 'askedByLabel' | 'channel' | 'origin' | 'expiresAt'
>;

export async function insertVerificationSession(
  scope: TenantScope,
  session: NewVerificationSession,
): Promise<VerificationSessionRow> {
  const rows = await scope.db
    .insert(verificationSessions)
    .values({ ...session, tenantId: scope.tenantId })
    .returning();
  return rows[0]!;
}

/**
 * A session of this tenant. With `lock`, it stays locked for the rest of the transaction, so two
 * requests on one session take turns.
 */
export async function findVerificationSession(
  scope: TenantScope,
  id: string,
  options: { lock?: boolean } = {},
): Promise<VerificationSessionRow | undefined> {
  const query = scope.db
    .select()
    .from(verificationSessions)
    .where(and(eq(verificationSessions.tenantId, scope.tenantId), eq(verificationSessions.id, id)));
  const rows = await (options.lock ? query.for('update') : query).limit(1);
  return rows[0];
}

export async function updateVerificationSession(
  scope: TenantScope,
  id: string,
  changes: Partial<Omit<VerificationSessionRow, 'id' | 'tenantId' | 'customerId'>>,
): Promise<VerificationSessionRow> {
  const rows = await scope.db
    .update(verificationSessions)
    .set(changes)
    .where(and(eq(verificationSessions.tenantId, scope.tenantId), eq(verificationSessions.id, id)))
    .returning();
  return rows[0]!;
}

/**
 * One more failure for the customer, and the lock when it reaches the limit, in one statement:
 * several processes counting at once never lose a failure nor lock twice.
 */
export async function countCustomerFailure(
  scope: TenantScope,
  customerId: string,
  lockAfter: number,
  now: Date,
): Promise<{ failures: number; lockedNow: boolean }> {
  const result = await scope.db.execute(sql`
    UPDATE customers SET verification_failures = verification_failures + 1,
      verification_locked_at = CASE
        WHEN verification_locked_at IS NULL AND verification_failures + 1 >= ${lockAfter} THEN ${now}::timestamptz
        ELSE verification_locked_at END
    WHERE tenant_id = ${scope.tenantId} AND id = ${customerId}
    RETURNING verification_failures AS failures, verification_locked_at = ${now}::timestamptz AS "lockedNow"`);
  const row = rowsOf<{ failures: number; lockedNow: boolean | null }>(result)[0];
  return { failures: Number(row?.failures ?? 0), lockedNow: row?.lockedNow === true };
}

/** A pass or an unlock starts the count again. Answers whether the customer was locked. */
export async function clearCustomerFailures(scope: TenantScope, customerId: string): Promise<boolean> {
  const result = await scope.db.execute(sql`
    UPDATE customers c SET verification_failures = 0, verification_locked_at = NULL
    FROM customers before
    WHERE c.tenant_id = ${scope.tenantId} AND c.id = ${customerId}
      AND before.tenant_id = c.tenant_id AND before.id = c.id
    RETURNING before.verification_locked_at IS NOT NULL AS "wasLocked"`);
  return rowsOf<{ wasLocked: boolean }>(result)[0]?.wasLocked === true;
}

export async function recordAskerFailure(
  scope: TenantScope,
  failure: { sessionId: string; askedByLabel: string; at: Date },
): Promise<void> {
  await scope.db.insert(verificationFailures).values({
    tenantId: scope.tenantId,
    sessionId: failure.sessionId,
    askedByLabel: failure.askedByLabel,
    failedAt: failure.at,
  });
}

/**
 * Failed attempts by one person or token since `since` (the per-asker hourly limit), and the
 * oldest of them: when it leaves the hour, the asker may try again.
 */
export async function askerFailuresSince(
  scope: TenantScope,
  askedByLabel: string,
  since: Date,
): Promise<{ count: number; oldest: Date | undefined }> {
  const rows = await scope.db
    .select({ n: count(), oldest: min(verificationFailures.failedAt) })
    .from(verificationFailures)
    .where(
      and(
        eq(verificationFailures.tenantId, scope.tenantId),
        eq(verificationFailures.askedByLabel, askedByLabel),
        gt(verificationFailures.failedAt, since),
      ),
    );
  const oldest = rows[0]?.oldest;
  return { count: Number(rows[0]?.n ?? 0), oldest: oldest ? new Date(oldest) : undefined };
}

/** When the customer's newest session started since `since` that passed, if any. */
export async function lastPassedVerificationStart(
  scope: TenantScope,
  customerId: string,
  since: Date,
): Promise<Date | undefined> {
  const rows = await scope.db
    .select({ at: verificationSessions.createdAt })
    .from(verificationSessions)
    .where(
      and(
        eq(verificationSessions.tenantId, scope.tenantId),
        eq(verificationSessions.customerId, customerId),
        eq(verificationSessions.status, 'passed'),
        gt(verificationSessions.createdAt, since),
      ),
    )
    .orderBy(desc(verificationSessions.createdAt))
    .limit(1);
  return rows[0]?.at;
}

/** Sets what a caller can be asked; a field left undefined keeps its value, null removes it. */
export async function setVerificationDetails(
  scope: TenantScope,
  customerId: string,
  details: { dateOfBirth?: string | null; pinHash?: string | null; lastPaymentMinor?: number | null },
): Promise<void> {
  const set: Partial<typeof customers.$inferInsert> = {};
  if (details.dateOfBirth !== undefined) set.dateOfBirth = details.dateOfBirth;
  if (details.pinHash !== undefined) set.pinHash = details.pinHash;
  if (details.lastPaymentMinor !== undefined) set.lastPaymentMinor = details.lastPaymentMinor;
  if (Object.keys(set).length === 0) return;
  await scope.db
    .update(customers)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(customers.tenantId, scope.tenantId), eq(customers.id, customerId)));
}

/**
 * Forgets what callers said in this customer's sessions that ended without a passed code: the
 * claimed values were kept only for a correction task that can no longer open.
 */
export async function forgetEndedClaims(scope: TenantScope, customerId: string, now: Date): Promise<void> {
  await scope.db.execute(sql`
    UPDATE verification_sessions SET pending_discrepancies = NULL
    WHERE tenant_id = ${scope.tenantId} AND customer_id = ${customerId} AND pending_discrepancies IS NOT NULL
      AND (expires_at <= ${now}::timestamptz OR status = 'failed')`);
}
