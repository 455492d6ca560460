import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/store/database.ts';
import { CUSTOMER_RECORD_TABLES } from '../../src/store/repositories/customer-merges.ts';
import { openTestDatabase } from '../helpers/test-app.ts';

let store: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  store = await openTestDatabase();
});
afterAll(() => store.cleanup());

const columns = async () =>
  rowsOf<{ table: string; column: string }>(
    await store.database.db.execute(sql`
      SELECT c.table_name AS table, c.column_name AS column FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = current_schema()`),
  );

describe('what a customer merge moves', () => {
  it('covers every table with a customer_id column: a new one must join CUSTOMER_RECORD_TABLES', async () => {
    const all = await columns();
    const withCustomer = all
      .filter((c) => c.column === 'customer_id')
      .map((c) => c.table)
      .sort();
    expect(CUSTOMER_RECORD_TABLES.map((t) => t.table).sort()).toEqual(withCustomer);
  });

  it('names the key columns, and a case_id for tables whose rows follow their case', async () => {
    const all = await columns();
    const has = (table: string, column: string) => all.some((c) => c.table === table && c.column === column);
    for (const records of CUSTOMER_RECORD_TABLES) {
      for (const [column] of records.key) expect(has(records.table, column), `${records.table}.${column}`).toBe(true);
      expect(has(records.table, 'case_id'), `${records.table}.case_id`).toBe(records.followsCase);
    }
  });
});
