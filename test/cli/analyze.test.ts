import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { ownPostgresDatabase } from '../helpers/own-database.ts';

let dir: string;
let dataDir: string;
let store: Awaited<ReturnType<typeof ownPostgresDatabase>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearken-analyze-'));
  dataDir = join(dir, 'data');
  store = await ownPostgresDatabase('hearken_analyze');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await store?.drop();
});

const TOPICS: Record<string, string[]> = {
  billing: [
    'my bill is too high',
    'charged twice this month',
    'wrong amount on my invoice',
    'refund the extra fee',
    'why did my direct debit go up',
  ],
  roaming: [
    'no signal abroad',
    'roaming in Spain does not work',
    'data stopped in France',
    'cannot call home from Italy',
    'roaming charges are too high',
  ],
};

const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir], { env: store.env });

describe('hearken analyze', { timeout: 180_000 }, () => {
  it('re-analyses history resumably, and installs a topic model that the next run applies', async () => {
    expect((await cli('tenant', 'create', 'acme', '--json')).code).toBe(0);
    const rows = Object.values(TOPICS)
      .flat()
      .map((text, i) =>
        JSON.stringify({
          channel: 'email',
          externalId: `m-${i}`,
          email: `c${i}@example.com`,
          text,
          occurredAt: new Date(Date.now() - i * 3_600_000).toISOString(),
        }),
      );
    const contacts = join(dir, 'contacts.jsonl');
    await writeFile(contacts, `${rows.join('\n')}\n`);
    expect((await cli('import', contacts, '--tenant', 'acme')).code).toBe(0);

    const first = await cli('analyze', '--tenant', 'acme', '--since', '2020-01-01');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Analysed 10 contacts in .*; 10 of 10 since 2020-01-01 now carry builtin-1\n$/);
    // Nothing left to do: a second run analyses nothing again.
    const again = await cli('analyze', '--tenant', 'acme', '--since', '2020-01-01');
    expect(again.stdout).toMatch(/^Analysed 0 contacts/);
    expect(again.stderr).toContain('10 of 10 already done');

    const examples = join(dir, 'topics.csv');
    await writeFile(
      examples,
      [
        'text,category',
        ...Object.entries(TOPICS).flatMap(([topic, texts]) => texts.map((t) => `"${t}",${topic}`)),
      ].join('\n'),
    );
    const model = join(dir, 'topics.json');
    expect(
      (await runCli(['classify', 'train', '--input', examples, '--label-column', 'category', '--out', model])).code,
    ).toBe(0);
    const installed = await cli('classify', 'install', '--tenant', 'acme', '--model', model);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toBe(
      'Stored topics version 1 (2 topics, 10 examples), active; 10 contacts from the last 30 days queued for it\n',
    );

    const withTopics = await cli('analyze', '--tenant', 'acme', '--since', '90d');
    expect(withTopics.stdout).toMatch(/^Analysed 10 contacts .* now carry builtin-1\+topics@1\n$/);
  });

  it('refuses bad input clearly', async () => {
    const badSince = await cli('analyze', '--tenant', 'acme', '--since', 'last tuesday');
    expect(badSince.code).toBe(2);
    expect(badSince.stderr).toContain('--since "last tuesday" is not a date');
    expect(badSince.stderr).not.toMatch(/at .*\.ts:\d+/);
    const unknown = await cli('analyze', '--tenant', 'nobody', '--since', '30d');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No organisation "nobody"');
    const missingModel = await cli('classify', 'install', '--tenant', 'acme', '--model', join(dir, 'missing.json'));
    expect(missingModel.code).toBe(2);
  });
});
