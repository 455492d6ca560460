/**
 * The analyst copy of a contact: personal data replaced by typed placeholders, and a list of
 * what was found (its kind and where, never the value, so the list itself is safe to store).
 * Numbers are validated (Luhn for cards, ISO 13616 mod-97 for IBANs, digit counts for phones)
 * so that amounts, durations, dates and order numbers stay readable.
 */

export type PersonalDataKind = 'card' | 'iban' | 'phone' | 'email' | 'address';

export interface PersonalDataSpan {
  kind: PersonalDataKind;
  /** Offsets in the original text: [start, end). */
  start: number;
  end: number;
}

export interface Redaction {
  redacted: string;
  personalData: PersonalDataSpan[];
}

const PLACEHOLDER: Record<PersonalDataKind, string> = {
  card: '[CARD]',
  iban: '[IBAN]',
  phone: '[PHONE]',
  email: '[EMAIL]',
  address: '[ADDRESS]',
};

export function redactPersonalData(text: string): Redaction {
  const taken: PersonalDataSpan[] = [];
  const claim = (span: PersonalDataSpan) => {
    if (!taken.some((t) => span.start < t.end && t.start < span.end)) taken.push(span);
  };
  // Most specific first: an email's digits are not a phone, an IBAN's digits are not a card.
  for (const span of findEmails(text)) claim(span);
  for (const span of findIbans(text)) claim(span);
  for (const span of findCards(text)) claim(span);
  for (const span of findPhones(text)) claim(span);
  for (const span of findAddresses(text)) claim(span);
  taken.sort((a, b) => a.start - b.start);

  let redacted = '';
  let at = 0;
  for (const span of taken) {
    redacted += text.slice(at, span.start) + PLACEHOLDER[span.kind];
    at = span.end;
  }
  return { redacted: redacted + text.slice(at), personalData: taken };
}

// ---- emails

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

function findEmails(text: string): PersonalDataSpan[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ kind: 'email', start: m.index, end: m.index + m[0].length }));
}

// ---- digit runs (cards and phones)

/** A run of digit groups separated by one space, dash, dot or bracket, e.g. "4539 1488 0343 6467". */
interface DigitGroup {
  start: number;
  end: number;
  digits: string;
}

/** Groups of digits in text order; `separator` says which characters may join two groups. */
function digitRuns(text: string, separator: RegExp): DigitGroup[][] {
  const runs: DigitGroup[][] = [];
  let run: DigitGroup[] = [];
  for (const m of text.matchAll(/\d+/g)) {
    const group = { start: m.index, end: m.index + m[0].length, digits: m[0] };
    const previous = run[run.length - 1];
    if (previous && separator.test(text.slice(previous.end, group.start))) run.push(group);
    else {
      if (run.length > 0) runs.push(run);
      run = [group];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Within each run, from each group that may start a match, the longest run of whole groups
 * the predicate accepts; matches do not overlap.
 */
function longestMatches(
  runs: DigitGroup[][],
  accept: (digits: string, first: DigitGroup) => boolean,
  canStart: (first: DigitGroup) => boolean,
): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (const run of runs) {
    let i = 0;
    while (i < run.length) {
      let best = -1;
      if (canStart(run[i]!)) {
        let digits = '';
        for (let j = i; j < run.length; j++) {
          digits += run[j]!.digits;
          if (digits.length > 19) break;
          if (accept(digits, run[i]!)) best = j;
        }
      }
      if (best >= 0) {
        found.push({ start: run[i]!.start, end: run[best]!.end });
        i = best + 1;
      } else i++;
    }
  }
  return found;
}

/** Not glued to letters or to a decimal/thousands part: "£1,234.56", "A12345" and "v2.0" are not data. */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 2);
  return !/[\p{L}£$€]$|\d[.,:/]$/u.test(before) && !/^\p{L}|^[.,:/]\d/u.test(after);
}

// ---- payment cards

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function findCards(text: string): PersonalDataSpan[] {
  // Card numbers are written in groups joined by a single space or dash.
  const runs = digitRuns(text, /^[ -]$/);
  return (
    longestMatches(
      runs,
      (digits) => digits.length >= 13 && /^[2-6]/.test(digits) && passesLuhn(digits),
      () => true,
    )
      // "+49 1511 2345 6789" is a phone number even when its digits happen to pass Luhn.
      .filter((m) => standsAlone(text, m.start, m.end) && text[m.start - 1] !== '+')
      .map((m) => ({ kind: 'card', ...m }))
  );
}

// ---- phone numbers

function findPhones(text: string): PersonalDataSpan[] {
  // One space, dash or dot, or a bracket with its space: "+44 (0)20 7946-0958", "(029) 2034 5678".
  const runs = digitRuns(text, /^(?:[ .-]|[ ]?\(|\)[ -]?)$/);
  const prefix = (group: DigitGroup) => text.slice(Math.max(0, group.start - 2), group.start);
  const international = (group: DigitGroup) =>
    prefix(group).endsWith('+') || (group.digits.startsWith('00') && group.digits.length <= 4);
  const spans = longestMatches(
    runs,
    (digits, first) => {
      if (prefix(first).endsWith('+')) return digits.length >= 9 && digits.length <= 15;
      if (digits.startsWith('00')) return digits.length >= 11 && digits.length <= 17;
      // National numbers (UK style): a trunk 0, then 9 or 10 digits.
      return /^0[1-9]/.test(digits) && (digits.length === 10 || digits.length === 11);
    },
    (first) => international(first) || first.digits.startsWith('0') || prefix(first).endsWith('('),
  );
  return spans
    .map((m) => {
      // Take in the leading "+" or "(" that belong to the number.
      let start = m.start;
      if (text[start - 1] === '+' || text[start - 1] === '(') start--;
      if (text[start - 1] === '+') start--;
      return { start, end: m.end };
    })
    .filter((m) => standsAlone(text, m.start, m.end))
    .map((m) => ({ kind: 'phone', ...m }));
}

