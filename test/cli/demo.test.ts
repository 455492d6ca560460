import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCustomerCount } from '../../src/cli/demo.ts';
import { login } from '../../src/services/auth/sessions.ts';
import { findCases } from '../../src/services/cases/find-cases.ts';
import { customerProfile } from '../../src/services/customers/customer-profile.ts';
import { customerTimeline } from '../../src/services/customers/customer-timeline.ts';
import { CustomerFactory } from '../../src/services/demo/demo-customers.ts';
import { customerJourney } from '../../src/services/demo/demo-journeys.ts';
import { storyIdentities } from '../../src/services/demo/demo-stories.ts';
import { DemoRandom } from '../../src/services/demo/random.ts';
import { findDemoTenant, seedDemoTenant, type SeededDemo } from '../../src/services/demo/seed-demo-tenant.ts';
import { searchRecords } from '../../src/services/search/search-records.ts';
import { sql } from 'drizzle-orm';
import { createJobWorker } from '../../src/jobs/registry.ts';
import { channelRuntime } from '../../src/services/channels/outbound/channel-runtime.ts';
import { mailOutbox } from '../../src/services/channels/outbound/mail-outbox.ts';
import { replyToCase } from '../../src/services/channels/outbound/reply-to-case.ts';
import { queuePage } from '../../src/services/workspace/work-queues.ts';
import { rowsOf, type Database } from '../../src/store/database.ts';
import { scopeTo, type TenantScope } from '../../src/store/tenant-scope.ts';
import { openTestDatabase } from '../helpers/test-app.ts';
import type { Actor } from '../../src/services/actor.ts';
import { DEMO_VERIFICATION_DETAILS } from '../../src/services/demo/demo-verification.ts';
import { checkClaims } from '../../src/services/verification/check-claims.ts';
import { customerVerification } from '../../src/services/verification/customer-verification.ts';
import { startVerification } from '../../src/services/verification/start-verification.ts';

// On a shared PostgreSQL the slug "demo" may be taken by an earlier run: seed a slug of our own.
const slug = `demo-${randomUUID().slice(0, 8)}`;
let database: Database;
let cleanup: () => Promise<void>;
let demo: SeededDemo;
let scope: TenantScope;

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  demo = await seedDemoTenant(database.db, { customers: 60, slug });
  scope = scopeTo(database.db, demo.tenant.id);
});

afterAll(async () => {
  await cleanup();
});

const login_ = (email: string, password: string) => login(database.db, { tenant: slug, email, password });

async function timelineOf(customerName: string) {
  const story = demo.stories.find((s) => s.customerName === customerName);
  if (!story) throw new Error(`no story customer ${customerName}`);
  return (await customerTimeline(scope, story.customerId, { limit: 200 })).items;
}

const contactsOf = (items: Awaited<ReturnType<typeof timelineOf>>) =>
  items.flatMap((item) => (item.type === 'contact' ? [item] : []));

