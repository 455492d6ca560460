import { bareAddress, headerValues, type MailHeaders } from './mail-headers.ts';

/**
 * Tells a person's mail from mail a machine sent: auto-replies (vacation, out-of-office, read
 * receipts), bounces (delivery status notifications), loops (our own mail coming back) and bulk
 * (newsletters, mailing lists). Only `human` mail may open or reopen a case or trigger a notice.
 *
 * Signals are checked in the order loop → bounce → auto_reply → bulk: a Postfix bounce also says
 * `Auto-Submitted: auto-replied`, a Gmail vacation reply also says `Precedence: bulk`.
 */

/** Our own loop header: every mail Hearken sends carries it with the installation's mail domain. */
export const LOOP_HEADER = 'X-Hearken-Loop';
/** More `Received` hops than this and the message is going round in circles (Exim's default). */
export const MAX_RECEIVED_HEADERS = 30;

export type MailAutomationKind = 'auto_reply' | 'bounce' | 'loop' | 'bulk';
export type MailClassification = { kind: 'human' } | { kind: MailAutomationKind; reason: string };

export type InboundMailMeta = {
  /** The sender's address as resolved by the caller (the From address; `''` or null if none). */
  fromAddress: string | null;
  /** The decoded subject. */
  subject: string;
  /** The raw Content-Type value, e.g. `multipart/report; report-type=delivery-status; boundary=…`. Falls back to the header. */
  contentType?: string | null;
  /** The addresses Hearken receives and sends mail as (support@…, noreply@…). */
  ownAddresses: readonly string[];
  /** The domain of Hearken's Message-IDs; also the value of our loop header. */
  ownMessageIdDomain: string;
};

