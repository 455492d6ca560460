/**
 * Contact-analysis throughput, with and without the database. See bench/README.md.
 *
 *   npm run bench:analysis                                   # PGlite, 20,000 texts / 20,000 contacts
 *   npx tsx bench/analysis.ts --driver postgres              # 50,000 contacts, 1, 2 and 4 workers
 *   npx tsx bench/analysis.ts --driver both --skip-model
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyzeText } from '../src/analytics/analyze-text.ts';
import { CUE_KINDS, type CueKind } from '../src/analytics/cues.ts';
import { scoreInsight } from '../src/analytics/insight-score.ts';
import { stringifyClassifier } from '../src/analytics/model-codec.ts';
import { stratifiedSplit } from '../src/analytics/split.ts';
import type { TextClassifier } from '../src/analytics/text-classifier.ts';
import { benchAnalysisStore, describeCheck, type StoreBenchOptions, type StoreBenchResult } from './analysis-store.ts';
import { BANKING77_NAME, measureRate, percent, readBanking77, trainAndEvaluate, type Rate } from './classifier-eval.ts';
import {
  DEFAULT_ADMIN_URL,
  openPgliteStore,
  openPostgresStore,
  postgresSettings,
  type BenchStore,
  type Driver,
} from './env.ts';
import { serviceTexts } from './service-texts.ts';
import { formatDuration, formatTable, round, type ResultRow } from './stats.ts';

const USAGE = `Usage: npx tsx bench/analysis.ts [options]

  --texts N                       generated texts analysed in process (default 20000)
  --contacts N                    contacts stored and analysed through the database
                                  (default 20000 on pglite, 50000 on postgres)
  --driver pglite|postgres|both   stores to measure (default pglite)
  --workers LIST                  concurrent workers per drain, one drain (and fresh tenant) each
                                  (default 1 on pglite, 1,2,4 on postgres)
  --batch N                       contacts per worker transaction (default 200, as AnalysisWorker)
  --skip-model                    no topic classifier: skips training and the topic-model rows
  --seed N                        texts, contacts and the BANKING77 split (default 42)
  --pg-url URL                    admin connection (default ${DEFAULT_ADMIN_URL} or $BENCH_PG_URL)
  --pool N                        PostgreSQL pool size (default 20, as hearken serve)
  --keep                          keep the bench database / data directory
  --out PATH                      JSON results (default bench/results/analysis-latest.json)
  --help
`;

interface Config {
  texts: number;
  contacts: (driver: Driver) => number;
  drivers: Driver[];
  workers: (driver: Driver) => number[];
  batch: number;
  model: boolean;
  seed: number;
  pgUrl: string;
  pool: number;
  keep: boolean;
  out: string;
}

function parseConfig(): Config | undefined {
  const { values } = parseArgs({
    options: {
      texts: { type: 'string', default: '20000' },
      contacts: { type: 'string' },
      driver: { type: 'string', default: 'pglite' },
      workers: { type: 'string' },
      batch: { type: 'string', default: '200' },
      'skip-model': { type: 'boolean', default: false },
      seed: { type: 'string', default: '42' },
      'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? DEFAULT_ADMIN_URL },
      pool: { type: 'string', default: '20' },
      keep: { type: 'boolean', default: false },
      out: { type: 'string', default: fileURLToPath(new URL('./results/analysis-latest.json', import.meta.url)) },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const count = (name: string, raw: string, min = 1): number => {
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, not "${raw}"`);
    return n;
  };
  const drivers: Driver[] = values.driver === 'both' ? ['pglite', 'postgres'] : [values.driver as Driver];
  if (!drivers.every((d) => d === 'pglite' || d === 'postgres'))
    throw new Error('--driver must be pglite, postgres or both');
  const workers = values.workers?.split(',').map((w) => count('workers', w.trim()));
  return {
    texts: count('texts', values.texts),
    contacts: (driver) =>
      values.contacts ? count('contacts', values.contacts) : driver === 'postgres' ? 50_000 : 20_000,
    drivers,
    workers: (driver) => workers ?? (driver === 'postgres' ? [1, 2, 4] : [1]),
    batch: count('batch', values.batch),
    model: !values['skip-model'],
    seed: count('seed', values.seed, 0),
    pgUrl: values['pg-url'],
    pool: count('pool', values.pool),
    keep: values.keep,
    out: values.out,
  };
}

// ---------------------------------------------------------------------------------------
// In process: the analysis alone, one core

interface TopicClassifier {
  classifier: TextClassifier;
  document: string;
  summary: {
    data: string;
    split: string;
    seed: number;
    trainExamples: number;
    testExamples: number;
    labels: number;
    trainSeconds: number;
    accuracy: number;
    macroF1: number;
    expectedCalibrationError: number;
    modelMegabytes: number;
  };
}

/** Trains on a seeded stratified 80 % of BANKING77 and scores the other 20 %, as bench/classifier.ts does. */
async function trainTopicClassifier(seed: number): Promise<TopicClassifier> {
  const rows = await readBanking77();
  const split = stratifiedSplit(
    rows.map((r) => r.label),
    0.2,
    seed,
  );
  process.stderr.write(
    `  training the topic classifier on ${split.train.length.toLocaleString('en-US')} BANKING77 examples…\n`,
  );
  const evaluation = trainAndEvaluate(rows, split);
  const document = stringifyClassifier(evaluation.classifier);
  return {
    classifier: evaluation.classifier,
    document,
    summary: {
      data: BANKING77_NAME,
      split: 'stratified hold-out 0.2',
      seed,
      trainExamples: evaluation.trainExamples,
      testExamples: evaluation.test.length,
      labels: evaluation.classifier.labels.length,
      trainSeconds: evaluation.trainSeconds,
      accuracy: evaluation.accuracy,
      macroF1: evaluation.macroF1,
      expectedCalibrationError: evaluation.expectedCalibrationError,
      modelMegabytes: document.length / 1e6,
    },
  };
}

