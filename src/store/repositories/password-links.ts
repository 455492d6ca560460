import { and, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../domain/vocabulary.ts';
import type { Db } from '../database.ts';
import { passwordLinks, sessions, tenants, users } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

export type PasswordLinkPurpose = 'invitation' | 'reset';

export async function insertPasswordLink(
  scope: TenantScope,
  link: { tokenHash: string; userId: string; purpose: PasswordLinkPurpose; createdBy: string | null; expiresAt: Date },
): Promise<void> {
  // A person has one live link at a time: a new one replaces any earlier one not yet used.
  await scope.db
    .delete(passwordLinks)
    .where(
      and(
        eq(passwordLinks.tenantId, scope.tenantId),
        eq(passwordLinks.userId, link.userId),
        isNull(passwordLinks.usedAt),
      ),
    );
  await scope.db.insert(passwordLinks).values({ ...link, tenantId: scope.tenantId });
}

export interface PasswordLinkFound {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  userId: string;
  userName: string;
  email: string;
  role: Role;
  active: boolean;
  purpose: PasswordLinkPurpose;
  expiresAt: Date;
  usedAt: Date | null;
}

/** The link a presented secret names, before any organisation is known (the link says which). */
export async function findPasswordLink(db: Db, tokenHash: string): Promise<PasswordLinkFound | undefined> {
  const rows = await db
    .select({
      tenantId: passwordLinks.tenantId,
      tenantSlug: tenants.slug,
      tenantName: tenants.name,
      userId: passwordLinks.userId,
      userName: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      purpose: passwordLinks.purpose,
      expiresAt: passwordLinks.expiresAt,
      usedAt: passwordLinks.usedAt,
    })
    .from(passwordLinks)
    .innerJoin(tenants, eq(tenants.id, passwordLinks.tenantId))
    .innerJoin(users, and(eq(users.tenantId, passwordLinks.tenantId), eq(users.id, passwordLinks.userId)))
    .where(eq(passwordLinks.tokenHash, tokenHash))
    .limit(1);
  return rows[0];
}

/** Uses a link once: true only for the caller that marked it used. */
export async function markPasswordLinkUsed(scope: TenantScope, tokenHash: string, at: Date): Promise<boolean> {
  const rows = await scope.db
    .update(passwordLinks)
    .set({ usedAt: at })
    .where(
      and(
        eq(passwordLinks.tenantId, scope.tenantId),
        eq(passwordLinks.tokenHash, tokenHash),
        isNull(passwordLinks.usedAt),
      ),
    )
    .returning({ tokenHash: passwordLinks.tokenHash });
  return rows.length === 1;
}

export async function setPasswordHash(scope: TenantScope, userId: string, passwordHash: string | null): Promise<void> {
  await scope.db
    .update(users)
    .set({ passwordHash })
    .where(and(eq(users.tenantId, scope.tenantId), eq(users.id, userId)));
}

/** Signs a person out everywhere. */
export async function deleteSessionsOf(scope: TenantScope, userId: string): Promise<void> {
  await scope.db.delete(sessions).where(and(eq(sessions.tenantId, scope.tenantId), eq(sessions.userId, userId)));
}
