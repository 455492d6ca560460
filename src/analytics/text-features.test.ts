import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURE_SETTINGS,
  describeFeatures,
  forEachCharFeature,
  forEachWordFeature,
  tokenize,
} from './text-features.ts';

const hashesOf = (text: string) => {
  const tokens = tokenize(text);
  const words: number[] = [];
  const chars: number[] = [];
  forEachWordFeature(tokens, DEFAULT_FEATURE_SETTINGS, (h) => words.push(h));
  forEachCharFeature(tokens, DEFAULT_FEATURE_SETTINGS, (h) => chars.push(h));
  return { words, chars };
};

describe('tokenize', () => {
  it('lower-cases, folds accents, joins contractions and splits on punctuation', () => {
    expect(tokenize("My card hasn't ARRIVED, café-payment: £20!")).toEqual([
      'my',
      'card',
      'hasnt',
      'arrived',
      'cafe',
      'payment',
      '20',
    ]);
  });

  it('returns nothing for text without letters or digits', () => {
    expect(tokenize(' ?!… ')).toEqual([]);
  });
});

describe('features', () => {
  it('takes word unigrams and bigrams, and character n-grams inside padded words', () => {
    const { words, chars } = describeFeatures('Top up');
    expect(words).toEqual(['top', 'top up', 'up']);
    expect(chars).toEqual([
      ' t',
      ' to',
      ' top',
      ' top ',
      'to',
      'top',
      'top ',
      'op',
      'op ',
      'p ',
      ' u',
      ' up',
      ' up ',
      'up',
      'up ',
      'p ',
    ]);
  });

  it('emits one hash per described feature, the same for the same n-gram wherever it occurs', () => {
    const text = 'Top up failed, top up again';
    const described = describeFeatures(text);
    const { words, chars } = hashesOf(text);
    expect(words).toHaveLength(described.words.length);
    expect(chars).toHaveLength(described.chars.length);
    const hashOf = new Map<string, number>();
    described.words.forEach((feature, i) => {
      if (hashOf.has(feature)) expect(words[i]).toBe(hashOf.get(feature));
      hashOf.set(feature, words[i]!);
    });
    expect(new Set(words).size).toBe(new Set(described.words).size);
    expect(new Set(chars).size).toBe(new Set(described.chars).size);
  });

  it('keeps words and character n-grams apart even when their text is equal', () => {
    // "ab" is both a one-word unigram and a character bigram of that word.
    const { words, chars } = hashesOf('ab');
    expect(chars).not.toContain(words[0]);
  });

  it('shares most character features between inflections, which is why typos and plurals still match', () => {
    const card = new Set(hashesOf('card').chars);
    const cards = hashesOf('cards').chars;
    expect(cards.filter((h) => card.has(h)).length).toBeGreaterThanOrEqual(6);
  });
});