interface InProcessRow {
  what: string;
  rate: Rate;
}

/** What share of the texts carries each sentiment, cue and kind of personal data (also the JIT warm-up). */
function describeMix(texts: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const bump = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const text of texts) {
    const analysis = analyzeText(text);
    bump(analysis.sentiment);
    for (const cue of analysis.cues) bump(cue.kind);
    for (const kind of new Set(analysis.personalData.map((p) => p.kind))) bump(`pii:${kind}`);
  }
  // Sentiments, then cues, then personal data, each alphabetically.
  const order = (key: string) => (key.startsWith('pii:') ? 2 : CUE_KINDS.includes(key as CueKind) ? 1 : 0);
  const keys = Object.keys(counts).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return Object.fromEntries(keys.map((key) => [key, round(counts[key]! / texts.length, 4)]));
}

function benchInProcess(texts: readonly string[], topic: TopicClassifier | undefined): InProcessRow[] {
  const cuesOf = (cues: readonly { kind: CueKind }[]) => cues.map((c) => c.kind);
  let sink = 0; // keeps the results alive
  const rows: InProcessRow[] = [];
  const measure = (what: string, perText: (text: string) => number) => {
    for (const text of texts.slice(0, 2000)) sink += perText(text); // JIT warm-up
    rows.push({
      what,
      rate: measureRate(() => {
        for (const text of texts) sink += perText(text);
        return texts.length;
      }),
    });
    process.stderr.write(`  ${what}: ${Math.round(rows.at(-1)!.rate.perSecond).toLocaleString('en-US')} texts/s\n`);
  };
  measure('analyzeText + scoreInsight', (text) => {
    const analysis = analyzeText(text);
    return scoreInsight({ sentimentScore: analysis.sentimentScore, cues: cuesOf(analysis.cues) }).score;
  });
  if (topic) {
    const { classifier } = topic;
    measure('topic: classifier.predict', (text) => classifier.predict(text, 0).confidence);
    measure('analyzeText + predict + scoreInsight', (text) => {
      const analysis = analyzeText(text);
      const prediction = classifier.predict(text, 0);
      return scoreInsight({ sentimentScore: analysis.sentimentScore, cues: cuesOf(analysis.cues), topic: prediction })
        .score;
    });
  }
  if (Number.isNaN(sink)) process.stderr.write('(unexpected NaN)\n');
  return rows;
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const config = parseConfig();
  if (!config) {
    process.stdout.write(USAGE);
    return;
  }
  const started = new Date();
  process.stderr.write(`== in process: ${config.texts.toLocaleString('en-US')} generated texts, seed ${config.seed}\n`);
  const texts = serviceTexts(config.seed, config.texts);
  const mix = describeMix(texts);
  const averageChars = texts.reduce((n, t) => n + t.length, 0) / texts.length;
  const topic = config.model ? await trainTopicClassifier(config.seed) : undefined;
  if (topic) {
    const s = topic.summary;
    process.stderr.write(
      `  trained in ${s.trainSeconds.toFixed(1)} s: held-out accuracy ${percent(s.accuracy)}, macro-F1 ${percent(s.macroF1)}\n`,
    );
  }
  const inProcess = benchInProcess(texts, topic);

  const rows: ResultRow[] = [];
  const runs: Record<string, unknown>[] = [];
  let failed = false;
  for (const driver of config.drivers) {
    const runStarted = performance.now();
    const options: StoreBenchOptions = {
      contacts: config.contacts(driver),
      seed: config.seed,
      workerCounts: config.workers(driver),
      batchSize: config.batch,
      ...(topic
        ? {
            topicModel: {
              name: 'banking77-bench',
              labels: [...topic.classifier.labels],
              exampleCount: topic.summary.trainExamples,
              metrics: { accuracy: topic.summary.accuracy, macroF1: topic.summary.macroF1 },
              document: topic.document,
            },
          }
        : {}),
    };
    process.stderr.write(
      `\n== ${driver}: ${options.contacts.toLocaleString('en-US')} contacts per drain, workers ${options.workerCounts.join(', ')}\n`,
    );
    const run: Record<string, unknown> = {
      driver,
      contacts: options.contacts,
      workerCounts: options.workerCounts,
      batchSize: options.batchSize,
    };
    runs.push(run);
    let store: BenchStore | undefined;
    try {
      store = driver === 'postgres' ? await openPostgresStore(config.pgUrl, config.pool) : await openPgliteStore();
      process.stderr.write(`  store: ${store.where}\n`);
      run.settings = await postgresSettings(store.database);
      const result: StoreBenchResult = await benchAnalysisStore(store, options);
      rows.push(...result.rows);
      run.checks = result.checks;
      run.ingests = result.ingests;
      for (const check of result.checks) {
        process.stderr.write(`  check, ${check.label}: ${describeCheck(check)}\n`);
        if (!check.ok) failed = true;
      }
    } catch (error) {
      failed = true;
      run.error = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
      process.stderr.write(`  ${driver} run failed: ${String(run.error).slice(0, 2000)}\n`);
    } finally {
      await store
        ?.close(config.keep)
        .catch((error: unknown) => process.stderr.write(`  cleanup failed: ${String(error)}\n`));
      if (config.keep && store) process.stderr.write(`  kept ${store.where}\n`);
      run.seconds = round((performance.now() - runStarted) / 1000);
      process.stderr.write(`  ${driver} done in ${formatDuration((performance.now() - runStarted) / 1000)}\n`);
    }
  }

  const out: string[] = [];
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  out.push(
    `Contact analysis in process, one core, no database: ${n(config.texts)} generated texts (${n(averageChars)} chars on average), seed ${config.seed}`,
  );
  out.push(
    `  mix: ${Object.entries(mix)
      .map(([key, share]) => `${key} ${(share * 100).toFixed(1)}%`)
      .join(', ')}`,
  );
  for (const row of inProcess) {
    out.push(
      `  ${row.what.padEnd(38)} ${n(row.rate.perSecond).padStart(8)} texts/s/core   (${n(row.rate.perCpuSecond)} per CPU-second, ${(1e6 / row.rate.perCpuSecond).toFixed(1)} µs CPU per text)`,
    );
  }
  if (topic) {
    const s = topic.summary;
    out.push(
      `Topic classifier: ${s.data}, ${s.labels} labels, ${s.split} (seed ${s.seed}): trained on ${n(s.trainExamples)} in ${s.trainSeconds.toFixed(1)} s; ` +
        `held-out ${n(s.testExamples)}: accuracy ${percent(s.accuracy)}, macro-F1 ${percent(s.macroF1)}, ECE ${s.expectedCalibrationError.toFixed(3)}; model ${s.modelMegabytes.toFixed(1)} MB`,
    );
  }
  const table = rows.length > 0 ? formatTable(rows) : '';
  process.stdout.write(`\n${out.join('\n')}\n\n${table}\n\n`);
  for (const row of rows) if (row.notes) process.stdout.write(`  ${row.driver} / ${row.benchmark}: ${row.notes}\n`);

  const report = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: round(totalmem() / 2 ** 30),
      node: process.version,
      loadAvgAtEnd: loadavg(),
    },
    argv: process.argv.slice(2),
    config: {
      ...config,
      contacts: Object.fromEntries(config.drivers.map((d) => [d, config.contacts(d)])),
      workers: Object.fromEntries(config.drivers.map((d) => [d, config.workers(d)])),
    },
    inProcess: { texts: config.texts, averageChars: round(averageChars), mix, rows: inProcess },
    classifier: topic?.summary ?? null,
    runs,
    results: rows,
    summary: out.join('\n'),
    table,
  };
  await mkdir(dirname(resolve(config.out)), { recursive: true });
  await writeFile(config.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nResults written to ${config.out}\n`);
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.message ?? String(error)}\n\n${USAGE}`);
  process.exitCode = 2;
});
