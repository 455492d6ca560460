import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.ts';
import { ownPostgresDatabase } from '../helpers/own-database.ts';
import { sendMail, startSmtpSink, type SmtpSink } from '../helpers/smtp.ts';

/** The contract of `hearken serve --smtp-port N`: mail in over SMTP, replies out through HEARKEN_SMTP_RELAY. */
let dir: string;
let sink: SmtpSink;
let store: Awaited<ReturnType<typeof ownPostgresDatabase>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearken-mail-cli-'));
  sink = await startSmtpSink();
  // The server sends every organisation's queued replies: on a database of its own, only this test's.
  store = await ownPostgresDatabase('hearken_mail_cli');
});
afterAll(async () => {
  await sink?.close();
  await rm(dir, { recursive: true, force: true });
  await store?.drop();
});

describe('hearken serve --smtp-port', () => {
  it('receives mail for an organisation and sends the agent’s reply through the relay', async () => {
    const dataDir = join(dir, 'data');
    const slug = `mail-${randomUUID().slice(0, 8)}`;
    const created = await runCli(['tenant', 'create', slug, '--json', '--data-dir', dataDir], { env: store.env });
    expect(created.code, created.stderr).toBe(0);
    const { token } = JSON.parse(created.stdout) as { token: string };

    const env = {
      ...store.env,
      HEARKEN_SMTP_RELAY: sink.url,
      HEARKEN_MAIL_DOMAIN: 'cli.test',
      HEARKEN_JOB_POLL_MS: '100',
      HEARKEN_LOG_LEVEL: 'warn',
    };
    const server = startCli(
      ['serve', '--port', '0', '--smtp-port', '0', '--data-dir', dataDir],
      /Mail: listening for SMTP on port (\d+)/,
      { env },
    );
    try {
      const [, smtpPort] = await server.started;
      const url = /Hearken listening on (http:\/\/\S+)/.exec(server.output())![1]!;
      const api = async (method: string, path: string, body?: object) => {
        const res = await fetch(`${url}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };

      const sent = await sendMail(Number(smtpPort), {
        from: 'Lin <lin@customer.example>',
        to: `${slug}@example.net`,
        subject: 'eSIM will not activate',
        text: 'The QR code says it was already used.',
        messageId: '<cli-1@customer.example>',
      });
      expect(sent.ok).toBe(true);
      const cases = await api('GET', '/cases?limit=10');
      const [kase] = cases.body.items as { id: string; number: number; subject: string }[];
      expect(kase).toMatchObject({ subject: 'eSIM will not activate' });

      expect((await api('POST', `/cases/${kase!.id}/replies`, { text: 'We have issued a new QR code.' })).status).toBe(
        201,
      );
      const [mail] = await sink.waitFor(1, 15_000);
      expect(mail!.parsed.from?.value[0]?.address).toBe(`${slug}@cli.test`);
      expect(mail!.parsed.inReplyTo).toBe('<cli-1@customer.example>');
      expect(mail!.parsed.subject).toBe(`Re: [C-${kase!.number}] eSIM will not activate`);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    // Two processes each open the embedded store: slow on a busy machine.
  }, 120_000);
});
