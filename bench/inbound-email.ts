/**
 * Inbound email: mail sent over SMTP to Hearken's listener (`startMailListener`, what
 * `hearken serve --smtp-port` runs) until it is stored: parsed, classified, customer found or
 * created, contact, attachments, threading, case. K client connections (one SMTP session each,
 * reused for many messages, as a relay would) each send the next message when the previous one
 * was answered 250. See bench/README.md.
 *
 *   npx tsx bench/inbound-email.ts                                  # PGlite, 2,000 mails, 8 connections
 *   npx tsx bench/inbound-email.ts --driver postgres --mails 10000 --connections 16
 */
import { sql } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { createTransport, type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { startMailListener } from '../src/services/channels/email/mail-listener.ts';
import { channelRuntime } from '../src/services/channels/outbound/channel-runtime.ts';
import { createTenant } from '../src/services/tenants/create-tenant.ts';
import { rowsOf } from '../src/store/database.ts';
import { cpuMsPerOp, cpuShare, cpuSnapshot, describeCpu } from './cpu.ts';
import { DEFAULT_ADMIN_URL, openPgliteStore, openPostgresStore, type BenchStore } from './env.ts';
import { createPrng, customerProfile, deriveSeed, makeContact, type Prng } from './generate.ts';
import { formatDuration, round, summarize } from './stats.ts';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'pglite' },
    mails: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '100' },
    connections: { type: 'string', default: '8' },
    'store-concurrency': { type: 'string', default: '8' },
    seed: { type: 'string', default: '42' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? DEFAULT_ADMIN_URL },
    pool: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});
const mails = Number(values.mails);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const seed = Number(values.seed);

interface PreparedMail {
  from: string;
  raw: Buffer;
}

/**
 * The mails, seeded: 55 % from a new sender, 35 % a reply to an earlier mail of the same
 * sender (In-Reply-To/References, "Re:" subject), 10 % a further mail from a known sender;
 * 4 % carry a 20–200 KB attachment. Texts are the dataset generator's email texts.
 */
async function prepareMails(count: number, domain: string, slug: string): Promise<PreparedMail[]> {
  const rng = createPrng(deriveSeed(seed, 'inbound-email'));
  const sent: { sender: number; messageId: string; subject: string; references: string[] }[] = [];
  let senders = 0;
  const prepared: PreparedMail[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    const earlier =
      sent.length > 0 && roll >= 0.55
        ? sent[Math.max(0, sent.length - 1 - rng.int(Math.min(sent.length, 500)))]!
        : null;
    const sender = earlier ? earlier.sender : senders++;
    const profile = customerProfile(seed, sender);
    const body = emailText(rng, profile, i);
    const messageId = `bench-${seed}-${i}@${profile.email.split('@')[1]}`;
    const isReply = earlier !== null && roll < 0.9;
    const subject = isReply ? `Re: ${earlier.subject}` : body.subject;
    const references = isReply ? [...earlier.references, earlier.messageId] : [];
    const attachments = rng.chance(0.04)
      ? [
          {
            filename: `scan-${i}.pdf`,
            contentType: 'application/pdf',
            content: Buffer.alloc(20_000 + rng.int(180_000), i % 251),
          },
        ]
      : [];
    const composer = new MailComposer({
      from: { name: profile.name, address: profile.email },
      to: `${slug}@${domain}`,
      subject,
      text: isReply
        ? `${body.text}\n\nOn an earlier day, Support wrote:\n> Thank you for getting in touch.`
        : body.text,
      messageId: `<${messageId}>`,
      ...(isReply ? { inReplyTo: `<${earlier.messageId}>`, references: references.map((r) => `<${r}>`) } : {}),
      date: new Date(Date.UTC(2026, 0, 1) + i * 1000),
      attachments,
    });
    const raw = await new Promise<Buffer>((resolve, reject) =>
      composer.compile().build((error, message) => (error ? reject(error) : resolve(message))),
    );
    prepared.push({ from: profile.email, raw });
    sent.push({ sender, messageId, subject: body.subject, references });
  }
  return prepared;
}

function emailText(
  rng: Prng,
  profile: ReturnType<typeof customerProfile>,
  i: number,
): { subject: string; text: string } {
  for (;;) {
    const contact = makeContact(rng, profile, `m${i}`, false);
    if (contact.channel === 'email' && contact.direction === 'inbound')
      return { subject: contact.subject ?? 'Question', text: contact.text };
  }
}

