/**
 * Cues an expert looks for in a contact, each with the exact words that triggered it so a
 * reviewer can see why it was raised. Patterns are phrase-level (not single keywords) so that
 * "leave a message" is not churn; a plain negation right before a churn or escalation phrase
 * ("I don't want to cancel") cancels it.
 */

export type CueKind = 'churn_intent' | 'escalation_demand' | 'repeated_contact' | 'do_not_contact' | 'vulnerability';

export const CUE_KINDS: readonly CueKind[] = [
  'churn_intent',
  'escalation_demand',
  'repeated_contact',
  'do_not_contact',
  'vulnerability',
];

export interface CueMatch {
  kind: CueKind;
  /** The words as written in the text. */
  text: string;
  start: number;
  end: number;
}

export interface Cue {
  kind: CueKind;
  /** Each distinct triggering phrase, lower-cased, in order of first appearance. */
  words: string[];
  matches: CueMatch[];
}

const COMPETITORS =
  'vodafone|ee|o2|three|sky(?: mobile)?|bt|virgin(?: media| mobile)?|tesco mobile|giffgaff|lebara|talktalk|plusnet|id mobile|smarty|voxi|lyca(?:mobile)?';
const SERVICE =
  '(?:contract|plan|account|subscription|service|line|broadband|phone line|sim|package|tariff|membership|policy)';
const NUMBER_WORD =
  '(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|so many|countless|numerous)';
const ORDINAL = '(?:second|third|fourth|fifth|sixth|seventh|\\d+(?:st|nd|rd|th))';
const CONTACT_VERB =
  '(?:call(?:ed|ing)?|rang|rung|ring(?:ing)?|phon(?:ed|ing)|contact(?:ed|ing)?|writ(?:ten|ing)|wrote|emailed|emailing|chatted|messaged|chas(?:ed|ing)|been in touch|complained)';

