import { simpleParser, type ParsedMail } from 'mailparser';
import type { Logger } from 'pino';
import { AppError } from '../../../errors.ts';
import { classifyInboundMail, type MailClassification } from '../../../domain/channels/mail-automation.ts';
import type { Db } from '../../../store/database.ts';
import { listMailboxes } from '../../../store/repositories/channel-settings.ts';
import { quarantine } from '../../../store/repositories/quarantine.ts';
import { scopeTo } from '../../../store/tenant-scope.ts';
import { intakeMessage, type InboundMessage, type IntakeOutcome } from '../intake.ts';
import type { ChannelRuntime } from '../outbound/channel-runtime.ts';
import { readMail, type ReadMail } from './inbound-mail.ts';

export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** An organisation the mail was addressed to, through one of its addresses. */
export interface MailRecipient {
  address: string;
  tenantId: string;
  slug: string;
}

export type MailDelivery =
  | {
      tenantId: string;
      status: 'stored' | 'duplicate';
      contactId: string;
      caseNumber: number | null;
      automated: string | null;
      outcome: IntakeOutcome;
    }
  | { tenantId: string; status: 'quarantined'; quarantineId: string; reason: string };

export interface ReceiveOptions {
  runtime: ChannelRuntime;
  maxAttachmentBytes?: number;
  mailFrom?: string | null;
  now?: Date;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'> | undefined;
}

/**
 * Takes one received mail in for every organisation it was addressed to: parsed, told apart
 * from machine mail, and handed to the intake. What cannot be taken in (unparseable, no
 * sender, our own mail coming back, refused by the contact rules) is quarantined with its raw
 * bytes, so nothing is lost. Anything else that goes wrong throws: the SMTP session answers
 * "try again later", and a second delivery is recognised by its Message-ID.
 */
export async function receiveMail(
  db: Db,
  raw: Buffer,
  recipients: MailRecipient[],
  options: ReceiveOptions,
): Promise<MailDelivery[]> {
  const now = options.now ?? new Date();
  const tenants = [...new Map(recipients.map((r) => [r.tenantId, r])).values()];
  const addressesOf = (tenantId: string) => recipients.filter((r) => r.tenantId === tenantId).map((r) => r.address);
  const held = (reason: string, detail: Record<string, unknown>) =>
    Promise.all(
      tenants.map(async (t): Promise<MailDelivery> => {
        const id = await quarantine(db, {
          tenantId: t.tenantId,
          channel: 'email',
          reason,
          detail: { ...detail, recipients: addressesOf(t.tenantId) },
          raw,
        });
        options.logger?.warn({ tenantId: t.tenantId, quarantineId: id, reason }, 'mail quarantined');
        return { tenantId: t.tenantId, status: 'quarantined', quarantineId: id, reason };
      }),
    );

  // A message that cannot be read now will not be readable on a retry either: it is kept, not refused.
  let parsed: ParsedMail;
  let mail: ReadMail;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
    mail = readMail(parsed, raw, {
      maxAttachmentBytes: options.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
      now,
      envelope: { mailFrom: options.mailFrom ?? null, rcptTo: recipients.map((r) => r.address) },
    });
  } catch (error) {
    return held('malformed mail: the message could not be parsed', {
      error: (error instanceof Error ? error.message : String(error)).replaceAll('\u0000', ''),
    });
  }
  if (parsed.headerLines.length === 0 || (!mail.fromAddress && !headerSeen(mail, 'from'))) {
    return held('malformed mail: no From header', { subject: mail.subject || null, messageId: mail.messageId });
  }

  const results: MailDelivery[] = [];
  let failure: unknown;
  for (const tenant of tenants) {
    try {
      results.push(
        await deliverTo(db, raw, mail, tenant, addressesOf(tenant.tenantId), options.runtime, now, options.logger),
      );
    } catch (error) {
      // The others are still delivered; the sender's retry finds them already stored.
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
  return results;
}

const headerSeen = (mail: ReadMail, name: string) => (mail.headers.get(name)?.length ?? 0) > 0;

async function deliverTo(
  db: Db,
  raw: Buffer,
  mail: ReadMail,
  tenant: MailRecipient,
  addresses: string[],
  runtime: ChannelRuntime,
  now: Date,
  logger: ReceiveOptions['logger'],
): Promise<MailDelivery> {
  const scope = scopeTo(db, tenant.tenantId);
  const hold = async (reason: string, detail: Record<string, unknown> = {}): Promise<MailDelivery> => {
    const id = await quarantine(db, {
      tenantId: tenant.tenantId,
      channel: 'email',
      reason,
      detail: {
        from: mail.fromAddress,
        subject: mail.subject || null,
        messageId: mail.messageId,
        recipients: addresses,
        ...detail,
      },
      raw,
    });
    logger?.warn({ tenantId: tenant.tenantId, quarantineId: id, reason }, 'mail quarantined');
    return { tenantId: tenant.tenantId, status: 'quarantined', quarantineId: id, reason };
  };

  const ownAddresses = [`${tenant.slug}@${runtime.mailDomain}`, ...addresses, ...(await listMailboxes(scope))];
  const verdict: MailClassification = classifyInboundMail(mail.headers, {
    fromAddress: mail.fromAddress,
    subject: mail.subject,
    contentType: mail.contentType,
    ownAddresses,
    ownMessageIdDomain: runtime.mailDomain,
  });
  // Our own mail coming back: keeping it out of the intake is what breaks the loop.
  if (verdict.kind === 'loop') return hold(`mail loop: ${verdict.reason}`);

  const isBounce = verdict.kind === 'bounce';
  const customerEmail = (isBounce ? mail.bounce.failedRecipient : null) ?? mail.fromAddress;
  if (!customerEmail) return hold('no sender address: the From header names nobody', { automation: verdict.kind });

  const message: InboundMessage = {
    channel: 'email',
    occurredAt: mail.occurredAt,
    externalId: `email:${mail.messageId}`,
    customer:
      isBounce && mail.bounce.failedRecipient
        ? { email: customerEmail }
        : { email: customerEmail, name: mail.fromName ?? undefined },
    subject: mail.subject || undefined,
    text: mail.text,
    automated: verdict.kind === 'human' ? null : verdict.kind,
    facts: {
      ...mail.facts,
      ...(verdict.kind === 'human' ? {} : { automation: verdict.reason }),
      ...(isBounce ? { bounce: mail.bounce } : {}),
    },
    threadRefs: isBounce ? [...new Set([...mail.bounce.originalMessageIds, ...mail.threadRefs])] : mail.threadRefs,
    threadRef: mail.messageId,
    caseNumber: mail.caseNumber,
    attachments: mail.attachments,
  };
  try {
    const outcome = await withRetries(() => intakeMessage(scope, message, { now, feed: runtime.feed }));
    return {
      tenantId: tenant.tenantId,
      status: outcome.status === 'created' ? 'stored' : 'duplicate',
      contactId: outcome.contactId,
      caseNumber: outcome.caseNumber,
      automated: message.automated ?? null,
      outcome,
    };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') {
      const problems = (error.details as { problems?: string[] } | undefined)?.problems ?? [error.message];
      return hold(`refused by the contact rules: ${problems.join('; ')}`, { problems });
    }
    throw error;
  }
}

/**
 * Two mails from one new customer arriving at once can race to create them; the loser's
 * transaction rolls back whole, so running it again is safe (and finds the customer).
 */
async function withRetries<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}
