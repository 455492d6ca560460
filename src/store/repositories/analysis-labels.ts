import { sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface AnalysisLabel {
  id: string;
  contactId: string;
  reviewerId: string;
  reviewerName: string | null;
  topic: string | null;
  sentiment: string | null;
  cues: string[] | null;
  note: string | null;
  modelVersion: string | null;
  analysisSnapshot: Record<string, unknown> | null;
  labelledAt: Date;
}

const LABEL = sql`l.id, l.contact_id AS "contactId", l.reviewer_id AS "reviewerId", u.name AS "reviewerName", l.topic, l.sentiment, l.cues,
  l.note, l.model_version AS "modelVersion", l.analysis_snapshot AS "analysisSnapshot", l.labelled_at AS "labelledAt"`;
const labelOf = (row: AnalysisLabel & { labelledAt: string | Date }): AnalysisLabel => ({
  ...row,
  labelledAt: new Date(row.labelledAt),
});

export async function insertAnalysisLabel(
  scope: TenantScope,
  label: {
    contactId: string;
    reviewerId: string;
    topic: string | null;
    sentiment: string | null;
    cues: string[] | null;
    note: string | null;
    modelVersion: string | null;
    analysisSnapshot: unknown;
  },
): Promise<AnalysisLabel> {
  const result = await scope.db.execute(sql`
    WITH l AS (
      INSERT INTO analysis_labels (tenant_id, contact_id, reviewer_id, topic, sentiment, cues, note, model_version, analysis_snapshot)
      VALUES (${scope.tenantId}, ${label.contactId}, ${label.reviewerId}, ${label.topic}, ${label.sentiment}, ${label.cues === null ? null : sql.param(label.cues)}::text[],
              ${label.note}, ${label.modelVersion}, ${label.analysisSnapshot === null ? null : JSON.stringify(label.analysisSnapshot)}::jsonb)
      RETURNING *)
    SELECT ${LABEL} FROM l LEFT JOIN users u ON u.tenant_id = ${scope.tenantId} AND u.id = l.reviewer_id`);
  return labelOf(rowsOf<AnalysisLabel & { labelledAt: string }>(result)[0]!);
}

/** Every label given to a contact, newest first: the audit trail of what experts said. */
export async function listContactLabels(scope: TenantScope, contactId: string): Promise<AnalysisLabel[]> {
  const result = await scope.db.execute(sql`
    SELECT ${LABEL} FROM analysis_labels l LEFT JOIN users u ON u.tenant_id = ${scope.tenantId} AND u.id = l.reviewer_id
    WHERE l.tenant_id = ${scope.tenantId} AND l.contact_id = ${contactId}
    ORDER BY l.labelled_at DESC, l.id`);
  return rowsOf<AnalysisLabel & { labelledAt: string }>(result).map(labelOf);
}

/**
 * Training examples from experts: each labelled contact's analyst copy (never the original)
 * with the topic of its latest label.
 */
export async function readTopicExamples(scope: TenantScope): Promise<{ text: string; label: string }[]> {
  const result = await scope.db.execute(sql`
    SELECT DISTINCT ON (l.contact_id) coalesce(
             (SELECT a.redacted_text FROM contact_analyses a WHERE a.contact_id = l.contact_id ORDER BY a.analysed_at DESC LIMIT 1),
             '') AS text, l.topic AS label
    FROM analysis_labels l
    WHERE l.tenant_id = ${scope.tenantId} AND l.topic IS NOT NULL
    ORDER BY l.contact_id, l.labelled_at DESC`);
  return rowsOf<{ text: string; label: string }>(result).filter((r) => r.text.trim() !== '');
}

export interface LabelAgreement {
  labelled: number;
  sentiment: { compared: number; agreed: number };
  topic: { compared: number; agreed: number };
  cues: { compared: number; agreed: number };
}

/** How often the analysis said what the expert said, on each contact's latest label: the audit. */
export async function readLabelAgreement(scope: TenantScope): Promise<LabelAgreement> {
  const result = await scope.db.execute(sql`
    WITH latest AS (
      SELECT DISTINCT ON (contact_id) * FROM analysis_labels WHERE tenant_id = ${scope.tenantId} ORDER BY contact_id, labelled_at DESC
    )
    SELECT count(*)::int AS labelled,
           count(sentiment) FILTER (WHERE analysis_snapshot IS NOT NULL)::int AS "sentimentCompared",
           count(*) FILTER (WHERE sentiment = analysis_snapshot->>'sentiment')::int AS "sentimentAgreed",
           count(topic) FILTER (WHERE analysis_snapshot->>'topic' IS NOT NULL)::int AS "topicCompared",
           count(*) FILTER (WHERE topic = analysis_snapshot->>'topic')::int AS "topicAgreed",
           count(*) FILTER (WHERE cues IS NOT NULL AND analysis_snapshot IS NOT NULL)::int AS "cuesCompared",
           count(*) FILTER (WHERE cues IS NOT NULL AND analysis_snapshot IS NOT NULL AND
             ARRAY(SELECT unnest(cues) ORDER BY 1) = ARRAY(SELECT jsonb_array_elements(analysis_snapshot->'cues')->>'kind' ORDER BY 1))::int AS "cuesAgreed"
    FROM latest`);
  const r = rowsOf<Record<string, number>>(result)[0]!;
  return {
    labelled: r.labelled!,
    sentiment: { compared: r.sentimentCompared!, agreed: r.sentimentAgreed! },
    topic: { compared: r.topicCompared!, agreed: r.topicAgreed! },
    cues: { compared: r.cuesCompared!, agreed: r.cuesAgreed! },
  };
}