// ---- IBANs

/** ISO 13616 lengths of the countries customers most often give (SEPA and neighbours). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  TR: 26,
  UA: 29,
  VA: 22,
};

/** The ISO 13616 check: move the first four characters to the end, letters to 10..35, mod 97 = 1. */
export function passesIbanCheck(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : char.charCodeAt(0) - 48;
    remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

function findIbans(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  for (const m of text.matchAll(/\b([A-Za-z]{2})\d{2}/g)) {
    const length = IBAN_LENGTHS[m[1]!.toUpperCase()];
    if (length === undefined) continue;
    // Walk the exact length for the country, allowing single spaces between characters.
    let end = m.index;
    let compact = '';
    while (end < text.length && compact.length < length) {
      const char = text[end]!;
      if (/[A-Za-z0-9]/.test(char)) compact += char;
      else if (!(char === ' ' && compact.length > 0 && /[A-Za-z0-9]/.test(text[end + 1] ?? ''))) break;
      end++;
    }
    if (compact.length !== length || /[A-Za-z0-9]/.test(text[end] ?? '')) continue;
    if (passesIbanCheck(compact)) spans.push({ kind: 'iban', start: m.index, end });
  }
  return spans;
}

// ---- postal addresses

const STREET_TYPES =
  'road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|place|court|terrace|gardens|grove|square|hill|park|row|walk|mews|parade|boulevard|view';
/** House number, one to three name words, a street type: "12 High Street", "7a St John's Road". */
const STREET = new RegExp(`\\b\\d{1,4}[a-z]?,?\\s+((?:[\\p{L}'’.-]+\\s+){1,3})(${STREET_TYPES})\\b\\.?`, 'giu');
/** Street types that are rarely anything else; the others ("way", "park", "close") need capitalised names. */
const UNAMBIGUOUS_STREET_TYPES = new Set([
  'road',
  'street',
  'avenue',
  'lane',
  'crescent',
  'terrace',
  'gardens',
  'mews',
  'boulevard',
]);
/** German-style "Hauptstraße 12", "Lindenweg 3a". */
const CONTINENTAL_STREET =
  /\b\p{Lu}\p{Ll}+(?:straße|strasse|str\.|weg|gasse|platz|allee|laan|straat|gatan|vej)\s+\d{1,4}[a-z]?\b/gu;
/** French/Spanish/Italian-style "12 rue de la Paix", "Via Roma 5". */
const LATIN_STREET =
  /\b(?:\d{1,4},?\s+(?:rue|avenue|boulevard|calle|plaza)\s+(?:\p{L}+\s+){0,3}\p{Lu}\p{L}+|(?:via|calle|rue)\s+\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+)?,?\s+\d{1,4})\b/gu;
const UK_POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/gi;
/** Words that show "30 minutes on the road" is a sentence, not an address. */
const NOT_A_STREET_NAME = new Set([
  'a',
  'an',
  'the',
  'on',
  'in',
  'at',
  'for',
  'of',
  'to',
  'and',
  'or',
  'my',
  'your',
  'our',
  'this',
  'that',
  'down',
  'up',
  'over',
  'minutes',
  'minute',
  'mins',
  'hours',
  'hour',
  'days',
  'day',
  'weeks',
  'week',
  'months',
  'times',
  'miles',
  'pounds',
  'people',
  'calls',
  'texts',
]);

function findAddresses(text: string): PersonalDataSpan[] {
  const spans: { start: number; end: number }[] = [];
  for (const m of text.matchAll(STREET)) {
    const names = m[1]!
      .trim()
      .split(/\s+/)
      .map((w) => w.toLowerCase());
    if (names.some((w) => NOT_A_STREET_NAME.has(w))) continue;
    const capitalised = m[1]!
      .trim()
      .split(/\s+/)
      .every((w) => /^\p{Lu}/u.test(w));
    if (!capitalised && !UNAMBIGUOUS_STREET_TYPES.has(m[2]!.toLowerCase())) continue;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const pattern of [CONTINENTAL_STREET, LATIN_STREET, UK_POSTCODE]) {
    for (const m of text.matchAll(pattern)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  spans.sort((a, b) => a.start - b.start);
  // A street, its town and its postcode are one address: join spans separated by at most a
  // comma and a couple of capitalised words.
  const merged: { start: number; end: number }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (
      last &&
      (span.start <= last.end || /^,?\s+(?:\p{Lu}[\p{L}-]*,?\s+){0,2}$/u.test(text.slice(last.end, span.start)))
    ) {
      last.end = Math.max(last.end, span.end);
    } else merged.push({ ...span });
  }
  return merged.map((m) => ({ kind: 'address', ...m }));
}
