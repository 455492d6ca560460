import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { migrate } from '../migrate.ts';
import * as schema from '../schema.ts';
import type { Database, Db } from '../database.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

export async function openPglite(dataDir: string): Promise<Database> {
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true });
  // PGlite is single-process: two processes on one directory would corrupt it.
  const lock = acquireDataDirLock(dir);
  let client: PGlite | undefined;
  try {
    client = await PGlite.create(join(dir, 'pgdata'), { extensions: { pg_trgm } });
    const pglite = client;
    await migrate((work) =>
      pglite.transaction(async (tx) => {
        await work({
          exec: async (sql) => void (await tx.exec(sql)),
          query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows,
        });
      }),
    );
  } catch (error) {
    await client?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  const pglite = client;
  return {
    kind: 'pglite',
    location: dir,
    db,
    backgroundDb: db,
    close: async () => {
      await pglite.close();
      lock.release();
    },
  };
}
