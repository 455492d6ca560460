import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTenant } from '../../src/services/tenants/create-tenant.ts';
import { rowsOf, type Database } from '../../src/store/database.ts';
import { readTableStats, runUpkeep, upkeepDue } from '../../src/store/upkeep.ts';
import { openTestDatabase } from '../helpers/test-app.ts';

let database: Database;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
});
afterAll(() => cleanup());

const plannedRows = async (query: ReturnType<typeof sql>) => {
  const plan = rowsOf<{ 'QUERY PLAN': string }>(await database.db.execute(sql`EXPLAIN ${query}`));
  return Number(/rows=(\d+)/.exec(plan[0]!['QUERY PLAN'])![1]);
};

it('teaches the planner how big a freshly loaded table is, so joins are planned for real sizes', async () => {
  const { tenant } = await createTenant(database.db, { slug: `upkeep-${Date.now().toString(36)}` });
  await database.db.execute(
    sql`INSERT INTO customers (tenant_id, name) SELECT ${tenant.id}, 'Customer ' || n FROM generate_series(1, 3000) n`,
  );
  await runUpkeep(database.db, upkeepDue(await readTableStats(database.db)));

  const estimate = await plannedRows(sql`SELECT * FROM customers WHERE tenant_id = ${tenant.id}`);
  // Within the sampling error of ANALYZE: the planner now expects thousands of rows, not one.
  expect(estimate).toBeGreaterThan(2000);
  expect(estimate).toBeLessThan(4500);
  // Measured once, nothing about customers is due again until a tenth of it changes.
  const due = upkeepDue(await readTableStats(database.db)).filter((s) => s.table === 'customers');
  if (database.kind === 'pglite') expect(due).toEqual([]);
});
