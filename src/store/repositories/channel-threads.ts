import { sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface ThreadHit {
  threadRef: string;
  customerId: string;
  caseId: string | null;
  contactId: string | null;
}

/** The conversations these channel ids belong to, most recently recorded first. */
export async function findThreads(scope: TenantScope, channel: string, threadRefs: string[]): Promise<ThreadHit[]> {
  if (threadRefs.length === 0) return [];
  const result = await scope.db.execute(sql`
    SELECT thread_ref AS "threadRef", customer_id AS "customerId", case_id AS "caseId", contact_id AS "contactId"
    FROM channel_threads
    WHERE tenant_id = ${scope.tenantId} AND channel = ${channel} AND thread_ref = ANY(${sql.param(threadRefs)}::text[])
    ORDER BY created_at DESC`);
  return rowsOf<ThreadHit>(result);
}

/** Remembers a channel id (a Message-ID, a call id) so that what answers it finds its case. */
export async function recordThread(
  scope: TenantScope,
  thread: { channel: string; threadRef: string; customerId: string; caseId: string | null; contactId: string | null },
): Promise<void> {
  await scope.db.execute(sql`
    INSERT INTO channel_threads (tenant_id, channel, thread_ref, customer_id, case_id, contact_id)
    VALUES (${scope.tenantId}, ${thread.channel}, ${thread.threadRef}, ${thread.customerId}, ${thread.caseId}, ${thread.contactId})
    ON CONFLICT (tenant_id, channel, thread_ref) DO UPDATE SET case_id = coalesce(channel_threads.case_id, EXCLUDED.case_id)`);
}

/** The newest channel ids recorded on a case, for reply headers (References) and chat delivery. */
export async function threadRefsOfCase(
  scope: TenantScope,
  caseId: string,
  channel: string,
  limit = 20,
): Promise<string[]> {
  const result = await scope.db.execute(sql`
    SELECT thread_ref AS "threadRef" FROM channel_threads
    WHERE tenant_id = ${scope.tenantId} AND case_id = ${caseId} AND channel = ${channel}
    ORDER BY created_at DESC, thread_ref LIMIT ${limit}`);
  return rowsOf<{ threadRef: string }>(result).map((r) => r.threadRef);
}
