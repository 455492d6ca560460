import { CASE_REFERENCE_PREFIX, caseSubjectTag, caseTagPattern, formatCaseReference } from './case-reference.ts';
import { headerValues, type MailHeaders } from './mail-headers.ts';

/**
 * How mail finds its case: by the Message-IDs it answers (In-Reply-To, References) and, when a
 * client drops those, by the `[C-42]` tag Hearken puts in the subject.
 *
 * Message-IDs are kept in one canonical form, `local@domain`: no angle brackets, no whitespace
 * (folding may break an id across lines), the domain lower-cased (it is case-insensitive), the
 * local part as it came (it is not). `replyHeaders` puts the brackets back for the wire.
 */

/** At most this many ids are taken from one message's threading headers. */
export const MAX_THREAD_IDS = 50;
/** A reply's References keep the thread's first id and the ids of its most recent messages, this many in all. */
export const MAX_REFERENCES = 20;
const MAX_ID_LENGTH = 250;

/** The case reference tagged in a subject (`Re: Re: AW: [C-12] …` → C-12); the first tag wins. */
export function caseReferenceInSubject(
  subject: string,
  prefix: string = CASE_REFERENCE_PREFIX,
): { reference: string; number: number } | null {
  for (const match of subject.matchAll(caseTagPattern(prefix))) {
    const number = Number(match[1]);
    if (Number.isSafeInteger(number) && number > 0) return { reference: formatCaseReference(number, prefix), number };
  }
  return null;
}

// Reply and forward prefixes as mail clients write them in many languages:
// en Re/Fwd/Fw, de AW/WG, fr TR/Réf, es RV, it R/I/Rif, pt RES/ENC, nl Antw/Doorst, sv SV/VB,
// da no SV/VS, fi VS/VL, pl cs sk Odp/PD, hu V/Tov, tr YNT/İLT, el ΑΠ/ΣΧΕΤ/ΠΡΘ, ru Ответ/Пересл,
// id BLS/TRS, is FS, lv AT/PĀR, lt ATS/PRS, zh 回复/答复/回覆/转发/轉寄/轉發, ja 返信/転送, ko 회신/답장/전달,
// he השב/הועבר, ar رد/توجيه.
const PREFIXES = [
  're',
  'fwd',
  'fw',
  'aw',
  'wg',
  'tr',
  'réf',
  'ref',
  'rv',
  'r',
  'i',
  'rif',
  'res',
  'enc',
  'antw',
  'doorst',
  'sv',
  'vb',
  'vs',
  'vl',
  'odp',
  'pd',
  'v',
  'tov',
  'ynt',
  'ilt',
  'İlt',
  'İLT',
  'απ',
  'σχετ',
  'πρθ',
  'ответ',
  'отв',
  'пересл',
  'bls',
  'trs',
  'fs',
  'at',
  'pār',
  'ats',
  'prs',
  '回复',
  '答复',
  '回覆',
  '转发',
  '轉寄',
  '转寄',
  '轉發',
  '返信',
  '転送',
  '회신',
  '답장',
  '전달',
  'השב',
  'הועבר',
  'رد',
  'توجيه',
];
const PREFIX = new RegExp(
  `^(?:${PREFIXES.join('|')})\\s*(?:\\[\\d+\\]|\\(\\d+\\)|\\^\\d+)?\\s*\\.?\\s*[:：]\\s*`,
  'iu',
);
/** Tags mail gateways put in front of a subject: `[EXTERNAL]`, `*EXTERNAL*`, `[SPAM]`, `EXT:`. */
const GATEWAY_TAG =
  /^(?:\[(?:external(?: email| sender)?|ext|spam|suspected spam|caution)\]|\*{1,3}(?:external|spam)\*{1,3}|(?:external|ext):)\s*/iu;

/**
 * The subject without reply/forward prefixes (in many languages, stacked or counted like
 * `Re[2]:`), gateway tags such as `[EXTERNAL]` and case tags, whitespace collapsed.
 */
export function normalizeSubject(subject: string, prefix: string = CASE_REFERENCE_PREFIX): string {
  let text = subject.replace(caseTagPattern(prefix), ' ').replace(/\s+/gu, ' ').trim();
  for (let i = 0; i < 100; i += 1) {
    const next = text.replace(PREFIX, '').replace(GATEWAY_TAG, '').trim();
    if (next === text) break;
    text = next;
  }
  return text;
}

