import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Role } from '../../domain/vocabulary.ts';
import type { Db } from '../database.ts';
import { apiTokens, sessions, tenants, users } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

/** Who a presented credential belongs to. Looked up before any tenant is known. */
export interface Principal {
  tenantId: string;
  tenantSlug: string;
  role: Role;
  userId: string | null;
  customerId: string | null;
  /** The API token that authenticated the call; null for a signed-in person. */
  token: { id: string; name: string } | null;
}

export async function insertApiToken(
  scope: TenantScope,
  token: { name: string; role: Role; tokenHash: string; userId?: string | null },
): Promise<{ id: string }> {
  const rows = await scope.db
    .insert(apiTokens)
    .values({ ...token, tenantId: scope.tenantId })
    .returning({ id: apiTokens.id });
  return rows[0]!;
}

export async function findPrincipalByTokenHash(db: Db, tokenHash: string): Promise<Principal | undefined> {
  const rows = await db
    .select({
      tenantId: apiTokens.tenantId,
      tenantSlug: tenants.slug,
      role: apiTokens.role,
      userId: apiTokens.userId,
      customerId: users.customerId,
      active: users.active,
      tokenId: apiTokens.id,
      tokenName: apiTokens.name,
    })
    .from(apiTokens)
    .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .leftJoin(users, and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  const row = rows[0];
  if (!row || row.active === false) return undefined;
  return {
    tenantId: row.tenantId,
    tenantSlug: row.tenantSlug,
    role: row.role,
    userId: row.userId,
    customerId: row.customerId ?? null,
    token: { id: row.tokenId, name: row.tokenName },
  };
}

export async function insertSession(
  scope: TenantScope,
  session: { tokenHash: string; userId: string; expiresAt: Date },
) {
  await scope.db.insert(sessions).values({ ...session, tenantId: scope.tenantId });
}

export async function findPrincipalBySessionHash(db: Db, tokenHash: string, now: Date): Promise<Principal | undefined> {
  const rows = await db
    .select({
      tenantId: sessions.tenantId,
      tenantSlug: tenants.slug,
      role: users.role,
      userId: users.id,
      customerId: users.customerId,
    })
    .from(sessions)
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.active, true)))
    .limit(1);
  return rows[0] && { ...rows[0], token: null };
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}
