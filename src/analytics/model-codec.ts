/**
 * The classifier as a versioned JSON document (a file, or a row in the database). Numeric
 * arrays are stored as base64 of their little-endian bytes: exact, and a quarter of the size of
 * decimal text. Decoding checks everything, so a corrupt or foreign file is refused with a
 * clear message instead of producing nonsense predictions.
 */
import { AppError } from '../errors.ts';
import type { ClassifierParts, ClassifierSettings, TrainingSummary } from './text-classifier.ts';
import { TextClassifier } from './text-classifier.ts';

export const MODEL_FORMAT = 'hearken.text-classifier';
/** Bump when the features or the document change in a way older code cannot read. */
export const MODEL_FORMAT_VERSION = 1;

export interface TextClassifierDocument {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  version: string;
  trainedAt: string;
  labels: string[];
  settings: ClassifierSettings;
  temperature: number;
  training: TrainingSummary;
  dimension: number;
  vocabulary: { hashes: string; kinds: string; idf: string };
  weights: string;
  bias: string;
}

export function encodeClassifier(classifier: TextClassifier): TextClassifierDocument {
  const p = classifier.parts;
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    version: p.version,
    trainedAt: p.trainedAt,
    labels: p.labels,
    settings: p.settings,
    temperature: p.temperature,
    training: p.training,
    dimension: p.linear.dimension,
    vocabulary: {
      hashes: toBase64(p.vocabulary.hashes),
      kinds: toBase64(p.vocabulary.kinds),
      idf: toBase64(p.vocabulary.idf),
    },
    weights: toBase64(p.linear.weights),
    bias: toBase64(p.linear.bias),
  };
}

/** `source` names the model in error messages (a file name, a model id). */
export function decodeClassifier(document: unknown, source = 'the model'): TextClassifier {
  const fail = (why: string): never => {
    throw new AppError('validation_failed', `${source} is not a usable Hearken text classifier: ${why}`);
  };
  if (!isObject(document) || document.format !== MODEL_FORMAT) fail(`its "format" is not "${MODEL_FORMAT}"`);
  const d = document as Record<string, unknown>;
  if (d.formatVersion !== MODEL_FORMAT_VERSION) {
    fail(
      `it has format version ${JSON.stringify(d.formatVersion)}; this Hearken reads version ${MODEL_FORMAT_VERSION} (retrain it)`,
    );
  }
  const labels = d.labels;
  if (!Array.isArray(labels) || labels.length < 2 || !labels.every((l) => typeof l === 'string'))
    fail('"labels" must list at least 2 labels');
  const classes = (labels as string[]).length;
  const dimension = d.dimension;
  if (!Number.isInteger(dimension) || (dimension as number) < 0) fail('"dimension" must be a whole number');
  const temperature = d.temperature;
  if (typeof temperature !== 'number' || !(temperature > 0) || !Number.isFinite(temperature))
    fail('"temperature" must be a positive number');
  for (const key of ['version', 'trainedAt'] as const)
    if (typeof d[key] !== 'string') fail(`"${key}" must be a string`);
  const settings = d.settings;
  if (!isSettings(settings)) fail('"settings" are missing or malformed');
  if (!isObject(d.training)) fail('"training" is missing');
  const vocabulary = d.vocabulary;
  if (!isObject(vocabulary)) fail('"vocabulary" is missing');
  const v = vocabulary as Record<string, unknown>;

  const n = dimension as number;
  const array = <T>(
    value: unknown,
    name: string,
    make: (buffer: ArrayBuffer) => T & { length: number },
    length: number,
  ): T => {
    if (typeof value !== 'string') return fail(`"${name}" must be a base64 string`);
    const decoded = make(fromBase64(value, name, fail));
    if (decoded.length !== length) fail(`"${name}" holds ${decoded.length} values, expected ${length}`);
    return decoded;
  };
  const hashes = array(v.hashes, 'vocabulary.hashes', (b) => new Uint32Array(b), n);
  const kinds = array(v.kinds, 'vocabulary.kinds', (b) => new Uint8Array(b), n);
  const idf = array(v.idf, 'vocabulary.idf', (b) => new Float32Array(b), n);
  const weights = array(d.weights, 'weights', (b) => new Float32Array(b), n * classes);
  const bias = array(d.bias, 'bias', (b) => new Float32Array(b), classes);
  if (!kinds.every((k) => k === 0 || k === 1)) fail('"vocabulary.kinds" holds unknown feature kinds');
  if (!weights.every(Number.isFinite) || !bias.every(Number.isFinite) || !idf.every(Number.isFinite))
    fail('it holds non-finite numbers');

  const parts: ClassifierParts = {
    version: d.version as string,
    trainedAt: d.trainedAt as string,
    labels: labels as string[],
    settings: settings as ClassifierSettings,
    vocabulary: { hashes, kinds, idf },
    linear: { weights, bias, classes, dimension: n },
    temperature: temperature as number,
    training: d.training as unknown as TrainingSummary,
  };
  return new TextClassifier(parts);
}

/** Parses and decodes a model file's text. */
export function parseClassifier(json: string, source = 'the model'): TextClassifier {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    throw new AppError('validation_failed', `${source} is not a usable Hearken text classifier: it is not JSON`);
  }
  return decodeClassifier(document, source);
}

export function stringifyClassifier(classifier: TextClassifier): string {
  return JSON.stringify(encodeClassifier(classifier));
}

function toBase64(array: ArrayBufferView): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64(text: string, name: string, fail: (why: string) => never): ArrayBuffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) fail(`"${name}" is not base64`);
  const bytes = Buffer.from(text, 'base64');
  // Copied into a fresh buffer: typed arrays need an aligned offset, and Buffer pools share memory.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  if (copy.byteLength % 4 !== 0 && !name.endsWith('kinds')) fail(`"${name}" has a truncated value`);
  return copy;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRange(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((n) => Number.isInteger(n) && n >= 1) &&
    value[0] <= value[1]
  );
}

function isSettings(value: unknown): value is ClassifierSettings {
  if (
    !isObject(value) ||
    !isObject(value.vectorizer) ||
    !isObject(value.svm) ||
    !isObject(value.softmax) ||
    typeof value.svmWeight !== 'number'
  )
    return false;
  const v = value.vectorizer;
  return (
    isRange(v.wordNgrams) &&
    isRange(v.charNgrams) &&
    typeof v.minDocumentFrequency === 'number' &&
    Array.isArray(v.blockWeights) &&
    v.blockWeights.length === 2 &&
    v.blockWeights.every((w) => typeof w === 'number' && Number.isFinite(w))
  );
}
