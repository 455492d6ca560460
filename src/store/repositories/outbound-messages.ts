import { sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

export type OutboundStatus = 'queued' | 'sent' | 'failed';

export interface OutboundMessage {
  id: string;
  contactId: string;
  caseId: string | null;
  channel: string;
  recipient: string;
  payload: Record<string, unknown>;
  status: OutboundStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const COLUMNS = sql`id, contact_id AS "contactId", case_id AS "caseId", channel, recipient, payload, status, attempts,
  last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt"`;

const dated = (row: OutboundMessage): OutboundMessage => ({
  ...row,
  createdAt: new Date(row.createdAt),
  sentAt: row.sentAt === null ? null : new Date(row.sentAt),
});

export async function insertOutbound(
  scope: TenantScope,
  message: Pick<OutboundMessage, 'contactId' | 'caseId' | 'channel' | 'recipient' | 'payload'>,
): Promise<OutboundMessage> {
  const result = await scope.db.execute(sql`
    INSERT INTO outbound_messages (tenant_id, contact_id, case_id, channel, recipient, payload)
    VALUES (${scope.tenantId}, ${message.contactId}, ${message.caseId}, ${message.channel}, ${message.recipient}, ${JSON.stringify(message.payload)}::jsonb)
    RETURNING ${COLUMNS}`);
  return dated(rowsOf<OutboundMessage>(result)[0]!);
}

export async function findOutbound(scope: TenantScope, id: string): Promise<OutboundMessage | undefined> {
  const result = await scope.db.execute(
    sql`SELECT ${COLUMNS} FROM outbound_messages WHERE tenant_id = ${scope.tenantId} AND id = ${id}`,
  );
  const row = rowsOf<OutboundMessage>(result)[0];
  return row && dated(row);
}

export async function listOutboundOfCase(scope: TenantScope, caseId: string): Promise<OutboundMessage[]> {
  const result = await scope.db.execute(sql`
    SELECT ${COLUMNS} FROM outbound_messages WHERE tenant_id = ${scope.tenantId} AND case_id = ${caseId} ORDER BY created_at, id`);
  return rowsOf<OutboundMessage>(result).map(dated);
}

export async function markOutbound(
  scope: TenantScope,
  id: string,
  outcome: { status: OutboundStatus; error?: string | null; sentAt?: Date | null; deliveredTo?: string | null },
): Promise<void> {
  await scope.db.execute(sql`
    UPDATE outbound_messages SET status = ${outcome.status}, attempts = attempts + 1, last_error = ${outcome.error ?? null},
      sent_at = ${outcome.sentAt ?? null}, delivered_to = ${outcome.deliveredTo ?? null}
    WHERE tenant_id = ${scope.tenantId} AND id = ${id}`);
}

/** One message in the outbox, with the reference of the case it answered. */
export interface OutboxRow extends OutboundMessage {
  deliveredTo: string | null;
  caseNumber: number | null;
  /** The position of the row for the next page: created_at in the database's text form, and the id. */
  position: { createdAt: string; id: string };
}

/** An organisation's outgoing messages on one channel, newest first, a page after `after`. */
export async function listOutbox(
  scope: TenantScope,
  channel: string,
  page: { limit: number; after?: { createdAt: string; id: string } | undefined },
): Promise<OutboxRow[]> {
  const after = page.after
    ? sql`AND (m.created_at, m.id) < (${page.after.createdAt}::timestamptz, ${page.after.id}::uuid)`
    : sql``;
  const result = await scope.db.execute(sql`
    SELECT m.id, m.contact_id AS "contactId", m.case_id AS "caseId", m.channel, m.recipient, m.payload, m.status,
      m.attempts, m.last_error AS "lastError", m.created_at AS "createdAt", m.sent_at AS "sentAt",
      m.delivered_to AS "deliveredTo", c.number AS "caseNumber", m.created_at::text AS "createdKey"
    FROM outbound_messages m
    LEFT JOIN cases c ON c.tenant_id = m.tenant_id AND c.id = m.case_id
    WHERE m.tenant_id = ${scope.tenantId} AND m.channel = ${channel} ${after}
    ORDER BY m.created_at DESC, m.id DESC
    LIMIT ${page.limit}`);
  return rowsOf<OutboundMessage & { deliveredTo: string | null; caseNumber: number | null; createdKey: string }>(
    result,
  ).map(({ createdKey, caseNumber, ...row }) => ({
    ...dated(row),
    deliveredTo: row.deliveredTo,
    caseNumber: caseNumber === null ? null : Number(caseNumber),
    position: { createdAt: createdKey, id: row.id },
  }));
}
