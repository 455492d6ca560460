import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';
import type { StoredAnalysis } from './contact-analyses.ts';

export interface ReviewFilter {
  modelVersion: string;
  topic?: string | undefined;
  cue?: string | undefined;
  channel?: string | undefined;
  /** inbound: what customers said; outbound: what we said to them. */
  direction?: string | undefined;
  teamId?: string | undefined;
  vendor?: string | undefined;
  sentiment?: string | undefined;
  /** true: only contacts an expert labelled; false: only those nobody has. */
  reviewed?: boolean | undefined;
}

export interface ReviewPosition {
  insightScore: number;
  contactId: string;
}

export interface ReviewRow extends StoredAnalysis {
  analysedAt: Date;
  customerId: string;
  customerName: string | null;
  caseId: string | null;
  caseNumber: number | null;
  teamId: string | null;
  teamName: string | null;
  vendor: string | null;
  channel: string;
  direction: string;
  occurredAt: Date;
  subject: string | null;
  labelCount: number;
}

/** A contact's vendor: the outsourcer that handled it, as its channel or import recorded it. */
const VENDOR = sql`k.facts->>'vendor'`;

function conditions(scope: TenantScope, filter: ReviewFilter): SQL {
  const parts: SQL[] = [sql`a.tenant_id = ${scope.tenantId}`, sql`a.model_version = ${filter.modelVersion}`];
  if (filter.topic !== undefined) parts.push(sql`a.topic = ${filter.topic}`);
  if (filter.cue !== undefined) parts.push(sql`a.cue_kinds @> ARRAY[${filter.cue}]::text[]`);
  if (filter.channel !== undefined) parts.push(sql`k.channel = ${filter.channel}`);
  if (filter.direction !== undefined) parts.push(sql`k.direction = ${filter.direction}`);
  if (filter.teamId !== undefined) parts.push(sql`c.team_id = ${filter.teamId}`);
  if (filter.vendor !== undefined) parts.push(sql`${VENDOR} = ${filter.vendor}`);
  if (filter.sentiment !== undefined) parts.push(sql`a.sentiment = ${filter.sentiment}`);
  const labelled = sql`EXISTS (SELECT 1 FROM analysis_labels l WHERE l.tenant_id = ${scope.tenantId} AND l.contact_id = a.contact_id)`;
  if (filter.reviewed === true) parts.push(labelled);
  if (filter.reviewed === false) parts.push(sql`NOT ${labelled}`);
  return sql.join(parts, sql` AND `);
}

const FROM = (scope: TenantScope) => sql`
  FROM contact_analyses a
  JOIN contacts k ON k.tenant_id = ${scope.tenantId} AND k.id = a.contact_id
  LEFT JOIN cases c ON c.tenant_id = ${scope.tenantId} AND c.id = k.case_id
  LEFT JOIN teams t ON t.tenant_id = ${scope.tenantId} AND t.id = c.team_id`;

