import { AppError } from '../../errors.ts';
import { normalizeEmail } from '../../domain/identity.ts';
import type { Db } from '../../store/database.ts';
import { findIdentityOwners } from '../../store/repositories/customers.ts';
import { findUserByEmail } from '../../store/repositories/people.ts';
import { findTenantBySlug } from '../../store/repositories/tenants.ts';
import { scopeTo, type TenantScope } from '../../store/tenant-scope.ts';
import { createTenant } from '../tenants/create-tenant.ts';
import { backdateCases, backdateCustomers } from './backdate-cases.ts';
import { caseHistory, type HistoryContact } from './case-history.ts';
import { openTodaysWork } from './todays-work.ts';
import { playLiveCase } from './live-cases.ts';
import { handOverLiveCases, reserveCaseNumbers, writeCaseHistories } from './write-case-histories.ts';
import { loadCasePolicy, loadOrganisation, saveCasePolicy } from '../../store/repositories/organisation.ts';
import { loadSlaRules, type SlaRules } from '../sla/sla-rules.ts';
import { saveSlaPolicy } from '../../store/repositories/sla.ts';
import { defaultSlaPolicy, type SlaTargets } from '../../domain/sla/sla-policy.ts';
import { CASE_PRIORITIES, type CasePriority } from '../../domain/vocabulary.ts';
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
import { ensureDemoVerificationDetails } from './demo-verification.ts';
import { contactsOfCase, storeScriptContacts, type CustomerScript, type StoredScripts } from './demo-script.ts';
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
/** Settled cases written per transaction. */
const HISTORIES_PER_WRITE = 300;

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

/** Lumen's rules for owning cases: escalations accepted within two hours; effort thresholds a busy desk can live with. */
const DEMO_CASE_POLICY = { escalationAcceptMinutes: 120, effortThresholds: { contacts: 5, daysOpen: 14 } };

const HOUR = 60;
const DAY = 24 * HOUR;
/**
 * Lumen's SLA, around the clock: a first answer within a working day, news at least every two
 * days while it is being worked on, and most matters put right within a week.
 */
const DEMO_SLA: Record<CasePriority, SlaTargets> = {
  urgent: { firstResponseMinutes: 2 * HOUR, nextUpdateMinutes: 8 * HOUR, resolutionMinutes: DAY },
  high: { firstResponseMinutes: 8 * HOUR, nextUpdateMinutes: DAY, resolutionMinutes: 4 * DAY },
  normal: { firstResponseMinutes: DAY, nextUpdateMinutes: 2 * DAY, resolutionMinutes: 7 * DAY },
  low: { firstResponseMinutes: 2 * DAY, nextUpdateMinutes: 4 * DAY, resolutionMinutes: 14 * DAY },
};

/** Where the time of a seed goes, for the progress bar: each phase's share of the whole. */
const PHASES = { setup: 0.08, contacts: 0.62, history: 0.2, live: 0.1 } as const;

/**
 * Creates the demo organisation: Lumen Mobile, a fictional mobile operator, with its teams and
 * staff, the five story customers and `customers` generated ones with months of history, run
 * the way Hearken runs it: timers settled when they fell due, escalations accepted in time, a
 * few things still live today. A slug that is taken is refused.
 *
 * Contacts go through the same ingest a live tenant uses. Cases that ended before today are
 * worked out in memory (caseHistory) and written in bulk; the story customers' cases and the
 * cases still going on are played through the case services. Not one transaction: thousands
 * of nested service transactions inside one outer transaction made PostgreSQL several times
 * slower. Instead the last login is created last, and findDemoTenant tells an interrupted
 * seed from a finished one.
 */
