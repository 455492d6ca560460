import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AcceptedContact } from '../../src/domain/contact-input.ts';
import { ingestContacts } from '../../src/services/contacts/ingest-contacts.ts';
import { createTenant } from '../../src/services/tenants/create-tenant.ts';
import { rowsOf, type Database } from '../../src/store/database.ts';
import { scopeTo, type TenantScope } from '../../src/store/tenant-scope.ts';
import { openTestDatabase } from '../helpers/test-app.ts';

let database: Database;
let cleanup: () => Promise<void>;
let scope: TenantScope;

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  const { tenant } = await createTenant(database.db, { slug: `atom-${Date.now().toString(36)}` });
  scope = scopeTo(database.db, tenant.id);
});
afterAll(() => cleanup());

const contact = (email: string, overrides: Partial<AcceptedContact> = {}): AcceptedContact => ({
  channel: 'email',
  direction: 'inbound',
  occurredAt: new Date('2026-11-01T10:00:00Z'),
  externalId: `ext-${email}`,
  identities: [{ kind: 'email', value: email }],
  customerName: null,
  subject: null,
  text: 'hello',
  ...overrides,
});

const count = async (table: 'contacts' | 'customers' | 'customer_identities') =>
  rowsOf<{ n: number }>(
    await database.db.execute(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE tenant_id = ${scope.tenantId}`,
    ),
  )[0]!.n;

it('stores a batch whole or not at all', async () => {
  const good = [contact('first@example.com'), contact('second@example.com')];
  // A row the database refuses (the rules would never let it through) must take the batch down with it.
  const broken = contact('third@example.com', { channel: 'carrier-pigeon' as never });
  await expect(ingestContacts(scope, [...good, broken])).rejects.toThrow();
  expect(await count('contacts')).toBe(0);
  expect(await count('customers')).toBe(0);
  expect(await count('customer_identities')).toBe(0);

  const outcomes = await ingestContacts(scope, good);
  expect(outcomes.map((o) => o.status)).toEqual(['created', 'created']);
  expect(await count('contacts')).toBe(2);
  expect(await count('customers')).toBe(2);
});

it('resolves one new customer for several rows of the same sender in one batch', async () => {
  const outcomes = await ingestContacts(scope, [
    contact('batch@example.com', { externalId: 'b1' }),
    contact('batch@example.com', {
      externalId: 'b2',
      identities: [
        { kind: 'email', value: 'batch@example.com' },
        { kind: 'phone', value: '+447700900999' },
      ],
    }),
    contact('x', { externalId: 'b3', identities: [{ kind: 'phone', value: '+447700900999' }] }),
    contact('batch@example.com', { externalId: 'b1' }),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['created', 'created', 'created', 'duplicate']);
  expect(new Set(outcomes.map((o) => o.customerId)).size).toBe(1);
  expect(outcomes[3]!.id).toBe(outcomes[0]!.id);
});
