import { sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

export type SearchHitType = 'contact' | 'case' | 'customer';

export interface SearchHit {
  type: SearchHitType;
  id: string;
  customerId: string;
  caseId: string | null;
  caseNumber: number | null;
  title: string | null;
  snippet: string | null;
  /** 0..1, comparable across types: normalised text rank or name similarity. */
  score: number;
  occurredAt: Date | null;
}

const HEADLINE_OPTIONS = 'StartSel=«, StopSel=», MaxWords=24, MinWords=8, MaxFragments=1';

/** How many of the newest matching contacts are ranked: bounds the cost of words found everywhere. */
const CONTACT_CANDIDATES = 1000;

/**
 * Contacts whose subject or text match, best first among the newest matches (a service desk
 * looks for what is happening now); snippets only for the hits kept.
 */
export async function searchContacts(scope: TenantScope, query: string, limit: number): Promise<SearchHit[]> {
  // The query is written out where it filters (not taken from a CTE) so that the planner can
  // estimate how common its words are: newest-first index walk for common words, GIN for rare.
  const tsquery = sql`websearch_to_tsquery('english', ${query})`;
  const result = await scope.db.execute(sql`
    WITH candidates AS (
      SELECT k.id, k.customer_id, k.case_id, k.subject, k.body, k.occurred_at, k.search
      FROM contacts k
      WHERE k.tenant_id = ${scope.tenantId} AND k.search @@ ${tsquery}
      ORDER BY k.occurred_at DESC
      LIMIT ${CONTACT_CANDIDATES}
    ),
    hits AS (
      SELECT c.id, c.customer_id, c.case_id, c.subject, c.body, c.occurred_at, ts_rank(c.search, ${tsquery}, 32) AS score
      FROM candidates c
      ORDER BY score DESC, c.occurred_at DESC
      LIMIT ${limit}
    )
    SELECT 'contact' AS type, h.id, h.customer_id AS "customerId", h.case_id AS "caseId", c.number AS "caseNumber",
           h.subject AS title, ts_headline('english', h.body, ${tsquery}, ${HEADLINE_OPTIONS}) AS snippet,
           h.score::float8 AS score, h.occurred_at AS "occurredAt"
    FROM hits h
    LEFT JOIN cases c ON c.tenant_id = ${scope.tenantId} AND c.id = h.case_id
    ORDER BY h.score DESC, h.occurred_at DESC`);
  return rowsOf<SearchHit>(result);
}

export async function searchCases(scope: TenantScope, query: string, limit: number): Promise<SearchHit[]> {
  const result = await scope.db.execute(sql`
    WITH q AS (SELECT websearch_to_tsquery('english', ${query}) AS query)
    SELECT 'case' AS type, c.id, c.customer_id AS "customerId", c.id AS "caseId", c.number AS "caseNumber",
           c.subject AS title, c.status AS snippet, ts_rank(c.search, q.query, 32)::float8 AS score, c.updated_at AS "occurredAt"
    FROM cases c, q
    WHERE c.tenant_id = ${scope.tenantId}
      AND (c.search @@ q.query OR c.number::text = ${query.replace(/^#|^c-/i, '')})
    ORDER BY (c.number::text = ${query.replace(/^#|^c-/i, '')}) DESC, score DESC, c.updated_at DESC
    LIMIT ${limit}`);
  return rowsOf<SearchHit>(result);
}

/**
 * Customers by name (trigram similarity, so "Jon Smyth" finds "John Smith") or by any
 * email, phone or handle containing the query.
 */
export async function searchCustomers(scope: TenantScope, query: string, limit: number): Promise<SearchHit[]> {
  const needle = query.trim().toLowerCase();
  const result = await scope.db.execute(sql`
    WITH matches AS (
      SELECT c.id, similarity(c.name, ${needle})::float8 AS score
      FROM customers c
      WHERE c.tenant_id = ${scope.tenantId} AND (c.name % ${needle} OR c.name ILIKE ${'%' + escapeLike(needle) + '%'})
        -- A customer merged into another is found as the one it was merged into.
        AND c.merged_into_id IS NULL
      UNION ALL
      SELECT ci.customer_id, CASE WHEN ci.value = ${needle} THEN 1.0 ELSE 0.6 END::float8
      FROM customer_identities ci
      WHERE ci.tenant_id = ${scope.tenantId} AND length(${needle}) >= 3 AND ci.value ILIKE ${'%' + escapeLike(needle) + '%'}
    ),
    best AS (SELECT id, max(score) AS score FROM matches GROUP BY id ORDER BY max(score) DESC LIMIT ${limit})
    SELECT 'customer' AS type, c.id, c.id AS "customerId", NULL::uuid AS "caseId", NULL::int AS "caseNumber",
           c.name AS title,
           (SELECT string_agg(ci.value, ', ' ORDER BY ci.kind, ci.value) FROM customer_identities ci
             WHERE ci.tenant_id = c.tenant_id AND ci.customer_id = c.id) AS snippet,
           b.score, NULL::timestamptz AS "occurredAt"
    FROM best b JOIN customers c ON c.tenant_id = ${scope.tenantId} AND c.id = b.id
    ORDER BY b.score DESC, c.name`);
  return rowsOf<SearchHit>(result);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
