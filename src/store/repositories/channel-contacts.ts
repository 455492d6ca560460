import { sql, type SQL } from 'drizzle-orm';
import type { Channel } from '../../domain/vocabulary.ts';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

/** A contact whose channel facts grow after it was taken in (a call as its events arrive). */
export interface GrowingContact {
  id: string;
  customerId: string;
  caseId: string | null;
  channel: Channel;
  direction: 'inbound' | 'outbound';
  occurredAt: Date;
  body: string;
  facts: Record<string, unknown> | null;
}

async function lockOne(scope: TenantScope, where: SQL): Promise<GrowingContact | undefined> {
  const result = await scope.db.execute(sql`
    SELECT id, customer_id AS "customerId", case_id AS "caseId", channel, direction, occurred_at AS "occurredAt", body, facts
    FROM contacts WHERE tenant_id = ${scope.tenantId} AND ${where}
    FOR UPDATE`);
  const row = rowsOf<GrowingContact & { facts: unknown }>(result)[0];
  if (!row) return undefined;
  // Some drivers hand jsonb back as text in raw queries.
  const facts =
    typeof row.facts === 'string'
      ? (JSON.parse(row.facts) as Record<string, unknown>)
      : (row.facts as Record<string, unknown> | null);
  return { ...row, occurredAt: new Date(row.occurredAt), facts };
}

/**
 * The contact with this sender's id, locked until the calling transaction ends, so that two
 * updates of its facts arriving together are applied one after the other.
 */
export function lockContactByExternalId(scope: TenantScope, externalId: string): Promise<GrowingContact | undefined> {
  return lockOne(scope, sql`external_id = ${externalId}`);
}

export function lockContact(scope: TenantScope, id: string): Promise<GrowingContact | undefined> {
  return lockOne(scope, sql`id = ${id}`);
}

/** Moves a contact's time back to `at` if that is earlier (a call's first event arrived late). */
export async function moveContactEarlier(scope: TenantScope, id: string, at: Date): Promise<void> {
  await scope.db.execute(sql`
    UPDATE contacts SET occurred_at = ${at} WHERE tenant_id = ${scope.tenantId} AND id = ${id} AND occurred_at > ${at}`);
}
