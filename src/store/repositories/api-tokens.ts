import { and, desc, eq, isNull } from 'drizzle-orm';
import { apiTokens, users } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface ApiTokenListing {
  id: string;
  name: string;
  role: (typeof apiTokens.$inferSelect)['role'];
  userId: string | null;
  userName: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Every API token of the organisation, newest first; never its secret or hash. */
export function listApiTokens(scope: TenantScope): Promise<ApiTokenListing[]> {
  return scope.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      userId: apiTokens.userId,
      userName: users.name,
      createdAt: apiTokens.createdAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)))
    .where(eq(apiTokens.tenantId, scope.tenantId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function findApiToken(scope: TenantScope, id: string): Promise<ApiTokenListing | undefined> {
  return (await listApiTokens(scope)).find((t) => t.id === id);
}

/** Marks a token revoked; a token already revoked keeps its first revocation time. */
export async function markApiTokenRevoked(scope: TenantScope, id: string, at: Date): Promise<void> {
  await scope.db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.tenantId, scope.tenantId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
}
