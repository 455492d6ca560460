import { sql } from 'drizzle-orm';
import { repeatInBackground } from './background-rounds.ts';
import { rowsOf, type Database, type Db } from './database.ts';

/**
 * PGlite has no autovacuum: without upkeep its planner never learns how big a table is (every
 * estimate is one row, so a 26,000-row join runs as 26,000 index look-ups) and the jobs table
 * keeps every dead row. This does what PostgreSQL's autovacuum daemon would, one table at a time
 * so that requests on the single connection get their turn between tables.
 */

export interface TableStats {
  table: string;
  /** The planner's row count; negative when the table was never analysed or vacuumed. */
  estimatedRows: number;
  /** Rows inserted, updated or deleted since the last analysis (counted since this process started). */
  changedSinceAnalysis: number;
  deadRows: number;
}

export interface UpkeepStep {
  table: string;
  action: 'analyse' | 'vacuum';
}

// PostgreSQL's own autovacuum defaults (autovacuum_analyze_threshold/scale_factor, vacuum likewise).
const ANALYSE_THRESHOLD = 50;
const ANALYSE_SCALE = 0.1;
const VACUUM_THRESHOLD = 50;
const VACUUM_SCALE = 0.2;

/** Which tables need what, by PostgreSQL's autovacuum rules; a never-analysed table always gets analysed. */
export function upkeepDue(stats: TableStats[]): UpkeepStep[] {
  const steps: UpkeepStep[] = [];
  for (const t of stats) {
    const rows = Math.max(t.estimatedRows, 0);
    // VACUUM frees dead rows (the jobs table's churn); ANALYZE refreshes what the planner knows.
    if (t.deadRows > VACUUM_THRESHOLD + VACUUM_SCALE * rows) steps.push({ table: t.table, action: 'vacuum' });
    if (t.estimatedRows < 0 || t.changedSinceAnalysis > ANALYSE_THRESHOLD + ANALYSE_SCALE * rows) {
      steps.push({ table: t.table, action: 'analyse' });
    }
  }
  return steps;
}

export async function readTableStats(db: Db): Promise<TableStats[]> {
  return rowsOf<TableStats>(
    await db.execute(sql`
      SELECT c.relname AS "table", c.reltuples::float8 AS "estimatedRows",
             coalesce(s.n_mod_since_analyze, 0)::float8 AS "changedSinceAnalysis",
             coalesce(s.n_dead_tup, 0)::float8 AS "deadRows"
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.relkind = 'r'
      ORDER BY c.relname`),
  );
}

/** Runs the due steps one table at a time; a table name comes from the catalogue, never from input. */
export async function runUpkeep(db: Db, steps: UpkeepStep[]): Promise<void> {
  for (const step of steps) {
    const table = sql.identifier(step.table);
    await db.execute(step.action === 'vacuum' ? sql`VACUUM ${table}` : sql`ANALYZE ${table}`);
    // Let waiting requests in between two tables.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Analyses and vacuums what is due, now and then every `everyMs`; PostgreSQL servers do this themselves. */
export function startStoreUpkeep(
  database: Database,
  options: { firstAfterMs?: number; everyMs?: number; onError: (error: unknown) => void },
): () => Promise<void> {
  if (database.kind !== 'pglite') return async () => undefined;
  const db = database.backgroundDb;
  return repeatInBackground(async () => runUpkeep(db, upkeepDue(await readTableStats(db))), {
    firstAfterMs: options.firstAfterMs ?? 5_000,
    everyMs: options.everyMs ?? 10 * 60_000,
    onError: options.onError,
  });
}

/** After a bulk load (the demo's seed, an import): measure every table at once, before anyone queries. */
export async function analyseAllTables(db: Db): Promise<void> {
  await db.execute(sql`ANALYZE`);
}
