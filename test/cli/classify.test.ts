import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const BANKING77 = new URL('../../data/banking77/train.csv', import.meta.url);
const LABELS = [
  'card_arrival',
  'exchange_rate',
  'lost_or_stolen_card',
  'top_up_failed',
  'transaction_charged_twice',
  'wrong_amount_of_cash_received',
];

let dir: string;
let trainCsv: string;
let testJsonl: string;
let model: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearken-classify-'));
  // A few hundred real rows of six intents: enough to learn them in a fraction of a second.
  const rows: { text: string; category: string }[] = parse(await readFile(BANKING77), { columns: true });
  const chosen = rows.filter((r) => LABELS.includes(r.category));
  const perLabel = new Map<string, number>();
  const train: typeof rows = [];
  const test: typeof rows = [];
  for (const row of chosen) {
    const seen = perLabel.get(row.category) ?? 0;
    perLabel.set(row.category, seen + 1);
    if (seen < 60) train.push(row);
    else if (seen < 75) test.push(row);
  }
  trainCsv = join(dir, 'train.csv');
  testJsonl = join(dir, 'test.jsonl');
  model = join(dir, 'model.json');
  await writeFile(trainCsv, ['text,category', ...train.map((r) => `${quote(r.text)},${r.category}`)].join('\n'));
  await writeFile(testJsonl, test.map((r) => JSON.stringify({ message: r.text, intent: r.category })).join('\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

const PROCESSES = { timeout: 60_000 };

describe('hearken classify', PROCESSES, () => {
  it('trains a model file, evaluates it as JSON on held-out JSONL, and predicts with confidences', async () => {
    const trained = await runCli([
      'classify',
      'train',
      '--input',
      trainCsv,
      '--text-column',
      'text',
      '--label-column',
      'category',
      '--out',
      model,
      '--model-version',
      'banking-test-1',
    ]);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/Trained banking-test-1 on 360 examples, 6 labels/);
    expect(JSON.parse(await readFile(model, 'utf8'))).toMatchObject({
      format: 'hearken.text-classifier',
      formatVersion: 1,
      version: 'banking-test-1',
    });

    const evaluated = await runCli([
      'classify',
      'eval',
      '--model',
      model,
      '--input',
      testJsonl,
      '--text-column',
      'message',
      '--label-column',
      'intent',
      '--json',
    ]);
    expect(evaluated.stderr).toBe('');
    expect(evaluated.code).toBe(0);
    const report = JSON.parse(evaluated.stdout);
    expect(report).toMatchObject({ model: 'banking-test-1', n: 90, unknownLabels: [] });
    expect(report.accuracy).toBeGreaterThan(0.85);
    expect(report.macroF1).toBeGreaterThan(0.85);
    expect(report.labels).toHaveLength(6);

    const predicted = await runCli([
      'classify',
      'predict',
      '--model',
      model,
      'My new card still has not arrived',
      '--json',
    ]);
    expect(predicted.code).toBe(0);
    const prediction = JSON.parse(predicted.stdout);
    expect(prediction).toMatchObject({ text: 'My new card still has not arrived', label: 'card_arrival' });
    expect(prediction.confidence).toBeGreaterThan(0.5);
    expect(prediction.confidence).toBeLessThanOrEqual(1);
    expect(prediction.alternatives).toHaveLength(2);

    const plain = await runCli(['classify', 'predict', '--model', model, 'I was charged twice for one purchase']);
    expect(plain.stdout).toMatch(/^transaction_charged_twice\t[01]\.\d\d\t\(then: \w+ [01]\.\d\d, \w+ [01]\.\d\d\)\n$/);
  });

  it('splits labelled examples into a stratified training share and a held-out share', async () => {
    const trainOut = join(dir, 'split-train.jsonl');
    const testOut = join(dir, 'split-test.jsonl');
    const result = await runCli([
      'classify',
      'split',
      '--input',
      trainCsv,
      '--label-column',
      'category',
      '--train-out',
      trainOut,
      '--test-out',
      testOut,
      '--test-fraction',
      '0.25',
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`270 examples written to ${trainOut}, 90 held out in ${testOut}\n`);
    const held = (await readFile(testOut, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(held.filter((row) => row.category === 'card_arrival')).toHaveLength(15);
    expect(Object.keys(held[0])).toEqual(['text', 'category']);
  });

  it('names the columns present when a column is missing', async () => {
    const result = await runCli([
      'classify',
      'train',
      '--input',
      trainCsv,
      '--text-column',
      'utterance',
      '--label-column',
      'category',
      '--out',
      join(dir, 'x.json'),
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe(`hearken: ${trainCsv} has no column "utterance"; its columns are: text, category\n`);
  });

  it('refuses an empty file, a missing file, and a missing, corrupt or foreign model, without a stack trace', async () => {
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, '');
    const corrupt = join(dir, 'corrupt.json');
    await writeFile(corrupt, '{"format": "hearken.text-cl');
    const foreign = join(dir, 'foreign.json');
    await writeFile(foreign, JSON.stringify({ weights: [1, 2, 3] }));

    const cases: [string[], RegExp][] = [
      [['classify', 'train', '--input', empty, '--out', join(dir, 'y.json')], /empty\.csv has no rows/],
      [
        ['classify', 'train', '--input', join(dir, 'nope.csv'), '--out', join(dir, 'y.json')],
        /No such input file: .*nope\.csv/,
      ],
      [['classify', 'predict', '--model', join(dir, 'nope.json'), 'hello'], /No such model file: .*nope\.json/],
      [
        ['classify', 'predict', '--model', corrupt, 'hello'],
        /corrupt\.json is not a usable Hearken text classifier: it is not JSON/,
      ],
      [
        [
          'classify',
          'eval',
          '--model',
          foreign,
          '--input',
          testJsonl,
          '--text-column',
          'message',
          '--label-column',
          'intent',
        ],
        /foreign\.json is not a usable Hearken text classifier/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    results.forEach((result, i) => {
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(cases[i]![1]);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(result.stdout).toBe('');
    });
  });
});