/** The canonical form of one Message-ID (`<Id@Host.Example>` → `Id@host.example`), or null if it is not one. */
export function canonicalMessageId(raw: string): string | null {
  const id = raw.replace(/\s+/g, '').replace(/^<+/, '').replace(/>+$/, '');
  const at = id.lastIndexOf('@');
  if (at <= 0 || at === id.length - 1 || id.length > MAX_ID_LENGTH || /[<>()\\,;]/.test(id.slice(at))) return null;
  if (/[<>]/.test(id)) return null;
  return `${id.slice(0, at)}@${id.slice(at + 1).toLowerCase()}`;
}

/** The ids in one header value: those in angle brackets, else the whitespace-separated words that look like ids. */
function idsIn(value: string): string[] {
  const bracketed = [...value.matchAll(/<([^<>]*)>/g)].map((m) => m[1]!);
  const candidates = bracketed.length > 0 ? bracketed : value.split(/[\s,]+/).filter((w) => w.includes('@'));
  return candidates.map(canonicalMessageId).filter((id): id is string => id !== null);
}

/**
 * The ids that tie a message into its thread, newest first: its own Message-ID, then the
 * In-Reply-To id(s), then References from the most recent back to the thread's first message.
 * Canonical, deduplicated, at most `limit`.
 */
export function messageIdsOf(headers: MailHeaders, limit: number = MAX_THREAD_IDS): string[] {
  const values = (name: string) => headerValues(headers, name).flatMap(idsIn);
  const ordered = [...values('message-id'), ...values('in-reply-to'), ...values('references').reverse()];
  return [...new Set(ordered)].slice(0, Math.max(0, limit));
}

export type ReplyHeadersInput = {
  /** The case's reference, `C-12`. */
  caseReference: string;
  /** The subject of the message answered (or the case's subject); prefixes and old tags are dropped. */
  subject: string;
  /** The Message-ID of the message answered; null when the agent writes first. */
  parentMessageId: string | null;
  /** The answered message's References ids, oldest first as in its header (its In-Reply-To if it had none). */
  references: readonly string[];
  /** The domain Hearken's Message-IDs use. */
  ownDomain: string;
  /** A unique id (a UUID) for the new message's Message-ID. */
  newId: string;
};
export type ReplyHeaders = { messageId: string; inReplyTo: string | null; references: string[]; subject: string };

const bracket = (id: string) => `<${id}>`;

/**
 * The threading headers of an agent's reply (RFC 5322 §3.6.4): a new Message-ID in our domain,
 * In-Reply-To the parent, References = the parent's References + the parent, trimmed to the
 * thread's first id and the most recent ones when long (as Thunderbird and Gnus do), and the
 * subject `Re: [C-12] original subject` without stacked prefixes or tags (no `Re:` when there is
 * no parent). Ids come back in angle brackets, References oldest first, ready for nodemailer.
 */
export function replyHeaders(input: ReplyHeadersInput): ReplyHeaders {
  const local = input.newId.replace(/[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/g, '').replace(/^\.+|\.+$/g, '');
  const domain = input.ownDomain.trim().toLowerCase();
  if (!local || !domain) throw new Error('replyHeaders needs a newId and an ownDomain');
  const parent = input.parentMessageId === null ? null : canonicalMessageId(input.parentMessageId);
  // Deduplicated keeping each id's last place, so the parent always ends the chain.
  const chain = [...new Set([...input.references.flatMap(idsIn), ...(parent ? [parent] : [])].reverse())].reverse();
  const references =
    chain.length > MAX_REFERENCES ? [chain[0]!, ...chain.slice(chain.length - (MAX_REFERENCES - 1))] : chain;

  const dash = input.caseReference.lastIndexOf('-');
  const prefix = dash > 0 ? input.caseReference.slice(0, dash) : CASE_REFERENCE_PREFIX;
  const base = normalizeSubject(input.subject, prefix);
  const tagged = `${caseSubjectTag(input.caseReference)}${base ? ` ${base}` : ''}`;
  return {
    messageId: bracket(`${local}@${domain}`),
    inReplyTo: parent ? bracket(parent) : null,
    references: references.map(bracket),
    subject: parent ? `Re: ${tagged}` : tagged,
  };
}
