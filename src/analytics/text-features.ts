/**
 * Turns a customer's message into hashed features: word unigrams and bigrams, and character
 * n-grams taken inside word boundaries (so "card" and "cards" share most of their features
 * and typos still overlap). Features are 32-bit FNV-1a hashes computed incrementally over the
 * characters, so extraction allocates no substrings: that is what keeps prediction fast.
 */

export interface FeatureSettings {
  /** Word n-gram lengths, inclusive (1..2: unigrams and bigrams). */
  wordNgrams: [min: number, max: number];
  /** Character n-gram lengths inside " word " (boundaries padded with a space), inclusive. */
  charNgrams: [min: number, max: number];
}

export const DEFAULT_FEATURE_SETTINGS: FeatureSettings = { wordNgrams: [1, 2], charNgrams: [2, 5] };

/** The two blocks are weighted and normalised separately, so each has its own kind. */
export const enum FeatureKind {
  Word = 0,
  Char = 1,
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = mix(FNV_OFFSET, 0x57); // 'W'
const CHAR_SEED = mix(FNV_OFFSET, 0x43); // 'C'
const SPACE = 0x20;

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
}

/**
 * Lower case, accents and apostrophes removed ("hasn't" -> "hasnt"), digits kept; every other
 * character separates words.
 */
export function tokenize(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '');
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Receives each feature hash of one block, once per occurrence. */
export type FeatureSink = (hash: number) => void;

export function forEachWordFeature(tokens: readonly string[], settings: FeatureSettings, emit: FeatureSink): void {
  const [min, max] = settings.wordNgrams;
  for (let start = 0; start < tokens.length; start++) {
    let hash = WORD_SEED;
    for (let n = 1; n <= max && start + n <= tokens.length; n++) {
      if (n > 1) hash = mix(hash, SPACE);
      const token = tokens[start + n - 1]!;
      for (let k = 0; k < token.length; k++) hash = mix(hash, token.charCodeAt(k));
      if (n >= min) emit(hash);
    }
  }
}

export function forEachCharFeature(tokens: readonly string[], settings: FeatureSettings, emit: FeatureSink): void {
  const [min, max] = settings.charNgrams;
  for (const token of tokens) {
    // Positions run over " token ": index -1 and token.length are the boundary spaces.
    const last = token.length;
    for (let start = -1; start <= last; start++) {
      let hash = CHAR_SEED;
      for (let n = 1; n <= max && start + n - 1 <= last; n++) {
        const at = start + n - 1;
        hash = mix(hash, at < 0 || at === last ? SPACE : token.charCodeAt(at));
        if (n >= min) emit(hash);
      }
    }
  }
}

/** Human-readable features, for tests and for explaining what the hashes stand for. */
export function describeFeatures(
  text: string,
  settings: FeatureSettings = DEFAULT_FEATURE_SETTINGS,
): { words: string[]; chars: string[] } {
  const tokens = tokenize(text);
  const words: string[] = [];
  for (let start = 0; start < tokens.length; start++) {
    for (let n = settings.wordNgrams[0]; n <= settings.wordNgrams[1] && start + n <= tokens.length; n++) {
      words.push(tokens.slice(start, start + n).join(' '));
    }
  }
  const chars: string[] = [];
  for (const token of tokens) {
    const padded = ` ${token} `;
    for (let start = 0; start < padded.length; start++) {
      for (let n = settings.charNgrams[0]; n <= settings.charNgrams[1] && start + n <= padded.length; n++) {
        chars.push(padded.slice(start, start + n));
      }
    }
  }
  return { words, chars };
}
