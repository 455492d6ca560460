import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/services/actor.ts';
import { createCase } from '../../src/services/cases/create-case.ts';
import { offerCaseTransfer } from '../../src/services/cases/transfer-case.ts';
import { createUser } from '../../src/services/people/manage-people.ts';
import { ingestContacts } from '../../src/services/contacts/ingest-contacts.ts';
import { createTenant, type CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { findUserByEmail } from '../../src/store/repositories/people.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import { startCli } from '../helpers/cli.ts';
import { ownPostgresDatabase } from '../helpers/own-database.ts';

/**
 * Durable timers must survive a restart and, on PostgreSQL, fire once with two server
 * processes polling the same database.
 */
let databaseUrl: string | undefined;
let dropDatabase: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearken-timers-'));
  // A database of its own: the servers here run every due job, and other files leave plenty behind.
  ({ url: databaseUrl, drop: dropDatabase } = await ownPostgresDatabase('hearken_timers'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await dropDatabase();
});

const CASES = 8;

async function prepare(database: Database): Promise<{ tenant: CreatedTenant; caseIds: string[] }> {
  const tenant = await createTenant(database.db, { slug: `timers-${Date.now().toString(36)}` });
  const scope = scopeTo(database.db, tenant.tenant.id);
  const admin = (await findUserByEmail(scope, tenant.admin.email))!;
  const actor: Actor = { scope, role: 'admin', userId: admin.id, label: `user:${admin.id}` };
  const receiver = await createUser(scope, { email: 'receiver@timers.example', name: 'Receiver', role: 'agent' });
  // Offers made 15 minutes minus a few seconds ago expire a few seconds from now.
  const offeredAt = new Date(Date.now() - 15 * 60_000 + 4_000);
  const caseIds: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const [contact] = await ingestContacts(scope, [
      {
        channel: 'chat',
        direction: 'inbound',
        occurredAt: new Date(),
        externalId: null,
        identities: [{ kind: 'email', value: `timer${i}@example.com` }],
        customerName: null,
        subject: null,
        text: 'hi',
      },
    ]);
    const c = await createCase(actor, { customerId: contact!.customerId, subject: `Timer case ${i}` });
    await offerCaseTransfer(actor, c.id, { toUserId: receiver.id, note: 'please take over' }, offeredAt);
    caseIds.push(c.id);
  }
  return { tenant, caseIds };
}

async function expiredCounts(url: string, token: string, caseIds: string[]): Promise<number[]> {
  return Promise.all(
    caseIds.map(async (id) => {
      const res = await fetch(`${url}/api/v1/cases/${id}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { events: { kind: string }[] };
      return body.events.filter((e) => e.kind === 'transfer_expired').length;
    }),
  );
}

const serve = (dataDir: string) =>
  startCli(['serve', '--port', '0', '--data-dir', dataDir], /Hearken listening on (http:\/\/\S+)/, {
    env: {
      HEARKEN_JOB_POLL_MS: '100',
      HEARKEN_LOG_LEVEL: 'warn',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });

it(
  process.env.DATABASE_URL
    ? 'fires each timer once with two server processes, and not again after a restart'
    : 'fires each timer once after a restart of the embedded store',
  async () => {
    const dataDir = join(dir, 'data');
    const database = await openDatabase({ databaseUrl, dataDir });
    const { tenant, caseIds } = await prepare(database);
    // The embedded store must be let go before a server can open it: this is the restart.
    await database.close();

    const first = databaseUrl ? [serve(dataDir), serve(dataDir)] : [serve(dataDir)];
    let url = '';
    try {
      [, url] = (await first[0]!.started) as [string, string];
      await Promise.all(first.map((s) => s.started));
      const deadline = Date.now() + 30_000;
      let counts = await expiredCounts(url, tenant.token, caseIds);
      while (counts.some((n) => n === 0) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        counts = await expiredCounts(url, tenant.token, caseIds);
      }
      expect(counts).toEqual(caseIds.map(() => 1));
    } finally {
      await Promise.all(first.map((s) => s.stop()));
    }

    const again = serve(dataDir);
    try {
      const [, url2] = (await again.started) as [string, string];
      await new Promise((r) => setTimeout(r, 1000));
      expect(await expiredCounts(url2, tenant.token, caseIds)).toEqual(caseIds.map(() => 1));
    } finally {
      await again.stop();
    }
  },
  90_000,
);
