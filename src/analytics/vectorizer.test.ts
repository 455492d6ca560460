import { describe, expect, it } from 'vitest';
import { Vectorizer, type VectorizerSettings } from './vectorizer.ts';

const settings: VectorizerSettings = {
  wordNgrams: [1, 2],
  charNgrams: [2, 4],
  minDocumentFrequency: 1,
  blockWeights: [1, 2],
};
const texts = ['card not arrived', 'card declined', 'refund not arrived', 'exchange rate'];

const blockNorms = (v: Vectorizer, text: string) => {
  const x = v.transform(text);
  const norms = [0, 0];
  x.indices.forEach((f, k) => (norms[v.vocabulary.kinds[f]!]! += x.values[k]! ** 2));
  return norms.map(Math.sqrt);
};

describe('Vectorizer', () => {
  it('gives sorted, unique indices and blocks normalised to their weights', () => {
    const v = Vectorizer.fit(texts, settings);
    const x = v.transform('card card not arrived');
    expect([...x.indices]).toEqual([...new Set(x.indices)].sort((a, b) => a - b));
    const [word, char] = blockNorms(v, 'card card not arrived');
    expect(word).toBeCloseTo(1, 5);
    expect(char).toBeCloseTo(2, 5);
  });

  it('weighs rare features above common ones and repeats sublinearly', () => {
    const v = Vectorizer.fit(texts, { ...settings, charNgrams: [9, 9] }); // words only
    const x = v.transform('card exchange');
    const value = (word: string) => {
      const other = Vectorizer.fit([word], { ...settings, charNgrams: [9, 9] });
      const hash = other.vocabulary.hashes[0]!;
      const f = v.vocabulary.hashes.indexOf(hash);
      return x.values[x.indices.indexOf(f)]!;
    };
    expect(value('exchange')).toBeGreaterThan(value('card')); // "card" is in 2 of 4 texts, "exchange" in 1
  });

  it('ignores features it never saw, and the empty text gives the empty vector', () => {
    const v = Vectorizer.fit(texts, settings);
    expect(v.transform('').indices).toHaveLength(0);
    expect(v.transform('zzzz qqqq').indices).toHaveLength(0);
  });

  it('keeps only features seen in enough texts', () => {
    const wordsOnly = { ...settings, charNgrams: [9, 9] as [number, number] };
    const all = Vectorizer.fit(texts, wordsOnly);
    const frequent = Vectorizer.fit(texts, { ...wordsOnly, minDocumentFrequency: 2 });
    expect(frequent.dimension).toBeLessThan(all.dimension);
    expect(frequent.transform('declined').indices).toHaveLength(0);
    expect(frequent.transform('card').indices.length).toBeGreaterThan(0);
  });
});
