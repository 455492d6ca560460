import type { CaseStatus, Channel } from '../vocabulary.ts';
import { normalizeSubject } from './mail-threading.ts';

/**
 * Which case an inbound contact joins. A contact that continues a thread (a reply to our mail, the
 * same chat session, a transferred call, a `[C-12]` subject) joins that thread's case; a person
 * coming back about the same thing soon after joins the case they came about (a repeat contact);
 * anything else opens a new case. Machines (auto-replies, bounces) never open or reopen a case.
 */

export type ThreadCase = { id: string; status: CaseStatus; mergedIntoId?: string | null };
export type CustomerCase = {
  id: string;
  status: CaseStatus;
  topicWords: readonly string[];
  lastActivityAt: Date;
  subject: string;
};
export type InboundContact = { topicWords: readonly string[]; occurredAt: Date; automated: boolean; channel: Channel };

export type CaseThreadingInput = {
  /** The case found through the contact's thread, or null. */
  threadCase: ThreadCase | null;
  /** The customer's cases that are not closed (closed ones are ignored if passed). */
  openCases: readonly CustomerCase[];
  contact: InboundContact;
  /** How long after a case's last activity a new contact still counts as a repeat of it. */
  repeatWindowMs: number;
};

export type CaseThreadingDecision =
  | { action: 'join'; caseId: string; reason: 'thread' | 'repeat'; reopens: boolean }
  | { action: 'open_new'; reason: string; followUpOf?: string }
  | { action: 'none'; reason: string };

/**
 * Thread first, then repeat. A merged thread case leads to the case it was merged into (one hop:
 * if that case is not among the customer's live cases it is taken to be closed). A closed thread
 * case is never joined: a person writing to it starts a follow-up case, unless one of their recent
 * cases is on the same topic (then that one is joined, to keep one problem in one case).
 */
export function decideCaseForContact(input: CaseThreadingInput): CaseThreadingDecision {
  const { contact, repeatWindowMs } = input;
  const live = input.openCases.filter((c) => c.status !== 'closed');
  let thread: { id: string; status: CaseStatus } | null = input.threadCase;
  if (input.threadCase?.mergedIntoId) {
    const survivor = live.find((c) => c.id === input.threadCase!.mergedIntoId);
    thread = survivor ?? { id: input.threadCase.mergedIntoId, status: 'closed' };
  }

  if (contact.automated) {
    if (thread && thread.status !== 'closed')
      return { action: 'join', caseId: thread.id, reason: 'thread', reopens: false };
    return {
      action: 'none',
      reason: thread
        ? 'an automatic mail about a closed case is not added to any case'
        : 'an automatic mail (auto-reply or bounce) never opens a case',
    };
  }
  if (thread && thread.status !== 'closed')
    return { action: 'join', caseId: thread.id, reason: 'thread', reopens: thread.status === 'solved' };

  const at = contact.occurredAt.getTime();
  const recent = live.filter((c) => Math.abs(at - c.lastActivityAt.getTime()) <= repeatWindowMs);
  const words = contact.topicWords;
  // Among same-topic cases: most shared words, then the closest word sets, then the most recent.
  const sameTopicCases = recent
    .map((c) => {
      const caseWords = c.topicWords.length > 0 ? c.topicWords : topicWords(c.subject, '');
      const { shared: count } = shared(words, caseWords);
      return { c, same: sameTopic(words, caseWords), count, jaccard: count / new Set([...words, ...caseWords]).size };
    })
    .filter((x) => x.same)
    .sort(
      (x, y) =>
        y.count - x.count ||
        y.jaccard - x.jaccard ||
        y.c.lastActivityAt.getTime() - x.c.lastActivityAt.getTime() ||
        x.c.id.localeCompare(y.c.id),
    );
  const best = sameTopicCases[0]?.c;
  if (best) return { action: 'join', caseId: best.id, reason: 'repeat', reopens: best.status === 'solved' };

  if (thread)
    return {
      action: 'open_new',
      reason: 'the case this continues is closed: a follow-up opens a new case',
      followUpOf: thread.id,
    };
  if (words.length === 0 && recent.length === 1)
    return { action: 'join', caseId: recent[0]!.id, reason: 'repeat', reopens: recent[0]!.status === 'solved' };
  if (recent.length === 0)
    return { action: 'open_new', reason: 'no case of this customer was active within the repeat window' };
  if (words.length === 0)
    return { action: 'open_new', reason: 'the contact says nothing distinctive and several recent cases could fit' };
  return { action: 'open_new', reason: 'none of the customer’s recent cases is on the same topic' };
}

/** A topic matches when the smaller word set shares at least half of its words, and at least two (or all, if it has one). */
export const SAME_TOPIC_MIN_OVERLAP = 0.5;
export const MAX_TOPIC_WORDS = 12;
const TEXT_TOPIC_CHARS = 300;

function shared(a: readonly string[], b: readonly string[]): { shared: number; smaller: number } {
  const left = new Set(a);
  const right = new Set(b);
  let count = 0;
  for (const w of left) if (right.has(w)) count += 1;
  return { shared: count, smaller: Math.min(left.size, right.size) };
}

