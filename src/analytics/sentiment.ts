/**
 * Sentiment tuned for service conversations. A general-purpose lexicon reads "on hold for 30
 * minutes and nobody helps, I want to cancel my contract" as neutral (no "bad" word in it);
 * here service phrases carry their weight, negation and intensifiers adjust the words they
 * govern, churn and escalation cues pull the score down, and the end of a message (where
 * customers give their verdict) weighs more than its start.
 */
import type { Cue } from './cues.ts';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface Sentiment {
  /** In [-1, 1]. */
  score: number;
  label: SentimentLabel;
}

/** Multi-word service phrases, matched before single words (their words are then not re-scored). */
const PHRASE_SOURCES: [RegExp, number][] = [
  [/\bon hold\b/, -2],
  [
    /\b(?:nobody|no one|noone|no-one)\s+(?:\w+\s+)?(?:helps?|helped|helping|cares?|answers?|answered|listens?|calls? back|called back|gets? back|got back)\b/,
    -2.5,
  ],
  [
    /\bstill\s+(?:not|isn't|isnt|doesn't|doesnt|hasn't|hasnt|no|can't|cant|waiting|broken|down)\b(?:\s+(?:working|work|fixed|sorted|arrived|resolved|connected|received))?/,
    -2.5,
  ],
  [
    /\b(?:not|isn't|isnt|doesn't|doesnt|don't|dont|won't|wont|never)\s+(?:\w+\s+)?(?:working|work|works|connect|connecting|load|loading)\b/,
    -2,
  ],
  [/\bwaste of (?:time|money|space)\b/, -3],
  [/\b(?:third|fourth|fifth|sixth|\d+(?:rd|th))\s+time\b/, -1.5],
  [/\b(?:cut off|disconnected)\b/, -2],
  [/\bno (?:signal|service|internet|connection|reception|coverage|dial tone|response|reply|answer|one)\b/, -2],
  [/\b(?:thanks|thank you) for nothing\b/, -3],
  [/\b(?:fed up|sick of|sick and tired|had enough|at my wits end)\b/, -3],
  [/\b(?:hung up on me|hang up on me|kept me waiting|keep getting passed|passed around|pillar to post)\b/, -2.5],
  [
    /\b(?:didn't|did not|never|hasn't|has not|haven't|have not|still hasn't)\s+(?:\w+\s+)?(?:turn(?:ed)? up|show(?:ed)? up|arrived?|call(?:ed)? (?:me )?back|got back to me|get back to me|received?|heard? back)\b/,
    -2,
  ],
  [/\b(?:overcharged|charged twice|double charged|wrongly charged|hidden charges?)\b/, -2],
  [/\b(?:fixed|sorted|resolved|solved)\s+(?:it|that|this|the problem|the issue|everything|now)\b/, 2],
  [/\b(?:all|now)\s+(?:sorted|fixed|working|resolved)\b/, 2],
  [/\b(?:works|working)\s+(?:now|again|fine|perfectly|great)\b/, 2],
  [
    /\b(?:great|excellent|brilliant|fantastic|amazing|good|lovely|outstanding) (?:service|support|help|job|experience)\b/,
    3,
  ],
  [/\b(?:problem|issue) (?:solved|resolved|fixed)\b/, 2],
  [/\b(?:no (?:problem|problems|worries|issues))\b/, 0.5],
];

/** Global copies, compiled once (matchAll clones them). */
const PHRASES = PHRASE_SOURCES.map(([pattern, value]) => [new RegExp(pattern.source, 'g'), value] as const);

const WORDS: Record<string, number> = {
  // negative
  bad: -2,
  terrible: -3,
  awful: -3,
  horrible: -3,
  appalling: -3.5,
  disgraceful: -3.5,
  disgusting: -3.5,
  shocking: -3,
  useless: -3,
  pathetic: -3,
  ridiculous: -2.5,
  unacceptable: -3,
  outrageous: -3,
  joke: -2,
  rubbish: -2.5,
  poor: -2,
  worst: -3.5,
  worse: -2,
  hate: -3,
  angry: -2.5,
  furious: -3.5,
  annoyed: -2,
  frustrated: -2.5,
  frustrating: -2.5,
  disappointed: -2.5,
  disappointing: -2.5,
  upset: -2,
  unhappy: -2.5,
  incompetent: -3,
  rude: -2.5,
  slow: -1.5,
  broken: -2,
  fault: -1.5,
  faulty: -2,
  problem: -1,
  problems: -1.5,
  issue: -0.8,
  issues: -1,
  wrong: -1.5,
  error: -1,
  failed: -2,
  fails: -2,
  failing: -2,
  unable: -1,
  complaint: -1.5,
  complain: -1.5,
  scam: -3,
  rip: -1,
  misleading: -2.5,
  lied: -3,
  lies: -3,
  lying: -3,
  ignored: -2.5,
  waiting: -0.8,
  waited: -1,
  delay: -1.5,
  delayed: -1.5,
  nightmare: -3,
  hopeless: -3,
  shambles: -3,
  sucks: -3,
  stupid: -2.5,
  mess: -2,
  confusing: -1.5,
  expensive: -1.5,
  overpriced: -2,
  unreliable: -2.5,
  dropped: -1.5,
  dropping: -1.5,
  lost: -1,
  never: -0.5,
  nobody: -1,
  cancel: -1,
  sorry: -0.3,
  // positive
  good: 2,
  great: 3,
  excellent: 3.5,
  brilliant: 3.5,
  fantastic: 3.5,
  amazing: 3.5,
  wonderful: 3.5,
  perfect: 3,
  superb: 3.5,
  happy: 2.5,
  pleased: 2.5,
  glad: 2,
  delighted: 3.5,
  satisfied: 2,
  love: 3,
  lovely: 2.5,
  nice: 2,
  helpful: 2.5,
  thanks: 1.5,
  thank: 1.5,
  thankyou: 1.5,
  cheers: 1,
  appreciate: 2,
  appreciated: 2,
  grateful: 2.5,
  quick: 1.5,
  quickly: 1,
  fast: 1.5,
  easy: 1.5,
  friendly: 2,
  kind: 2,
  polite: 1.5,
  patient: 1.5,
  fixed: 1.5,
  sorted: 1.5,
  resolved: 1.5,
  solved: 1.5,
  works: 1,
  recommend: 2,
  best: 3,
  awesome: 3.5,
  smooth: 1.5,
  reliable: 2,
  fair: 1,
  fine: 0.8,
  ok: 0.3,
  okay: 0.3,
};

