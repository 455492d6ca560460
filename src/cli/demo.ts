import { serverSettings, type StoreSettings } from '../config.ts';
import { AppError } from '../errors.ts';
import { createApiToken } from '../services/people/manage-people.ts';
import {
  findDemoTenant,
  MAX_DEMO_CUSTOMERS,
  seedDemoTenant,
  type DemoLogins,
} from '../services/demo/seed-demo-tenant.ts';
import { openDatabase } from '../store/database.ts';
import { scopeTo } from '../store/tenant-scope.ts';
import { progressPrinter } from './progress.ts';
import { startServer } from './serve.ts';

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

/** Serves Hearken with the demo organisation, seeding it on the first start and reusing it after. */
export async function demoCommand(flags: {
  port?: string;
  host?: string;
  customers: string;
  dataDir?: string;
  smtpPort?: string;
}): Promise<void> {
  const customers = parseCustomerCount(flags.customers);
  const settings = serverSettings(flags);
  // Seed before serving: with the server up, its job worker would compete with the seed for
  // the embedded store (doubling the time) and act on cases that are still being written.
  const { demo, summary } = await prepareDemo(settings, customers);
  await startServer(settings, async (server) => {
    // Tokens are stored hashed, so the only way to print one is to issue a fresh one.
    const { token } = await createApiToken(scopeTo(server.database.db, demo.tenant.id), {
      name: `hearken demo ${new Date().toISOString()}`,
      role: 'admin',
      userId: demo.adminUserId,
    });
    process.stdout.write(`Hearken listening on ${server.url}\n`);
    process.stdout.write(`Store: ${server.database.kind} (${server.database.location})\n\n`);
    process.stdout.write(describeDemo(demo, summary, server.url, token));
    process.stdout.write(describeChannels(demo.tenant.slug, server.url, server.mail?.port ?? null));
  });
}

async function prepareDemo(settings: StoreSettings, customers: number): Promise<{ demo: DemoLogins; summary: string }> {
  const database = await openDatabase(settings);
  try {
    const existing = await findDemoTenant(database.db);
    if (existing)
      return { demo: existing, summary: 'seeded by an earlier start (--customers applies only to a new store)' };
    process.stderr.write(`Seeding the demo organisation with ${customers} customers and their history...\n`);
    const progress = progressPrinter();
    const seeded = await seedDemoTenant(database.db, {
      customers,
      onProgress: (fraction, label) => progress.update(fraction, label),
    });
    progress.done();
    const { counts } = seeded;
    process.stderr.write(`Seeded in ${seeded.seconds.toFixed(1)} s.\n`);
    return {
      demo: seeded,
      summary: `${counts.customers} customers, ${counts.contacts} contacts, ${counts.cases} cases`,
    };
  } finally {
    await database.close();
  }
}

/** Where to try the channels: the chat widget on any page, the portal, and mail when listening. */
function describeChannels(slug: string, url: string, smtpPort: number | null): string {
  return [
    '',
    'Channels:',
    `  chat widget, on any web page: <script src="${url}/widget.js" data-organisation="${slug}" async></script>`,
    `  customer portal: ${url}/portal/${slug}`,
    smtpPort === null
      ? `  mail: add --smtp-port 2525 to receive mail sent to ${slug}@<any domain>`
      : `  mail: send to ${slug}@<any domain> through SMTP on port ${smtpPort}`,
    '',
  ].join('\n');
}

function describeDemo(demo: DemoLogins, summary: string, url: string, token: string): string {
  const logins = [...demo.logins, demo.portalLogin];
  const width = Math.max(...logins.map((l) => l.email.length));
  const lines = [
    `Demo organisation: ${demo.tenant.name} (slug "${demo.tenant.slug}"), ${summary}`,
    `Open ${url}/signin?organisation=${demo.tenant.slug}  (API documentation: ${url}/api/docs)`,
    '',
    `Logins (organisation "${demo.tenant.slug}"):`,
    ...logins.map((l) => {
      const where =
        l.role === 'customer' ? `, customer portal ${url}/portal/${demo.tenant.slug}` : l.team ? `, ${l.team}` : '';
      return `  ${l.role.padEnd(10)} ${l.email.padEnd(width)}  ${l.password.padEnd(20)} ${l.name}${where}`;
    }),
    '',
    `Admin API token (a new one each start): ${token}`,
    `  try: curl -H "Authorization: Bearer ${token}" "${url}/api/v1/search?q=roaming"`,
    '',
    'Start with these customers:',
    ...demo.stories.map((s) => `  ${s.customerName}: ${s.title}\n    ${url}/work/customers/${s.customerId}`),
    '',
  ];
  return lines.join('\n');
}
