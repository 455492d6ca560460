import { sql } from 'drizzle-orm';
import type { CaseStatus } from '../../domain/vocabulary.ts';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

/** A case as the threading rule weighs it. */
export interface ThreadableCase {
  id: string;
  number: number;
  customerId: string;
  status: CaseStatus;
  subject: string;
  topicWords: string[];
  mergedIntoId: string | null;
  lastActivityAt: Date;
}

const COLUMNS = sql`id, number, customer_id AS "customerId", status, subject, topic_words AS "topicWords",
  merged_into_id AS "mergedIntoId", updated_at AS "lastActivityAt"`;

const dated = (rows: ThreadableCase[]) => rows.map((r) => ({ ...r, lastActivityAt: new Date(r.lastActivityAt) }));

/** The customer's cases still being worked (not closed, not merged away), most recently active first. */
export async function findOpenCasesOfCustomer(
  scope: TenantScope,
  customerId: string,
  limit = 20,
): Promise<ThreadableCase[]> {
  const result = await scope.db.execute(sql`
    SELECT ${COLUMNS} FROM cases
    WHERE tenant_id = ${scope.tenantId} AND customer_id = ${customerId} AND status <> 'closed' AND merged_into_id IS NULL
    ORDER BY updated_at DESC LIMIT ${limit}`);
  return dated(rowsOf<ThreadableCase>(result));
}

/** Cases by id or by number, following merges to the case that survived. */
export async function findThreadableCase(
  scope: TenantScope,
  ref: { id: string } | { number: number },
): Promise<ThreadableCase | undefined> {
  const where = 'id' in ref ? sql`id = ${ref.id}` : sql`number = ${ref.number}`;
  const result = await scope.db.execute(
    sql`SELECT ${COLUMNS} FROM cases WHERE tenant_id = ${scope.tenantId} AND ${where}`,
  );
  const found = dated(rowsOf<ThreadableCase>(result))[0];
  if (found?.mergedIntoId) return findThreadableCase(scope, { id: found.mergedIntoId });
  return found;
}

export async function setCaseTopic(scope: TenantScope, caseId: string, topicWords: string[]): Promise<void> {
  await scope.db.execute(
    sql`UPDATE cases SET topic_words = ${sql.param(topicWords)}::text[] WHERE tenant_id = ${scope.tenantId} AND id = ${caseId}`,
  );
}

export async function countRepeatContact(scope: TenantScope, caseId: string): Promise<number> {
  const result = await scope.db.execute(sql`
    UPDATE cases SET repeat_contacts = repeat_contacts + 1 WHERE tenant_id = ${scope.tenantId} AND id = ${caseId} RETURNING repeat_contacts AS n`);
  return rowsOf<{ n: number }>(result)[0]!.n;
}

/** The administrator who answers when nobody else can: the longest-standing active one. */
export async function findAdministrator(scope: TenantScope): Promise<string | null> {
  const result = await scope.db.execute(sql`
    SELECT id FROM users WHERE tenant_id = ${scope.tenantId} AND role = 'admin' AND active ORDER BY created_at, id LIMIT 1`);
  return rowsOf<{ id: string }>(result)[0]?.id ?? null;
}
