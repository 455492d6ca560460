/** Fresh stores for a benchmark run, and the HTTP server under test. */
import type { FastifyInstance } from 'fastify';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/http/app.ts';
import { openDatabase, rowsOf, type Database } from '../src/store/database.ts';
import { sql } from 'drizzle-orm';

export type Driver = 'pglite' | 'postgres';

export interface BenchStore {
  driver: Driver;
  database: Database;
  /** Database name (postgres) or data directory (pglite). */
  where: string;
  /** Size on disk in bytes, for the report. */
  size(): Promise<number>;
  /** Closes the store and, unless `keep`, drops the database / deletes the directory. */
  close(keep: boolean): Promise<void>;
}

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function timestampTag(): string {
  return new Date().toISOString().replace(/[-:T]/g, '').replace(/\..*$/, '');
}

/** A new database `hearken_bench_<timestamp>_<pid>` on the server of `adminUrl`. */
export async function openPostgresStore(adminUrl: string, poolSize: number): Promise<BenchStore> {
  // The pid keeps two runs started in the same second apart.
  const name = `hearken_bench_${timestampTag()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize });
  } catch (error) {
    await dropPostgres(adminUrl, name);
    throw error;
  }
  return {
    driver: 'postgres',
    database,
    where: `database ${name}`,
    size: async () =>
      Number(
        rowsOf<{ size: string }>(
          await database.db.execute(sql`SELECT pg_database_size(current_database()) AS size`),
        )[0]!.size,
      ),
    close: async (keep) => {
      await database.close();
      if (!keep) await dropPostgres(adminUrl, name);
    },
  };
}

async function dropPostgres(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** A new embedded store in a temporary directory. */
export async function openPgliteStore(): Promise<BenchStore> {
  const dir = await mkdtemp(join(tmpdir(), 'hearken-bench-pglite-'));
  let database: Database;
  try {
    database = await openDatabase({ dataDir: dir });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    driver: 'pglite',
    database,
    where: `directory ${dir}`,
    size: async () => {
      try {
        return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
      } catch {
        return Number.NaN;
      }
    },
    close: async (keep) => {
      await database.close();
      if (!keep) await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface BenchServer {
  app: FastifyInstance;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real HTTP server (same app as `hearken serve`) on a free loopback port. */
export async function startBenchServer(database: Database): Promise<BenchServer> {
  const app = await buildApp({ database, logger: { level: 'warn' } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('server has no address');
  return { app, baseUrl: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/** Server settings worth knowing when reading PostgreSQL numbers. */
export async function postgresSettings(database: Database): Promise<Record<string, string>> {
  if (database.kind !== 'postgres') return {};
  const result = await database.db.execute(sql`
    SELECT name, setting || coalesce(unit, '') AS value FROM pg_settings
    WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'maintenance_work_mem', 'effective_cache_size',
                   'synchronous_commit', 'max_wal_size', 'random_page_cost', 'jit', 'max_connections')`);
  return Object.fromEntries(rowsOf<{ name: string; value: string }>(result).map((r) => [r.name, r.value]));
}