/** Analysed contacts, most insight first, strictly after `after` when given. */
export async function readReviewQueue(
  scope: TenantScope,
  filter: ReviewFilter,
  limit: number,
  after?: ReviewPosition,
): Promise<ReviewRow[]> {
  const afterPosition = after
    ? sql`AND (a.insight_score, a.contact_id) < (${after.insightScore}::real, ${after.contactId}::uuid)`
    : sql``;
  const result = await scope.db.execute(sql`
    SELECT a.contact_id AS "contactId", a.model_version AS "modelVersion", a.text_hash AS "textHash", a.analysed_at AS "analysedAt",
           a.sentiment, a.sentiment_score AS "sentimentScore", a.cues, a.topic, a.topic_confidence AS "topicConfidence",
           a.insight_score AS "insightScore", a.insight_reasons AS "insightReasons", a.redacted_text AS "redactedText",
           a.personal_data AS "personalData",
           k.customer_id AS "customerId", cu.name AS "customerName", k.case_id AS "caseId", c.number AS "caseNumber",
           c.team_id AS "teamId", t.name AS "teamName", ${VENDOR} AS vendor, k.channel, k.direction, k.occurred_at AS "occurredAt", k.subject,
           (SELECT count(*)::int FROM analysis_labels l WHERE l.tenant_id = ${scope.tenantId} AND l.contact_id = a.contact_id) AS "labelCount"
    ${FROM(scope)}
    LEFT JOIN customers cu ON cu.tenant_id = ${scope.tenantId} AND cu.id = k.customer_id
    WHERE ${conditions(scope, filter)} ${afterPosition}
    ORDER BY a.insight_score DESC, a.contact_id DESC
    LIMIT ${limit}`);
  return rowsOf<ReviewRow & { analysedAt: string; occurredAt: string }>(result).map((row) => ({
    ...row,
    analysedAt: new Date(row.analysedAt),
    occurredAt: new Date(row.occurredAt),
  }));
}

export interface ReviewFacets {
  total: number;
  topics: { value: string; count: number }[];
  cues: { value: string; count: number }[];
  channels: { value: string; count: number }[];
  teams: { value: string; name: string; count: number }[];
  vendors: { value: string; count: number }[];
}

/** What the filters can choose from, with how many analysed contacts each would show. */
export async function readReviewFacets(scope: TenantScope, modelVersion: string): Promise<ReviewFacets> {
  const analysed = sql`contact_analyses a WHERE a.tenant_id = ${scope.tenantId} AND a.model_version = ${modelVersion}`;
  // Topic and cue counts need only the analyses; one pass over the joined rows counts the rest.
  const topics = rowsOf<{ value: string | null; count: number }>(
    await scope.db.execute(sql`SELECT a.topic AS value, count(*)::int AS count FROM ${analysed} GROUP BY 1`),
  );
  const cues = rowsOf<{ value: string; count: number }>(
    await scope.db.execute(
      sql`SELECT value, count(*)::int AS count FROM (SELECT unnest(a.cue_kinds) AS value FROM ${analysed}) cue GROUP BY value ORDER BY count DESC`,
    ),
  );
  const joined = rowsOf<{
    facet: 'channel' | 'team' | 'vendor';
    value: string | null;
    name: string | null;
    count: number;
  }>(
    await scope.db.execute(sql`
      SELECT CASE WHEN GROUPING(k.channel) = 0 THEN 'channel' WHEN GROUPING(c.team_id) = 0 THEN 'team' ELSE 'vendor' END AS facet,
             coalesce(k.channel, c.team_id::text, ${VENDOR}) AS value, max(t.name) AS name, count(*)::int AS count
      ${FROM(scope)} WHERE a.tenant_id = ${scope.tenantId} AND a.model_version = ${modelVersion}
      GROUP BY GROUPING SETS ((k.channel), (c.team_id), (${VENDOR}))`),
  );
  const facet = (name: 'channel' | 'team' | 'vendor') =>
    mostFirst(joined.filter((r) => r.facet === name && r.value !== null));
  return {
    total: topics.reduce((sum, t) => sum + t.count, 0),
    topics: mostFirst(topics.filter((t): t is { value: string; count: number } => t.value !== null)),
    cues,
    channels: facet('channel').map(({ value, count }) => ({ value: value!, count })),
    teams: facet('team').map(({ value, name, count }) => ({ value: value!, name: name ?? '', count })),
    vendors: facet('vendor').map(({ value, count }) => ({ value: value!, count })),
  };
}

const FACET_LIMIT = 100;

/** Largest count first, then by value, at most FACET_LIMIT. */
function mostFirst<T extends { value: string | null; count: number }>(rows: T[]): T[] {
  return [...rows]
    .sort((x, y) => y.count - x.count || String(x.value).localeCompare(String(y.value)))
    .slice(0, FACET_LIMIT);
}