const INTENSIFIERS: Record<string, number> = {
  very: 1.5,
  really: 1.4,
  absolutely: 1.7,
  extremely: 1.8,
  so: 1.4,
  totally: 1.6,
  completely: 1.6,
  utterly: 1.8,
  truly: 1.4,
  incredibly: 1.7,
  super: 1.4,
  most: 1.3,
  too: 1.3,
  such: 1.3,
  beyond: 1.6,
  massively: 1.6,
  seriously: 1.5,
  slightly: 0.6,
  somewhat: 0.7,
  bit: 0.7,
  little: 0.7,
  fairly: 0.8,
  quite: 0.9,
};

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  "don't",
  'dont',
  "doesn't",
  'doesnt',
  "didn't",
  'didnt',
  "isn't",
  'isnt',
  "wasn't",
  'wasnt',
  "aren't",
  'arent',
  "won't",
  'wont',
  "can't",
  'cant',
  'cannot',
  'hardly',
  "haven't",
  'havent',
  "hasn't",
  'hasnt',
  'nothing',
  'neither',
  'nor',
]);

/** How much a churn or escalation cue pulls the message score down. */
const CUE_PULL: Partial<Record<Cue['kind'], number>> = {
  churn_intent: 0.35,
  escalation_demand: 0.3,
  repeated_contact: 0.15,
};

/** VADER's normalisation constant: raw sums of a few words land in a useful part of (-1, 1). */
const ALPHA = 15;
const LABEL_THRESHOLD = 0.15;

export function scoreSentiment(text: string, cues: readonly Cue[] = []): Sentiment {
  const sentences = splitSentences(text);
  let weighted = 0;
  let weights = 0;
  sentences.forEach((sentence, i) => {
    const raw = sentenceScore(sentence);
    if (raw === 0) return;
    // Later sentences count more: the last one twice as much as the first.
    const weight = sentences.length === 1 ? 1 : 1 + i / (sentences.length - 1);
    weighted += weight * (raw / Math.sqrt(raw * raw + ALPHA));
    weights += weight;
  });
  let score = weights === 0 ? 0 : weighted / weights;
  for (const cue of cues) score -= CUE_PULL[cue.kind] ?? 0;
  score = Math.max(-1, Math.min(1, score));
  const rounded = Math.round(score * 1000) / 1000;
  return { score: rounded === 0 ? 0 : rounded, label: labelOf(rounded) };
}

export function labelOf(score: number): SentimentLabel {
  if (score <= -LABEL_THRESHOLD) return 'negative';
  if (score >= LABEL_THRESHOLD) return 'positive';
  return 'neutral';
}

function splitSentences(text: string): string[] {
  return normalise(text)
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[’‘`´]/g, "'");
}

/** Raw (unbounded) score of one sentence; after "but", words count more than before it. */
function sentenceScore(sentence: string): number {
  let masked = sentence;
  const found: { at: number; value: number }[] = [];
  for (const [pattern, value] of PHRASES) {
    for (const m of masked.matchAll(pattern)) {
      found.push({ at: m.index, value });
      // Blank the phrase so its words are not scored again as single words.
      masked = masked.slice(0, m.index) + ' '.repeat(m[0].length) + masked.slice(m.index + m[0].length);
    }
  }
  const tokens = [...masked.matchAll(/[\p{L}']+/gu)].map((m) => ({ word: m[0].replace(/^'+|'+$/g, ''), at: m.index }));
  tokens.forEach((token, i) => {
    const base = WORDS[token.word];
    if (base === undefined || base === 0) return;
    let value = base;
    const previous = tokens[i - 1];
    const intensity = previous && previous.at > token.at - 20 ? INTENSIFIERS[previous.word] : undefined;
    if (intensity !== undefined) value *= intensity;
    // A negator up to three words before flips the word, less than fully ("not bad" is mildly good).
    const window = tokens.slice(Math.max(0, i - 3), i);
    if (window.some((t) => NEGATORS.has(t.word))) value *= value > 0 ? -0.9 : -0.5;
    found.push({ at: token.at, value });
  });
  const pivot = sentence.search(/\bbut\b/);
  return found.reduce((sum, f) => sum + (pivot < 0 ? f.value : f.at > pivot ? f.value * 1.5 : f.value * 0.5), 0);
}
