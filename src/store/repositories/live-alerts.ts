import { sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface LiveAlertRow {
  id: string;
  contactId: string;
  caseId: string | null;
  caseNumber: number | null;
  customerId: string;
  customerName: string | null;
  channel: string;
  reason: string;
  cues: string[];
  sentimentScore: number;
  raisedAt: Date;
  ownerId: string | null;
  teamId: string | null;
}

const DETAILS = sql`
  al.id, al.contact_id AS "contactId", al.case_id AS "caseId", c.number AS "caseNumber", al.customer_id AS "customerId",
  cu.name AS "customerName", k.channel, al.reason, al.cues, al.sentiment_score AS "sentimentScore", al.raised_at AS "raisedAt",
  c.owner_id AS "ownerId", c.team_id AS "teamId"`;
const JOINS = (scope: TenantScope) => sql`
  JOIN contacts k ON k.tenant_id = ${scope.tenantId} AND k.id = al.contact_id
  LEFT JOIN cases c ON c.tenant_id = ${scope.tenantId} AND c.id = al.case_id
  LEFT JOIN customers cu ON cu.tenant_id = ${scope.tenantId} AND cu.id = al.customer_id`;
const rowOf = (row: LiveAlertRow & { raisedAt: string | Date }): LiveAlertRow => ({
  ...row,
  raisedAt: new Date(row.raisedAt),
});

/**
 * Records the alerts a live message raises, each reason once per conversation (several server
 * processes hearing the same message agree through the unique key); returns only the new ones.
 */
export async function recordLiveAlerts(
  scope: TenantScope,
  alert: { contactId: string; reasons: string[]; cues: string[]; sentimentScore: number; raisedAt: Date },
): Promise<LiveAlertRow[]> {
  if (alert.reasons.length === 0) return [];
  const result = await scope.db.execute(sql`
    WITH al AS (
      INSERT INTO live_alerts (tenant_id, contact_id, case_id, customer_id, reason, cues, sentiment_score, raised_at)
      SELECT ${scope.tenantId}, k.id, k.case_id, k.customer_id, reason, ${sql.param(alert.cues)}::text[], ${alert.sentimentScore}, ${alert.raisedAt}
      FROM contacts k, unnest(${sql.param(alert.reasons)}::text[]) reason
      WHERE k.tenant_id = ${scope.tenantId} AND k.id = ${alert.contactId}
      ON CONFLICT (contact_id, reason) DO NOTHING
      RETURNING *)
    SELECT ${DETAILS} FROM al ${JOINS(scope)}`);
  return rowsOf<LiveAlertRow & { raisedAt: string }>(result).map(rowOf);
}

/** The latest alerts, newest first: what a supervisor opening the screen missed. */
export async function recentLiveAlerts(scope: TenantScope, limit: number): Promise<LiveAlertRow[]> {
  const result = await scope.db.execute(sql`
    SELECT ${DETAILS} FROM live_alerts al ${JOINS(scope)}
    WHERE al.tenant_id = ${scope.tenantId}
    ORDER BY al.raised_at DESC, al.id
    LIMIT ${limit}`);
  return rowsOf<LiveAlertRow & { raisedAt: string }>(result).map(rowOf);
}
