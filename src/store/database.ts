import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The one interface both storage providers (embedded PGlite, PostgreSQL server) implement. */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for people: a directory or a redacted connection string. */
  readonly location: string;
  readonly db: Db;
  /**
   * Where background work (the job and analysis workers) runs its queries. On PostgreSQL a small
   * pool of its own, so a backlog never holds the connections requests are waiting for; on
   * PGlite the one connection there is (the workers let requests in between their transactions).
   */
  readonly backgroundDb: Db;
  /** Messages between the server processes sharing this store; absent when one process owns it. */
  readonly broadcast?: Broadcast;
  close(): Promise<void>;
}

/** Fire-and-forget messages to every process on the same database (PostgreSQL LISTEN/NOTIFY). */
export interface Broadcast {
  publish(channel: string, payload: string): Promise<void>;
  /** Starts listening; the returned function stops. */
  subscribe(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded store is used. */
  databaseUrl?: string;
  /** Directory of the embedded store. */
  dataDir: string;
  /** Connection pool size for PostgreSQL. */
  poolSize?: number;
  /** Size of PostgreSQL's separate pool for background work (default 2: one job worker, one analysis worker). */
  backgroundPoolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./drivers/postgres.ts');
    return openPostgres(options.databaseUrl, options.poolSize ?? 20, options.backgroundPoolSize ?? 2);
  }
  const { openPglite } = await import('./drivers/pglite.ts');
  return openPglite(options.dataDir);
}

/** Rows of a raw query, whichever driver ran it (both put them in `.rows`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
