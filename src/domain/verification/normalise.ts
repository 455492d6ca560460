/**
 * How claimed and stored values are brought to one spelling before they are compared: case,
 * accents, spacing and punctuation never count, nor the usual abbreviations of addresses. Pure
 * functions, no I/O.
 */

/** Lower case, accents removed, anything but letters and digits turned into single spaces. */
export function plainText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const words = (value: string): string[] => {
  const plain = plainText(value);
  return plain === '' ? [] : plain.split(' ');
};

/** Only the letters and digits, upper case: how postcodes are compared ("hg1 4qt" = "HG14QT"). */
export const compactCode = (value: string): string => plainText(value).replace(/ /g, '').toUpperCase();

export const digitsOf = (value: string): string => value.replace(/\D+/g, '');

// Street and flat words, each written its one way. Only whole words are replaced, so "Stanley"
// keeps its "st" and "Drive" is not confused with "Dr" as a title (titles are names only).
const ADDRESS_WORDS: Record<string, string> = {
  rd: 'road',
  st: 'street',
  str: 'street',
  ave: 'avenue',
  av: 'avenue',
  ln: 'lane',
  dr: 'drive',
  cl: 'close',
  ct: 'court',
  cres: 'crescent',
  pl: 'place',
  sq: 'square',
  gdns: 'gardens',
  gr: 'grove',
  ter: 'terrace',
  terr: 'terrace',
  pk: 'park',
  hwy: 'highway',
  mt: 'mount',
  n: 'north',
  s: 'south',
  e: 'east',
  w: 'west',
};

/** Words that only say "what follows is a flat number": Flat 2 = Apt 2 = Apartment 2 = Unit 2 = #2. */
const FLAT_WORDS = new Set(['flat', 'apt', 'apartment', 'unit', 'no', 'number', 'suite', 'ste']);

export interface AddressParts {
  /** House, flat and building numbers, in no particular order ("2", "30", "12a"). */
  numbers: string[];
  /** The remaining words, abbreviations written out, in order. */
  words: string[];
}

/**
 * An address as numbers and words: "Flat 2, 30 High St" and "30 High Street, flat 2" both give
 * numbers {2, 30} and words [high, street]. A number with a letter ("12a") stays one number.
 */
export function addressParts(value: string): AddressParts {
  const numbers: string[] = [];
  const kept: string[] = [];
  for (const word of words(value.replace(/#/g, ' flat '))) {
    if (/^\d+[a-z]?$/.test(word)) numbers.push(word);
    else if (!FLAT_WORDS.has(word)) kept.push(ADDRESS_WORDS[word] ?? word);
  }
  return { numbers: numbers.sort(), words: kept };
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev']);

/** A person's name as words, titles left out ("Mrs. Helen  CARTER" → [helen, carter]). */
export const nameWords = (value: string): string[] => words(value).filter((w) => !TITLES.has(w));

/**
 * Levenshtein distance with adjacent transpositions counted as one edit (optimal string
 * alignment), so "Cartre" is one edit from "Carter" and "1984-03-21" one from "1984-03-12".
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** One pair of neighbouring characters swapped, nothing else: "13" / "31", "0312" / "0321". */
export function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const differ: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ.push(i);
  return (
    differ.length === 2 &&
    differ[1] === differ[0]! + 1 &&
    a[differ[0]!] === b[differ[1]!] &&
    a[differ[1]!] === b[differ[0]!]
  );
}

/**
 * How many typing mistakes a word of this length may carry and still be the same word: none for
 * short words (a one-letter change turns "Row" into "Roe"), one up to seven letters, two beyond.
 */
export const typosAllowed = (length: number): number => (length <= 3 ? 0 : length <= 7 ? 1 : 2);
