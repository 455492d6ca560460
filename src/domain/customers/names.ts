/**
 * People's names as service desks receive them: "Smith, Jane", "JANE SMITH", "Mrs J. Smith",
 * "José Núñez" typed as "Jose Nunez". Names are compared as tokens, ignoring case, accents,
 * punctuation, titles and (for equality) order.
 */

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev', 'jr', 'sr', 'ii', 'iii']);

/** Groups of given names that are the same person's name (a name and its usual short forms). */
const NICKNAME_GROUPS = [
  'robert rob robbie bob bobby',
  'william will bill billy liam',
  'richard rick ricky rich richie dick',
  'james jim jimmy jamie',
  'john jack johnny jon',
  'jonathan jon jonny',
  'elizabeth liz lizzie beth betty eliza',
  'margaret maggie meg peggy',
  'katherine catherine kathryn kate katie cathy kathy kat',
  'michael mike mikey mick',
  'thomas tom tommy',
  'joseph joe joey',
  'daniel dan danny',
  'david dave davey',
  'christopher chris',
  'christine chris chrissie',
  'matthew matt',
  'anthony tony',
  'edward ed eddie ted',
  'alexander alex sandy',
  'alexandra alex sandra',
  'samuel sam sammy',
  'samantha sam sammie',
  'benjamin ben benny',
  'nicholas nick nicky',
  'andrew andy drew',
  'steven stephen steve',
  'patricia pat patty trish',
  'jennifer jen jenny',
  'susan sue susie',
  'deborah debbie deb',
  'rebecca becky becca',
  'victoria vicky tori',
  'charles charlie chuck',
  'peter pete',
  'timothy tim',
  'gregory greg',
  'kenneth ken kenny',
  'ronald ron ronnie',
  'donald don donnie',
  'lawrence larry',
  'abigail abby',
  'jessica jess jessie',
  'francis frank fran',
  'frances fran frankie',
].map((group) => group.split(' '));

/** A name as comparable tokens, given name first: "Smith, Jane" → ["jane", "smith"]. */
export function nameTokens(raw: string | null | undefined): string[] {
  if (!raw) return [];
  let text = raw.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const parts = text.split(',');
  // "Smith, Jane" is a surname first; "Jane Smith, Jr" is not swapped into "jr jane smith".
  if (parts.length === 2 && parts[1]!.trim() !== '' && !TITLES.has(parts[1]!.trim().replace(/\./g, '')))
    text = `${parts[1]} ${parts[0]}`;
  return text
    .replace(/['’.]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '' && !TITLES.has(token));
}

/** How two people's names relate, from the strongest sign of one person to a clear difference. */
export type NameRelation =
  | 'unknown' // one of them has no name
  | 'same' // the same tokens, in any order
  | 'near' // a letter or two apart: Jon Smith / John Smith
  | 'compatible' // an initial, a nickname or a middle name apart: J Smith / Bob Smith / Jane Mary Smith
  | 'same_given_name' // Jane Doe / Jane Smith: perhaps a changed surname
  | 'same_surname' // Jane Doe / John Doe: perhaps one household
  | 'different';

export function compareNames(a: string | null | undefined, b: string | null | undefined): NameRelation {
  const x = nameTokens(a);
  const y = nameTokens(b);
  if (x.length === 0 || y.length === 0) return 'unknown';
  if (sameTokens(x, y)) return 'same';
  if (x.length === y.length && (nearTokens(x, y) || nearTokens(sorted(x), sorted(y)))) return 'near';
  if (x.length < 2 || y.length < 2) return 'different';
  const surnameSame = x[x.length - 1] === y[y.length - 1];
  const givenX = x[0]!;
  const givenY = y[0]!;
  if (surnameSame && (givenCompatible(givenX, givenY) || middleNameApart(x, y))) return 'compatible';
  if (surnameSame) return 'same_surname';
  if (givenX === givenY) return 'same_given_name';
  return 'different';
}

/** Whether a name has at least a given name and a surname (a lone "Jane" says little). */
export const isFullName = (raw: string | null | undefined): boolean => nameTokens(raw).length >= 2;

function sorted(tokens: string[]): string[] {
  return [...tokens].sort();
}

function sameTokens(x: string[], y: string[]): boolean {
  return x.length === y.length && sorted(x).join(' ') === sorted(y).join(' ');
}

/** Token by token, at most one typo per token and two in all, with at least one token exact. */
function nearTokens(x: string[], y: string[]): boolean {
  let total = 0;
  let exact = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a === b) {
      exact++;
      continue;
    }
    if (Math.min(a.length, b.length) < 3) return false;
    const d = editDistance(a, b);
    if (d > (Math.min(a.length, b.length) >= 7 ? 2 : 1)) return false;
    total += d;
  }
  return exact > 0 && total > 0 && total <= 2;
}

function givenCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  if ((a.length === 1 || b.length === 1) && a[0] === b[0]) return true;
  return NICKNAME_GROUPS.some((group) => group.includes(a) && group.includes(b));
}

/** "Jane Doe" / "Jane Mary Doe": the shorter name's tokens all appear in the longer, in order. */
function middleNameApart(x: string[], y: string[]): boolean {
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length === long.length) return false;
  let at = 0;
  for (const token of long) if (token === short[at]) at++;
  return at === short.length;
}

/** Levenshtein distance, for short strings such as name tokens. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
