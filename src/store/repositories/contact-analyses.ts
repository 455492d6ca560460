import { sql } from 'drizzle-orm';
import type { CueKind } from '../../analytics/cues.ts';
import type { PersonalDataSpan } from '../../analytics/redaction.ts';
import type { SentimentLabel } from '../../analytics/sentiment.ts';
import { rowsOf, type Db } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

/** A queued contact as a worker takes it: enough to analyse it and judge its insight. */
export interface QueuedContact {
  contactId: string;
  tenantId: string;
  customerId: string;
  text: string;
  occurredAt: Date;
  attempts: number;
}

/**
 * Locks up to `limit` queued contacts for the calling transaction; other workers skip them.
 * Across organisations, as the job queue is: the worker then handles each one in its scope.
 */
export async function claimQueuedContacts(
  tx: Db,
  limit: number,
  now: Date,
  tenantIds?: string[],
): Promise<QueuedContact[]> {
  const onlyTenants = tenantIds ? sql`AND q.tenant_id = ANY(${sql.param(tenantIds)}::uuid[])` : sql``;
  const result = await tx.execute(sql`
    WITH next AS (
      SELECT q.contact_id, q.attempts FROM contact_analysis_queue q
      WHERE q.not_before <= ${now} ${onlyTenants}
      ORDER BY q.priority DESC, q.queued_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    SELECT k.id AS "contactId", k.tenant_id AS "tenantId", k.customer_id AS "customerId", k.body AS text,
           k.occurred_at AS "occurredAt", next.attempts
    FROM next JOIN contacts k ON k.id = next.contact_id`);
  return rowsOf<QueuedContact>(result).map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) }));
}

export async function removeFromQueue(tx: Db, contactIds: string[]): Promise<void> {
  if (contactIds.length === 0) return;
  await tx.execute(sql`DELETE FROM contact_analysis_queue WHERE contact_id = ANY(${sql.param(contactIds)}::uuid[])`);
}

/** A batch that failed goes back with a delay; after the last attempt it waits a day and says why. */
export async function postponeQueued(db: Db, contactIds: string[], error: string, notBefore: Date): Promise<void> {
  if (contactIds.length === 0) return;
  await db.execute(sql`
    UPDATE contact_analysis_queue SET attempts = attempts + 1, last_error = ${error.slice(0, 2000)}, not_before = ${notBefore}
    WHERE contact_id = ANY(${sql.param(contactIds)}::uuid[])`);
}

/**
 * Queues the organisation's contacts since `since` that have no analysis by `modelVersion` yet
 * (already queued ones stay as they are); returns how many were added. Re-running after an
 * interruption adds only what is still missing.
 */
export async function queueUnanalysedContacts(scope: TenantScope, since: Date, modelVersion: string): Promise<number> {
  const result = await scope.db.execute(sql`
    INSERT INTO contact_analysis_queue (contact_id, tenant_id, priority)
    SELECT k.id, k.tenant_id, -1 FROM contacts k
    WHERE k.tenant_id = ${scope.tenantId} AND k.occurred_at >= ${since}
      AND NOT EXISTS (SELECT 1 FROM contact_analyses a WHERE a.contact_id = k.id AND a.model_version = ${modelVersion})
    ON CONFLICT (contact_id) DO NOTHING
    RETURNING contact_id`);
  return rowsOf(result).length;
}

/** How far the organisation's re-analysis since `since` has come. */
export async function analysisProgress(
  scope: TenantScope,
  since: Date,
  modelVersion: string,
): Promise<{ total: number; analysed: number; queued: number }> {
  const result = await scope.db.execute(sql`
    SELECT count(*)::int AS total,
           count(a.contact_id)::int AS analysed,
           (SELECT count(*)::int FROM contact_analysis_queue q WHERE q.tenant_id = ${scope.tenantId}) AS queued
    FROM contacts k
    LEFT JOIN contact_analyses a ON a.contact_id = k.id AND a.model_version = ${modelVersion}
    WHERE k.tenant_id = ${scope.tenantId} AND k.occurred_at >= ${since}`);
  return rowsOf<{ total: number; analysed: number; queued: number }>(result)[0]!;
}

export interface StoredAnalysis {
  contactId: string;
  modelVersion: string;
  textHash: string;
  sentiment: SentimentLabel;
  sentimentScore: number;
  cues: { kind: CueKind; words: string[] }[];
  topic: string | null;
  topicConfidence: number | null;
  insightScore: number;
  insightReasons: string[];
  redactedText: string;
  personalData: PersonalDataSpan[];
}

/** The text hashes already analysed by this version, so an unchanged text is not analysed twice. */
export async function analysedHashes(
  scope: TenantScope,
  contactIds: string[],
  modelVersion: string,
): Promise<Map<string, string>> {
  if (contactIds.length === 0) return new Map();
  const result = await scope.db.execute(sql`
    SELECT contact_id AS "contactId", text_hash AS "textHash" FROM contact_analyses
    WHERE tenant_id = ${scope.tenantId} AND model_version = ${modelVersion} AND contact_id = ANY(${sql.param(contactIds)}::uuid[])`);
  return new Map(rowsOf<{ contactId: string; textHash: string }>(result).map((r) => [r.contactId, r.textHash]));
}

