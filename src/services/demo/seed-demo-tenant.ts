import { AppError } from '../../errors.ts';
import { normalizeEmail } from '../../domain/identity.ts';
import type { Db } from '../../store/database.ts';
import { findIdentityOwners } from '../../store/repositories/customers.ts';
import { findUserByEmail } from '../../store/repositories/people.ts';
import { findTenantBySlug } from '../../store/repositories/tenants.ts';
import { scopeTo, type TenantScope } from '../../store/tenant-scope.ts';
import { createTenant } from '../tenants/create-tenant.ts';
import { backdateCases } from './backdate-cases.ts';
import { CustomerFactory } from './demo-customers.ts';
import { customerJourney } from './demo-journeys.ts';
import {
  createDemoPeople,
  demoLogins,
  finishDemoPeople,
  FINISHING_LOGIN,
  staffPlan,
  type DemoLogin,
} from './demo-people.ts';
import { installDemoTopicModel } from './demo-topic-model.ts';
import { demoPortalLogin, ensureDemoPortalLogin } from './demo-portal-login.ts';
import { playScripts } from './demo-script.ts';
import { DEMO_STORIES, storyIdentities } from './demo-stories.ts';
import { DemoRandom } from './random.ts';
import { launchDay } from './stories/launch-day.ts';

export const DEMO_SLUG = 'demo';
export const DEMO_TENANT_NAME = 'Lumen Mobile';
export const MAX_DEMO_CUSTOMERS = 200_000;

/** A fixed seed: the same settings and clock give the same customers and histories. */
const SEED = 20_080_711;
/** About a thousand contacts per ingest batch. */
const CUSTOMERS_PER_BATCH = 150;

export interface DemoLogins {
  tenant: { id: string; slug: string; name: string };
  /** The admin the CLI issues API tokens for. */
  adminUserId: string;
  logins: DemoLogin[];
  /** A story customer's portal login (role customer). */
  portalLogin: DemoLogin;
  /** The story customers, the first ones worth opening. */
  stories: { title: string; customerName: string; customerId: string }[];
}

export interface SeededDemo extends DemoLogins {
  counts: { customers: number; contacts: number; cases: number };
  seconds: number;
}

export interface SeedOptions {
  customers: number;
  now?: Date | undefined;
  slug?: string | undefined;
  onProgress?: ((fraction: number, label: string) => void) | undefined;
}

/**
 * Creates the demo organisation: Lumen Mobile, a fictional mobile operator, with its teams and
 * staff, the five story customers and `customers` generated ones with months of history, all
 * through the same services a live tenant uses. A slug that is taken is refused.
 *
 * Not one transaction: thousands of nested service transactions inside one outer transaction
 * made PostgreSQL several times slower. Instead the last login is created last, and
 * findDemoTenant tells an interrupted seed from a finished one.
 */
export async function seedDemoTenant(db: Db, options: SeedOptions): Promise<SeededDemo> {
  if (!Number.isInteger(options.customers) || options.customers < 1 || options.customers > MAX_DEMO_CUSTOMERS) {
    throw new AppError('validation_failed', `customers must be a whole number from 1 to ${MAX_DEMO_CUSTOMERS}`);
  }
  const started = Date.now();
  const now = options.now ?? new Date();
  const progress = options.onProgress ?? (() => undefined);
  const admin = staffPlan('admin');

  const created = await createTenant(db, {
    slug: options.slug ?? DEMO_SLUG,
    name: DEMO_TENANT_NAME,
    adminEmail: admin.email,
    adminPassword: admin.password!,
  });
  const scope = scopeTo(db, created.tenant.id);
  const adminUser = await findUserByEmail(scope, admin.email);
  const staff = await createDemoPeople(scope, adminUser!.id);
  await installDemoTopicModel(scope, now);

  // Stories first, so that their cases carry the lowest, easiest references (C-1, C-2, …).
  const stories = await playScripts(
    scope,
    staff,
    DEMO_STORIES.map((story) => story.script(now)),
    now,
  );
  const counts = { customers: DEMO_STORIES.length, contacts: stories.contacts, cases: stories.cases };

  const random = new DemoRandom(SEED);
  const factory = new CustomerFactory(random, storyIdentities());
  const settings = { random, now, launchDay: launchDay(now) };
  for (let done = 0; done < options.customers;) {
    const size = Math.min(CUSTOMERS_PER_BATCH, options.customers - done);
    const scripts = Array.from({ length: size }, () => customerJourney(settings, factory.next()));
    const played = await playScripts(scope, staff, scripts, now);
    done += size;
    counts.customers += size;
    counts.contacts += played.contacts;
    counts.cases += played.cases;
    progress(
      done / options.customers,
      `${done} of ${options.customers} customers, ${counts.contacts} contacts, ${counts.cases} cases`,
    );
  }
  await backdateCases(scope);
  await ensureDemoPortalLogin(scope);
  await finishDemoPeople(scope);

  return {
    tenant: created.tenant,
    adminUserId: adminUser!.id,
    logins: demoLogins(),
    portalLogin: demoPortalLogin(),
    stories: DEMO_STORIES.map((story, i) => ({
      title: story.title,
      customerName: story.profile.name,
      customerId: stories.customerIds[i]!,
    })),
    counts,
    seconds: (Date.now() - started) / 1000,
  };
}

/** The demo organisation as an earlier seed left it, or undefined when there is none. */
export async function findDemoTenant(db: Db, slug = DEMO_SLUG): Promise<DemoLogins | undefined> {
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) return undefined;
  const scope = scopeTo(db, tenant.id);
  const admin = await findUserByEmail(scope, staffPlan('admin').email);
  if (!admin) {
    throw new AppError(
      'conflict',
      `The organisation "${slug}" in this store was not made by hearken demo; use another --data-dir or DATABASE_URL`,
    );
  }
  if (!(await findUserByEmail(scope, staffPlan(FINISHING_LOGIN).email))) {
    throw new AppError(
      'conflict',
      `The demo organisation "${slug}" in this store is incomplete: its seeding was interrupted. Start again with an empty --data-dir (or another DATABASE_URL)`,
    );
  }
  // A demo seeded before portal logins existed gets its customer login now.
  await ensureDemoPortalLogin(scope);
  return {
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    adminUserId: admin.id,
    logins: demoLogins(),
    portalLogin: demoPortalLogin(),
    stories: await storyCustomers(scope),
  };
}

async function storyCustomers(scope: TenantScope): Promise<DemoLogins['stories']> {
  const found: DemoLogins['stories'] = [];
  for (const story of DEMO_STORIES) {
    const email = normalizeEmail(story.profile.email ?? '');
    const [owner] = email.ok ? await findIdentityOwners(scope, [email.identity]) : [];
    if (owner) found.push({ title: story.title, customerName: story.profile.name, customerId: owner.customerId });
  }
  return found;
}