const firstToken = (value: string) => value.split(/[;(]/)[0]!.trim().toLowerCase();
const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

// Subjects an auto-responder writes, at the start of the subject (after an optional "[External]"
// style tag). A person forwarding one ("Fwd: Automatic reply: …") is a person.
const AUTO_REPLY_SUBJECT = new RegExp(
  '^(?:\\[[^\\]]{1,30}\\]\\s*)?(?:' +
    [
      'automatic reply',
      'auto(?:matic)?[ -]?reply',
      'auto[ -]?response',
      'autoresponder',
      'out of (?:the )?office(?: autoreply| auto reply| reply| alert)?',
      'abwesenheitsnotiz',
      'automatische antwort',
      'abwesend', // de
      'réponse automatique',
      'reponse automatique',
      'absence du bureau', // fr
      'respuesta automática',
      'respuesta automatica',
      'fuera de la oficina', // es
      'risposta automatica',
      'fuori sede', // it
      'resposta automática',
      'resposta automatica', // pt
      'automatisch antwoord',
      'afwezig', // nl
      'autosvar',
      'automatisk svar',
      'automatisk besked',
      'frånvaro', // sv da no
      'automaattinen vastaus', // fi
      'automatyczna odpowiedź',
      'automatická odpověď',
      'automatická odpoveď',
      'automatikus válasz', // pl cs sk hu
      'автоматический ответ',
      'автоматична відповідь',
      'αυτόματη απάντηση',
      'otomatik yanıt',
      'otomatik cevap', // ru uk el tr
      '自动回复',
      '自動回覆',
      '自動回复',
      '自動応答',
      '自動返信',
      '자동 회신',
      '자동 응답', // zh ja ko
    ].join('|') +
    ')\\s*[:：]',
  'iu',
);
/** Subjects saying "out of office" with nothing else ("Out of Office", "Auto Response"). */
const AUTO_REPLY_WHOLE_SUBJECT =
  /^(?:out of (?:the )?office|auto[ -]?response|automatic reply|autoreply|abwesenheitsnotiz|réponse automatique)\s*$/iu;
/** A hint only: an out-of-office sentence anywhere in the subject (not "out of office hours"). */
const OUT_OF_OFFICE_PHRASE =
  /\b(?:(?:is|am|are|i'm|i’m) (?:currently )?(?:out of (?:the )?office|on (?:annual |parental )?leave|on vacation|on holiday|away)|out of (?:the )?office (?:until|till|from|on))\b/iu;

const BOUNCE_SUBJECT = new RegExp(
  '^(?:' +
    [
      'undelivered mail returned to sender', // Postfix
      'delivery status notification \\((?:failure|delay|delayed)\\)', // Gmail
      'mail delivery failed', // Exim
      'returned mail:', // sendmail
      'failure notice', // qmail, Yahoo
      'undeliverable:',
      'undeliverable mail',
      'unzustellbar:',
      'non remis\\s*:',
      'no se puede entregar:', // Exchange en de fr es
      'onbestelbaar:',
      'non recapitabile:',
      'não é possível entregar:',
      'olevererbart:',
      'kan ikke leveres:',
      'niedostarczalne:', // Exchange nl it pt sv da pl
      'delivery delayed:',
      'delivery failure',
      'delivery has failed',
      'delivery notification: delivery has failed', // Exchange, Lotus
      'mail delivery (?:failure|failed|subsystem)',
      'message not delivered',
      'nondeliverable',
      'warning: could not send message',
      'mail system error - returned mail',
      'returned to sender',
      'unzustellbare nachricht',
    ].join('|') +
    ')',
  'iu',
);

const SYSTEM_SENDER = /^(?:mailer-daemon|mailer_daemon|mailerdaemon|postmaster|microsoftexchange[0-9a-f]{32})@/i;
const NOREPLY_SENDER = /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|noreply[-_.].*|.*[-_.]noreply)@/i;

/** Decides whether an inbound mail was written by a person, and if not, what kind of machine sent it. */
export function classifyInboundMail(headers: MailHeaders, meta: InboundMailMeta): MailClassification {
  const values = (name: string) => headerValues(headers, name);
  const from = bareAddress(meta.fromAddress ?? '');
  const subject = meta.subject.trim();
  const ownDomain = meta.ownMessageIdDomain.trim().toLowerCase();
  const own = new Set(meta.ownAddresses.map((a) => bareAddress(a)).filter(Boolean));
  const ownDomains = new Set([ownDomain, ...[...own].map(domainOf)].filter(Boolean));

  // Loops: our own mail coming back to us.
  if (from && own.has(from)) return { kind: 'loop', reason: `sent from our own address ${from}` };
  if (values(LOOP_HEADER).some((v) => v.trim().toLowerCase() === ownDomain)) {
    return { kind: 'loop', reason: `carries our own ${LOOP_HEADER} header` };
  }
  const xLoop = values('x-loop')
    .map(bareAddress)
    .find((v) => own.has(v));
  if (xLoop) return { kind: 'loop', reason: `X-Loop names our own address ${xLoop}` };
  const hops = values('received').length;
  if (hops > MAX_RECEIVED_HEADERS)
    return { kind: 'loop', reason: `${hops} Received headers (more than ${MAX_RECEIVED_HEADERS}): a mail loop` };

  // Bounces: delivery status notifications.
  const contentType = (meta.contentType ?? values('content-type')[0] ?? '').toLowerCase();
  const reportType = /^\s*multipart\/report\b/.test(contentType)
    ? (/report-type\s*=\s*"?([\w-]+)/.exec(contentType)?.[1] ?? '')
    : null;
  if (reportType === 'delivery-status')
    return { kind: 'bounce', reason: 'a delivery status notification (multipart/report; report-type=delivery-status)' };
  if (values('x-failed-recipients').length > 0) return { kind: 'bounce', reason: 'X-Failed-Recipients header' };
  if (SYSTEM_SENDER.test(from)) return { kind: 'bounce', reason: `sent by the mail system (${from})` };
  if (BOUNCE_SUBJECT.test(subject)) return { kind: 'bounce', reason: `delivery failure subject "${subject}"` };

  // Auto-replies.
  if (reportType === 'disposition-notification')
    return { kind: 'auto_reply', reason: 'a read receipt (multipart/report; report-type=disposition-notification)' };
  if (reportType !== null)
    return {
      kind: 'auto_reply',
      reason: `an automatic report (multipart/report; report-type=${reportType || 'unknown'})`,
    };
  const autoSubmitted = values('auto-submitted')
    .map(firstToken)
    .find((v) => v !== '' && v !== 'no');
  if (autoSubmitted) return { kind: 'auto_reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  for (const name of [
    'x-autoreply',
    'x-autorespond',
    'x-autoresponder',
    'x-mail-autoreply',
    'x-autoreply-from',
    'x-amazon-auto-reply',
    'x-fc-machinegenerated',
  ]) {
    const value = values(name).find((v) => !/^(?:no|false|0)$/i.test(v));
    if (value !== undefined) return { kind: 'auto_reply', reason: `${name} header` };
  }
  const autogenerated = values('x-autogenerated').find((v) =>
    /^(?:reply|forward|redirect|mirror|group|letter)$/i.test(firstToken(v)),
  );
  if (autogenerated) return { kind: 'auto_reply', reason: `X-Autogenerated: ${autogenerated}` };
  const precedence = [...values('precedence'), ...values('x-precedence')].map(firstToken);
  if (precedence.includes('auto_reply')) return { kind: 'auto_reply', reason: 'Precedence: auto_reply' };
  if (values('delivered-to').some((v) => /^autoresponder\b/i.test(v)))
    return { kind: 'auto_reply', reason: 'Delivered-To: Autoresponder (qmail)' };
  const returnPath = values('return-path');
  if (returnPath.length > 0 && returnPath.every((v) => bareAddress(v) === ''))
    return { kind: 'auto_reply', reason: 'empty Return-Path (null sender)' };
  if (AUTO_REPLY_SUBJECT.test(subject) || AUTO_REPLY_WHOLE_SUBJECT.test(subject))
    return { kind: 'auto_reply', reason: `automatic reply subject "${subject}"` };

  // X-Auto-Response-Suppress asks *us* not to auto-respond. Exchange distribution lists and
  // Outlook put it on ordinary mail too, so it only counts together with another hint.
  const hints: string[] = [];
  if (values('x-auto-response-suppress').length > 0) hints.push('X-Auto-Response-Suppress');
  if (NOREPLY_SENDER.test(from)) hints.push(`no-reply sender ${from}`);
  if (OUT_OF_OFFICE_PHRASE.test(subject)) hints.push('out-of-office subject');
  if (values('thread-topic').some((v) => /^auto ?response\b/i.test(v))) hints.push('Thread-Topic: AutoResponse');
  if (hints.length >= 2) return { kind: 'auto_reply', reason: hints.join(' + ') };

  // Bulk: newsletters and mailing lists. A List-Id naming one of our own domains is our own
  // group or alias relaying the customer's mail (a Google Group in front of the support address),
  // so the list headers and its Precedence: list say nothing about the sender.
  const listIds = values('list-id');
  const ownList = listIds.some((v) => {
    const id = bareAddress(v);
    return [...ownDomains].some((d) => id === d || id.endsWith(`.${d}`));
  });
  const bulk = precedence.find((p) => p === 'bulk' || p === 'junk' || (p === 'list' && !ownList));
  if (bulk) return { kind: 'bulk', reason: `Precedence: ${bulk}` };
  if (!ownList) {
    if (listIds.length > 0) return { kind: 'bulk', reason: `mailing list (List-Id: ${listIds[0]})` };
    if (values('list-unsubscribe').length > 0) return { kind: 'bulk', reason: 'newsletter (List-Unsubscribe header)' };
    for (const name of ['x-mailing-list', 'mailing-list', 'x-ml-name']) {
      if (values(name).length > 0) return { kind: 'bulk', reason: `mailing list (${name} header)` };
    }
  }
  return { kind: 'human' };
}

/**
 * The headers Hearken puts on its own outgoing mail. Every message carries the loop header with
 * our mail domain, so our own mail is recognised if it ever comes back; automatic notices also
 * say so (RFC 3834 `Auto-Submitted: auto-generated`) and ask Exchange/Outlook not to answer them
 * with an out-of-office (`X-Auto-Response-Suppress: All`). An agent's reply is a person writing:
 * it is not marked automatic, and an out-of-office answer to it is worth seeing.
 */
export function outboundAutomationHeaders(
  kind: 'agent_reply' | 'notice',
  ownMessageIdDomain: string,
): Record<string, string> {
  const loop = { [LOOP_HEADER]: ownMessageIdDomain.trim().toLowerCase() };
  if (kind === 'agent_reply') return loop;
  return { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', ...loop };
}
