/**
 * Statements per inbound mail: counts what the driver sends to PostgreSQL for each of three
 * mails (a new sender's mail, which opens a case; a reply in its thread; a further mail of the
 * same sender on the same topic, a repeat contact), on a fresh database. The figure the
 * "inbound email" throughput depends on; see bench/README.md.
 *
 *   npx tsx bench/intake-statements.ts [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--mails 20] [--verbose]
 */
import { parseArgs } from 'node:util';
import MailComposer from 'nodemailer/lib/mail-composer';
import pg from 'pg';
import { receiveMail } from '../src/services/channels/email/receive-mail.ts';
import { channelRuntime } from '../src/services/channels/outbound/channel-runtime.ts';
import { createTenant } from '../src/services/tenants/create-tenant.ts';
import { DEFAULT_ADMIN_URL, openPostgresStore } from './env.ts';

const { values } = parseArgs({
  options: {
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? DEFAULT_ADMIN_URL },
    mails: { type: 'string', default: '20' },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});

/** Every statement any pooled client sends, while `recording` is set. */
const recorded: string[] = [];
let recording = false;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (recording) {
    const first = args[0] as string | { text?: string };
    recorded.push(typeof first === 'string' ? first : (first.text ?? '?'));
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const shape = (statement: string) => statement.replace(/\s+/g, ' ').trim().slice(0, 110);

function build(mail: {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
}): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: `<${mail.messageId}>`,
    ...(mail.inReplyTo ? { inReplyTo: `<${mail.inReplyTo}>`, references: [`<${mail.inReplyTo}>`] } : {}),
  });
  return new Promise((resolve, reject) =>
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
}

async function main(): Promise<void> {
  const store = await openPostgresStore(values['pg-url'], 4);
  try {
    const { db } = store.database;
    const tenant = await createTenant(db, { slug: 'count-mail', name: 'Count Mail' });
    const runtime = channelRuntime({ mailDomain: 'count.test' });
    const to = `count-mail@count.test`;
    const recipients = [{ address: to, tenantId: tenant.tenant.id, slug: tenant.tenant.slug }];
    const kinds = ['opens a case', 'reply in its thread', 'repeat contact'] as const;
    const counts = new Map<string, number[]>(kinds.map((k) => [k, []]));
    const shapes = new Map<string, Map<string, number>>(kinds.map((k) => [k, new Map()]));
    for (let i = 0; i < Number(values.mails); i++) {
      const from = `customer${i}@example.net`;
      const mails = [
        await build({
          from,
          to,
          subject: `No signal since Monday ${i}`,
          text: 'My phone shows no signal at home since Monday.',
          messageId: `first-${i}@example.net`,
        }),
        await build({
          from,
          to,
          subject: `Re: No signal since Monday ${i}`,
          text: 'Still nothing.',
          messageId: `reply-${i}@example.net`,
          inReplyTo: `first-${i}@example.net`,
        }),
        await build({
          from,
          to,
          subject: `Signal still gone since Monday ${i}`,
          text: 'The signal at home is still gone since Monday.',
          messageId: `again-${i}@example.net`,
        }),
      ];
      for (const [n, raw] of mails.entries()) {
        recorded.length = 0;
        recording = true;
        const [delivery] = await receiveMail(db, raw, recipients, { runtime });
        recording = false;
        if (delivery?.status !== 'stored')
          throw new Error(`mail ${i}/${n} was not stored: ${JSON.stringify(delivery)}`);
        const kind = kinds[n]!;
        counts.get(kind)!.push(recorded.length);
        for (const s of recorded) shapes.get(kind)!.set(shape(s), (shapes.get(kind)!.get(shape(s)) ?? 0) + 1);
      }
    }
    const mails = Number(values.mails);
    for (const kind of kinds) {
      const list = counts.get(kind)!.sort((a, b) => a - b);
      process.stdout.write(
        `${kind}: median ${list[Math.floor(list.length / 2)]} statements (min ${list[0]}, max ${list[list.length - 1]})\n`,
      );
      if (values.verbose) {
        const byCount = [...shapes.get(kind)!].sort((a, b) => b[1] - a[1]);
        for (const [text, n] of byCount) process.stdout.write(`  ${(n / mails).toFixed(1).padStart(5)}  ${text}\n`);
      }
    }
  } finally {
    await store.close(false);
  }
}

await main();
