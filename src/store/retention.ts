import { sql, type SQL } from 'drizzle-orm';
import { repeatInBackground } from './background-rounds.ts';
import { rowsOf, type Database, type Db } from './database.ts';

/**
 * Rows that only ever mattered for a while, and how long each kind is kept. Without this the
 * tables grow for ever: wrong passwords against made-up addresses (one row each), ended
 * sessions, every finished timer. Failed jobs stay: an operator reads them.
 */
export const RETENTION = {
  /** A wrong-password count no longer locks anyone after a day without a new failure. */
  loginFailureHours: 24,
  /** Verification failures count against an asker for an hour; a day keeps room for an inquiry. */
  verificationFailureHours: 24,
  finishedJobDays: 7,
} as const;

/** One statement deletes at most this many rows, so PGlite's single connection is never held long. */
const BATCH = 1000;

interface Sweep {
  name: string;
  table: string;
  /** The column that names a row (ctid where the key has several columns). */
  key: string;
  /** Which rows have outlived their use, given the moment that counts as now. */
  expired: (now: Date) => SQL;
}

const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * 3600_000).toISOString();

// These run across organisations on purpose: they remove what has expired by time alone and
// read nothing out. Table and column names are the constants below, never input.
const SWEEPS: Sweep[] = [
  {
    name: 'sessions',
    table: 'sessions',
    key: 'token_hash',
    expired: (now) => sql`expires_at < ${now.toISOString()}::timestamptz`,
  },
  {
    name: 'password links',
    table: 'password_links',
    key: 'token_hash',
    // A week after it expired, a link is refused as unknown rather than as expired.
    expired: (now) => sql`expires_at < ${hoursBefore(now, 7 * 24)}::timestamptz`,
  },
  {
    name: 'login failures',
    table: 'login_failures',
    key: 'ctid',
    expired: (now) => sql`last_failed_at < ${hoursBefore(now, RETENTION.loginFailureHours)}::timestamptz
      AND (locked_until IS NULL OR locked_until < ${now.toISOString()}::timestamptz)`,
  },
  {
    name: 'verification failures',
    table: 'verification_failures',
    key: 'id',
    expired: (now) => sql`failed_at < ${hoursBefore(now, RETENTION.verificationFailureHours)}::timestamptz`,
  },
  {
    name: 'finished jobs',
    table: 'jobs',
    key: 'id',
    expired: (now) => sql`status IN ('done', 'cancelled')
      AND finished_at < ${hoursBefore(now, RETENTION.finishedJobDays * 24)}::timestamptz`,
  },
];

/** Deletes what has outlived its use, in small batches with a turn for requests between; counts per kind. */
export async function forgetExpired(db: Db, now = new Date()): Promise<Record<string, number>> {
  const forgotten: Record<string, number> = {};
  for (const sweep of SWEEPS) {
    let total = 0;
    const table = sql.identifier(sweep.table);
    const key = sql.identifier(sweep.key);
    for (;;) {
      const result = await db.execute(sql`
        DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${sweep.expired(now)} LIMIT ${BATCH})
        RETURNING 1 AS gone`);
      const deleted = rowsOf(result).length;
      total += deleted;
      await new Promise((resolve) => setImmediate(resolve));
      if (deleted < BATCH) break;
    }
    forgotten[sweep.name] = total;
  }
  return forgotten;
}

/** Forgets expired rows a minute after start, then every `everyMs` (an hour); several processes may each do it. */
export function startRetention(
  database: Database,
  options: { firstAfterMs?: number; everyMs?: number; onError: (error: unknown) => void },
): () => Promise<void> {
  return repeatInBackground(() => forgetExpired(database.backgroundDb), {
    firstAfterMs: options.firstAfterMs ?? 60_000,
    everyMs: options.everyMs ?? 3600_000,
    onError: options.onError,
  });
}
