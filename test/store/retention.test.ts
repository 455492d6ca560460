import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTenant } from '../../src/services/tenants/create-tenant.ts';
import { rowsOf, type Database } from '../../src/store/database.ts';
import { forgetExpired } from '../../src/store/retention.ts';
import { openTestDatabase } from '../helpers/test-app.ts';

let database: Database;
let cleanup: () => Promise<void>;
let tenantId: string;
let userId: string;

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  const created = await createTenant(database.db, { slug: `keep-${Date.now().toString(36)}` });
  tenantId = created.tenant.id;
  const users = await database.db.execute(sql`SELECT id FROM users WHERE tenant_id = ${tenantId} LIMIT 1`);
  userId = rowsOf<{ id: string }>(users)[0]!.id;
});
afterAll(() => cleanup());

const count = async (query: ReturnType<typeof sql>) =>
  rowsOf<{ n: number }>(await database.db.execute(query)).map((row) => Number(row.n))[0]!;
const ago = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();

it('forgets wrong-password counts a day old, ended sessions and week-old finished jobs, keeping what still counts', async () => {
  const db = database.db;
  // 1,500 made-up addresses tried two days ago: more than one batch.
  await db.execute(sql`
    INSERT INTO login_failures (tenant_id, email, failures, last_failed_at)
    SELECT ${tenantId}, 'guess' || n || '@example.org', 1, ${ago(48)}::timestamptz FROM generate_series(1, 1500) n`);
  await db.execute(sql`
    INSERT INTO login_failures (tenant_id, email, failures, last_failed_at, locked_until) VALUES
      (${tenantId}, 'recent@example.org', 3, ${ago(1)}::timestamptz, NULL),
      (${tenantId}, 'still-locked@example.org', 30, ${ago(48)}::timestamptz, ${ago(-2)}::timestamptz)`);
  await db.execute(sql`
    INSERT INTO sessions (token_hash, tenant_id, user_id, expires_at) VALUES
      (${`ended-${tenantId}`}, ${tenantId}, ${userId}, ${ago(1)}::timestamptz),
      (${`live-${tenantId}`}, ${tenantId}, ${userId}, ${ago(-8)}::timestamptz)`);
  await db.execute(sql`
    INSERT INTO jobs (tenant_id, kind, run_at, status, finished_at, last_error) VALUES
      (${tenantId}, 'retention.test', now(), 'done', ${ago(8 * 24)}::timestamptz, NULL),
      (${tenantId}, 'retention.test', now(), 'cancelled', ${ago(8 * 24)}::timestamptz, NULL),
      (${tenantId}, 'retention.test', now(), 'done', ${ago(24)}::timestamptz, NULL),
      (${tenantId}, 'retention.test', now(), 'failed', ${ago(8 * 24)}::timestamptz, 'gateway refused')`);

  const forgotten = await forgetExpired(db);
  expect(forgotten['login failures']).toBeGreaterThanOrEqual(1500);
  expect(forgotten['sessions']).toBeGreaterThanOrEqual(1);
  expect(forgotten['finished jobs']).toBeGreaterThanOrEqual(2);

  const left = await db.execute(sql`SELECT email FROM login_failures WHERE tenant_id = ${tenantId} ORDER BY email`);
  expect(rowsOf<{ email: string }>(left).map((row) => row.email)).toEqual([
    'recent@example.org',
    'still-locked@example.org',
  ]);
  expect(await count(sql`SELECT count(*) AS n FROM sessions WHERE tenant_id = ${tenantId}`)).toBe(1);
  const jobs = await db.execute(
    sql`SELECT status FROM jobs WHERE tenant_id = ${tenantId} AND kind = 'retention.test' ORDER BY status`,
  );
  expect(rowsOf<{ status: string }>(jobs).map((row) => row.status)).toEqual(['done', 'failed']);

  // Nothing left to forget: a second round deletes none of this organisation's rows.
  await forgetExpired(db);
  expect(await count(sql`SELECT count(*) AS n FROM login_failures WHERE tenant_id = ${tenantId}`)).toBe(2);
});
