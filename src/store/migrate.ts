import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** A connection inside one transaction, as the migration runner needs it. */
export interface MigrationSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export type RunInTransaction = (work: (session: MigrationSession) => Promise<void>) => Promise<void>;

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any constant will do; it only has to be the same for every Hearken process.
const MIGRATION_LOCK_KEY = 4_832_761;

export async function listMigrations(): Promise<{ version: string; sql: string }[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: file.replace(/\.sql$/, ''),
      sql: await readFile(MIGRATIONS_DIR + file, 'utf8'),
    })),
  );
}

/**
 * Applies pending migrations in order, each in its own transaction. The advisory lock makes
 * several server processes starting together take turns instead of racing on DDL.
 */
export async function migrate(runInTransaction: RunInTransaction): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of await listMigrations()) {
    await runInTransaction(async (session) => {
      await session.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await session.exec(
        'CREATE TABLE IF NOT EXISTS hearken_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = await session.query<{ version: string }>(
        'SELECT version FROM hearken_migrations WHERE version = $1',
        [migration.version],
      );
      if (done.length > 0) return;
      await session.exec(migration.sql);
      await session.query('INSERT INTO hearken_migrations (version) VALUES ($1)', [migration.version]);
      applied.push(migration.version);
    });
  }
  return applied;
}
