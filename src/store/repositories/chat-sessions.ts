import { sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

/** A web chat session with what a message needs to know about it: its contact, case and owner. */
export interface ChatSession {
  id: string;
  /** The customer of the session's contact (it follows a customer merge), else the one it started with. */
  customerId: string;
  customerName: string | null;
  contactId: string | null;
  caseId: string | null;
  ownerId: string | null;
  teamId: string | null;
  startedAt: Date;
  lastMessageAt: Date | null;
  endedAt: Date | null;
  messageCount: number;
}

const SELECT = sql`
  SELECT s.id, coalesce(k.customer_id, s.customer_id) AS "customerId", cu.name AS "customerName", s.contact_id AS "contactId",
         k.case_id AS "caseId", c.owner_id AS "ownerId", c.team_id AS "teamId",
         s.started_at AS "startedAt", s.last_message_at AS "lastMessageAt", s.ended_at AS "endedAt",
         (SELECT count(*)::int FROM contact_segments g WHERE g.tenant_id = s.tenant_id AND g.contact_id = s.contact_id) AS "messageCount"
  FROM chat_sessions s
  LEFT JOIN contacts k ON k.tenant_id = s.tenant_id AND k.id = s.contact_id
  LEFT JOIN cases c ON c.tenant_id = k.tenant_id AND c.id = k.case_id
  LEFT JOIN customers cu ON cu.tenant_id = s.tenant_id AND cu.id = coalesce(k.customer_id, s.customer_id)`;

function shaped(row: ChatSession): ChatSession {
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    ...row,
    startedAt: new Date(row.startedAt),
    lastMessageAt: date(row.lastMessageAt),
    endedAt: date(row.endedAt),
  };
}

/**
 * One session of this tenant; `forUpdate` locks it so its messages are numbered one at a time.
 * The lock is taken first and the session read afterwards, in a statement of its own, so that
 * a writer who waited for the lock sees what the one before it committed.
 */
export async function findChatSession(
  scope: TenantScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ChatSession | undefined> {
  if (options.forUpdate) {
    const locked = await scope.db.execute(
      sql`SELECT id FROM chat_sessions WHERE tenant_id = ${scope.tenantId} AND id = ${id} FOR UPDATE`,
    );
    if (rowsOf(locked).length === 0) return undefined;
  }
  const result = await scope.db.execute(sql`${SELECT} WHERE s.tenant_id = ${scope.tenantId} AND s.id = ${id}`);
  const row = rowsOf<ChatSession>(result)[0];
  return row && shaped(row);
}

/** The session a visitor's token opens, in this tenant only. */
export async function findChatSessionByTokenHash(
  scope: TenantScope,
  tokenHash: string,
): Promise<ChatSession | undefined> {
  const result = await scope.db.execute(
    sql`${SELECT} WHERE s.tenant_id = ${scope.tenantId} AND s.visitor_token_hash = ${tokenHash}`,
  );
  const row = rowsOf<ChatSession>(result)[0];
  return row && shaped(row);
}

/** The session whose messages a contact holds. */
export async function findChatSessionOfContact(
  scope: TenantScope,
  contactId: string,
): Promise<ChatSession | undefined> {
  const result = await scope.db.execute(
    sql`${SELECT} WHERE s.tenant_id = ${scope.tenantId} AND s.contact_id = ${contactId} ORDER BY s.started_at DESC LIMIT 1`,
  );
  const row = rowsOf<ChatSession>(result)[0];
  return row && shaped(row);
}

export async function insertChatSession(
  scope: TenantScope,
  session: { id: string; customerId: string; contactId: string; tokenHash: string; startedAt: Date },
): Promise<void> {
  await scope.db.execute(sql`
    INSERT INTO chat_sessions (id, tenant_id, customer_id, contact_id, visitor_token_hash, started_at, last_message_at)
    VALUES (${session.id}, ${scope.tenantId}, ${session.customerId}, ${session.contactId}, ${session.tokenHash}, ${session.startedAt}, ${session.startedAt})`);
}

export async function touchChatSession(scope: TenantScope, id: string, at: Date): Promise<void> {
  await scope.db.execute(
    sql`UPDATE chat_sessions SET last_message_at = ${at} WHERE tenant_id = ${scope.tenantId} AND id = ${id}`,
  );
}

/** Ends a session once; false when it had already ended. */
export async function endChatSession(scope: TenantScope, id: string, at: Date): Promise<boolean> {
  const result = await scope.db.execute(sql`
    UPDATE chat_sessions SET ended_at = ${at} WHERE tenant_id = ${scope.tenantId} AND id = ${id} AND ended_at IS NULL RETURNING id`);
  return rowsOf<{ id: string }>(result).length > 0;
}

/** Remembers that the visitor's message `clientId` is stored as `seq`, so a resend stores nothing. */
export async function rememberClientId(
  scope: TenantScope,
  contactId: string,
  clientId: string,
  seq: number,
): Promise<void> {
  await scope.db.execute(sql`
    UPDATE contacts
    SET facts = coalesce(facts, '{}'::jsonb)
                || jsonb_build_object('clientIds', coalesce(facts -> 'clientIds', '{}'::jsonb) || jsonb_build_object(${clientId}::text, ${seq}::int))
    WHERE tenant_id = ${scope.tenantId} AND id = ${contactId}`);
}

/** The seq the visitor's message `clientId` was stored as, if it was. */
export async function findClientMessage(
  scope: TenantScope,
  contactId: string,
  clientId: string,
): Promise<number | undefined> {
  const result = await scope.db.execute(sql`
    SELECT (facts -> 'clientIds' ->> ${clientId}::text)::int AS seq FROM contacts WHERE tenant_id = ${scope.tenantId} AND id = ${contactId}`);
  return rowsOf<{ seq: number | null }>(result)[0]?.seq ?? undefined;
}

/** Every visitor message id of a chat contact, with the seq each was stored as. */
export async function listClientMessages(scope: TenantScope, contactId: string): Promise<Map<number, string>> {
  const result = await scope.db.execute(sql`
    SELECT key AS "clientId", value::int AS seq
    FROM contacts, jsonb_each_text(coalesce(facts -> 'clientIds', '{}'::jsonb))
    WHERE tenant_id = ${scope.tenantId} AND id = ${contactId}`);
  return new Map(rowsOf<{ clientId: string; seq: number }>(result).map((r) => [Number(r.seq), r.clientId]));
}
