import { sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { Db } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface ChannelSettings {
  webhookSecrets: string[];
  repeatWindowMinutes: number;
  intakeTeamId: string | null;
  smsGatewayUrl: string | null;
  smsSender: string | null;
}

export const DEFAULT_CHANNEL_SETTINGS: ChannelSettings = {
  webhookSecrets: [],
  repeatWindowMinutes: 3 * 24 * 60,
  intakeTeamId: null,
  smsGatewayUrl: null,
  smsSender: null,
};

export async function loadChannelSettings(scope: TenantScope): Promise<ChannelSettings> {
  const result = await scope.db.execute(sql`
    SELECT webhook_secrets AS "webhookSecrets", repeat_window_minutes AS "repeatWindowMinutes", intake_team_id AS "intakeTeamId",
           sms_gateway_url AS "smsGatewayUrl", sms_sender AS "smsSender"
    FROM channel_settings WHERE tenant_id = ${scope.tenantId}`);
  return rowsOf<ChannelSettings>(result)[0] ?? DEFAULT_CHANNEL_SETTINGS;
}

/** Saves the given settings; those not given keep their value. */
export async function saveChannelSettings(
  scope: TenantScope,
  changes: Partial<ChannelSettings>,
): Promise<ChannelSettings> {
  const next = { ...(await loadChannelSettings(scope)), ...changes };
  await scope.db.execute(sql`
    INSERT INTO channel_settings (tenant_id, webhook_secrets, repeat_window_minutes, intake_team_id, sms_gateway_url, sms_sender, updated_at)
    VALUES (${scope.tenantId}, ${sql.param(next.webhookSecrets)}::text[], ${next.repeatWindowMinutes}, ${next.intakeTeamId},
            ${next.smsGatewayUrl}, ${next.smsSender}, now())
    ON CONFLICT (tenant_id) DO UPDATE SET webhook_secrets = EXCLUDED.webhook_secrets, repeat_window_minutes = EXCLUDED.repeat_window_minutes,
      intake_team_id = EXCLUDED.intake_team_id, sms_gateway_url = EXCLUDED.sms_gateway_url, sms_sender = EXCLUDED.sms_sender, updated_at = now()`);
  return next;
}

/**
 * Records an accepted signature; false when it was seen before (a replay). Receipts older than
 * the signature tolerance can go: a request that old is refused for its timestamp anyway.
 */
export async function recordWebhookReceipt(scope: TenantScope, signature: string): Promise<boolean> {
  const result = await scope.db.execute(sql`
    INSERT INTO webhook_receipts (tenant_id, signature) VALUES (${scope.tenantId}, ${signature})
    ON CONFLICT DO NOTHING RETURNING signature`);
  return rowsOf(result).length === 1;
}

export async function forgetWebhookReceipts(scope: TenantScope, olderThan: Date): Promise<void> {
  await scope.db.execute(
    sql`DELETE FROM webhook_receipts WHERE tenant_id = ${scope.tenantId} AND received_at < ${olderThan}`,
  );
}

/** The organisation a mail address belongs to: a configured mailbox, else <slug>@ any domain. */
export async function findMailboxTenant(
  db: Db,
  address: string,
): Promise<{ tenantId: string; slug: string } | undefined> {
  const localPart = address.slice(0, address.lastIndexOf('@'));
  const result = await db.execute(sql`
    SELECT t.id AS "tenantId", t.slug FROM tenant_mailboxes m JOIN tenants t ON t.id = m.tenant_id WHERE m.address = ${address}
    UNION ALL
    SELECT id, slug FROM tenants WHERE slug = ${localPart}
    LIMIT 1`);
  return rowsOf<{ tenantId: string; slug: string }>(result)[0];
}

export async function listMailboxes(scope: TenantScope): Promise<string[]> {
  const result = await scope.db.execute(
    sql`SELECT address FROM tenant_mailboxes WHERE tenant_id = ${scope.tenantId} ORDER BY address`,
  );
  return rowsOf<{ address: string }>(result).map((r) => r.address);
}

/** Adds a mailbox; false when another organisation already receives mail there. */
export async function addMailbox(scope: TenantScope, address: string): Promise<boolean> {
  const result = await scope.db.execute(sql`
    INSERT INTO tenant_mailboxes (address, tenant_id) VALUES (${address}, ${scope.tenantId})
    ON CONFLICT (address) DO UPDATE SET tenant_id = tenant_mailboxes.tenant_id WHERE tenant_mailboxes.tenant_id = ${scope.tenantId}
    RETURNING address`);
  return rowsOf(result).length === 1;
}

export async function removeMailbox(scope: TenantScope, address: string): Promise<boolean> {
  const result = await scope.db.execute(sql`
    DELETE FROM tenant_mailboxes WHERE tenant_id = ${scope.tenantId} AND address = ${address} RETURNING address`);
  return rowsOf(result).length === 1;
}
