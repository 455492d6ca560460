import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Db } from '../../../store/database.ts';
import { findMailboxTenant } from '../../../store/repositories/channel-settings.ts';
import type { ChannelRuntime } from '../outbound/channel-runtime.ts';
import { sizeLabel } from './inbound-mail.ts';
import { DEFAULT_MAX_ATTACHMENT_BYTES, receiveMail, type MailRecipient } from './receive-mail.ts';

export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export interface MailListenerOptions {
  db: Db;
  /** 0 picks a free port. */
  port: number;
  host?: string | undefined;
  runtime: ChannelRuntime;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'> | undefined;
  /** The largest message accepted, advertised with the SIZE extension; larger ones get 552. */
  maxMessageBytes?: number | undefined;
  /** Attachments larger than this are listed on the contact without their content. */
  maxAttachmentBytes?: number | undefined;
  /** Messages taken into the store at the same time; further sessions wait their turn. */
  concurrency?: number | undefined;
}

export interface MailListener {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * Hearken's inbound SMTP listener: mail to `<tenant-slug>@` any domain, or to a mailbox an
 * organisation configured, becomes a contact on the sender's timeline.
 *
 * It takes mail from a relay in front of it (or from clients on a trusted network): AUTH and
 * STARTTLS are switched off, so terminate TLS and filter spam in that relay. RCPT TO an address
 * no organisation receives at is refused (550 5.1.1); a message over the size limit is refused
 * (552); a message that cannot be read is accepted and quarantined (250); a failure of the store
 * answers 451, so the sending server keeps the message and tries again.
 */
export async function startMailListener(options: MailListenerOptions): Promise<MailListener> {
  const { db, runtime, logger } = options;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const recipientOf = new WeakMap<SMTPServerAddress, MailRecipient>();
  const gate = new Gate(options.concurrency ?? 8);
  const inFlight = new Set<Promise<unknown>>();

  const server = new SMTPServer({
    name: runtime.mailDomain,
    banner: 'Hearken mail intake',
    size: maxMessageBytes,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 5_000,

    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const wanted = address.address.trim().toLowerCase();
      findRecipientTenant(db, wanted).then(
        (tenant) => {
          if (!tenant) return callback(smtpError(550, `5.1.1 <${wanted}>: no such mailbox here`));
          recipientOf.set(address, { address: wanted, tenantId: tenant.tenantId, slug: tenant.slug });
          callback();
        },
        (error: unknown) => {
          logger?.error({ err: error, address: wanted }, 'mailbox lookup failed');
          callback(smtpError(451, '4.3.0 mailbox lookup failed, try again later'));
        },
      );
    },

    onData(
      stream: SMTPServerDataStream,
      session: SMTPServerSession,
      callback: (err?: Error | null, message?: string) => void,
    ) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      let answered = false;
      const answer = (error: Error | null, message?: string) => {
        if (answered) return;
        answered = true;
        callback(error, message);
      };
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= maxMessageBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => answer(smtpError(451, `4.3.0 ${error.message}`)));
      stream.on('end', () => {
        if (stream.sizeExceeded || bytes > maxMessageBytes) {
          return answer(smtpError(552, `5.3.4 message larger than the ${sizeLabel(maxMessageBytes)} limit`));
        }
        const recipients = session.envelope.rcptTo
          .map((a) => recipientOf.get(a))
          .filter((r): r is MailRecipient => r !== undefined);
        // Cannot happen (DATA needs an accepted RCPT), but accepting mail for nobody would lose it.
        if (recipients.length === 0) return answer(smtpError(554, '5.5.1 no valid recipients'));
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        const work = gate
          .run(() =>
            receiveMail(db, Buffer.concat(chunks, bytes), recipients, {
              runtime,
              maxAttachmentBytes: options.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
              mailFrom,
              logger,
            }),
          )
          .then(
            (deliveries) => {
              const held = deliveries.filter((d) => d.status === 'quarantined').length;
              answer(
                null,
                held > 0 ? `2.0.0 accepted and held for review (${held} of ${deliveries.length})` : '2.0.0 accepted',
              );
            },
            (error: unknown) => {
              logger?.error(
                { err: error, mailFrom, recipients: recipients.map((r) => r.address) },
                'mail could not be stored',
              );
              answer(smtpError(451, '4.3.0 could not store the message, try again later'));
            },
          );
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      });
    },
  });
  server.on('error', (error) => logger?.error({ err: error }, 'SMTP listener error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    port,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.allSettled([...inFlight]);
      })()),
  };
}

/** The organisation receiving at an address; `acme+billing@…` (sub-addressing) reaches `acme@…`. */
async function findRecipientTenant(db: Db, address: string): ReturnType<typeof findMailboxTenant> {
  const found = await findMailboxTenant(db, address);
  if (found) return found;
  const plain = address.replace(/^([^+@]+)\+[^@]*@/, '$1@');
  return plain === address ? undefined : findMailboxTenant(db, plain);
}

/** At most `limit` tasks at once; the rest wait in order. */
class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next in line.
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