// Written against lower-cased text with straight apostrophes (see normalise()).
const PATTERN_SOURCES: Record<CueKind, RegExp[]> = {
  churn_intent: [
    new RegExp(
      `\\bcancel(?:l?ing|l?ed)?\\s+(?:my|the|our|this|your|me|us)?\\s*(?:whole\\s+|mobile\\s+|phone\\s+)?${SERVICE}s?\\b`,
    ),
    new RegExp(`\\bcancell?ation\\s+of\\s+(?:my|the|our)\\s+${SERVICE}\\b`),
    /\b(?:i'?m|i am|i will|i'll|we'?re|we will|we'll|going to|want to|wanna|thinking (?:of|about)|considering|ready to|about to|planning to|will)\s+(?:be\s+)?leav(?:e|ing)\b(?!\s+(?:a|the|you a|my)\s+(?:message|review|note|feedback|voicemail|comment))/,
    /\bleav(?:e|ing)\s+(?:you(?:r company| guys| lot)?|this (?:company|network|provider)|the network)\b(?!\s+(?:a|the)\s+(?:message|review|note|feedback|voicemail))/,
    new RegExp(
      `\\b(?:switch(?:ing)?|mov(?:e|ing)|go(?:ing)?|tak(?:e|ing) my business)\\s+to\\s+(?:another|a different|a new|a better|a cheaper)\\s+(?:provider|network|supplier|company|operator)\\b`,
    ),
    /\bswitch(?:ing)?\s+(?:my\s+)?(?:provider|providers|network|networks|supplier|suppliers|operator)\b/,
    new RegExp(
      `\\b(?:switch(?:ing)?|mov(?:e|ing)|go(?:ing)?|port(?:ing)?(?: my number)?)\\s+(?:over\\s+)?to\\s+(?:${COMPETITORS})\\b`,
    ),
    /\bport(?:ing)?\s+(?:my|our)\s+numbers?(?:\s+(?:out|away))?\b/,
    /\b(?:pac|stac)(?:\s+code)?\b/,
  ],
  escalation_demand: [
    /\b(?:manager|supervisor|team leader|someone senior|somebody senior|head of \w+)\b/,
    /\b(?:formal\s+)?complain(?:t|ts|ing)?\b/,
    /\b(?:regulator|ofcom|ofgem|ofwat|fca|ombudsman|trading standards|citizens advice)\b/,
    /\b(?:lawyer|solicitor|attorney|legal action|small claims court|take you to court|sue you)\b/,
    /\b(?:escalate|escalating|escalation)\b/,
  ],
  repeated_contact: [
    // "third time I call", "calling for the second time", "third time this week"; not "I paid a second time".
    new RegExp(
      `\\b${ORDINAL}\\s+time\\s+(?:(?:that\\s+)?(?:i|we)(?:'ve|'m| have| am)?\\s+)?(?:${CONTACT_VERB}|call|ring|phone|contact|write|email|chase|complain|asking|explaining|this (?:week|month|year)|today)\\b`,
    ),
    new RegExp(`\\b${CONTACT_VERB}\\s+(?:you\\s+|about this\\s+)?for the ${ORDINAL} time\\b`),
    new RegExp(`\\b${CONTACT_VERB}\\s+(?:you\\s+|you guys\\s+|in\\s+|about this\\s+)?${NUMBER_WORD}\\s+times\\b`),
    /\b(?:called|calling|rang|ringing|phoned|phoning|contacted|contacting|wrote|writing|emailed|emailing|chasing|asking|explaining|here)\s+(?:\w+\s+){0,2}?again\b/,
    /\b(?:yet again|again and again|once again)\b(?!\s+thank)/,
    /\b(?:i|we)(?:'ve| have)?\s+already\s+(?:told|explained|called|reported|said|rung|asked|been through|complained|contacted|chased)\b/,
    // "every time I call", not "top up each time".
    /\b(?:every|each)\s+(?:single\s+)?time\s+(?:i|we)\s+(?:call|ring|phone|contact|chat|speak|talk|ask|write|email|get through)\b|\bevery single time\b/,
    // "how many times do I have to call", not "how many times can I top up".
    /\bhow many (?:more\s+)?times\s+(?:do|must|will|should|have|did)\s+(?:i|we)\b/,
    /\bnot (?:the|my) first time\b/,
    /\bkeep (?:having to (?:call|ring|chase|explain|contact|repeat)|calling|ringing|chasing)\b/,
  ],
  do_not_contact: [
    /\bstop (?:calling|ringing|texting|emailing|contacting|messaging|phoning|spamming|sending)(?: me| us)?\b/,
    /\bremove (?:my|our) (?:number|phone number|details|email|email address|address|data)\b/,
    /\b(?:don't|do not|dont|never) (?:contact|call|text|email|ring|message|phone) (?:me|us)(?: again)?\b/,
    /\bunsubscribe\b/,
    /\bopt(?:ing)? (?:me )?out\b/,
    /\btake (?:me|my number|my details) off (?:your|the) (?:list|mailing list|database|system)\b/,
    /\bno more (?:calls|texts|emails|marketing|messages)\b/,
  ],
  vulnerability: [
    /\b(?:bereave(?:d|ment)|passed away|funeral|widow(?:ed|er)?)\b/,
    /\bmy (?:husband|wife|partner|mum|mother|dad|father|son|daughter|brother|sister) (?:has )?died\b/,
    /\b(?:in|from|at|to) (?:the )?hospital\b|\bhospitali[sz]ed\b/,
    /\b(?:disabled|disability|wheelchair|blind|deaf|hard of hearing|partially sighted)\b/,
    /\b(?:carer|caring for)\b/,
    /\b(?:can't|cannot|cant|can not|couldn't|unable to) afford\b(?! to (?:lose|wait|miss|be without))|\bstruggling (?:to pay|financially|with (?:money|bills|debt))\b/,
    /\b(?:lost my job|made redundant|unemployed|out of work)\b/,
    /\b(?:elderly|pensioner|in my (?:80|90)s)\b/,
    /\b(?:mental health|depression|depressed|anxiety|dementia|suicidal|terminally ill|terminal (?:illness|cancer|diagnosis)|cancer|chemotherapy)\b/,
  ],
};

/** Global copies, compiled once (matchAll clones them, so their lastIndex is never shared). */
const PATTERNS = Object.fromEntries(
  CUE_KINDS.map((kind) => [kind, PATTERN_SOURCES[kind].map((p) => new RegExp(p.source, 'g'))]),
) as Record<CueKind, RegExp[]>;

/**
 * "don't want to", "not going to", "won't", "never" directly before the phrase (at most one
 * word between): close enough to be about it, unlike "if you don't fix it I'll cancel".
 */
const NEGATED_BEFORE =
  /\b(?:don't|dont|do not|didn't|did not|won't|will not|wouldn't|would not|not|never|no|no (?:intention|plans?|need|wish) (?:of|to|for))\s+(?:(?:really|actually|even)\s+)?(?:(?:want|wish|plan|intend|need|going|trying|mean|planning|looking)\s+(?:to\s+)?)?(?:be\s+|ask(?:ing)? (?:for|to speak to)\s+|speak(?:ing)? to\s+|make\s+|a\s+)?(?:\w+\s+)?$/;
const NEGATABLE: ReadonlySet<CueKind> = new Set(['churn_intent', 'escalation_demand']);

/** Lower-cases and straightens apostrophes without changing any offset. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[’‘`´]/g, "'");
}

export function findCueMatches(text: string): CueMatch[] {
  const lower = normalise(text);
  const matches: CueMatch[] = [];
  for (const kind of CUE_KINDS) {
    for (const pattern of PATTERNS[kind]) {
      for (const m of lower.matchAll(pattern)) {
        const start = m.index;
        const end = start + m[0].length;
        if (NEGATABLE.has(kind) && isNegated(lower, start)) continue;
        if (matches.some((other) => other.kind === kind && start < other.end && other.start < end)) continue;
        matches.push({ kind, text: text.slice(start, end), start, end });
      }
    }
  }
  return matches.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
}

/** The text of the current clause before `at` (clauses end at sentence punctuation, commas and "but"). */
function isNegated(lower: string, at: number): boolean {
  const clause = lower
    .slice(Math.max(0, at - 80), at)
    .split(/[.!?;,:\n]|\bbut\b/)
    .pop()!;
  return NEGATED_BEFORE.test(clause);
}

/** Matches grouped by kind, in the fixed kind order. */
export function detectCues(text: string): Cue[] {
  const matches = findCueMatches(text);
  const cues: Cue[] = [];
  for (const kind of CUE_KINDS) {
    const ofKind = matches.filter((m) => m.kind === kind);
    if (ofKind.length === 0) continue;
    const words = [...new Set(ofKind.map((m) => normalise(m.text).replace(/\s+/g, ' ').trim()))];
    cues.push({ kind, words, matches: ofKind });
  }
  return cues;
}
