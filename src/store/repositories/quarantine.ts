import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface QuarantinedItem {
  id: string;
  channel: string;
  reason: string;
  detail: Record<string, unknown>;
  sizeBytes: number;
  receivedAt: Date;
}

/**
 * Keeps what a channel received but could not take in, so that nothing a customer sent is
 * lost. Written outside any tenant scope when the organisation itself could not be told.
 */
export async function quarantine(
  db: Db,
  item: { tenantId: string | null; channel: string; reason: string; detail?: Record<string, unknown>; raw: Buffer },
): Promise<string> {
  const result = await db.execute(sql`
    INSERT INTO channel_quarantine (tenant_id, channel, reason, detail, raw)
    VALUES (${item.tenantId}, ${item.channel}, ${item.reason}, ${JSON.stringify(item.detail ?? {})}::jsonb, ${item.raw})
    RETURNING id`);
  return rowsOf<{ id: string }>(result)[0]!.id;
}

export async function listQuarantine(scope: TenantScope, limit: number): Promise<QuarantinedItem[]> {
  const result = await scope.db.execute(sql`
    SELECT id, channel, reason, detail, octet_length(raw) AS "sizeBytes", received_at AS "receivedAt"
    FROM channel_quarantine WHERE tenant_id = ${scope.tenantId} AND released_at IS NULL
    ORDER BY received_at DESC LIMIT ${limit}`);
  return rowsOf<QuarantinedItem>(result).map((r) => ({ ...r, receivedAt: new Date(r.receivedAt) }));
}

export async function findQuarantined(
  scope: TenantScope,
  id: string,
): Promise<(QuarantinedItem & { raw: Buffer }) | undefined> {
  const result = await scope.db.execute(sql`
    SELECT id, channel, reason, detail, octet_length(raw) AS "sizeBytes", received_at AS "receivedAt", raw
    FROM channel_quarantine WHERE tenant_id = ${scope.tenantId} AND id = ${id}`);
  const row = rowsOf<QuarantinedItem & { raw: Uint8Array }>(result)[0];
  return row && { ...row, receivedAt: new Date(row.receivedAt), raw: Buffer.from(row.raw) };
}

export async function releaseQuarantined(scope: TenantScope, id: string): Promise<void> {
  await scope.db.execute(
    sql`UPDATE channel_quarantine SET released_at = now() WHERE tenant_id = ${scope.tenantId} AND id = ${id}`,
  );
}
