import {
  addressParts,
  compactCode,
  digitsOf,
  editDistance,
  isTransposition,
  nameWords,
  typosAllowed,
  words,
} from './normalise.ts';

/**
 * One claimed field against the record: the same after normalisation (match), probably the same
 * with a slip of the tongue or the keyboard (near: one typo, two digits swapped, a flat number
 * left out), or different (mismatch). Scores stay inside the server: no answer ever names them.
 */
export type FieldScore = 'match' | 'near' | 'mismatch';

export const CLAIM_FIELDS = [
  'name',
  'dateOfBirth',
  'address',
  'postcode',
  'pin',
  'lastPayment',
  'phoneLastDigits',
] as const;
export type ClaimField = (typeof CLAIM_FIELDS)[number];

export interface ClaimedAddress {
  line1: string;
  line2?: string | undefined;
  city?: string | undefined;
}

/** What the caller says, as the agent, the IVR or the chatbot typed it. */
export interface Claims {
  name?: string | undefined;
  /** YYYY-MM-DD */
  dateOfBirth?: string | undefined;
  address?: ClaimedAddress | undefined;
  postcode?: string | undefined;
  pin?: string | undefined;
  /** As said: "42.50", "£42.5", "42". */
  lastPayment?: string | undefined;
  /** The last two to four digits of a phone number on the record. */
  phoneLastDigits?: string | undefined;
}

/** What the record holds to compare with; the PIN is compared by the service (hash), not here. */
export interface StoredRecord {
  name: string | null;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  address: { line1?: string | undefined; line2?: string | undefined; city?: string | undefined } | null;
  postcode: string | null;
  lastPaymentMinor: number | null;
  /** Every phone number registered on the record, normalised. */
  phones: string[];
}

export type FieldScores = Partial<Record<ClaimField, FieldScore>>;

/**
 * Equal strings, compared without stopping at the first difference: every character of the
 * longer one is looked at, so how long it takes does not say how much of a claim was right.
 * (The PIN and one-time codes are compared as hashes with crypto.timingSafeEqual in the services;
 * the answers are also padded to a fixed minimum time.)
 */
export function sameText(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  // charCodeAt past the end is NaN, and NaN | 0 is 0: the shorter string reads as zeros.
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return difference === 0;
}

const worst = (scores: FieldScore[]): FieldScore =>
  scores.includes('mismatch') ? 'mismatch' : scores.includes('near') ? 'near' : 'match';

/** Two words the same, or one typing slip apart (for words long enough to tell). */
function wordScore(claimed: string, stored: string): FieldScore {
  if (sameText(claimed, stored)) return 'match';
  const allowed = typosAllowed(Math.max(claimed.length, stored.length));
  return allowed > 0 && editDistance(claimed, stored) <= allowed ? 'near' : 'mismatch';
}

function wordsInOrder(claimed: string[], stored: string[]): FieldScore {
  if (claimed.length !== stored.length || claimed.length === 0) return 'mismatch';
  return worst(claimed.map((word, i) => wordScore(word, stored[i]!)));
}

/** "Helen Carter" = "carter, helen" = "Mrs Helen Carter"; "Helen Cartre" and "H Carter" are near. */
export function compareName(claimed: string, stored: string): FieldScore {
  const c = nameWords(claimed);
  const s = nameWords(stored);
  if (c.length === 0 || s.length === 0) return 'mismatch';
  if (sameText([...c].sort().join(' '), [...s].sort().join(' '))) return 'match';
  const initialOr = (word: string, other: string) =>
    (word.length === 1 && other.startsWith(word)) || (other.length === 1 && word.startsWith(other))
      ? 'near'
      : wordScore(word, other);
  const paired = (order: string[]) =>
    order.length === s.length ? worst(order.map((word, i) => initialOr(word, s[i]!))) : 'mismatch';
  const best = [paired(c), paired([...c].reverse())].sort((a, b) => RANK[a] - RANK[b])[0]!;
  if (best !== 'mismatch') return best;
  // A middle name left out: the first and last names given exactly.
  if (c.length >= 2 && c.length < s.length && sameText(c[0]!, s[0]!) && sameText(c.at(-1)!, s.at(-1)!)) return 'near';
  return 'mismatch';
}

const RANK: Record<FieldScore, number> = { match: 0, near: 1, mismatch: 2 };

/**
 * The street part of an address (line 1 and 2 together, so a flat number may sit on either line)
 * and, when the caller gave it, the town. House and flat numbers must agree exactly, in any order:
 * 10 for 30 is another house, and a mismatch. Two swapped digits (13 / 31) or a flat number left
 * out are near; a word one typo away is near.
 */
export function compareAddress(
  claimed: ClaimedAddress,
  stored: NonNullable<StoredRecord['address']>,
  storedPostcode: string | null,
): FieldScore {
  const postcodeWords = new Set(words(storedPostcode ?? ''));
  const street = (a: { line1?: string | undefined; line2?: string | undefined }) =>
    addressParts(`${a.line1 ?? ''} ${a.line2 ?? ''}`);
  const c = street(claimed);
  const s = street(stored);
  // A postcode said as part of the street is not part of the street.
  c.words = c.words.filter((w) => !postcodeWords.has(w));
  const scores: FieldScore[] = [compareNumbers(c.numbers, s.numbers), wordsInOrder(c.words, s.words)];
  if (claimed.city !== undefined && claimed.city.trim() !== '' && stored.city)
    scores.push(wordsInOrder(words(claimed.city), words(stored.city)));
  return worst(scores);
}

