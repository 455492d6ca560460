import { sql } from 'drizzle-orm';
import type { TimelinePosition } from '../../domain/timeline-cursor.ts';
import { rowsOf } from '../database.ts';
import type { StoredAnalysis } from './contact-analyses.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface TimelineRow {
  type: 'contact' | 'case_event' | 'customer_event';
  id: string;
  occurredAt: Date;
  /** occurred_at in the database's text form, exact to the microsecond, for cursors. */
  position: string;
  caseId: string | null;
  caseNumber: number | null;
  channel: string | null;
  direction: string | null;
  subject: string | null;
  body: string | null;
  externalId: string | null;
  kind: string | null;
  actorUserId: string | null;
  actorLabel: string | null;
  data: Record<string, unknown> | null;
  /** A contact's latest analysis; null for events and for contacts not analysed yet. */
  analysis: (StoredAnalysis & { analysedAt: Date }) | null;
}

/**
 * One customer's contacts, case events and customer events (merges), newest first, strictly
 * before `before` when given. Each part reads at most `limit` rows through its own (customer,
 * time) index. Each contact comes with its latest analysis, read in the same statement (one
 * round trip less per page).
 */
export async function readTimeline(
  scope: TenantScope,
  customerId: string,
  limit: number,
  before?: TimelinePosition,
): Promise<TimelineRow[]> {
  const contactsBefore = before
    ? sql`AND (k.occurred_at, k.id) < (${before.occurredAt}::timestamptz, ${before.id}::uuid)`
    : sql``;
  const eventsBefore = before
    ? sql`AND (e.occurred_at, e.id) < (${before.occurredAt}::timestamptz, ${before.id}::uuid)`
    : sql``;
  const customerEventsBefore = before
    ? sql`AND (ce.occurred_at, ce.id) < (${before.occurredAt}::timestamptz, ${before.id}::uuid)`
    : sql``;
  const result = await scope.db.execute(sql`
    SELECT t.*, c.number AS "caseNumber", a.analysis FROM (
      (SELECT 'contact' AS type, k.id, k.occurred_at AS "occurredAt", k.occurred_at::text AS position, k.case_id AS "caseId",
              k.channel, k.direction, k.subject, k.body, k.external_id AS "externalId",
              NULL::text AS kind, NULL::uuid AS "actorUserId", NULL::text AS "actorLabel",
              -- A contact's channel flags and facts travel in data, as events' details do.
              jsonb_build_object('public', k.public, 'automated', k.automated, 'repeat', k.repeat, 'facts', k.facts) AS data
       FROM contacts k
       WHERE k.tenant_id = ${scope.tenantId} AND k.customer_id = ${customerId} ${contactsBefore}
       ORDER BY k.occurred_at DESC, k.id DESC LIMIT ${limit})
      UNION ALL
      (SELECT 'case_event', e.id, e.occurred_at, e.occurred_at::text, e.case_id,
              NULL, NULL, NULL, NULL, NULL, e.kind, e.actor_user_id, e.actor_label, e.data
       FROM case_events e
       WHERE e.tenant_id = ${scope.tenantId} AND e.customer_id = ${customerId} ${eventsBefore}
       ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${limit})
      UNION ALL
      (SELECT 'customer_event', ce.id, ce.occurred_at, ce.occurred_at::text, NULL::uuid,
              NULL, NULL, NULL, NULL, NULL, ce.kind, ce.actor_user_id, ce.actor_label, ce.data
       FROM customer_events ce
       WHERE ce.tenant_id = ${scope.tenantId} AND ce.customer_id = ${customerId} ${customerEventsBefore}
       ORDER BY ce.occurred_at DESC, ce.id DESC LIMIT ${limit})
    ) t
    LEFT JOIN cases c ON c.tenant_id = ${scope.tenantId} AND c.id = t."caseId"
    LEFT JOIN LATERAL (
      SELECT jsonb_build_object(
               'contactId', a.contact_id, 'modelVersion', a.model_version, 'textHash', a.text_hash,
               'analysedAt', a.analysed_at, 'sentiment', a.sentiment, 'sentimentScore', a.sentiment_score,
               'cues', a.cues, 'topic', a.topic, 'topicConfidence', a.topic_confidence,
               'insightScore', a.insight_score, 'insightReasons', a.insight_reasons,
               'redactedText', a.redacted_text, 'personalData', a.personal_data) AS analysis
      FROM contact_analyses a
      WHERE t.type = 'contact' AND a.tenant_id = ${scope.tenantId} AND a.contact_id = t.id
      ORDER BY a.analysed_at DESC LIMIT 1
    ) a ON true
    ORDER BY t."occurredAt" DESC, t.id DESC
    LIMIT ${limit}`);
  type Stored = Omit<TimelineRow, 'analysis'> & { analysis: (StoredAnalysis & { analysedAt: string }) | null };
  return rowsOf<Stored>(result).map((row) => ({
    ...row,
    occurredAt: new Date(row.occurredAt),
    analysis: row.analysis && { ...row.analysis, analysedAt: new Date(row.analysis.analysedAt) },
  }));
}
