import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { migrate } from '../migrate.ts';
import * as schema from '../schema.ts';
import type { Database, Db } from '../database.ts';

export async function openPostgres(databaseUrl: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'hearken' });
  // An idle client losing its connection must not take the process down.
  pool.on('error', () => undefined);
  try {
    await migrate(async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await work({
          exec: async (sql) => void (await client.query(sql)),
          query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
        });
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    location: redact(databaseUrl),
    db,
    close: () => pool.end(),
  };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}
