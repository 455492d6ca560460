import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { classificationReport } from './metrics.ts';
import { decodeClassifier, encodeClassifier, parseClassifier, stringifyClassifier } from './model-codec.ts';
import { seededRandom } from './random.ts';
import { stratifiedSplit } from './split.ts';
import { DEFAULT_CLASSIFIER_SETTINGS } from './text-classifier.ts';
import { trainTextClassifier, type LabelledText } from './train-classifier.ts';

/** Customer messages for four intents, built from phrase pieces with a seeded random. */
function generateMessages(count: number, seed: number): LabelledText[] {
  const random = seededRandom(seed);
  const pick = (items: string[]) => items[Math.floor(random() * items.length)]!;
  const openers = ['hi', 'hello', 'please help', 'urgent', '', 'good morning', 'excuse me'];
  const intents: Record<string, string[][]> = {
    cancel_contract: [
      ['I want to', 'how do I', 'please'],
      ['cancel', 'terminate', 'end'],
      ['my contract', 'my subscription', 'the plan'],
    ],
    roaming_charges: [
      ['why was I charged', 'what is the cost', 'I got a bill'],
      ['for roaming', 'for data abroad', 'while travelling'],
      ['in spain', 'in the US', 'last month'],
    ],
    port_number: [
      ['can I', 'I would like to', 'how to'],
      ['port', 'move', 'transfer'],
      ['my number', 'my phone number', 'my mobile number'],
      ['to another provider', 'to a new network', 'away'],
    ],
    broken_phone: [
      ['my phone', 'the handset', 'my device'],
      ['is broken', 'stopped working', 'will not turn on', 'has a cracked screen'],
      ['since yesterday', 'after an update', ''],
    ],
  };
  const labels = Object.keys(intents);
  return Array.from({ length: count }, (_, i) => {
    const label = labels[i % labels.length]!;
    const text = [pick(openers), ...intents[label]!.map(pick)].filter(Boolean).join(' ');
    return { text, label };
  });
}

const examples = generateMessages(400, 11);
const clock = { now: () => new Date('2026-01-02T03:04:05Z') };
const trained = trainTextClassifier(examples, { ...clock, version: 'test-v1' });

describe('trainTextClassifier', () => {
  it('learns the intents well enough to classify messages it has not seen', () => {
    const split = stratifiedSplit(
      examples.map((e) => e.label),
      0.25,
      5,
    );
    const classifier = trainTextClassifier(
      split.train.map((i) => examples[i]!),
      clock,
    );
    const held = split.test.map((i) => examples[i]!);
    const report = classificationReport(
      held.map((e) => e.label),
      held.map((e) => classifier.predictLabel(e.text)),
    );
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(classifier.predict('I need to terminate my subscription').label).toBe('cancel_contract');
    expect(classifier.predict('my mobile stopped working after an update').label).toBe('broken_phone');
  });

  it('records its version, labels, training summary and a fitted temperature', () => {
    expect(trained.parts).toMatchObject({
      version: 'test-v1',
      trainedAt: '2026-01-02T03:04:05.000Z',
      labels: ['broken_phone', 'cancel_contract', 'port_number', 'roaming_charges'],
    });
    expect(trained.parts.training).toMatchObject({ examples: 400, calibrationExamples: 40 });
    expect(trained.parts.temperature).toBeGreaterThan(0);
    expect(trained.parts.training.calibrationError).toBeGreaterThanOrEqual(0);
  });

  it('gives calibrated confidences in [0, 1], ordered, summing to at most 1', () => {
    for (const text of ['cancel my plan', 'roaming bill from spain', 'blah', '']) {
      const prediction = trained.predict(text, 3);
      const confidences = [prediction.confidence, ...prediction.alternatives.map((a) => a.confidence)];
      expect(prediction.alternatives).toHaveLength(3);
      expect(confidences.every((c) => c >= 0 && c <= 1)).toBe(true);
      expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
      expect(confidences.reduce((a, b) => a + b)).toBeLessThanOrEqual(1 + 1e-9);
      expect(new Set([prediction.label, ...prediction.alternatives.map((a) => a.label)]).size).toBe(4);
    }
    // A clear message is confident; one without known words is not.
    expect(trained.predict('I want to port my phone number to another provider').confidence).toBeGreaterThan(0.8);
    // Nothing it knows: every label equally likely, rather than the largest bias claiming certainty.
    expect(trained.predict('zzz qqq').confidence).toBeCloseTo(0.25);
  });

  it('is reproducible: the same examples and settings give the same model', () => {
    const again = trainTextClassifier(examples, { ...clock, version: 'test-v1' });
    expect(stringifyClassifier(again)).toBe(stringifyClassifier(trained));
  });

  it('refuses training data with fewer than two labels', () => {
    expect(() =>
      trainTextClassifier([
        { text: 'a', label: 'x' },
        { text: 'b', label: 'x' },
      ]),
    ).toThrow(/at least 2 labels/);
  });

  it('trains with too few examples to calibrate, leaving the temperature at 1', () => {
    const tiny = trainTextClassifier(examples.slice(0, 12), {
      settings: {
        ...DEFAULT_CLASSIFIER_SETTINGS,
        vectorizer: { ...DEFAULT_CLASSIFIER_SETTINGS.vectorizer, minDocumentFrequency: 1 },
      },
    });
    expect(tiny.parts.temperature).toBe(1);
    expect(tiny.parts.training.calibrationError).toBeNull();
    expect(tiny.predictLabel(examples[0]!.text)).toBe(examples[0]!.label);
  });
});

describe('model JSON', () => {
  it('round-trips to a model with identical predictions', () => {
    const restored = parseClassifier(stringifyClassifier(trained));
    expect(restored.version).toBe('test-v1');
    for (const { text } of generateMessages(60, 99)) {
      expect(restored.predict(text, 3)).toEqual(trained.predict(text, 3));
    }
  });

  it('refuses a foreign, truncated, corrupt or newer model with a clear reason', () => {
    const good = encodeClassifier(trained);
    const refused = (document: unknown) => {
      try {
        decodeClassifier(document, 'model.json');
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused({ hello: 'world' })).toMatch(/model\.json is not a usable Hearken text classifier: its "format"/);
    expect(refused({ ...good, formatVersion: 99 })).toMatch(/format version 99/);
    expect(refused({ ...good, weights: good.weights.slice(0, 48) })).toMatch(/"weights" holds \d+ values, expected/);
    expect(refused({ ...good, bias: '***' })).toMatch(/"bias" is not base64/);
    expect(refused({ ...good, labels: ['only'] })).toMatch(/at least 2 labels/);
    expect(refused({ ...good, temperature: -1 })).toMatch(/temperature/);
    expect(() => parseClassifier('{"format": "hearken.text-cl', 'm.json')).toThrow(/m\.json .* not JSON/);
  });
});
