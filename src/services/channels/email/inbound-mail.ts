import { createHash } from 'node:crypto';
import type { AddressObject, Attachment, ParsedMail } from 'mailparser';
import { bareAddress, headersFromLines, headerValue, headerValues } from '../../../domain/channels/mail-headers.ts';
import { canonicalMessageId, caseReferenceInSubject, messageIdsOf } from '../../../domain/channels/mail-threading.ts';
import type { ContactAttachment } from '../../../store/repositories/contact-parts.ts';
import { withoutQuotedHistory } from './quoted-text.ts';

/**
 * What one parsed mail says, in the terms of the intake: who wrote it, its words, its files,
 * the ids that thread it and the facts worth keeping. The same for every organisation it was
 * addressed to; only the automation verdict depends on the organisation (its own addresses).
 */
export interface ReadMail {
  headers: Map<string, string[]>;
  /** The canonical Message-ID, or one derived from the content when the mail has none. */
  messageId: string;
  messageIdDerived: boolean;
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  contentType: string | null;
  text: string;
  occurredAt: Date;
  threadRefs: string[];
  caseNumber: number | null;
  attachments: ContactAttachment[];
  facts: Record<string, unknown>;
  /** If it is a bounce: the address that could not be reached and the id of the message that failed. */
  bounce: { failedRecipient: string | null; originalMessageIds: string[] };
}

export interface ReadOptions {
  maxAttachmentBytes: number;
  now: Date;
  envelope?: { mailFrom: string | null; rcptTo: string[] };
}

/** Dates further ahead than this are a wrong clock: the mail counts as received now. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Trace headers relays add on the way: not part of what the sender sent. */
const TRACE_HEADERS = new Set([
  'received',
  'return-path',
  'delivered-to',
  'x-original-to',
  'x-received',
  'authentication-results',
  'arc-seal',
  'arc-message-signature',
  'arc-authentication-results',
]);
/** The largest embedded part searched for a bounced message's headers. */
const MAX_SCANNED_PART = 1024 * 1024;

/** PostgreSQL text and jsonb cannot hold NUL characters; broken mail sometimes carries them. */
const withoutNul = (value: string) => (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value);

/** Every string in a facts object without NUL characters (jsonb refuses them). */
function cleaned<T>(value: T): T {
  if (typeof value === 'string') return withoutNul(value) as T;
  if (Array.isArray(value)) return value.map(cleaned) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleaned(v)])) as T;
  return value;
}

/** The canonical ids in one threading header (References come back newest first). */
const idsIn = (headers: Map<string, string[]>, name: string) =>
  messageIdsOf(new Map([[name, headerValues(headers, name)]]));

export function readMail(parsed: ParsedMail, raw: Buffer, options: ReadOptions): ReadMail {
  const headers = headersFromLines(parsed.headerLines);
  const from = parsed.from?.value.find((a) => a.address);
  const fromAddress = from?.address ? withoutNul(bareAddress(from.address)) || null : null;
  const subject = withoutNul(parsed.subject ?? '').trim();
  const ownId =
    headerValues(headers, 'message-id')
      .map((v) => canonicalMessageId(withoutNul(v)))
      .find((id) => id !== null) ?? null;
  const messageId = ownId ?? derivedMessageId(parsed, raw);
  const threadRefs = messageIdsOf(headers)
    .map(withoutNul)
    .filter((id) => id !== ownId);

  const body = bodyText(parsed);
  const split = withoutQuotedHistory(body);
  const attachments = parsed.attachments.map((a, i) => keepAttachment(a, i, options.maxAttachmentBytes));
  const text = split.text.trim() || subject || attachmentLine(attachments);

  const headerDate = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null;
  const occurredAt =
    headerDate && headerDate.getTime() <= options.now.getTime() + CLOCK_SKEW_MS ? headerDate : options.now;
  const bounce = cleaned(bounceDetails(parsed, headers));

  const facts: Record<string, unknown> = cleaned({
    from: fromAddress,
    fromName: withoutNul(from?.name ?? '') || null,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    replyTo: addresses(parsed.replyTo),
    subject: subject || null,
    messageId,
    ...(ownId ? {} : { messageIdDerived: true }),
    inReplyTo: idsIn(headers, 'in-reply-to')[0] ?? null,
    // Oldest first, as in the header: a reply's References continue this chain.
    references: idsIn(headers, 'references').reverse(),
    date: withoutNul(headerValue(headers, 'date') ?? '') || null,
    attachments: attachments.length,
    ...(attachments.some((a) => a.content === null)
      ? { attachmentsOmitted: attachments.filter((a) => a.content === null).length }
      : {}),
    ...(split.omittedChars > 0 ? { quotedHistoryOmittedChars: split.omittedChars } : {}),
    ...(parsed.html && !parsed.text?.trim() ? { bodyFromHtml: true } : {}),
    ...(options.envelope ? { envelope: options.envelope } : {}),
  });

  return {
    headers,
    messageId,
    messageIdDerived: ownId === null,
    fromAddress,
    fromName: withoutNul(from?.name ?? '').trim() || null,
    subject,
    contentType: headerValue(headers, 'content-type') ?? null,
    text,
    occurredAt,
    threadRefs,
    caseNumber: caseReferenceInSubject(subject)?.number ?? null,
    attachments,
    facts,
    bounce,
  };
}

