import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Channel, Direction } from '../../domain/vocabulary.ts';
import { rowsOf } from '../database.ts';
import { contacts, type ContactRow } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface NewContact {
  id: string;
  customerId: string;
  channel: Channel;
  direction: Direction;
  occurredAt: Date;
  subject: string | null;
  body: string;
  externalId: string | null;
  /** Recorded in the contact's facts, where the review queue filters by it. */
  vendor?: string | null;
}

/**
 * Inserts contacts in one statement. A contact whose externalId is already stored is
 * skipped; the ids that were really inserted come back.
 */
export async function insertContacts(scope: TenantScope, rows: NewContact[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const col = <K extends keyof NewContact>(key: K) => sql.param(rows.map((r) => r[key]));
  const result = await scope.db.execute(sql`
    INSERT INTO contacts (id, tenant_id, customer_id, channel, direction, occurred_at, subject, body, external_id, facts)
    SELECT id, ${scope.tenantId}, customer_id, channel, direction, occurred_at, subject, body, external_id,
           CASE WHEN vendor IS NULL THEN NULL ELSE jsonb_build_object('vendor', vendor) END
    FROM unnest(${col('id')}::uuid[], ${col('customerId')}::uuid[], ${col('channel')}::text[], ${col('direction')}::text[],
                ${col('occurredAt')}::timestamptz[], ${col('subject')}::text[], ${col('body')}::text[], ${col('externalId')}::text[],
                ${sql.param(rows.map((r) => r.vendor ?? null))}::text[])
      AS c(id, customer_id, channel, direction, occurred_at, subject, body, external_id, vendor)
    ORDER BY external_id
    ON CONFLICT (tenant_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
    RETURNING id`);
  return new Set(rowsOf<{ id: string }>(result).map((r) => r.id));
}

export async function findContactsByExternalIds(
  scope: TenantScope,
  externalIds: string[],
): Promise<{ id: string; customerId: string; externalId: string }[]> {
  if (externalIds.length === 0) return [];
  const rows = await scope.db
    .select({ id: contacts.id, customerId: contacts.customerId, externalId: contacts.externalId })
    .from(contacts)
    .where(and(eq(contacts.tenantId, scope.tenantId), inArray(contacts.externalId, externalIds)));
  return rows.map((r) => ({ ...r, externalId: r.externalId ?? '' }));
}

export async function findContact(scope: TenantScope, id: string): Promise<ContactRow | undefined> {
  const rows = await scope.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, scope.tenantId), eq(contacts.id, id)))
    .limit(1);
  return rows[0];
}

export function findContacts(scope: TenantScope, ids: string[]): Promise<ContactRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return scope.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, scope.tenantId), inArray(contacts.id, ids)));
}

export async function linkContactsToCase(scope: TenantScope, contactIds: string[], caseId: string): Promise<void> {
  if (contactIds.length === 0) return;
  await scope.db
    .update(contacts)
    .set({ caseId })
    .where(and(eq(contacts.tenantId, scope.tenantId), inArray(contacts.id, contactIds)));
}

/** A case's conversation with the customer, oldest first (what both sides said; no internal notes). */
export function listCaseConversation(scope: TenantScope, caseId: string, limit = 500): Promise<ContactRow[]> {
  return scope.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, scope.tenantId), eq(contacts.caseId, caseId)))
    .orderBy(asc(contacts.occurredAt), asc(contacts.id))
    .limit(limit);
}

/**
 * The latest message a person wrote to us (auto-replies are never answered): on a case, the one
 * a reply answers; from a customer on a channel, on any case, where a notice to them is addressed.
 */
export async function findLatestCustomerMessage(
  scope: TenantScope,
  where: { caseId: string } | { customerId: string; channel: Channel },
): Promise<ContactRow | undefined> {
  const about =
    'caseId' in where
      ? [eq(contacts.caseId, where.caseId)]
      : [eq(contacts.customerId, where.customerId), eq(contacts.channel, where.channel)];
  const rows = await scope.db
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, scope.tenantId),
        ...about,
        eq(contacts.direction, 'inbound'),
        isNull(contacts.automated),
      ),
    )
    .orderBy(desc(contacts.occurredAt), desc(contacts.id))
    .limit(1);
  return rows[0];
}