async function main(): Promise<void> {
  const store: BenchStore =
    values.driver === 'postgres'
      ? await openPostgresStore(values['pg-url'], Number(values.pool))
      : await openPgliteStore();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    log(`store: ${store.driver} (${store.where})`);
    const tenant = await createTenant(store.database.db, { slug: 'bench-mail', name: 'Bench Mail' });
    const runtime = channelRuntime({ mailDomain: 'bench.test' });
    const listener = await startMailListener({
      db: store.database.db,
      port: 0,
      runtime,
      concurrency: Number(values['store-concurrency']),
    });
    const prepareStarted = performance.now();
    const all = await prepareMails(warmup + mails, 'support.bench.test', tenant.tenant.slug);
    const bytes = all.reduce((n, m) => n + m.raw.length, 0);
    log(
      `prepared ${all.length} mails (${round(bytes / 1024 / 1024)} MB) in ${formatDuration((performance.now() - prepareStarted) / 1000)}`,
    );

    const transports: Transporter[] = Array.from({ length: connections }, () =>
      createTransport({
        host: '127.0.0.1',
        port: listener.port,
        secure: false,
        ignoreTLS: true,
        pool: true,
        maxConnections: 1,
        maxMessages: Infinity,
      }),
    );
    const latencies: number[] = [];
    let errors = 0;
    const errorSamples: string[] = [];
    const sendRange = async (list: PreparedMail[], measure: boolean) => {
      let next = 0;
      await Promise.all(
        transports.map(async (transport) => {
          while (next < list.length) {
            const mail = list[next++]!;
            const started = performance.now();
            try {
              await transport.sendMail({
                envelope: { from: mail.from, to: [`${tenant.tenant.slug}@support.bench.test`] },
                raw: mail.raw,
              });
              if (measure) latencies.push(performance.now() - started);
            } catch (error) {
              if (measure) errors++;
              if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
            }
          }
        }),
      );
    };
    await sendRange(all.slice(0, warmup), false);
    const cpuBefore = cpuSnapshot();
    const started = performance.now();
    await sendRange(all.slice(warmup), true);
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuShare(cpuBefore, cpuSnapshot());
    for (const t of transports) t.close();
    await listener.close();

    const counts = rowsOf<{ contacts: number; cases: number; attachments: number; customers: number }>(
      await store.database.db.execute(sql`
        SELECT (SELECT count(*)::int FROM contacts WHERE tenant_id = ${tenant.tenant.id}) AS contacts,
               (SELECT count(*)::int FROM cases WHERE tenant_id = ${tenant.tenant.id}) AS cases,
               (SELECT count(*)::int FROM contact_attachments WHERE tenant_id = ${tenant.tenant.id}) AS attachments,
               (SELECT count(*)::int FROM customers WHERE tenant_id = ${tenant.tenant.id}) AS customers`),
    )[0]!;
    const latency = summarize(latencies);
    const summary = {
      driver: store.driver,
      mails,
      warmup,
      connections,
      storeConcurrency: Number(values['store-concurrency']),
      seconds: round(seconds, 2),
      mailsPerSecond: round(latencies.length / seconds),
      latencyMs: {
        p50: round(latency.p50, 2),
        p95: round(latency.p95, 2),
        p99: round(latency.p99, 2),
        max: round(latency.max, 2),
      },
      errors,
      stored: counts,
      cpuMsPerMail: round(cpuMsPerOp(cpu, latencies.length) ?? Number.NaN, 3),
      cpu: describeCpu(cpu),
      ...(errorSamples.length ? { errorSamples } : {}),
    };
    process.stdout.write(
      `inbound email (${store.driver}, ${connections} SMTP connections): ${summary.mailsPerSecond} mails/s stored; ` +
        `latency p50 ${summary.latencyMs.p50} ms, p95 ${summary.latencyMs.p95} ms, p99 ${summary.latencyMs.p99} ms, max ${summary.latencyMs.max} ms; ` +
        `errors ${errors}\n${JSON.stringify(summary, null, 2)}\n`,
    );
  } finally {
    await store.close(values.keep);
  }
}

await main();