function compareNumbers(claimed: string[], stored: string[]): FieldScore {
  if (claimed.length === stored.length) {
    const differing = claimed.map((n, i) => [n, stored[i]!] as const).filter(([a, b]) => !sameText(a, b));
    if (differing.length === 0) return 'match';
    // Sorted as text, a swapped pair may move: compare the leftovers as sets of digit strings.
    const left = claimed.filter((n) => !stored.includes(n));
    const right = stored.filter((n) => !claimed.includes(n));
    if (left.length === 1 && right.length === 1 && isTransposition(left[0]!, right[0]!)) return 'near';
    return 'mismatch';
  }
  // A flat number left out ("30 High St" for "Flat 2, 30 High St"): everything said is right.
  if (claimed.length > 0 && claimed.length < stored.length && claimed.every((n) => stored.includes(n))) return 'near';
  return 'mismatch';
}

/** "HG1 4QT" = "hg14qt"; one character wrong or two swapped is near. */
export function comparePostcode(claimed: string, stored: string): FieldScore {
  const c = compactCode(claimed);
  const s = compactCode(stored);
  if (c === '' || s === '') return 'mismatch';
  if (sameText(c, s)) return 'match';
  return c.length === s.length && editDistance(c, s) <= 1 ? 'near' : 'mismatch';
}

/** 1984-03-12: the day and month swapped, two neighbouring digits swapped, or one digit off is near. */
export function compareDateOfBirth(claimed: string, stored: string): FieldScore {
  const c = digitsOf(claimed);
  const s = digitsOf(stored);
  if (c.length !== 8 || s.length !== 8) return 'mismatch';
  if (sameText(c, s)) return 'match';
  const dayMonthSwapped = c.slice(0, 4) + c.slice(6, 8) + c.slice(4, 6);
  if (sameText(dayMonthSwapped, s) || isTransposition(c, s) || editDistance(c, s) === 1) return 'near';
  return 'mismatch';
}

/** An amount as said ("£42.50", "42,5", "42") in minor units; null when it is not an amount. */
export function parseAmount(value: string): { minor: number; wholeOnly: boolean } | null {
  const match = /^\D{0,3}?(\d{1,9})(?:[.,](\d{1,2}))?\s*\D{0,3}$/.exec(value.trim());
  if (!match) return null;
  const fraction = match[2] === undefined ? 0 : Number(match[2].padEnd(2, '0'));
  return { minor: Number(match[1]) * 100 + fraction, wholeOnly: match[2] === undefined };
}

/** The last payment: exact, or near when digits are swapped or the caller rounded to whole pounds. */
export function compareAmount(claimed: string, storedMinor: number): FieldScore {
  const amount = parseAmount(claimed);
  if (!amount) return 'mismatch';
  if (sameText(String(amount.minor), String(storedMinor))) return 'match';
  if (isTransposition(String(amount.minor), String(storedMinor))) return 'near';
  if (amount.wholeOnly && Math.abs(amount.minor - storedMinor) < 100) return 'near';
  return 'mismatch';
}

/** The last digits of any phone on the record; two swapped digits are near. */
export function comparePhoneDigits(claimed: string, phones: string[]): FieldScore {
  const c = digitsOf(claimed);
  if (c.length < 2) return 'mismatch';
  const endings = phones.map((p) => digitsOf(p).slice(-c.length));
  // Every ending is compared, so how long this takes does not say which phone matched.
  const scores = endings.map((e): FieldScore =>
    sameText(c, e) ? 'match' : isTransposition(c, e) ? 'near' : 'mismatch',
  );
  return scores.reduce<FieldScore>((best, s) => (RANK[s] < RANK[best] ? s : best), 'mismatch');
}

/**
 * Every claimed field the record can answer, scored. A field the caller did not claim, or the
 * record does not hold, is left out: it neither helps nor hurts. The PIN is scored by the caller
 * of this function (it compares hashes) and passed in.
 */
export function scoreClaims(record: StoredRecord, claims: Claims, pinScore?: FieldScore): FieldScores {
  const scores: FieldScores = {};
  if (claims.name !== undefined && record.name) scores.name = compareName(claims.name, record.name);
  if (claims.dateOfBirth !== undefined && record.dateOfBirth)
    scores.dateOfBirth = compareDateOfBirth(claims.dateOfBirth, record.dateOfBirth);
  if (claims.address !== undefined && record.address && (record.address.line1 || record.address.line2))
    scores.address = compareAddress(claims.address, record.address, record.postcode);
  if (claims.postcode !== undefined && record.postcode)
    scores.postcode = comparePostcode(claims.postcode, record.postcode);
  if (claims.pin !== undefined && pinScore !== undefined) scores.pin = pinScore;
  if (claims.lastPayment !== undefined && record.lastPaymentMinor !== null)
    scores.lastPayment = compareAmount(claims.lastPayment, record.lastPaymentMinor);
  if (claims.phoneLastDigits !== undefined && record.phones.length > 0)
    scores.phoneLastDigits = comparePhoneDigits(claims.phoneLastDigits, record.phones);
  return scores;
}
