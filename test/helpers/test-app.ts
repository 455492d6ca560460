import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type AppOptions } from '../../src/http/app.ts';
import { createTenant, type CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';

/**
 * The store under test: the PostgreSQL server named by DATABASE_URL, or a fresh embedded
 * PGlite directory. One per test file (creating PGlite takes seconds); tests keep apart by
 * working in tenants of their own.
 */
export async function openTestDatabase(): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const database = await openDatabase({ databaseUrl, dataDir: '', poolSize: 8 });
    return { database, cleanup: () => database.close() };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'hearken-test-'));
  const database = await openDatabase({ dataDir });
  return {
    database,
    cleanup: async () => {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** A fresh organisation with its admin token. */
  newTenant(): Promise<CreatedTenant>;
  /** Calls the API as the holder of `token`. */
  call(token: string | undefined, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startTestApp(options: Omit<AppOptions, 'database'> = {}): Promise<TestApp> {
  const { database, cleanup } = await openTestDatabase();
  const app = await buildApp({ database, ...options });
  return {
    app,
    database,
    newTenant: () => createTenant(database.db, { slug: `t-${randomUUID().slice(0, 8)}`, name: 'Test Mobile' }),
    call: (token, opts) =>
      app.inject({ ...opts, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers } }),
    close: async () => {
      await app.close();
      await cleanup();
    },
  };
}

export interface ContactBody {
  channel: string;
  direction?: string;
  occurredAt?: string;
  externalId?: string;
  customer: { email?: string; phone?: string; handle?: string; name?: string };
  subject?: string;
  vendor?: string;
  text: string;
}

/** Records a contact through the API and returns the parsed answer. */
export async function postContact(t: TestApp, token: string, body: ContactBody) {
  const res = await t.call(token, {
    method: 'POST',
    url: '/api/v1/contacts',
    payload: { direction: 'inbound', ...body },
  });
  if (res.statusCode !== 201 && res.statusCode !== 200)
    throw new Error(`POST /contacts answered ${res.statusCode}: ${res.body}`);
  return res.json() as {
    id: string;
    customerId: string;
    duplicate: boolean;
    customerCreated: boolean;
    occurredAt: string;
  };
}