/** Shared words over the size of the smaller set (0 when either is empty). */
export function topicOverlap(a: readonly string[], b: readonly string[]): number {
  const { shared: count, smaller } = shared(a, b);
  return smaller === 0 ? 0 : count / smaller;
}

/** Whether two contacts' topic words are about the same thing (see SAME_TOPIC_MIN_OVERLAP). */
export function sameTopic(a: readonly string[], b: readonly string[]): boolean {
  const { shared: count, smaller } = shared(a, b);
  return smaller > 0 && count / smaller >= SAME_TOPIC_MIN_OVERLAP && count >= Math.min(2, smaller);
}

const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any anyone anything are aren as at be because been before being below between both but by ' +
    'can cannot cant could couldn did didn do does doesn doing don done down during each either else even ever every few for from further get gets got ' +
    'had hadn has hasn have haven having he her here hers him his how however i if im in into is isn it its itself ive just let lets like ' +
    'me more most much must my myself no nor not now of off on once one only or other our ours out over own per really same shall she should ' +
    'since so some still such than that thats the their theirs them then there these they this those though through to too under until up upon ' +
    'us use used using very via was wasn we were weren what when where which while who whom why will with within without won would wouldn yet ' +
    'you your yours yourself ok okay yes yeah oh dont didnt doesnt isnt wasnt arent havent hasnt wont couldnt wouldnt shouldnt ' +
    // service filler: greetings, politeness, "any update", words every contact has
    'hello hi hey dear good morning afternoon evening thanks thank thx ty cheers regards kind best sincerely please pls plz sorry ' +
    'update updates issue issues problem problems question questions query queries help support team sir madam hope well ' +
    'want need needs wanted know asap urgent today yesterday tomorrow day days week time again anymore re fw fwd wrote sent ' +
    'customer service message email mail reply contact regarding hear back soon someone something'
  ).split(' '),
);

function stem(word: string): string {
  if (/\d/.test(word)) return word;
  let s = word;
  if (s.length >= 5 && s.endsWith('ies')) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (s.length >= 4 && s.endsWith('s') && !/(?:ss|us|is)$/.test(s)) s = s.slice(0, -1);
  const undouble = (t: string) => (/([^lsz])\1$/.test(t) ? t.slice(0, -1) : t);
  if (s.length >= 6 && s.endsWith('ing')) s = undouble(s.slice(0, -3));
  else if (s.length >= 5 && s.endsWith('ed') && !s.endsWith('eed')) s = undouble(s.slice(0, -2));
  if (s.length >= 6 && s.endsWith('ll')) s = s.slice(0, -1);
  if (s.length >= 5 && s.endsWith('e')) s = s.slice(0, -1);
  return s;
}

const SIGNATURE_LINE =
  /^(?:sent from my|sent from outlook|get outlook for|von meinem|envoyé de mon|enviado desde mi|inviato da)\b/i;
/** Where the quoted history of a reply starts: "> …", "On … wrote:", Outlook's separator and header block. */
const HISTORY_START =
  /^(?:>|-{2,}\s*original message|_{10,}|from:\s.+|von:\s.+|de\s?:\s.+)|\b(?:wrote|schrieb|a écrit|escribió|ha scritto|skrev|schreef):?$/i;

/**
 * The distinctive words of a contact, for telling whether two contacts are about the same thing:
 * from the subject (without Re:/Fwd: and case tags) when it has any, else from the first ~300
 * characters of the text (up to the quoted history, "Sent from my iPhone" left out). Lower-case, lightly
 * stemmed (plural -s/-ies, -ing, -ed, a final -e: "charges", "charging", "charged" → "charg"),
 * without stop words and service filler; numbers only with 3+ digits (a model, an error code),
 * words with digits kept ("5g"); first appearance order, at most 12.
 */
export function topicWords(subject: string | null | undefined, text: string | null | undefined): string[] {
  const fromSubject = wordsOf(normalizeSubject(subject ?? ''));
  if (fromSubject.length > 0) return fromSubject;
  const lines = (text ?? '').split(/\r?\n/).map((line) => line.trim());
  const history = lines.findIndex((line) => HISTORY_START.test(line));
  const body = (history >= 0 ? lines.slice(0, history) : lines).filter((line) => !SIGNATURE_LINE.test(line)).join(' ');
  const cut = body.length > TEXT_TOPIC_CHARS ? body.slice(0, TEXT_TOPIC_CHARS).replace(/[\p{L}\p{N}]+$/u, '') : body;
  return wordsOf(cut);
}

function wordsOf(text: string): string[] {
  const tokens =
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/\S+@\S+|https?:\/\/\S+|www\.\S+/g, ' ')
      .replace(/['’]s\b/g, '')
      .replace(/['’]/g, '')
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const words: string[] = [];
  for (const token of tokens) {
    if (STOP_WORDS.has(token) || token.length < 2 || token.length > 40) continue;
    if (/^\d+$/.test(token) && token.length < 3) continue;
    const stemmed = stem(token);
    if (STOP_WORDS.has(stemmed) || words.includes(stemmed)) continue;
    words.push(stemmed);
    if (words.length === MAX_TOPIC_WORDS) break;
  }
  return words;
}
