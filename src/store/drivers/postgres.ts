import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { migrate } from '../migrate.ts';
import * as schema from '../schema.ts';
import type { Broadcast, Database, Db } from '../database.ts';

export async function openPostgres(databaseUrl: string, poolSize: number, backgroundPoolSize = 2): Promise<Database> {
  const pool = openPool(databaseUrl, poolSize, 'hearken');
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
  // Background work gets connections of its own (opened when first used): requests never queue behind it.
  const backgroundPool = openPool(databaseUrl, backgroundPoolSize, 'hearken-background');
  const backgroundDb = drizzle(backgroundPool, { schema }) as unknown as Db;
  const broadcast = postgresBroadcast(pool, databaseUrl);
  return {
    kind: 'postgres',
    location: redact(databaseUrl),
    db,
    backgroundDb,
    broadcast,
    close: async () => {
      await broadcast.end();
      await backgroundPool.end();
      await pool.end();
    },
  };
}

function openPool(databaseUrl: string, max: number, name: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, application_name: name });
  // An idle client losing its connection must not take the process down.
  pool.on('error', () => undefined);
  // Nor one losing it mid-transaction (a failover, a killed backend): the query in flight fails
  // and its transaction rolls back; without a listener the client's error event would crash us.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/**
 * NOTIFY through the pool; LISTEN on one connection of its own, since a pooled connection goes
 * back to others between queries. A lost listening connection is opened again.
 */
function postgresBroadcast(pool: pg.Pool, databaseUrl: string): Broadcast & { end(): Promise<void> } {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let listener: Promise<pg.Client> | undefined;
  let ended = false;
  const connect = (): Promise<pg.Client> =>
    (listener ??= (async () => {
      const client = new pg.Client({ connectionString: databaseUrl, application_name: 'hearken-listen' });
      client.on('notification', (message) => {
        for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      client.on('error', () => {
        listener = undefined;
        if (!ended && handlers.size > 0) setTimeout(() => void resubscribe(), 1000);
      });
      await client.connect();
      return client;
    })());
  const listen = async (channel: string) => (await connect()).query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  const resubscribe = async () => {
    for (const channel of handlers.keys()) await listen(channel).catch(() => undefined);
  };
  return {
    publish: async (channel, payload) => void (await pool.query('SELECT pg_notify($1, $2)', [channel, payload])),
    subscribe: async (channel, handler) => {
      const known = handlers.get(channel) ?? new Set();
      handlers.set(channel, known.add(handler));
      await listen(channel);
      return async () => {
        known.delete(handler);
        if (known.size === 0) handlers.delete(channel);
      };
    },
    end: async () => {
      ended = true;
      const client = await listener?.catch(() => undefined);
      listener = undefined;
      await client?.end().catch(() => undefined);
    },
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
