import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContactSubmission, type AcceptedContact } from '../../src/domain/contact-input.ts';
import { ingestContacts } from '../../src/services/contacts/ingest-contacts.ts';
import { rowsOf } from '../../src/store/database.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/*
 * The database queues every stored contact for analysis, once per INSERT statement over the rows
 * it inserted (migration 0016), and keeps the queue consistent without foreign keys.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const queue = async (tenantId: string) =>
  rowsOf<{ contactId: string; priority: number }>(
    await t.database.db.execute(sql`
      SELECT contact_id AS "contactId", priority FROM contact_analysis_queue WHERE tenant_id = ${tenantId}`),
  );

function accepted(i: number, channel: string): AcceptedContact {
  const check = checkContactSubmission(
    {
      channel,
      direction: 'inbound',
      externalId: `queue-test-${i}`,
      customer: channel === 'email' ? { email: `person${i}@example.com` } : { phone: `+44 7700 900${100 + i}` },
      text: `Message ${i} about my bill`,
    },
    new Date(),
  );
  if (!check.ok) throw new Error(check.problems.join('; '));
  return check.contact;
}

describe('the analysis queue', () => {
  it('queues every contact of a bulk write, live channels first, and a repeat of the batch queues nothing again', async () => {
    const tenant = await t.newTenant();
    const scope = scopeTo(t.database.db, tenant.tenant.id);
    const channels = ['email', 'sms', 'chat', 'email', 'phone', 'sms'];
    const batch = channels.map((channel, i) => accepted(i, channel));
    const outcomes = await ingestContacts(scope, batch);
    const queued = await queue(tenant.tenant.id);
    expect(queued.map((q) => q.contactId).sort()).toEqual(outcomes.map((o) => o.id).sort());
    const priorityOf = new Map(queued.map((q) => [q.contactId, q.priority]));
    expect(outcomes.map((o) => priorityOf.get(o.id))).toEqual([0, 1, 1, 0, 0, 1]);

    // Analysed and gone from the queue: the same batch again stores nothing and queues nothing.
    await t.database.db.execute(sql`DELETE FROM contact_analysis_queue WHERE tenant_id = ${tenant.tenant.id}`);
    const again = await ingestContacts(scope, batch);
    expect(again.every((o) => o.status === 'duplicate')).toBe(true);
    expect(await queue(tenant.tenant.id)).toEqual([]);
  });

  it('lets a deleted contact leave the queue, and an organisation that is deleted takes its queue with it', async () => {
    const tenant = await t.newTenant();
    const scope = scopeTo(t.database.db, tenant.tenant.id);
    const [first, second] = await ingestContacts(scope, [accepted(1, 'email'), accepted(2, 'chat')]);
    await t.database.db.execute(sql`DELETE FROM contacts WHERE id = ${first!.id}`);
    expect((await queue(tenant.tenant.id)).map((q) => q.contactId)).toEqual([second!.id]);

    await t.database.db.execute(sql`DELETE FROM tenants WHERE id = ${tenant.tenant.id}`);
    expect(await queue(tenant.tenant.id)).toEqual([]);
  });
});
