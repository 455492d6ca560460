import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

let dir: string;
let contactsCsv: string;

const CONTACTS = [
  'id,channel,text',
  '1,phone,"on hold for 30 minutes and nobody helps, I want to cancel my contract"',
  '2,chat,"thanks, that fixed it, great service"',
  '3,email,"my bill is due on the 5th, pay from GB82 WEST 1234 5698 7654 32"',
  '4,sms,',
  '5,chat,"Third time I call. Stop calling me on 07700 900123, I want a manager"',
].join('\n');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearken-analyze-file-'));
  contactsCsv = join(dir, 'contacts.csv');
  await writeFile(contactsCsv, CONTACTS);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readJsonLines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('hearken analyze-file', { timeout: 60_000 }, () => {
  it('writes one analysis per non-empty row and a one-line summary', async () => {
    const out = join(dir, 'results.jsonl');
    const result = await runCli(['analyze-file', '--input', contactsCsv, '--text-column', 'text', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `Analysed 4 rows (skipped 1 with an empty text): 2 negative, 1 neutral, 1 positive; cues: churn_intent 1, escalation_demand 1, repeated_contact 1, do_not_contact 1; written to ${out}\n`,
    );
    const lines = await readJsonLines(out);
    expect(lines.map((l) => [l.row, l.sentiment])).toEqual([
      [1, 'negative'],
      [2, 'positive'],
      [3, 'neutral'],
      [5, 'negative'],
    ]);
    expect(lines[0].sentimentScore).toBeLessThanOrEqual(-0.5);
    expect(lines[0].cues).toEqual([{ kind: 'churn_intent', words: ['cancel my contract'] }]);
    expect(lines[2]).toMatchObject({
      redacted: 'my bill is due on the 5th, pay from [IBAN]',
      personalData: ['iban'],
      cues: [],
      modelVersion: 'builtin-1',
    });
    expect(lines[3]).toMatchObject({
      redacted: 'Third time I call. Stop calling me on [PHONE], I want a manager',
      personalData: ['phone'],
    });
    expect(lines[3].cues.map((c: { kind: string }) => c.kind)).toEqual([
      'escalation_demand',
      'repeated_contact',
      'do_not_contact',
    ]);
    // The analyst output never carries the personal data itself.
    expect(await readFile(out, 'utf8')).not.toMatch(/07700|GB82/);
  });

  it('reads JSONL and, with --model, adds the classifier topic', async () => {
    const train = join(dir, 'train.jsonl');
    const examples = [
      ...['my card has not arrived', 'where is my new card', 'card still not delivered', 'when will my card come'].map(
        (text) => ({ text, label: 'card_arrival' }),
      ),
      ...['my signal keeps dropping', 'no signal at home', 'calls drop all the time', 'bad reception in my area'].map(
        (text) => ({ text, label: 'network' }),
      ),
    ];
    await writeFile(train, examples.map((e) => JSON.stringify(e)).join('\n'));
    const model = join(dir, 'model.json');
    const trained = await runCli([
      'classify',
      'train',
      '--input',
      train,
      '--out',
      model,
      '--model-version',
      'topics-test-1',
    ]);
    expect(trained.code).toBe(0);

    const input = join(dir, 'messages.jsonl');
    await writeFile(input, `${JSON.stringify({ message: 'Still no signal at home, useless' })}\n`);
    const out = join(dir, 'topics.jsonl');
    const result = await runCli([
      'analyze-file',
      '--input',
      input,
      '--text-column',
      'message',
      '--out',
      out,
      '--model',
      model,
    ]);
    expect(result.code).toBe(0);
    const [line] = await readJsonLines(out);
    expect(line).toMatchObject({ row: 1, sentiment: 'negative', topic: 'network', topicModel: 'topics-test-1' });
    expect(line.topicConfidence).toBeGreaterThan(0);
    expect(line.topicConfidence).toBeLessThanOrEqual(1);
  });

  it('refuses bad inputs with a clear message, exit code 2 and no stack trace', async () => {
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, '');
    // A directory stands for an unwritable path (permissions do not stop root, which CI may be).
    const directory = join(dir, 'a-directory');
    await mkdir(directory);
    const blank = join(dir, 'blank.csv');
    await writeFile(blank, 'id,text\n1,\n2,"  "\n');
    const out = join(dir, 'x.jsonl');
    const cases: [string[], RegExp][] = [
      [['--input', join(dir, 'nope.csv'), '--out', out], /^hearken: No such input file: .*nope\.csv\n$/],
      [
        ['--input', contactsCsv, '--text-column', 'body', '--out', out],
        /^hearken: .*contacts\.csv has no column "body"; its columns are: id, channel, text\n$/,
      ],
      [['--input', empty, '--out', out], /^hearken: .*empty\.csv has no rows\n$/],
      [['--input', blank, '--out', out], /^hearken: .*blank\.csv has no row with a non-empty "text"\n$/],
      [['--input', contactsCsv, '--out', directory], /^hearken: Could not write .*a-directory: EISDIR\n$/],
      [
        ['--input', contactsCsv, '--out', join(dir, 'missing-dir', 'results.jsonl')],
        /^hearken: Could not write .*missing-dir\/results\.jsonl: ENOENT\n$/,
      ],
      [
        ['--input', contactsCsv, '--out', out, '--model', join(dir, 'nope.json')],
        /^hearken: No such model file: .*nope\.json\n$/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(['analyze-file', ...args])));
    results.forEach((result, i) => {
      expect(result.stderr).toMatch(cases[i]![1]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
    });
  });
});
