import { serverSettings, type ServerSettings } from '../config.ts';
import { AppError } from '../errors.ts';
import { createApiToken } from '../services/people/manage-people.ts';
import {
  findDemoTenant,
  MAX_DEMO_CUSTOMERS,
  seedDemoTenant,
  type DemoLogins,
} from '../services/demo/seed-demo-tenant.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { scopeTo } from '../store/tenant-scope.ts';
import { analyseAllTables } from '../store/upkeep.ts';
import { progressPrinter } from './progress.ts';
import { startServer } from './serve.ts';
import { ensureWebAppBuilt } from './web-build.ts';

export function parseCustomerCount(raw: string): number {
  const count = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_DEMO_CUSTOMERS) {
    throw new AppError(
      'bad_request',
      `--customers must be a whole number from 1 to ${MAX_DEMO_CUSTOMERS}, not "${raw}"`,
    );
  }
  return count;
}

/**
 * The demo's server settings: request logs off unless HEARKEN_LOG_LEVEL asks for them (and then
 * as short lines on a terminal), and outgoing mail caught for the outbox unless a relay is set.
 */
export function demoSettings(
  flags: Parameters<typeof serverSettings>[0],
  env: NodeJS.ProcessEnv = process.env,
  terminal = process.stderr.isTTY === true,
): ServerSettings {
  const settings = serverSettings(flags, env);
  return {
    ...settings,
    logLevel: env.HEARKEN_LOG_LEVEL ?? 'warn',
    prettyLogs: terminal,
    catchMail: settings.smtpRelayUrl === null,
    // The demo's logins are printed for anyone, and the screens bench signs the same person in
    // hundreds of times a minute from one address: far looser rate limits unless asked otherwise.
    // Wrong passwords still lock an account as in `serve`.
    loginLimits: {
      ...settings.loginLimits,
      perAccountClientMax: env.HEARKEN_LOGIN_RATE_LIMIT ? settings.loginLimits.perAccountClientMax : 1000,
      perClientMax: env.HEARKEN_LOGIN_CLIENT_RATE_LIMIT ? settings.loginLimits.perClientMax : 5000,
    },
  };
}

/** Serves Hearken with the demo organisation, seeding it on the first start and reusing it after. */
export async function demoCommand(flags: {
  port?: string;
  host?: string;
  customers: string;
  dataDir?: string;
  smtpPort?: string;
}): Promise<void> {
  const customers = parseCustomerCount(flags.customers);
  const settings = demoSettings(flags);
  const where = settings.databaseUrl ? 'PostgreSQL' : settings.dataDir;
  process.stderr.write(`Hearken demo: opening the store (${where})…\n`);
  const progress = progressPrinter();
  progress.update(0, 'Opening the store');
  // The web app builds (when its build is missing or stale) while the store opens and seeds.
  let built = false;
  const building = ensureWebAppBuilt()
    .catch(() => 'failed' as const)
    .finally(() => (built = true));
  const database = await openDatabase(settings);
  let prepared: { demo: DemoLogins; summary: string; seededIn: number | null };
  try {
    prepared = await prepareDemo(database, customers, progress);
  } catch (error) {
    progress.done();
    await database.close();
    throw error;
  }
  if (!built) progress.update(0.96, 'Building the web app');
  await building;
  progress.update(0.98, 'Starting the server');
  // Seed before serving: with the server up, its job worker would compete with the seed for
  // the embedded store and act on cases that are still being written.
  await startServer(
    settings,
    async (server) => {
      progress.done();
      // Tokens are stored hashed, so the only way to print one is to issue a fresh one.
      const { token } = await createApiToken(scopeTo(server.database.db, prepared.demo.tenant.id), {
        name: `hearken demo ${new Date().toISOString()}`,
        role: 'admin',
        userId: prepared.demo.adminUserId,
      });
      if (prepared.seededIn !== null) process.stderr.write(`Seeded in ${prepared.seededIn.toFixed(1)} s.\n`);
      process.stdout.write(
        describeDemo({
          demo: prepared.demo,
          summary: prepared.summary,
          url: server.url,
          token,
          store: `${server.database.kind} (${server.database.location})`,
          smtpPort: server.mail?.port ?? null,
          catchesMail: settings.catchMail,
          logLevel: settings.logLevel,
        }),
      );
    },
    database,
  );
}