/**
 * The words of the mail: its text part, else its HTML reduced to text. mailparser converts HTML
 * with html-to-text, which drops <script>, <style> and <head>; anything that still looks like
 * markup of a script is taken out here as well, so no code reaches the timeline.
 */
function bodyText(parsed: ParsedMail): string {
  const text = parsed.text ?? '';
  const cleaned = text.replace(/<script\b[\s\S]*?<\/script\s*>/giu, '').replace(/<style\b[\s\S]*?<\/style\s*>/giu, '');
  return withoutNul(cleaned)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function keepAttachment(attachment: Attachment, index: number, maxBytes: number): ContactAttachment {
  const size = attachment.size ?? attachment.content.length;
  const filename =
    withoutNul(attachment.filename ?? '')
      .trim()
      .slice(0, 255) || `attachment-${index + 1}${extensionOf(attachment.contentType)}`;
  const contentType = withoutNul(attachment.contentType || '') || 'application/octet-stream';
  if (size > maxBytes) {
    return {
      filename,
      contentType,
      sizeBytes: size,
      content: null,
      omittedReason: `larger than ${sizeLabel(maxBytes)} limit (${sizeLabel(size)})`,
    };
  }
  return { filename, contentType, sizeBytes: size, content: attachment.content, omittedReason: null };
}

/** `10 MB`, `12.3 MB`, `300 KB`: sizes as people read them. */
export function sizeLabel(bytes: number): string {
  const [value, unit] =
    bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MB'] : bytes >= 1024 ? [bytes / 1024, 'KB'] : [bytes, 'bytes'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

const extensionOf = (contentType: string) =>
  contentType === 'message/rfc822' ? '.eml' : contentType.startsWith('text/') ? '.txt' : '';

function attachmentLine(attachments: ContactAttachment[]): string {
  if (attachments.length === 0) return '';
  return `(${attachments.length === 1 ? 'an attachment' : `${attachments.length} attachments`}: ${attachments.map((a) => a.filename).join(', ')})`;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  return list
    .flatMap((o) => o.value.flatMap((a) => [a, ...(a.group ?? [])]))
    .flatMap((a) => (a.address ? [bareAddress(a.address)] : []));
}

/**
 * A stable id for a mail without a Message-ID: a hash of what the sender sent (its headers
 * without the trace headers relays add, and its body), so a second delivery is recognised.
 */
function derivedMessageId(parsed: ParsedMail, raw: Buffer): string {
  const hash = createHash('sha256');
  for (const line of parsed.headerLines) if (!TRACE_HEADERS.has(line.key.toLowerCase())) hash.update(`${line.line}\n`);
  const separator = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const start = separator >= 0 && (lf < 0 || separator < lf) ? separator + 4 : lf >= 0 ? lf + 2 : raw.length;
  hash.update(raw.subarray(start));
  return `${hash.digest('hex').slice(0, 40)}@derived.hearken`;
}

/**
 * Who a bounce is about and which message it returns: the failed recipient (X-Failed-Recipients,
 * or Final-Recipient in the delivery-status report) and the returned message's own Message-ID
 * (in its message/rfc822 or text/rfc822-headers part), so the bounce joins the case of the mail
 * that failed.
 */
function bounceDetails(parsed: ParsedMail, headers: Map<string, string[]>): ReadMail['bounce'] {
  const parts = [
    parsed.text ?? '',
    ...parsed.attachments
      .filter((a) => isReportPart(a.contentType) && a.content.length <= MAX_SCANNED_PART)
      .map((a) => a.content.toString('utf8')),
  ];
  const failed =
    headerValues(headers, 'x-failed-recipients')
      .flatMap((v) => v.split(','))
      .map(bareAddress)
      .find((a) => a.includes('@')) ??
    parts
      .map((p) => /^(?:final|original)-recipient\s*:\s*rfc822\s*;\s*(\S+@\S+)\s*$/imu.exec(p)?.[1])
      .find((a) => a !== undefined);
  const ids = parts.flatMap((p) =>
    [...p.matchAll(/^message-id\s*:\s*(<[^>\r\n]+>|\S+@\S+)\s*$/gimu)].map((m) => canonicalMessageId(m[1]!)),
  );
  return {
    failedRecipient: failed ? bareAddress(failed) : null,
    originalMessageIds: ids.filter((id): id is string => id !== null),
  };
}

const isReportPart = (contentType: string) =>
  [
    'message/rfc822',
    'text/rfc822-headers',
    'message/rfc822-headers',
    'message/delivery-status',
    'message/global',
    'message/global-headers',
    'message/global-delivery-status',
  ].includes(contentType.toLowerCase());
