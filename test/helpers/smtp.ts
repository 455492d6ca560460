import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { SMTPServer } from 'smtp-server';

/** A message the sink received: the envelope, the raw bytes and the parsed mail. */
export interface SunkMail {
  mailFrom: string | null;
  rcptTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: SunkMail[];
  /** Waits until at least `count` messages arrived (default: one more than now). */
  waitFor(count?: number, timeoutMs?: number): Promise<SunkMail[]>;
  close(): Promise<void>;
}

/** A test relay on loopback that keeps every message it is given. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            messages.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            waiters.splice(0).forEach((w) => w());
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(count = messages.length + 1, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`the SMTP sink received ${messages.length} of ${count} messages`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SendResult =
  { ok: true; response: string } | { ok: false; responseCode: number | undefined; response: string };

/** Sends one message to an SMTP server on loopback the way a mail server would (no TLS, no auth). */
export async function sendMail(port: number, message: Mail.Options): Promise<SendResult> {
  const transport = createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5000,
  });
  try {
    const info = (await transport.sendMail(message)) as { response: string };
    return { ok: true, response: info.response };
  } catch (error) {
    const e = error as { responseCode?: number; response?: string; message: string };
    return { ok: false, responseCode: e.responseCode, response: e.response ?? e.message };
  } finally {
    transport.close();
  }
}

/** Sends exact bytes (malformed mail, a prepared bounce) with the given envelope. */
export function sendRaw(
  port: number,
  envelope: { from: string; to: string[] },
  raw: Buffer | string,
): Promise<SendResult> {
  return sendMail(port, { envelope, raw });
}