async function prepareDemo(
  database: Database,
  customers: number,
  progress: ReturnType<typeof progressPrinter>,
): Promise<{ demo: DemoLogins; summary: string; seededIn: number | null }> {
  const existing = await findDemoTenant(database.db);
  if (existing)
    return {
      demo: existing,
      summary: 'seeded by an earlier start (--customers applies only to a new store)',
      seededIn: null,
    };
  progress.update(0.05, `Seeding Lumen Mobile with ${customers.toLocaleString('en-GB')} customers and their history`);
  const seeded = await seedDemoTenant(database.db, {
    customers,
    onProgress: (fraction, label) => progress.update(0.05 + fraction * 0.9, label),
  });
  progress.update(0.96, 'Measuring the store for the query planner');
  await analyseAllTables(database.db);
  const { counts } = seeded;
  const n = (value: number) => value.toLocaleString('en-GB');
  return {
    demo: seeded,
    summary: `${n(counts.customers)} customers, ${n(counts.contacts)} contacts, ${n(counts.cases)} cases`,
    seededIn: seeded.seconds,
  };
}

/** A table: each column as wide as its widest cell. */
function table(rows: string[][], indent = '  '): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map(
    (r) => indent + r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('   '),
  );
}

export function describeDemo(input: {
  demo: DemoLogins;
  summary: string;
  url: string;
  token: string;
  store: string;
  smtpPort: number | null;
  catchesMail: boolean;
  logLevel: string;
}): string {
  const { demo, url, token } = input;
  const slug = demo.tenant.slug;
  const logins = [...demo.logins, demo.portalLogin];
  const lines = [
    '',
    `  Hearken is ready: ${url}/signin?organisation=${slug}`,
    '',
    `  ${demo.tenant.name} (organisation "${slug}"): ${input.summary}`,
    `  Store: ${input.store}`,
    '',
    '  Sign in as',
    ...table(
      [
        ['role', 'email', 'password', 'who'],
        ...logins.map((l) => [
          l.role,
          l.email,
          l.password,
          l.role === 'customer'
            ? `${l.name}, on the portal ${url}/portal/${slug}`
            : l.team
              ? `${l.name}, ${l.team}`
              : l.name,
        ]),
      ],
      '    ',
    ),
    '',
    '  Start with these customers',
    ...table(
      demo.stories.map((s) => [s.customerName, `${url}/work/customers/${s.customerId}`, s.title]),
      '    ',
    ),
    '',
    input.catchesMail
      ? `  Mail: replies are caught here, not sent (no HEARKEN_SMTP_RELAY); read them in the outbox: ${url}/outbox`
      : '  Mail: replies go out through HEARKEN_SMTP_RELAY; the outbox lists them: ' + `${url}/outbox`,
    input.smtpPort === null
      ? `        add --smtp-port 2525 to receive mail sent to ${slug}@<any domain>`
      : `        send mail to ${slug}@<any domain> through SMTP on port ${input.smtpPort}`,
    `  Chat widget, on any web page: <script src="${url}/widget.js" data-organisation="${slug}" async></script>`,
    `  API: ${url}/api/docs   admin token (a new one each start): ${token}`,
    `       curl -H "Authorization: Bearer ${token}" "${url}/api/v1/search?q=roaming"`,
    '',
    input.logLevel === 'warn'
      ? '  Request logs are off (HEARKEN_LOG_LEVEL=info shows them). Ctrl+C stops the server.'
      : `  Logging at ${input.logLevel} (HEARKEN_LOG_LEVEL). Ctrl+C stops the server.`,
    '',
  ];
  return lines.join('\n');
}