/** Stores analyses in one statement; a contact analysed again by the same version (its text grew) is replaced. */
export async function saveAnalyses(scope: TenantScope, analyses: StoredAnalysis[], now: Date): Promise<void> {
  if (analyses.length === 0) return;
  const col = <K extends keyof StoredAnalysis>(key: K) => sql.param(analyses.map((a) => a[key]));
  const json = <K extends keyof StoredAnalysis>(key: K) => sql.param(analyses.map((a) => JSON.stringify(a[key])));
  await scope.db.execute(sql`
    INSERT INTO contact_analyses (tenant_id, contact_id, model_version, text_hash, analysed_at, sentiment, sentiment_score,
                                  cues, cue_kinds, topic, topic_confidence, insight_score, insight_reasons, redacted_text, personal_data)
    SELECT ${scope.tenantId}, contact_id, model_version, text_hash, ${now}, sentiment, sentiment_score,
           cues::jsonb, ARRAY(SELECT jsonb_array_elements(cues::jsonb)->>'kind'), topic, topic_confidence, insight_score,
           ARRAY(SELECT jsonb_array_elements_text(insight_reasons::jsonb)), redacted_text, personal_data::jsonb
    FROM unnest(${col('contactId')}::uuid[], ${col('modelVersion')}::text[], ${col('textHash')}::text[], ${col('sentiment')}::text[],
                ${col('sentimentScore')}::real[], ${json('cues')}::text[], ${col('topic')}::text[], ${col('topicConfidence')}::real[],
                ${col('insightScore')}::real[], ${json('insightReasons')}::text[], ${col('redactedText')}::text[], ${json('personalData')}::text[])
      AS s(contact_id, model_version, text_hash, sentiment, sentiment_score, cues, topic, topic_confidence, insight_score, insight_reasons, redacted_text, personal_data)
    ON CONFLICT (contact_id, model_version) DO UPDATE SET
      text_hash = EXCLUDED.text_hash, analysed_at = EXCLUDED.analysed_at, sentiment = EXCLUDED.sentiment,
      sentiment_score = EXCLUDED.sentiment_score, cues = EXCLUDED.cues, cue_kinds = EXCLUDED.cue_kinds, topic = EXCLUDED.topic,
      topic_confidence = EXCLUDED.topic_confidence, insight_score = EXCLUDED.insight_score,
      insight_reasons = EXCLUDED.insight_reasons, redacted_text = EXCLUDED.redacted_text, personal_data = EXCLUDED.personal_data`);
}

/** How many analysed contacts carry each topic under this version: what makes a topic rare or new. */
export async function topicCounts(scope: TenantScope, modelVersion: string): Promise<Map<string, number>> {
  const result = await scope.db.execute(sql`
    SELECT topic, count(*)::int AS n FROM contact_analyses
    WHERE tenant_id = ${scope.tenantId} AND model_version = ${modelVersion} AND topic IS NOT NULL
    GROUP BY topic`);
  return new Map(rowsOf<{ topic: string; n: number }>(result).map((r) => [r.topic, r.n]));
}

/** When each customer first got in touch: a long relationship makes a churn threat weigh more. */
export async function firstContactDates(scope: TenantScope, customerIds: string[]): Promise<Map<string, Date>> {
  if (customerIds.length === 0) return new Map();
  const result = await scope.db.execute(sql`
    SELECT customer_id AS "customerId", min(occurred_at) AS first FROM contacts
    WHERE tenant_id = ${scope.tenantId} AND customer_id = ANY(${sql.param(customerIds)}::uuid[])
    GROUP BY customer_id`);
  return new Map(
    rowsOf<{ customerId: string; first: string | Date }>(result).map((r) => [r.customerId, new Date(r.first)]),
  );
}

/** The newest analysis of each contact (any version), for the timeline. */
export async function latestAnalyses(
  scope: TenantScope,
  contactIds: string[],
): Promise<Map<string, StoredAnalysis & { analysedAt: Date }>> {
  if (contactIds.length === 0) return new Map();
  const result = await scope.db.execute(sql`
    SELECT DISTINCT ON (contact_id) contact_id AS "contactId", model_version AS "modelVersion", text_hash AS "textHash",
           analysed_at AS "analysedAt", sentiment, sentiment_score AS "sentimentScore", cues, topic, topic_confidence AS "topicConfidence",
           insight_score AS "insightScore", insight_reasons AS "insightReasons", redacted_text AS "redactedText", personal_data AS "personalData"
    FROM contact_analyses
    WHERE tenant_id = ${scope.tenantId} AND contact_id = ANY(${sql.param(contactIds)}::uuid[])
    ORDER BY contact_id, analysed_at DESC`);
  const rows = rowsOf<StoredAnalysis & { analysedAt: string | Date }>(result);
  return new Map(rows.map((r) => [r.contactId, { ...r, analysedAt: new Date(r.analysedAt) }]));
}
