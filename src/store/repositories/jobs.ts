import { sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { rowsOf } from '../database.ts';

export interface JobRow {
  id: number;
  tenantId: string | null;
  kind: string;
  key: string | null;
  payload: Record<string, unknown>;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
}

export interface NewJob {
  tenantId?: string | null;
  kind: string;
  /** Scheduling an existing pending key moves that job rather than adding another. */
  key?: string | null;
  payload?: Record<string, unknown>;
  runAt: Date;
  maxAttempts?: number;
  /** Higher runs first among due jobs; for work a customer is waiting on. Default 0. */
  priority?: number;
}

export async function scheduleJob(db: Db, job: NewJob): Promise<void> {
  await db.execute(sql`
    INSERT INTO jobs (tenant_id, kind, key, payload, run_at, max_attempts, priority)
    VALUES (${job.tenantId ?? null}, ${job.kind}, ${job.key ?? null}, ${JSON.stringify(job.payload ?? {})}::jsonb, ${job.runAt}, ${job.maxAttempts ?? 5}, ${job.priority ?? 0})
    ON CONFLICT (key) WHERE status = 'pending' AND key IS NOT NULL
    DO UPDATE SET run_at = EXCLUDED.run_at, payload = EXCLUDED.payload, kind = EXCLUDED.kind, attempts = 0`);
}

/**
 * Cancels the pending job with this key, unless a worker is running it right now: a caller
 * usually holds a case lock that the running job waits for, and waiting back would deadlock.
 * Every handler re-checks the state it acts on, so a job that runs anyway does nothing.
 */
export function cancelJob(db: Db, key: string): Promise<void> {
  return cancelJobs(db, [key]);
}

/** Cancels the pending jobs with these keys in one statement, on cancelJob's terms. */
export async function cancelJobs(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.execute(sql`
    UPDATE jobs SET status = 'cancelled', finished_at = now()
    WHERE id IN (SELECT id FROM jobs WHERE key = ANY(${sql.param(keys)}::text[]) AND status = 'pending' FOR UPDATE SKIP LOCKED)`);
}

export async function releaseJobKey(db: Db, jobId: number): Promise<void> {
  await db.execute(sql`UPDATE jobs SET key = NULL WHERE id = ${jobId}`);
}

/** Whose turn a claim is: urgent work (priority above 0) of any of these kinds, or one kind's oldest due job. */
export type JobTurn = { urgent: true; kinds: string[] } | { urgent?: false; kind: string };

/** Whether any pending job at all is due at `now`: one lookup in jobs_due_at, what an idle poll costs. */
export async function anyJobDue(db: Db, now: Date): Promise<boolean> {
  const result = await db.execute(sql`SELECT 1 AS due FROM jobs WHERE status = 'pending' AND run_at <= ${now} LIMIT 1`);
  return rowsOf(result).length > 0;
}

/**
 * Which turns have work due at `now`, in one statement: whether urgent work is waiting, and
 * which of these kinds have a due job. Each kind is one probe of jobs_due_by_kind that stops at
 * its first entry (LATERAL … LIMIT 1 keeps the planner from reading every due job instead), so
 * an idle poll costs a dozen index lookups however long the table.
 */
export async function dueJobTurns(
  db: Db,
  now: Date,
  kinds: string[],
  tenantIds?: string[],
): Promise<{ urgent: boolean; kinds: string[] }> {
  const onlyTenants = tenantIds ? sql`AND j.tenant_id = ANY(${sql.param(tenantIds)}::uuid[])` : sql``;
  const result = await db.execute(sql`
    SELECT NULL AS kind FROM (
      SELECT 1 FROM jobs j
      WHERE j.status = 'pending' AND j.priority > 0 AND j.run_at <= ${now}
        AND j.kind = ANY(${sql.param(kinds)}::text[]) ${onlyTenants}
      LIMIT 1) AS urgent
    UNION ALL
    SELECT k.kind FROM unnest(${sql.param(kinds)}::text[]) AS k(kind)
    CROSS JOIN LATERAL (
      SELECT 1 FROM jobs j
      WHERE j.status = 'pending' AND j.kind = k.kind AND j.run_at <= ${now} ${onlyTenants}
      LIMIT 1) AS due`);
  const rows = rowsOf<{ kind: string | null }>(result);
  return {
    urgent: rows.some((r) => r.kind === null),
    kinds: rows.flatMap((r) => (r.kind === null ? [] : [r.kind])),
  };
}

/**
 * Locks the due job whose turn it is for the calling transaction; other pollers skip it. Within
 * a kind the oldest due job goes first (run_at, then id); urgent work goes by priority first.
 */
export async function claimDueJob(tx: Db, now: Date, turn: JobTurn, tenantIds?: string[]): Promise<JobRow | undefined> {
  const onlyTenants = tenantIds ? sql`AND tenant_id = ANY(${sql.param(tenantIds)}::uuid[])` : sql``;
  // One kind is compared with `=`, not `= ANY`, so the index hands its rows over in due order.
  const which = turn.urgent
    ? sql`priority > 0 AND kind = ANY(${sql.param(turn.kinds)}::text[])`
    : sql`kind = ${turn.kind}`;
  const order = turn.urgent ? sql`priority DESC, run_at, id` : sql`run_at, id`;
  const result = await tx.execute(sql`
    SELECT id::int AS id, tenant_id AS "tenantId", kind, key, payload, run_at AS "runAt", attempts, max_attempts AS "maxAttempts"
    FROM jobs
    WHERE status = 'pending' AND run_at <= ${now} AND ${which} ${onlyTenants}
    ORDER BY ${order}
    LIMIT 1
    FOR UPDATE SKIP LOCKED`);
  const row = rowsOf<JobRow>(result)[0];
  // Raw queries hand timestamps back as text with some drivers.
  return row && { ...row, runAt: new Date(row.runAt) };
}

/**
 * A job that set its own timer again, unchanged, for a time no later than its own would run
 * again at once, and again, forever: that copy is cancelled. Returns whether there was one.
 */
export async function dropRepeatOfJob(db: Db, job: JobRow): Promise<boolean> {
  if (job.key === null) return false;
  const result = await db.execute(sql`
    UPDATE jobs SET status = 'cancelled', finished_at = now(),
      last_error = 'set again by itself, unchanged, for a time already reached: dropped, or it would never stop running'
    WHERE key = ${job.key} AND status = 'pending' AND id <> ${job.id} AND kind = ${job.kind}
      AND run_at <= ${job.runAt} AND payload = ${JSON.stringify(job.payload)}::jsonb
    RETURNING id`);
  return rowsOf(result).length > 0;
}

export async function finishJob(tx: Db, id: number): Promise<void> {
  await tx.execute(sql`UPDATE jobs SET status = 'done', attempts = attempts + 1, finished_at = now() WHERE id = ${id}`);
}

/** Records a failed attempt: retried later, or given up after the last attempt. */
export async function failJob(db: Db, id: number, error: string, retryAt: Date): Promise<void> {
  await db.execute(sql`
    UPDATE jobs SET attempts = attempts + 1, last_error = ${error.slice(0, 2000)},
      status = CASE WHEN attempts + 1 >= max_attempts THEN 'failed' ELSE 'pending' END,
      run_at = ${retryAt},
      finished_at = CASE WHEN attempts + 1 >= max_attempts THEN now() ELSE NULL END
    WHERE id = ${id} AND status = 'pending'`);
}

export async function countJobs(db: Db, filter: { kind?: string; status?: string; key?: string }): Promise<number> {
  const result = await db.execute(sql`
    SELECT count(*)::int AS n FROM jobs
    WHERE (${filter.kind ?? null}::text IS NULL OR kind = ${filter.kind ?? null})
      AND (${filter.status ?? null}::text IS NULL OR status = ${filter.status ?? null})
      AND (${filter.key ?? null}::text IS NULL OR key = ${filter.key ?? null})`);
  return rowsOf<{ n: number }>(result)[0]!.n;
}
