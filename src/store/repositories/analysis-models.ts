import { sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface AnalysisModelSummary {
  id: string;
  name: string;
  version: number;
  labels: string[];
  exampleCount: number;
  metrics: Record<string, unknown>;
  active: boolean;
  trainedAt: Date;
}

const SUMMARY = sql`id, name, version, labels, example_count AS "exampleCount", metrics, active, trained_at AS "trainedAt"`;
const summaryOf = (row: AnalysisModelSummary & { trainedAt: string | Date }): AnalysisModelSummary => ({
  ...row,
  trainedAt: new Date(row.trainedAt),
});

// Any constant will do: it names "the model versions of one organisation" among advisory locks.
const MODEL_VERSIONS_LOCK = 48_327_002;

/**
 * Models of one organisation change one request at a time. Without this, overlapping requests read
 * the same max(version) and the same active row, then deadlock on the unique indexes or collide (409).
 * Taken inside the caller's transaction and released at its end; PGlite and PostgreSQL alike.
 */
async function lockModelVersions(scope: TenantScope): Promise<void> {
  await scope.db.execute(sql`SELECT pg_advisory_xact_lock(${MODEL_VERSIONS_LOCK}, hashtext(${scope.tenantId}::text))`);
}

/**
 * Stores a trained topic classifier as the next version of `name` and, when asked, makes it the
 * organisation's active one (the previous one stays, inactive, for audit and rollback). Call inside a
 * transaction: the lock that allocates the version lasts until it ends.
 */
export async function insertAnalysisModel(
  scope: TenantScope,
  model: {
    name: string;
    labels: string[];
    exampleCount: number;
    metrics: Record<string, unknown>;
    document: string;
    activate: boolean;
  },
): Promise<AnalysisModelSummary> {
  await lockModelVersions(scope);
  if (model.activate)
    await scope.db.execute(
      sql`UPDATE analysis_models SET active = false WHERE tenant_id = ${scope.tenantId} AND active`,
    );
  const result = await scope.db.execute(sql`
    INSERT INTO analysis_models (tenant_id, name, version, labels, example_count, metrics, model, active)
    SELECT ${scope.tenantId}, ${model.name},
           coalesce((SELECT max(version) FROM analysis_models WHERE tenant_id = ${scope.tenantId} AND name = ${model.name}), 0) + 1,
           ${sql.param(model.labels)}::text[], ${model.exampleCount}, ${JSON.stringify(model.metrics)}::jsonb, ${model.document}, ${model.activate}
    RETURNING ${SUMMARY}`);
  return summaryOf(rowsOf<AnalysisModelSummary & { trainedAt: string }>(result)[0]!);
}

export async function listAnalysisModels(scope: TenantScope): Promise<AnalysisModelSummary[]> {
  const result = await scope.db.execute(sql`
    SELECT ${SUMMARY} FROM analysis_models WHERE tenant_id = ${scope.tenantId} ORDER BY name, version DESC`);
  return rowsOf<AnalysisModelSummary & { trainedAt: string }>(result).map(summaryOf);
}

/** The active model's id and version, without its (large) document. */
export async function findActiveAnalysisModel(scope: TenantScope): Promise<AnalysisModelSummary | undefined> {
  const result = await scope.db.execute(
    sql`SELECT ${SUMMARY} FROM analysis_models WHERE tenant_id = ${scope.tenantId} AND active`,
  );
  const row = rowsOf<AnalysisModelSummary & { trainedAt: string }>(result)[0];
  return row && summaryOf(row);
}

export async function readAnalysisModelDocument(scope: TenantScope, id: string): Promise<string | undefined> {
  const result = await scope.db.execute(
    sql`SELECT model FROM analysis_models WHERE tenant_id = ${scope.tenantId} AND id = ${id}`,
  );
  return rowsOf<{ model: string }>(result)[0]?.model;
}

/** Call inside a transaction (the lock lasts until it ends). */
export async function activateAnalysisModel(scope: TenantScope, id: string): Promise<AnalysisModelSummary | undefined> {
  await lockModelVersions(scope);
  // Two statements: the one-active index is checked row by row, so the old one goes first.
  await scope.db.execute(
    sql`UPDATE analysis_models SET active = false WHERE tenant_id = ${scope.tenantId} AND active AND id <> ${id}`,
  );
  await scope.db.execute(
    sql`UPDATE analysis_models SET active = true WHERE tenant_id = ${scope.tenantId} AND id = ${id}`,
  );
  const result = await scope.db.execute(
    sql`SELECT ${SUMMARY} FROM analysis_models WHERE tenant_id = ${scope.tenantId} AND id = ${id}`,
  );
  const row = rowsOf<AnalysisModelSummary & { trainedAt: string }>(result)[0];
  return row && summaryOf(row);
}
