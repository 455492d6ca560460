import { sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { PostalAddress } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

type KeyColumn = readonly [column: string, type: 'uuid' | 'text'];
const ID: readonly KeyColumn[] = [['id', 'uuid']];

/**
 * Tables whose rows belong to a customer through (tenant_id, customer_id) and move with them
 * when they are merged into another customer. `key`: the columns that identify a row (recorded
 * as text in customer_merge_moves.record_key). `followsCase`: the table also has a case_id, and
 * when a merge is undone a row on a case goes wherever its case goes, so that a contact and its
 * case never belong to two different customers.
 * A new table with a customer_id column is one line here; test/customers/customer-record-tables.test.ts
 * fails until it is.
 */
export const CUSTOMER_RECORD_TABLES = [
  {
    table: 'customer_identities',
    key: [
      ['kind', 'text'],
      ['value', 'text'],
    ],
    followsCase: false,
  },
  { table: 'cases', key: ID, followsCase: false },
  { table: 'contacts', key: ID, followsCase: true },
  { table: 'case_events', key: ID, followsCase: true },
  { table: 'callbacks', key: ID, followsCase: true },
  { table: 'users', key: ID, followsCase: false },
  { table: 'customer_events', key: ID, followsCase: false },
  { table: 'chat_sessions', key: ID, followsCase: false },
  {
    table: 'channel_threads',
    key: [
      ['channel', 'text'],
      ['thread_ref', 'text'],
    ],
    followsCase: true,
  },
  { table: 'live_alerts', key: ID, followsCase: true },
  { table: 'verification_sessions', key: ID, followsCase: false },
  { table: 'record_corrections', key: ID, followsCase: false },
  { table: 'customer_record_history', key: ID, followsCase: false },
] as const satisfies readonly { table: string; key: readonly KeyColumn[]; followsCase: boolean }[];
export type CustomerRecords = (typeof CUSTOMER_RECORD_TABLES)[number];

const table = (records: CustomerRecords) => {
  if (!CUSTOMER_RECORD_TABLES.some((t) => t.table === records.table))
    throw new Error(`${records.table} is not a customer record table`);
  return sql.identifier(records.table);
};

/** The row's key as recorded: ARRAY[r.kind::text, r.value::text]. */
const keyOf = (records: CustomerRecords, alias: string) =>
  sql`ARRAY[${sql.join(
    records.key.map(([column]) => sql`${sql.identifier(alias)}.${sql.identifier(column)}::text`),
    sql`, `,
  )}]`;

/** Matches the row to a recorded key, column by column, so the table's own key index is used. */
const matchesKey = (records: CustomerRecords, alias: string, moves: string) =>
  sql.join(
    records.key.map(
      ([column, type], i) =>
        sql`${sql.identifier(alias)}.${sql.identifier(column)} = (${sql.identifier(moves)}.record_key[${sql.raw(String(i + 1))}])::${sql.raw(type)}`,
    ),
    sql` AND `,
  );

export interface CustomerMergeRow {
  id: string;
  survivingCustomerId: string;
  mergedCustomerId: string;
  filledFields: string[];
  moved: Record<string, number>;
  mergedBy: string | null;
  mergedAt: Date;
  undoneBy: string | null;
  undoneAt: Date | null;
  restored: Record<string, number> | null;
}

const MERGE_COLUMNS = sql`id, surviving_customer_id AS "survivingCustomerId", merged_customer_id AS "mergedCustomerId",
  filled_fields AS "filledFields", moved, merged_by AS "mergedBy", merged_at AS "mergedAt", undone_by AS "undoneBy",
  undone_at AS "undoneAt", restored`;

const asMerge = (row: CustomerMergeRow): CustomerMergeRow => ({
  ...row,
  mergedAt: new Date(row.mergedAt),
  undoneAt: row.undoneAt === null ? null : new Date(row.undoneAt),
});

export interface LockedCustomer {
  id: string;
  name: string | null;
  region: string | null;
  address: PostalAddress | null;
  mergedIntoId: string | null;
}

/** Locks customers for a merge, in id order so that two merges of one pair queue instead of deadlocking. */
export async function lockCustomers(scope: TenantScope, ids: string[]): Promise<Map<string, LockedCustomer>> {
  const result = await scope.db.execute(sql`
    SELECT id, name, region, address, merged_into_id AS "mergedIntoId"
    FROM customers WHERE tenant_id = ${scope.tenantId} AND id = ANY(${sql.param(ids)}::uuid[])
    ORDER BY id FOR UPDATE`);
  return new Map(rowsOf<LockedCustomer>(result).map((c) => [c.id, c]));
}

/**
 * The customer an id stands for now: itself, or the customer it was merged into (following a
 * chain of merges). Undefined when the tenant has no such customer.
 */
export async function resolveCustomerId(scope: TenantScope, id: string): Promise<string | undefined> {
  const result = await scope.db.execute(sql`
    WITH RECURSIVE chain (id, merged_into_id, depth) AS (
      SELECT id, merged_into_id, 0 FROM customers WHERE tenant_id = ${scope.tenantId} AND id = ${id}
      UNION ALL
      SELECT c.id, c.merged_into_id, chain.depth + 1
      FROM chain JOIN customers c ON c.tenant_id = ${scope.tenantId} AND c.id = chain.merged_into_id
      WHERE chain.depth < 50
    )
    SELECT id FROM chain ORDER BY depth DESC LIMIT 1`);
  return rowsOf<{ id: string }>(result)[0]?.id;
}

export async function insertCustomerMerge(
  scope: TenantScope,
  row: {
    survivingCustomerId: string;
    mergedCustomerId: string;
    filledFields: string[];
    mergedBy: string | null;
    mergedAt: Date;
  },
): Promise<CustomerMergeRow> {
  const result = await scope.db.execute(sql`
    INSERT INTO customer_merges (tenant_id, surviving_customer_id, merged_customer_id, filled_fields, merged_by, merged_at)
    VALUES (${scope.tenantId}, ${row.survivingCustomerId}, ${row.mergedCustomerId}, ${sql.param(row.filledFields)}::text[], ${row.mergedBy}, ${row.mergedAt})
    RETURNING ${MERGE_COLUMNS}`);
  return asMerge(rowsOf<CustomerMergeRow>(result)[0]!);
}

export async function findCustomerMerge(
  scope: TenantScope,
  mergeId: string,
  options: { forUpdate?: boolean } = {},
): Promise<CustomerMergeRow | undefined> {
  const result = await scope.db.execute(sql`
    SELECT ${MERGE_COLUMNS} FROM customer_merges WHERE tenant_id = ${scope.tenantId} AND id = ${mergeId}
    ${options.forUpdate ? sql`FOR UPDATE` : sql``}`);
  const row = rowsOf<CustomerMergeRow>(result)[0];
  return row && asMerge(row);
}

/** The merge in force that took this customer into another, if any. */
export async function findMergeInForceOf(
  scope: TenantScope,
  mergedCustomerId: string,
): Promise<CustomerMergeRow | undefined> {
  const result = await scope.db.execute(sql`
    SELECT ${MERGE_COLUMNS} FROM customer_merges
    WHERE tenant_id = ${scope.tenantId} AND merged_customer_id = ${mergedCustomerId} AND undone_at IS NULL`);
  const row = rowsOf<CustomerMergeRow>(result)[0];
  return row && asMerge(row);
}

export async function finishCustomerMerge(
  scope: TenantScope,
  mergeId: string,
  moved: Record<string, number>,
): Promise<CustomerMergeRow> {
  const result = await scope.db.execute(sql`
    UPDATE customer_merges SET moved = ${JSON.stringify(moved)}::jsonb
    WHERE tenant_id = ${scope.tenantId} AND id = ${mergeId} RETURNING ${MERGE_COLUMNS}`);
  return asMerge(rowsOf<CustomerMergeRow>(result)[0]!);
}

export async function markCustomerMergeUndone(
  scope: TenantScope,
  mergeId: string,
  undo: { undoneBy: string | null; undoneAt: Date; restored: Record<string, number> },
): Promise<CustomerMergeRow> {
  const result = await scope.db.execute(sql`
    UPDATE customer_merges SET undone_by = ${undo.undoneBy}, undone_at = ${undo.undoneAt}, restored = ${JSON.stringify(undo.restored)}::jsonb
    WHERE tenant_id = ${scope.tenantId} AND id = ${mergeId} RETURNING ${MERGE_COLUMNS}`);
  return asMerge(rowsOf<CustomerMergeRow>(result)[0]!);
}

/** Points a customer at the customer it was merged into, or (null) at nothing. */
export async function setCustomerMergedInto(
  scope: TenantScope,
  customerId: string,
  survivingCustomerId: string | null,
): Promise<void> {
  await scope.db.execute(sql`
    UPDATE customers SET merged_into_id = ${survivingCustomerId}, updated_at = now()
    WHERE tenant_id = ${scope.tenantId} AND id = ${customerId}`);
}

const count = (result: unknown) => Number(rowsOf<{ n: number | string }>(result)[0]?.n ?? 0);

/** Moves every row of `records` from one customer to another and records which; returns how many. */
export async function moveCustomerRecords(
  scope: TenantScope,
  mergeId: string,
  records: CustomerRecords,
  fromId: string,
  toId: string,
): Promise<number> {
  const result = await scope.db.execute(sql`
    WITH moved AS (
      UPDATE ${table(records)} r SET customer_id = ${toId}
      WHERE r.tenant_id = ${scope.tenantId} AND r.customer_id = ${fromId}
      RETURNING ${keyOf(records, 'r')} AS key
    ), recorded AS (
      INSERT INTO customer_merge_moves (tenant_id, merge_id, record_table, record_key)
      SELECT ${scope.tenantId}, ${mergeId}, ${records.table}, key FROM moved
      RETURNING 1
    )
    SELECT count(*) AS n FROM recorded`);
  return count(result);
}

/** The cases a merge moved that are still with the survivor: those an undo takes back. */
export async function casesToMoveBack(scope: TenantScope, merge: CustomerMergeRow): Promise<string[]> {
  const result = await scope.db.execute(sql`
    SELECT c.id FROM customer_merge_moves m
    JOIN cases c ON c.tenant_id = ${scope.tenantId} AND c.id = (m.record_key[1])::uuid
    WHERE m.merge_id = ${merge.id} AND m.record_table = 'cases' AND c.customer_id = ${merge.survivingCustomerId}
    ORDER BY c.id FOR UPDATE OF c`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/**
 * Case merges in force between a case going back and a case staying with the survivor: made
 * after the customers were merged, they would leave one case's contacts with two customers.
 */
export async function caseMergesAcross(
  scope: TenantScope,
  casesBack: string[],
): Promise<{ mergedNumber: number; survivingNumber: number }[]> {
  if (casesBack.length === 0) return [];
  const back = sql`${sql.param(casesBack)}::uuid[]`;
  const result = await scope.db.execute(sql`
    SELECT mc.number AS "mergedNumber", sc.number AS "survivingNumber"
    FROM case_merges cm
    JOIN cases mc ON mc.tenant_id = cm.tenant_id AND mc.id = cm.merged_case_id
    JOIN cases sc ON sc.tenant_id = cm.tenant_id AND sc.id = cm.surviving_case_id
    WHERE cm.tenant_id = ${scope.tenantId} AND cm.undone_at IS NULL
      AND (cm.merged_case_id = ANY(${back}) OR cm.surviving_case_id = ANY(${back}))
      AND (cm.merged_case_id = ANY(${back})) <> (cm.surviving_case_id = ANY(${back}))
    ORDER BY mc.number`);
  return rowsOf<{ mergedNumber: number; survivingNumber: number }>(result);
}

/**
 * Moves back what a merge moved, as far as it is still with the survivor, and returns how
 * many rows went back. Rows on a case (`followsCase`) go where their case goes: back with a
 * case in `casesBack` whenever they arrived, and staying with a case the survivor keeps even
 * if the merge brought them. Rows on no case go back when the merge moved them.
 */
export async function moveRecordsBack(
  scope: TenantScope,
  merge: CustomerMergeRow,
  records: CustomerRecords,
  casesBack: string[],
): Promise<number> {
  const back = sql`${sql.param(casesBack)}::uuid[]`;
  const result = await scope.db.execute(sql`
    WITH recorded AS (
      UPDATE ${table(records)} r SET customer_id = ${merge.mergedCustomerId}
      FROM customer_merge_moves m
      WHERE m.merge_id = ${merge.id} AND m.record_table = ${records.table}
        AND r.tenant_id = ${scope.tenantId} AND ${matchesKey(records, 'r', 'm')} AND r.customer_id = ${merge.survivingCustomerId}
        ${records.followsCase ? sql`AND (r.case_id IS NULL OR r.case_id = ANY(${back}))` : sql``}
      RETURNING 1
    )
    SELECT count(*) AS n FROM recorded`);
  let moved = count(result);
  if (records.followsCase && casesBack.length > 0) {
    const onCases = await scope.db.execute(sql`
      WITH followed AS (
        UPDATE ${table(records)} r SET customer_id = ${merge.mergedCustomerId}
        WHERE r.tenant_id = ${scope.tenantId} AND r.case_id = ANY(${back}) AND r.customer_id = ${merge.survivingCustomerId}
        RETURNING 1
      )
      SELECT count(*) AS n FROM followed`);
    moved += count(onCases);
  }
  return moved;
}

export type ProfileField = 'name' | 'region' | 'address';

/** Fills the survivor's empty profile fields from the merged customer. */
export async function fillProfile(scope: TenantScope, survivingId: string, mergedId: string): Promise<void> {
  await scope.db.execute(sql`
    UPDATE customers s SET name = coalesce(s.name, d.name), region = coalesce(s.region, d.region),
      address = coalesce(s.address, d.address), updated_at = now()
    FROM customers d
    WHERE s.tenant_id = ${scope.tenantId} AND s.id = ${survivingId} AND d.tenant_id = ${scope.tenantId} AND d.id = ${mergedId}`);
}

/** Empties the fields a merge filled, where they still hold what the merged customer gave them. */
export async function unfillProfile(scope: TenantScope, merge: CustomerMergeRow): Promise<void> {
  const fields = (['name', 'region', 'address'] as const).filter((f) => merge.filledFields.includes(f));
  if (fields.length === 0) return;
  const sets = fields.map((f) => {
    const column = sql.identifier(f);
    return sql`${column} = CASE WHEN s.${column} IS NOT DISTINCT FROM d.${column} THEN NULL ELSE s.${column} END`;
  });
  await scope.db.execute(sql`
    UPDATE customers s SET ${sql.join(sets, sql`, `)}, updated_at = now()
    FROM customers d
    WHERE s.tenant_id = ${scope.tenantId} AND s.id = ${merge.survivingCustomerId}
      AND d.tenant_id = ${scope.tenantId} AND d.id = ${merge.mergedCustomerId}`);
}

export interface NewCustomerEvent {
  customerId: string;
  kind: string;
  actorUserId: string | null;
  actorLabel: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export async function insertCustomerEvents(scope: TenantScope, events: NewCustomerEvent[]): Promise<void> {
  for (const e of events) {
    await scope.db.execute(sql`
      INSERT INTO customer_events (tenant_id, customer_id, kind, actor_user_id, actor_label, occurred_at, data)
      VALUES (${scope.tenantId}, ${e.customerId}, ${e.kind}, ${e.actorUserId}, ${e.actorLabel}, ${e.occurredAt}, ${JSON.stringify(e.data)}::jsonb)`);
  }
}

const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/** Records that two customers are not one person (again: the first reason stands). */
export async function dismissPair(
  scope: TenantScope,
  a: string,
  b: string,
  by: { userId: string | null; reason: 'dismissed' | 'merge_undone'; at: Date },
): Promise<Date> {
  const [first, second] = ordered(a, b);
  const result = await scope.db.execute(sql`
    WITH added AS (
      INSERT INTO customer_duplicate_dismissals (tenant_id, customer_a, customer_b, reason, dismissed_by, dismissed_at)
      VALUES (${scope.tenantId}, ${first}, ${second}, ${by.reason}, ${by.userId}, ${by.at})
      ON CONFLICT DO NOTHING
      RETURNING dismissed_at
    )
    SELECT dismissed_at AS at FROM added
    UNION ALL
    SELECT dismissed_at FROM customer_duplicate_dismissals
    WHERE tenant_id = ${scope.tenantId} AND customer_a = ${first} AND customer_b = ${second}
    LIMIT 1`);
  return new Date(rowsOf<{ at: Date | string }>(result)[0]!.at);
}

/** The dismissed pairs that involve any of these customers, as "a:b" keys (smaller id first). */
export async function dismissedPairs(scope: TenantScope, customerIds: string[]): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const ids = sql`${sql.param(customerIds)}::uuid[]`;
  const result = await scope.db.execute(sql`
    SELECT customer_a AS a, customer_b AS b FROM customer_duplicate_dismissals
    WHERE tenant_id = ${scope.tenantId} AND (customer_a = ANY(${ids}) OR customer_b = ANY(${ids}))`);
  return new Set(rowsOf<{ a: string; b: string }>(result).map((r) => pairKey(r.a, r.b)));
}

export const pairKey = (a: string, b: string): string => ordered(a, b).join(':');
