import { sql } from 'drizzle-orm';
import type { Identity } from '../../domain/identity.ts';
import { rowsOf } from '../database.ts';
import type { PostalAddress } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

/**
 * Looking up customers who may be the same person, cheaply in organisations with many
 * customers: every lookup goes through an index (phone-number suffix, email mailbox and
 * postcode indexes from migration 0009, the name trigram index) and reads a bounded number
 * of rows per key.
 */

/** Rows a single lookup key may bring back: a number or mailbox shared by many is no evidence anyway. */
const PER_KEY = 20;
/** How alike two names must be (pg_trgm similarity) to be looked at together. */
const NAME_SIMILARITY = '0.4';

export interface DuplicateSubject {
  id: string;
  name: string | null;
  /** Last seven digits of each phone number (domain/customers/duplicates.ts phoneKey). */
  phoneKeys: string[];
  /** Email mailboxes without +tag, and handles: matched against others' mailboxes and handles. */
  mailboxKeys: string[];
  /** The postcode of their address, letters and digits (domain/customers/duplicates.ts postcodeKey). */
  postcodeKey: string | null;
}

export interface CustomerFactsRow {
  id: string;
  name: string | null;
  region: string | null;
  address: PostalAddress | null;
  createdAt: Date;
  mergedIntoId: string | null;
  identities: Identity[];
}

/**
 * For each subject, customers sharing a phone-number suffix, a mailbox or handle, or a
 * postcode, and (`byName`) customers with a similar name — one trigram index search per
 * subject, so meant for a few subjects, not hundreds. Must run in a transaction: it sets the
 * trigram threshold for it alone, and keeps the planner on the indexes (it under-costs the
 * trigram operator and would rather scan every customer of the tenant, ten times slower).
 */
export async function findCandidatePairs(
  scope: TenantScope,
  subjects: DuplicateSubject[],
  options: { byName: boolean },
): Promise<{ subjectId: string; candidateId: string }[]> {
  if (subjects.length === 0) return [];
  const keyed = (pick: (s: DuplicateSubject) => (string | null)[]) => {
    const pairs = subjects.flatMap((s) =>
      [...new Set(pick(s))].filter((key) => key !== null).map((key) => [s.id, key] as const),
    );
    return sql`unnest(${sql.param(pairs.map((p) => p[0]))}::uuid[], ${sql.param(pairs.map((p) => p[1]))}::text[]) AS s(subject_id, key)`;
  };
  const named = options.byName ? subjects.filter((s) => s.name !== null && s.name.trim().length >= 3) : [];
  await scope.db.execute(
    sql`SELECT set_config('pg_trgm.similarity_threshold', ${NAME_SIMILARITY}, true), set_config('enable_seqscan', 'off', true)`,
  );
  // The key expressions are exactly those of the indexes in migration 0009.
  const result = await scope.db.execute(sql`
    SELECT s.subject_id AS "subjectId", m.customer_id AS "candidateId" FROM ${keyed((s) => s.phoneKeys)}
    CROSS JOIN LATERAL (
      SELECT ci.customer_id FROM customer_identities ci
      WHERE ci.tenant_id = ${scope.tenantId} AND ci.kind = 'phone' AND right(ci.value, 7) = s.key AND ci.customer_id <> s.subject_id
      LIMIT ${PER_KEY}) m
    UNION
    SELECT s.subject_id, m.customer_id FROM ${keyed((s) => s.mailboxKeys)}
    CROSS JOIN LATERAL (
      SELECT ci.customer_id FROM customer_identities ci
      WHERE ci.tenant_id = ${scope.tenantId} AND ci.kind = 'email'
        AND regexp_replace(split_part(ci.value, '@', 1), '[+].*$', '') = s.key AND ci.customer_id <> s.subject_id
      LIMIT ${PER_KEY}) m
    UNION
    SELECT s.subject_id, ci.customer_id FROM ${keyed((s) => s.mailboxKeys)}
    JOIN customer_identities ci ON ci.tenant_id = ${scope.tenantId} AND ci.kind = 'handle' AND ci.value = s.key AND ci.customer_id <> s.subject_id
    UNION
    SELECT s.subject_id, m.id FROM ${keyed((s) => [s.postcodeKey])}
    CROSS JOIN LATERAL (
      SELECT c.id FROM customers c
      WHERE c.tenant_id = ${scope.tenantId} AND c.address IS NOT NULL
        AND regexp_replace(upper(c.address ->> 'postcode'), '[^A-Z0-9]', '', 'g') = s.key
        AND c.id <> s.subject_id AND c.merged_into_id IS NULL
      LIMIT ${PER_KEY}) m
    UNION
    SELECT s.subject_id, m.id
    FROM unnest(${sql.param(named.map((s) => s.id))}::uuid[], ${sql.param(named.map((s) => s.name!))}::text[]) AS s(subject_id, name)
    CROSS JOIN LATERAL (
      SELECT c.id FROM customers c
      WHERE c.tenant_id = ${scope.tenantId} AND c.name % s.name AND c.id <> s.subject_id AND c.merged_into_id IS NULL
      ORDER BY similarity(c.name, s.name) DESC, c.id
      LIMIT ${PER_KEY}) m`);
  return rowsOf<{ subjectId: string; candidateId: string }>(result);
}

/** Name, region, address and identities (at most 50) of these customers. */
export async function loadCustomerFacts(scope: TenantScope, ids: string[]): Promise<Map<string, CustomerFactsRow>> {
  if (ids.length === 0) return new Map();
  const result = await scope.db.execute(sql`
    SELECT c.id, c.name, c.region, c.address, c.created_at AS "createdAt", c.merged_into_id AS "mergedIntoId",
      coalesce((SELECT json_agg(json_build_object('kind', i.kind, 'value', i.value)) FROM (
        SELECT ci.kind, ci.value FROM customer_identities ci
        WHERE ci.tenant_id = c.tenant_id AND ci.customer_id = c.id ORDER BY ci.kind, ci.value LIMIT 50) i), '[]'::json) AS identities
    FROM customers c
    WHERE c.tenant_id = ${scope.tenantId} AND c.id = ANY(${sql.param([...new Set(ids)])}::uuid[])`);
  return new Map(
    rowsOf<CustomerFactsRow>(result).map((row) => {
      const identities =
        typeof row.identities === 'string' ? (JSON.parse(row.identities) as Identity[]) : row.identities;
      return [row.id, { ...row, identities, createdAt: new Date(row.createdAt) }];
    }),
  );
}

/** The newest customers not merged into another: where a tenant-wide review of duplicates starts. */
export async function recentCustomerIds(scope: TenantScope, limit: number): Promise<string[]> {
  const result = await scope.db.execute(sql`
    SELECT id FROM customers WHERE tenant_id = ${scope.tenantId} AND merged_into_id IS NULL
    ORDER BY created_at DESC LIMIT ${limit}`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}
