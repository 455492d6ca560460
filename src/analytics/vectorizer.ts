/**
 * Sublinear TF-IDF over the hashed features of text-features.ts. The vocabulary keeps the
 * hashes seen in at least `minDocumentFrequency` training messages (rare n-grams are mostly
 * noise and would only grow the model); each block (words, characters) is L2-normalised on
 * its own and then weighted, so neither drowns the other.
 */
import {
  FeatureKind,
  forEachCharFeature,
  forEachWordFeature,
  tokenize,
  type FeatureSettings,
} from './text-features.ts';

export interface SparseVector {
  /** Ascending feature indices. */
  indices: Int32Array;
  values: Float32Array;
}

export interface VectorizerSettings extends FeatureSettings {
  minDocumentFrequency: number;
  /** Multiplies the normalised word block and char block. */
  blockWeights: [word: number, char: number];
}

export interface Vocabulary {
  /** Feature hash of each index. */
  hashes: Uint32Array;
  /** 0 = word, 1 = char, per index. */
  kinds: Uint8Array;
  idf: Float32Array;
}

export class Vectorizer {
  private readonly index = new Map<number, number>();
  private scratch = new Int32Array(1024);

  constructor(
    readonly settings: VectorizerSettings,
    readonly vocabulary: Vocabulary,
  ) {
    vocabulary.hashes.forEach((hash, i) => this.index.set(hash, i));
  }

  get dimension(): number {
    return this.vocabulary.hashes.length;
  }

  /** Learns the vocabulary and inverse document frequencies from training texts. */
  static fit(texts: readonly string[], settings: VectorizerSettings): Vectorizer {
    const documentFrequency = new Map<number, number>();
    const kindOf = new Map<number, FeatureKind>();
    const seen = new Set<number>();
    for (const text of texts) {
      seen.clear();
      const tokens = tokenize(text);
      forEachWordFeature(tokens, settings, (hash) => {
        seen.add(hash);
        kindOf.set(hash, FeatureKind.Word);
      });
      forEachCharFeature(tokens, settings, (hash) => {
        seen.add(hash);
        kindOf.set(hash, FeatureKind.Char);
      });
      for (const hash of seen) documentFrequency.set(hash, (documentFrequency.get(hash) ?? 0) + 1);
    }
    const kept = [...documentFrequency]
      .filter(([, df]) => df >= settings.minDocumentFrequency)
      .sort((a, b) => a[0] - b[0]);
    const n = texts.length;
    const vocabulary: Vocabulary = {
      hashes: Uint32Array.from(kept, ([hash]) => hash),
      kinds: Uint8Array.from(kept, ([hash]) => kindOf.get(hash)!),
      // Smoothed, as if one extra message held every feature: never zero, never infinite.
      idf: Float32Array.from(kept, ([, df]) => Math.log((1 + n) / (1 + df)) + 1),
    };
    return new Vectorizer(settings, vocabulary);
  }

  transform(text: string): SparseVector {
    const tokens = tokenize(text);
    let count = 0;
    const collect = (hash: number) => {
      const i = this.index.get(hash);
      if (i === undefined) return;
      if (count === this.scratch.length) {
        const grown = new Int32Array(count * 2);
        grown.set(this.scratch);
        this.scratch = grown;
      }
      this.scratch[count++] = i;
    };
    forEachWordFeature(tokens, this.settings, collect);
    forEachCharFeature(tokens, this.settings, collect);
    const sorted = this.scratch.subarray(0, count).sort();

    // Run-length count the sorted indices into (index, 1 + ln tf) pairs weighted by idf.
    const indices = new Int32Array(count);
    const values = new Float32Array(count);
    let nnz = 0;
    const blockNorm = [0, 0];
    for (let k = 0; k < count;) {
      const feature = sorted[k]!;
      let tf = 0;
      while (k < count && sorted[k] === feature) {
        tf++;
        k++;
      }
      const value = (1 + Math.log(tf)) * this.vocabulary.idf[feature]!;
      indices[nnz] = feature;
      values[nnz] = value;
      blockNorm[this.vocabulary.kinds[feature]!]! += value * value;
      nnz++;
    }
    const scale = [
      blockNorm[0]! > 0 ? this.settings.blockWeights[0] / Math.sqrt(blockNorm[0]!) : 0,
      blockNorm[1]! > 0 ? this.settings.blockWeights[1] / Math.sqrt(blockNorm[1]!) : 0,
    ];
    for (let k = 0; k < nnz; k++) values[k]! *= scale[this.vocabulary.kinds[indices[k]!]!]!;
    return { indices: indices.slice(0, nnz), values: values.slice(0, nnz) };
  }
}
