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
import type { Database } from '../../src/store/database.ts';
import { scopeTo, type TenantScope } from '../../src/store/tenant-scope.ts';
import { openTestDatabase } from '../helpers/test-app.ts';

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