describe('hearken demo', () => {
  it('creates Lumen Mobile with the customers asked for, five story customers more, and a busy history', () => {
    expect(demo.tenant).toMatchObject({ slug, name: 'Lumen Mobile' });
    expect(demo.counts.customers).toBe(65);
    const perCustomer = demo.counts.contacts / demo.counts.customers;
    expect(perCustomer).toBeGreaterThanOrEqual(5);
    expect(perCustomer).toBeLessThanOrEqual(10);
    expect(demo.counts.cases).toBeGreaterThan(20);
  });

  it('lets every printed login sign in, with the role it was printed with', async () => {
    const roles = new Set(demo.logins.map((l) => l.role));
    expect([...roles].sort()).toEqual(['admin', 'agent', 'analyst', 'supervisor']);
    for (const entry of demo.logins) {
      expect(entry.password.length).toBeGreaterThanOrEqual(10);
      const session = await login(database.db, { tenant: slug, email: entry.email, password: entry.password });
      expect(session.user.role).toBe(entry.role);
    }
  });

  it('gives each story customer a timeline across several channels, with cases and internal notes', async () => {
    expect(demo.stories.map((s) => s.customerName)).toEqual([
      'Helen Carter',
      'Ruth Ellison',
      'Owen Pritchard',
      'Leo Fairweather',
      'Isobel Thornton',
    ]);
    for (const story of demo.stories) {
      const items = await timelineOf(story.customerName);
      const channels = new Set(contactsOf(items).map((c) => c.channel));
      expect(channels.size, story.customerName).toBeGreaterThanOrEqual(3);
      expect(
        items.some((i) => i.type === 'case_event' && i.kind === 'note'),
        story.customerName,
      ).toBe(true);
      expect(
        contactsOf(items).some((c) => c.caseNumber !== null),
        story.customerName,
      ).toBe(true);
    }
  });

  it('tells the security-check story: the record holds house number 10, she said 30, and the call was cut off', async () => {
    const helen = demo.stories.find((s) => s.customerName === 'Helen Carter')!;
    expect((await customerProfile(scope, helen.customerId)).address?.line1).toBe('10 Orchard Row');
    const texts = contactsOf(await timelineOf('Helen Carter')).map((c) => c.text);
    expect(
      texts.some((t) => t?.includes('30 Orchard Row') && t.includes('[Call disconnected during the transfer]')),
    ).toBe(true);
  });

  it('lets the security-check story be verified: 30 Orchard Row gives partial, and her verified mobile can take a code', async () => {
    const helen = demo.stories.find((s) => s.customerName === 'Helen Carter')!;
    const agent: Actor = { scope, role: 'agent', userId: null, label: 'token:agent' };
    expect(await customerVerification(scope, helen.customerId)).toMatchObject({
      locked: false,
      verifiableFields: ['name', 'dateOfBirth', 'address', 'postcode', 'pin', 'lastPayment', 'phoneLastDigits'],
      stepUpChannels: ['sms'],
    });
    const session = await startVerification(agent, helen.customerId, { channel: 'phone' });
    const answer = await checkClaims(agent, session.id, {
      name: 'Helen Carter',
      dateOfBirth: DEMO_VERIFICATION_DETAILS.dateOfBirth,
      address: { line1: '30 Orchard Row' },
      postcode: 'HG1 4QT',
    });
    expect(answer).toMatchObject({ result: 'partial', stepUpOffered: true });
  });

  it('shows the laptop customer spent 14 days, 7 calls and 6 chats', async () => {
    const contacts = contactsOf(await timelineOf('Owen Pritchard'));
    const calls = contacts.filter((c) => c.channel === 'phone');
    const chats = contacts.filter((c) => c.channel === 'chat');
    expect(calls).toHaveLength(7);
    expect(chats).toHaveLength(6);
    const times = [...calls, ...chats].map((c) => Date.parse(c.occurredAt));
    expect((Math.max(...times) - Math.min(...times)) / 86_400_000).toBeCloseTo(14, 0);
  });

  it('shows the customer who asked not to be called being called again and again', async () => {
    const contacts = contactsOf(await timelineOf('Ruth Ellison'));
    expect(
      contacts.filter((c) => c.channel === 'phone' && c.direction === 'outbound' && c.text?.includes('Brightline'))
        .length,
    ).toBeGreaterThanOrEqual(7);
    expect(contacts.some((c) => c.channel === 'sms' && c.direction === 'inbound' && c.text === 'STOP')).toBe(true);
  });

  it('leaves open and pending cases with owners, spread over the past months', async () => {
    const open = await findCases(scope, { status: ['new', 'open', 'pending'], limit: 100 });
    expect(open.items.length).toBeGreaterThan(3);
    expect(open.items.filter((c) => c.ownerId !== null).length).toBeGreaterThan(3);
    const closed = await findCases(scope, { status: ['closed'], limit: 100 });
    expect(closed.items.length).toBeGreaterThan(3);
    const oldest = Math.min(...closed.items.map((c) => Date.parse(c.createdAt)));
    expect((Date.now() - oldest) / 86_400_000).toBeGreaterThan(30);
  });

  it('leaves its history settled: no timer overdue, no escalation past its deadline', async () => {
    const due = await database.db.execute(sql`
      SELECT kind, count(*)::int AS n FROM jobs
      WHERE tenant_id = ${demo.tenant.id} AND status = 'pending' AND run_at <= now() GROUP BY kind`);
    expect(rowsOf(due)).toEqual([]);
    const overdue = await database.db.execute(sql`
      SELECT count(*)::int AS n FROM case_escalations
      WHERE tenant_id = ${demo.tenant.id} AND status = 'pending' AND deadline <= now()`);
    expect(rowsOf<{ n: number }>(overdue)[0]!.n).toBe(0);
    // Most escalations of the past were accepted in time.
    const decided = await database.db.execute(sql`
      SELECT count(*) FILTER (WHERE status = 'accepted' AND decided_at <= deadline)::int AS in_time, count(*)::int AS n
      FROM case_escalations WHERE tenant_id = ${demo.tenant.id} AND status <> 'pending'`);
    const { in_time, n } = rowsOf<{ in_time: number; n: number }>(decided)[0]!;
    expect(n).toBeGreaterThan(0);
    expect(in_time / n).toBeGreaterThan(0.8);
  });

  it('has a few escalations waiting today, due within hours, and a callback due now', async () => {
    const waiting = await database.db.execute(sql`
      SELECT deadline FROM case_escalations WHERE tenant_id = ${demo.tenant.id} AND status = 'pending'`);
    const deadlines = rowsOf<{ deadline: string }>(waiting).map((r) => Date.parse(r.deadline) - Date.now());
    expect(deadlines.length).toBeGreaterThanOrEqual(1);
    expect(deadlines.length).toBeLessThanOrEqual(8);
    for (const left of deadlines) {
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThan(3 * 3600_000);
    }
    const callbacks = await database.db.execute(sql`
      SELECT count(*)::int AS n FROM callbacks
      WHERE tenant_id = ${demo.tenant.id} AND status = 'booked' AND window_start <= now() AND window_end > now()`);
    expect(rowsOf<{ n: number }>(callbacks)[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('gives each agent a handful of recent cases, and SLA at risk holds only promises not yet broken', async () => {
    for (const login of demo.logins.filter((l) => l.role === 'agent')) {
      const session = await login_(login.email, login.password);
      const actor = { scope, role: session.user.role, userId: session.user.id, label: login.name };
      const mine = await queuePage(actor, 'mine', { limit: 50 });
      expect(mine.items.length, login.email).toBeLessThanOrEqual(10);
      for (const item of mine.items) {
        // Open cases are the recent ones: a desk that works has cleared its old matters.
        expect((Date.now() - Date.parse(item.updatedAt)) / 86_400_000, item.reference).toBeLessThan(30);
      }
      const atRisk = await queuePage(actor, 'sla-at-risk', { limit: 50 });
      for (const item of atRisk.items) expect(item.due?.state, item.reference).toBe('warning');
    }
  });

  it('says a customer has been with Lumen since their first contact', async () => {
    for (const story of demo.stories) {
      const profile = await customerProfile(scope, story.customerId);
      const first = Math.min(...contactsOf(await timelineOf(story.customerName)).map((c) => Date.parse(c.occurredAt)));
      expect(Date.parse(profile.createdAt), story.customerName).toBe(first);
    }
  });

  it("catches the demo's own mail: an email reply is in the outbox, not failed for want of a relay", async () => {
    const found = await database.db.execute(sql`
      SELECT k.case_id FROM contacts k JOIN cases c ON c.id = k.case_id
      WHERE k.tenant_id = ${demo.tenant.id} AND k.channel = 'email' AND k.direction = 'inbound' AND c.status <> 'closed'
      LIMIT 1`);
    const caseId = rowsOf<{ case_id: string }>(found)[0]!.case_id;
    const runtime = channelRuntime({ catchMail: true });
    const admin = { scope, role: 'admin' as const, userId: demo.adminUserId, label: 'Administrator' };
    await replyToCase(admin, caseId, { text: 'Checking in: the refund is on its way.' }, runtime);
    await createJobWorker(database.db, { tenantIds: [demo.tenant.id], channels: runtime }).runDue();
    const outbox = await mailOutbox(scope, { limit: 5 });
    expect(outbox.items[0]).toMatchObject({ caseId, status: 'sent', deliveredTo: 'catcher' });
    expect(outbox.items[0]!.text).toContain('the refund is on its way');
  });

  it('answers a search for a common topic', async () => {
    const found = await searchRecords(scope, 'roaming', { limit: 10 });
    expect(found.results.length).toBeGreaterThan(0);
  });

  it('refuses to seed the same slug twice, and the first demo stays as it was', async () => {
    await expect(seedDemoTenant(database.db, { customers: 5, slug })).rejects.toMatchObject({ code: 'conflict' });
    const again = await findDemoTenant(database.db, slug);
    expect(again?.tenant.id).toBe(demo.tenant.id);
    expect(again?.stories).toEqual(demo.stories);
    expect(again?.adminUserId).toBe(demo.adminUserId);
  });

  it('finds no demo where none was seeded', async () => {
    expect(await findDemoTenant(database.db, `none-${randomUUID().slice(0, 8)}`)).toBeUndefined();
  });
});

describe('demo generation', () => {
  it('is reproducible: the same clock gives the same customers and histories', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const generate = () => {
      const random = new DemoRandom(7);
      const factory = new CustomerFactory(random, storyIdentities());
      return Array.from({ length: 20 }, () =>
        customerJourney({ random, now, launchDay: new Date('2026-02-09T08:00:00Z') }, factory.next()),
      );
    };
    expect(generate()).toEqual(generate());
  });

  it('gives nobody an identity that belongs to someone else', () => {
    const factory = new CustomerFactory(new DemoRandom(1), storyIdentities());
    const profiles = Array.from({ length: 3000 }, () => factory.next());
    const identities = profiles.flatMap((p) =>
      [p.email, p.phone, p.handle].filter((v): v is string => v !== null).map((v) => v.toLowerCase()),
    );
    expect(new Set(identities).size).toBe(identities.length);
    expect(profiles.every((p) => p.email !== null || p.phone !== null)).toBe(true);
    expect(identities).not.toContain('helen.carter@example.org');
  });
});

describe('--customers', () => {
  it('accepts a whole number from 1 to 200000', () => {
    expect(parseCustomerCount('3000')).toBe(3000);
    expect(parseCustomerCount('1')).toBe(1);
    expect(parseCustomerCount('200000')).toBe(200_000);
  });

  it.each(['0', '200001', 'abc', '1.5', '', '-3', '1e3'])('refuses %j with a clear message', (raw) => {
    expect(() => parseCustomerCount(raw)).toThrow(/--customers must be a whole number from 1 to 200000/);
  });
});
