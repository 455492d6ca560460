import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias, bigint, boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PartnerKind, ShareSide, ShareStatus } from '../../domain/cases/partner-share.ts';
import type { Db } from '../database.ts';
import { tenants } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

/**
 * Shares of cases with partner organisations and their one thread (migration 0006). A share
 * belongs to the sharing tenant (tenant_id); the partner tenant reaches it only through
 * partner_tenant_id, and an outside party only through its link token's hash.
 */

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What the sharer chose to tell the partner about the customer. */
export interface DisclosedCustomer {
  name?: string;
  email?: string;
  phone?: string;
}

export const caseShares = pgTable('case_shares', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  caseId: uuid('case_id').notNull(),
  subject: text('subject').notNull(),
  reference: text('reference').notNull(),
  customerDisclosed: jsonb('customer_disclosed').$type<DisclosedCustomer>().notNull().default({}),
  partnerKind: text('partner_kind').$type<PartnerKind>().notNull(),
  partnerTenantId: uuid('partner_tenant_id'),
  partnerName: text('partner_name').notNull(),
  partnerEmail: text('partner_email'),
  linkTokenHash: text('link_token_hash'),
  status: text('status').$type<ShareStatus>().notNull(),
  ballWith: text('ball_with').$type<ShareSide>().notNull(),
  handoffs: integer('handoffs').notNull().default(0),
  waitingSince: at('waiting_since'),
  responseDueAt: at('response_due_at'),
  overdueAt: at('overdue_at'),
  partnerCaseId: uuid('partner_case_id'),
  sharedBy: uuid('shared_by'),
  acceptedAt: at('accepted_at'),
  endedAt: at('ended_at'),
  endedBy: text('ended_by').$type<ShareSide>(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const shareMessages = pgTable('share_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  shareId: uuid('share_id').notNull(),
  seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  side: text('side').$type<ShareSide>().notNull(),
  author: text('author').notNull(),
  text: text('text').notNull(),
  handOff: boolean('hand_off').notNull().default(false),
  createdAt: at('created_at').notNull(),
});

export type ShareRow = typeof caseShares.$inferSelect;
export type ShareMessageRow = typeof shareMessages.$inferSelect;

/** A share with the names of both organisations, as views need it. */
export type ShareRecord = ShareRow & { sharerName: string; sharerSlug: string; partnerSlug: string | null };

const sharer = alias(tenants, 'sharer_tenant');
const partner = alias(tenants, 'partner_tenant');

function selectShares(db: Db, where: SQL | undefined, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ share: caseShares, sharerName: sharer.name, sharerSlug: sharer.slug, partnerSlug: partner.slug })
    .from(caseShares)
    .innerJoin(sharer, eq(sharer.id, caseShares.tenantId))
    .leftJoin(partner, eq(partner.id, caseShares.partnerTenantId))
    .where(where)
    .orderBy(desc(caseShares.createdAt), desc(caseShares.id))
    .limit(500);
  const rows = options.forUpdate ? query.for('update', { of: caseShares }) : query;
  return rows.then((found) =>
    found.map((r): ShareRecord => ({
      ...r.share,
      sharerName: r.sharerName,
      sharerSlug: r.sharerSlug,
      partnerSlug: r.partnerSlug,
    })),
  );
}

/** Either side of the share: its sharing tenant, or the partner tenant it was shared with. */
const partyTo = (scope: TenantScope) =>
  or(eq(caseShares.tenantId, scope.tenantId), eq(caseShares.partnerTenantId, scope.tenantId));

export async function findShareForParty(
  scope: TenantScope,
  shareId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ShareRecord | undefined> {
  return (await selectShares(scope.db, and(eq(caseShares.id, shareId), partyTo(scope)), options))[0];
}

/** Looked up before any tenant is known: the link token is the outside party's only credential. */
export async function findShareByLinkHash(
  db: Db,
  linkTokenHash: string,
  options: { forUpdate?: boolean } = {},
): Promise<ShareRecord | undefined> {
  return (await selectShares(db, eq(caseShares.linkTokenHash, linkTokenHash), options))[0];
}

/** Shares of a case: as its sharer, or — for a partner's own case — as the partner. */
export function listSharesOfCase(scope: TenantScope, caseId: string): Promise<ShareRecord[]> {
  return selectShares(
    scope.db,
    or(
      and(eq(caseShares.tenantId, scope.tenantId), eq(caseShares.caseId, caseId)),
      and(eq(caseShares.partnerTenantId, scope.tenantId), eq(caseShares.partnerCaseId, caseId)),
    ),
  );
}

/** Cases other tenants have shared with this one. */
export function listSharesWithPartner(scope: TenantScope, statuses: ShareStatus[]): Promise<ShareRecord[]> {
  return selectShares(
    scope.db,
    and(eq(caseShares.partnerTenantId, scope.tenantId), inArray(caseShares.status, statuses)),
  );
}

/** Is the case already shared, and not ended, with this tenant or this outside address? */
export async function hasOpenShare(
  scope: TenantScope,
  caseId: string,
  partnerTo: { tenantId: string } | { email: string },
): Promise<boolean> {
  const rows = await scope.db
    .select({ id: caseShares.id })
    .from(caseShares)
    .where(
      and(
        eq(caseShares.tenantId, scope.tenantId),
        eq(caseShares.caseId, caseId),
        ne(caseShares.status, 'ended'),
        'tenantId' in partnerTo
          ? eq(caseShares.partnerTenantId, partnerTo.tenantId)
          : sql`lower(${caseShares.partnerEmail}) = lower(${partnerTo.email})`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function insertShare(
  scope: TenantScope,
  row: Omit<typeof caseShares.$inferInsert, 'tenantId'>,
): Promise<ShareRow> {
  const rows = await scope.db
    .insert(caseShares)
    .values({ ...row, tenantId: scope.tenantId })
    .returning();
  return rows[0]!;
}

export type ShareChanges = Partial<
  Pick<
    ShareRow,
    | 'status'
    | 'ballWith'
    | 'handoffs'
    | 'waitingSince'
    | 'responseDueAt'
    | 'overdueAt'
    | 'partnerCaseId'
    | 'acceptedAt'
    | 'endedAt'
    | 'endedBy'
  >
>;

/** Changes a share; `scope` is the sharing tenant's, which owns the row. */
export async function updateShare(scope: TenantScope, shareId: string, changes: ShareChanges): Promise<void> {
  await scope.db
    .update(caseShares)
    .set(changes)
    .where(and(eq(caseShares.tenantId, scope.tenantId), eq(caseShares.id, shareId)));
}

export async function insertShareMessage(
  scope: TenantScope,
  message: Omit<typeof shareMessages.$inferInsert, 'tenantId'>,
): Promise<ShareMessageRow> {
  const rows = await scope.db
    .insert(shareMessages)
    .values({ ...message, tenantId: scope.tenantId })
    .returning();
  return rows[0]!;
}

/** The thread in the order it was written; `scope` is the sharing tenant's. */
export function listShareMessages(scope: TenantScope, shareId: string): Promise<ShareMessageRow[]> {
  return scope.db
    .select()
    .from(shareMessages)
    .where(and(eq(shareMessages.tenantId, scope.tenantId), eq(shareMessages.shareId, shareId)))
    .orderBy(asc(shareMessages.seq))
    .limit(2000);
}
