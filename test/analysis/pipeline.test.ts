import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisWorker } from '../../src/jobs/analysis-worker.ts';
import { analyseQueuedContacts } from '../../src/services/analysis/analyse-contacts.ts';
import { openDatabase, rowsOf, type Database } from '../../src/store/database.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const analysisRows = async (contactIds: string[]) =>
  rowsOf<{ contactId: string; n: number }>(
    await t.database.db.execute(sql`
      SELECT contact_id AS "contactId", count(*)::int AS n FROM contact_analyses
      WHERE contact_id = ANY(${sql.param(contactIds)}::uuid[]) GROUP BY contact_id`),
  );
const queued = async (tenantId: string) =>
  rowsOf<{ n: number }>(
    await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM contact_analysis_queue WHERE tenant_id = ${tenantId}`,
    ),
  )[0]!.n;

async function customerWithContacts(count: number, text = (i: number) => `Question number ${i} about my bill`) {
  const tenant = await t.newTenant();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const contact = await postContact(t, tenant.token, {
      channel: 'email',
      customer: { email: `someone${i}@example.com` },
      text: text(i),
    });
    ids.push(contact.id);
  }
  return { tenant, ids };
}

describe('analysis pipeline', () => {
  it('analyses an ingested contact and shows the analysis on the timeline, redacted for analysts', async () => {
    const tenant = await t.newTenant();
    const contact = await postContact(t, tenant.token, {
      channel: 'email',
      customer: { email: 'angry@example.com', name: 'Ann Gry' },
      subject: 'Fed up',
      text: 'On hold for 30 minutes and nobody helps, I want to cancel my contract. Call me on 07700 900123 or pay back to card 4111 1111 1111 1111.',
    });
    const timeline = async (token: string) =>
      (await t.call(token, { method: 'GET', url: `/api/v1/customers/${contact.customerId}/timeline` })).json()
        .items as {
        id: string;
        text: string;
        analysis: {
          sentiment: string;
          sentimentScore: number;
          cues: { kind: string; words: string[] }[];
          modelVersion: string;
          insightScore: number;
          personalDataFound: string[];
        } | null;
      }[];
    expect((await timeline(tenant.token))[0]!.analysis).toBeNull();
    expect(await queued(tenant.tenant.id)).toBe(1);

    const worker = new AnalysisWorker(t.database.db, { tenantIds: [tenant.tenant.id] });
    expect(await worker.drain()).toBe(1);
    expect(await queued(tenant.tenant.id)).toBe(0);

    const [item] = await timeline(tenant.token);
    expect(item!.analysis).toMatchObject({ sentiment: 'negative', modelVersion: 'builtin-1' });
    expect(item!.analysis!.sentimentScore).toBeLessThan(-0.5);
    expect(item!.analysis!.cues).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'churn_intent', words: ['cancel my contract'] })]),
    );
    expect(item!.analysis!.insightScore).toBeGreaterThan(0.6);
    expect(item!.analysis!.personalDataFound.sort()).toEqual(['card', 'phone']);
    // The agent reads what the customer wrote…
    expect(item!.text).toContain('4111 1111 1111 1111');

    // …an analyst reads the analyst copy.
    const analyst = await t.call(tenant.token, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'rosa@example.org', name: 'Rosa', role: 'analyst' },
    });
    const token = (
      await t.call(tenant.token, {
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'analyst', role: 'analyst', userId: analyst.json().id },
      })
    ).json().token as string;
    const [seen] = await timeline(token);
    expect(seen!.text).not.toContain('4111');
    expect(seen!.text).not.toContain('900123');
    expect(seen!.text).toContain('[CARD]');
    expect(seen!.analysis!.sentiment).toBe('negative');
    const single = await t.call(token, { method: 'GET', url: `/api/v1/contacts/${contact.id}` });
    expect(single.json().text).toContain('[PHONE]');
    const found = (await t.call(token, { method: 'GET', url: '/api/v1/search?q=contract&types=contact' })).json()
      .results;
    expect(found).toHaveLength(1);
    expect(found[0].snippet).not.toContain('900123');
    expect(found[0].snippet).toContain('[PHONE]');
    const agentFound = (
      await t.call(tenant.token, { method: 'GET', url: '/api/v1/search?q=contract&types=contact' })
    ).json().results;
    expect(agentFound[0].snippet).toContain('07700 900123');
    const profile = (await t.call(token, { method: 'GET', url: `/api/v1/customers/${contact.customerId}` })).json();
    expect(profile).toMatchObject({
      name: 'Ann Gry',
      emails: ['[EMAIL]'],
      identities: [{ kind: 'email', value: '[EMAIL]' }],
    });
    // Files and chat transcripts are for roles that may read personal data.
    expect((await t.call(token, { method: 'GET', url: `/api/v1/contacts/${contact.id}/attachments` })).statusCode).toBe(
      403,
    );
  });

  it('analyses each contact once with several workers draining together, and not again when nothing changed', async () => {
    const { tenant, ids } = await customerWithContacts(30);
    const workers = Array.from(
      { length: 3 },
      () => new AnalysisWorker(t.database.db, { tenantIds: [tenant.tenant.id], batchSize: 4 }),
    );
    const counts = await Promise.all(workers.map((w) => w.drain()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    const rows = await analysisRows(ids);
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.n === 1)).toBe(true);

    // Queued again with the same text (an unrelated update): taken off the queue, not analysed again.
    await t.database.db.execute(
      sql`INSERT INTO contact_analysis_queue (contact_id, tenant_id) SELECT id, tenant_id FROM contacts WHERE tenant_id = ${tenant.tenant.id}`,
    );
    expect(await workers[0]!.drain()).toBe(0);
    expect(await queued(tenant.tenant.id)).toBe(0);
  });

  it("returns a crashed worker's batch to the queue whole, for another worker to analyse once", async () => {
    const { tenant, ids } = await customerWithContacts(10);
    const crash = analyseQueuedContacts(t.database.db, {
      tenantIds: [tenant.tenant.id],
      limit: 6,
      beforeCommit: async (analysed) => {
        expect(analysed).toHaveLength(6);
        throw new Error('worker died mid-batch');
      },
    });
    await expect(crash).rejects.toThrow('worker died mid-batch');
    expect(await analysisRows(ids)).toHaveLength(0);
    expect(await queued(tenant.tenant.id)).toBe(10);
    // The failed batch waits before it is tried again; a worker later on takes it.
    const later = new Date(Date.now() + 5 * 60_000);
    let analysed = 0;
    for (;;) {
      const batch = await analyseQueuedContacts(t.database.db, { tenantIds: [tenant.tenant.id], now: later });
      if (batch.claimed === 0) break;
      analysed += batch.analysed.length;
    }
    expect(analysed).toBe(10);
    expect((await analysisRows(ids)).map((r) => r.n)).toEqual(Array(10).fill(1));
  });

  it.runIf(process.env.DATABASE_URL)(
    'a worker whose connection is killed mid-batch loses nothing; another analyses its batch once',
    async () => {
      const { tenant, ids } = await customerWithContacts(12);
      const other: Database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, dataDir: '', poolSize: 2 });
      try {
        let reportPid!: (pid: number) => void;
        const pid = new Promise<number>((resolve) => (reportPid = resolve));
        const doomed = analyseQueuedContacts(other.db, {
          tenantIds: [tenant.tenant.id],
          limit: 8,
          beforeCommit: async (_analysed, tx) => {
            // Tell the test which server process holds the batch, then hang as a dying process would.
            reportPid(rowsOf<{ pid: number }>(await tx.execute(sql`SELECT pg_backend_pid() AS pid`))[0]!.pid);
            await tx.execute(sql`SELECT pg_sleep(60)`);
          },
        });
        doomed.catch(() => undefined);
        await pid;
        // While the batch is locked, another worker takes only the rest.
        const meanwhile = await analyseQueuedContacts(t.database.db, { tenantIds: [tenant.tenant.id] });
        expect(meanwhile.analysed).toHaveLength(4);
        await t.database.db.execute(sql`SELECT pg_terminate_backend(${await pid})`);
        // The killed transaction rolled back: its 8 are queued again, unlocked.
        let after = 0;
        for (let tries = 0; tries < 50 && after < 8; tries++) {
          after += (
            await analyseQueuedContacts(t.database.db, {
              tenantIds: [tenant.tenant.id],
              now: new Date(Date.now() + 3_600_000),
            })
          ).analysed.length;
          if (after < 8) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(after).toBe(8);
        expect((await analysisRows(ids)).map((r) => r.n)).toEqual(Array(12).fill(1));
      } finally {
        await other.close().catch(() => undefined);
      }
    },
  );
});
