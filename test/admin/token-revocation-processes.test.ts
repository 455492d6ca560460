import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTenant } from '../../src/services/tenants/create-tenant.ts';
import type { Database } from '../../src/store/database.ts';

/*
 * Two server processes on one PostgreSQL database, as in production: each caches the tokens it has
 * seen for a few seconds, so a revocation made through one must reach the other's cache at once.
 * Only PostgreSQL has several processes (the embedded store admits one), so this runs with DATABASE_URL.
 * Each "process" loads the server's modules afresh, so they share no module state, as real ones.
 */
describe.skipIf(!process.env.DATABASE_URL)('a token revoked through one server process', () => {
  const databases: Database[] = [];
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      vi.resetModules();
      const { buildApp } = await import('../../src/http/app.ts');
      const { openDatabase } = await import('../../src/store/database.ts');
      const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, dataDir: '', poolSize: 4 });
      databases.push(database);
      apps.push(await buildApp({ database }));
    }
  }, 60_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const database of databases) await database.close();
  });

  it('is refused by the other process at once, not when its cache expires', async () => {
    const [first, second] = apps as [FastifyInstance, FastifyInstance];
    const org = await createTenant(databases[0]!.db, { slug: `t-${randomUUID().slice(0, 8)}`, name: 'Two processes' });
    const as = (app: FastifyInstance, token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, payload });

    const { id, token } = (await as(first, org.token, 'POST', '/tokens', { name: 'Dialer', role: 'agent' })).json() as {
      id: string;
      token: string;
    };
    // The second process has seen the token, so it holds it in its cache.
    expect((await as(second, token, 'GET', '/cases')).statusCode).toBe(200);

    expect((await as(first, org.token, 'POST', `/tokens/${id}/revoke`)).statusCode).toBe(200);
    expect((await as(first, token, 'GET', '/cases')).statusCode).toBe(401);
    // The notice travels by LISTEN/NOTIFY: allow it a moment, far less than the 10 s the cache keeps a token.
    const deadline = Date.now() + 2_000;
    let status = 200;
    while (Date.now() < deadline && status !== 401) {
      status = (await as(second, token, 'GET', '/cases')).statusCode;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(401);
  });
});