export async function seedDemoTenant(db: Db, options: SeedOptions): Promise<SeededDemo> {
  if (!Number.isInteger(options.customers) || options.customers < 1 || options.customers > MAX_DEMO_CUSTOMERS) {
    throw new AppError('validation_failed', `customers must be a whole number from 1 to ${MAX_DEMO_CUSTOMERS}`);
  }
  const started = Date.now();
  const now = options.now ?? new Date();
  const progress = options.onProgress ?? (() => undefined);
  const admin = staffPlan('admin');

  progress(0, 'Creating Lumen Mobile: teams, staff and a topic model');
  const created = await createTenant(db, {
    slug: options.slug ?? DEMO_SLUG,
    name: DEMO_TENANT_NAME,
    adminEmail: admin.email,
    adminPassword: admin.password!,
  });
  const scope = scopeTo(db, created.tenant.id);
  await saveCasePolicy(scope, DEMO_CASE_POLICY);
  for (const priority of CASE_PRIORITIES) {
    // Stored directly: there are no cases yet for a policy change to track again.
    await saveSlaPolicy(scope, { ...defaultSlaPolicy(priority), targets: DEMO_SLA[priority] }, now);
  }
  const adminUser = await findUserByEmail(scope, admin.email);
  const staff = await createDemoPeople(scope, adminUser!.id);
  await installDemoTopicModel(scope, now);

  const random = new DemoRandom(SEED);
  const factory = new CustomerFactory(random, storyIdentities());
  const settings = { random, now, launchDay: launchDay(now) };
  const storyScripts = DEMO_STORIES.map((story) => story.script(now));
  const scripts = Array.from({ length: options.customers }, () => customerJourney(settings, factory.next()));
  const totalContacts = [...storyScripts, ...scripts].reduce((sum, s) => sum + s.contacts.length, 0);
  const counts = { customers: 0, contacts: 0, cases: 0 };
  progress(PHASES.setup, `${totalContacts.toLocaleString('en-GB')} contacts to store`);

  const storedStories = await storeScriptContacts(scope, storyScripts, now);
  const stored: { script: CustomerScript; customerId: string; contacts: HistoryContact[] }[] = [];
  const remember = (batch: CustomerScript[], result: StoredScripts) =>
    batch.forEach((script, i) =>
      stored.push({ script, customerId: result.customerIds[i]!, contacts: result.contacts[i]! }),
    );
  remember(storyScripts, storedStories);
  for (let done = 0; done < scripts.length;) {
    const batch = scripts.slice(done, done + CUSTOMERS_PER_BATCH);
    remember(batch, await storeScriptContacts(scope, batch, now));
    done += batch.length;
    const contacts = stored.reduce((sum, s) => sum + s.contacts.length, 0);
    progress(
      PHASES.setup + (PHASES.contacts * contacts) / totalContacts,
      `${done.toLocaleString('en-GB')} of ${options.customers.toLocaleString('en-GB')} customers, ${contacts.toLocaleString('en-GB')} contacts`,
    );
  }
  counts.customers = stored.length;
  counts.contacts = totalContacts;

  const context = { scope, staff, policy: await loadCasePolicy(scope), random: new DemoRandom(SEED + 1), now };
  // Stories first, so that their cases carry the lowest, easiest references (C-1, C-2, …).
  const storyCaseIds: string[] = [];
  for (const { script, customerId, contacts } of stored.slice(0, storyScripts.length)) {
    for (const plan of script.cases)
      storyCaseIds.push(await playLiveCase(context, customerId, contactsOfCase(plan, contacts), plan));
    counts.cases += script.cases.length;
  }
  const generated = stored
    .slice(storyScripts.length)
    .flatMap(({ script, customerId, contacts }) =>
      script.cases.map((plan) => ({ plan, customerId, contacts: contactsOfCase(plan, contacts) })),
    )
    .sort((a, b) => a.plan.openedAt.getTime() - b.plan.openedAt.getTime());

  progress(PHASES.setup + PHASES.contacts, `${generated.length.toLocaleString('en-GB')} cases`);
  const historyContext = {
    staff,
    org: await loadOrganisation(scope),
    policy: context.policy,
    rules: Object.fromEntries(
      await Promise.all(CASE_PRIORITIES.map(async (p) => [p, await loadSlaRules(scope, p)] as const)),
    ) as Record<CasePriority, SlaRules>,
    random: new DemoRandom(SEED + 2),
    now,
  };
  // Numbered in the order they were opened, after the stories' cases.
  const first = await reserveCaseNumbers(scope, generated.length);
  const histories = generated.map((c, i) => caseHistory(c, first + i, historyContext));
  for (let i = 0; i < histories.length; i += HISTORIES_PER_WRITE) {
    await writeCaseHistories(scope, histories.slice(i, i + HISTORIES_PER_WRITE));
    const written = Math.min(histories.length, i + HISTORIES_PER_WRITE);
    progress(
      PHASES.setup + PHASES.contacts + (PHASES.history * written) / histories.length,
      `${written.toLocaleString('en-GB')} of ${histories.length.toLocaleString('en-GB')} cases`,
    );
  }
  counts.cases += histories.length;
  const live = histories.filter((h) => h.status !== 'solved' && h.status !== 'closed');
  progress(PHASES.setup + PHASES.contacts + PHASES.history, `${live.length} cases still open today`);
  await handOverLiveCases(scope, live, context.policy.effortThresholds.daysOpen, now);
  // Today's work goes to the newest open cases first, then to the stories'.
  await openTodaysWork(context, [...storyCaseIds, ...live.map((h) => h.id)]);

  await backdateCases(scope);
  await backdateCustomers(scope);
  await ensureDemoPortalLogin(scope);
  await ensureDemoVerificationDetails(scope);
  await finishDemoPeople(scope);
  progress(
    1,
    `${counts.customers.toLocaleString('en-GB')} customers, ${counts.contacts.toLocaleString('en-GB')} contacts, ${counts.cases.toLocaleString('en-GB')} cases`,
  );

  return {
    tenant: created.tenant,
    adminUserId: adminUser!.id,
    logins: demoLogins(),
    portalLogin: demoPortalLogin(),
    stories: DEMO_STORIES.map((story, i) => ({
      title: story.title,
      customerName: story.profile.name,
      customerId: storedStories.customerIds[i]!,
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
  await ensureDemoVerificationDetails(scope);
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
