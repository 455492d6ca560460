/**
 * Benchmark entry point. See bench/README.md.
 *
 *   npm run bench -- --driver postgres --scale 1000000
 *   npx tsx bench/run.ts --driver pglite --scale 100000 --only import,query
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTenant } from '../src/services/tenants/create-tenant.ts';
import { scopeTo } from '../src/store/tenant-scope.ts';
import {
  DEFAULT_ADMIN_URL,
  openPgliteStore,
  openPostgresStore,
  postgresSettings,
  type BenchStore,
  type Driver,
} from './env.ts';
import { cpuMsPerOp, describeCpu } from './cpu.ts';
import { planDataset } from './generate.ts';
import { benchImport } from './import.ts';
import { benchIngest } from './ingest.ts';
import { loadTenant } from './load.ts';
import { benchQuery } from './query.ts';
import { formatDuration, formatTable, round, type ResultRow } from './stats.ts';

const BENCHMARKS = ['import', 'query', 'ingest'] as const;
type Benchmark = (typeof BENCHMARKS)[number];

const USAGE = `Usage: npx tsx bench/run.ts [options]

  --driver pglite|postgres|both   stores to measure (default both)
  --scale N                       contacts loaded for the query benchmark
                                  (default 1000000 on postgres, 100000 on pglite)
  --pglite-scale N                scale for pglite only (overrides --scale there)
  --customers N                   customers in the dataset (default scale / 10)
  --only LIST                     comma-separated subset of import,query,ingest
  --keep                          keep the bench database / data directory
  --seed N                        dataset seed (default 42)
  --pg-url URL                    admin connection (default ${DEFAULT_ADMIN_URL} or $BENCH_PG_URL)
  --pool N                        PostgreSQL pool size of the server under test (default 20, as hearken serve)
  --ingest-requests N             measured POSTs (default 20000 postgres, 5000 pglite)
  --ingest-warmup N               POSTs before measuring (default 500)
  --ingest-concurrency N          clients (default 32)
  --import-rows N                 rows in the import file (default min(200000, scale))
  --import-batch N                importer batch size (default 1000, as hearken import)
  --import-concurrency N          importer batches in flight (default 2 postgres, 1 pglite, as hearken import)
  --load-batch N                  loader batch size (default 5000)
  --load-concurrency N            loader batches in flight (default 2 postgres, 1 pglite)
  --timeline-requests N           measured timeline GETs (default 1000)
  --search-rounds N               passes over the search query mix (default 5)
  --query-concurrency N           clients for timeline and search (default 1)
  --max-seconds N                 cap per measured phase (default 300)
  --out PATH                      JSON results (default bench/results/latest.json)
`;

function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      driver: { type: 'string', default: 'both' },
      scale: { type: 'string' },
      'pglite-scale': { type: 'string' },
      customers: { type: 'string' },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      seed: { type: 'string', default: '42' },
      'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? DEFAULT_ADMIN_URL },
      pool: { type: 'string', default: '20' },
      'ingest-requests': { type: 'string' },
      'ingest-warmup': { type: 'string', default: '500' },
      'ingest-concurrency': { type: 'string', default: '32' },
      'import-rows': { type: 'string' },
      'import-batch': { type: 'string', default: '1000' },
      'import-concurrency': { type: 'string' },
      'load-batch': { type: 'string', default: '5000' },
      'load-concurrency': { type: 'string' },
      'timeline-requests': { type: 'string', default: '1000' },
      'search-rounds': { type: 'string', default: '5' },
      'query-concurrency': { type: 'string', default: '1' },
      'max-seconds': { type: 'string', default: '300' },
      out: { type: 'string', default: fileURLToPath(new URL('./results/latest.json', import.meta.url)) },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return Promise.resolve();
  }
  const int = (name: string, raw: string | undefined, fallback?: number): number => {
    if (raw === undefined) {
      if (fallback === undefined) throw new Error(`--${name} is required`);
      return fallback;
    }
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${raw}"`);
    return n;
  };
  const drivers: Driver[] = values.driver === 'both' ? ['postgres', 'pglite'] : [values.driver as Driver];
  if (!drivers.every((d) => d === 'postgres' || d === 'pglite'))
    throw new Error('--driver must be pglite, postgres or both');
  const only = new Set(
    (values.only ?? BENCHMARKS.join(','))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const b of only)
    if (!(BENCHMARKS as readonly string[]).includes(b)) throw new Error(`--only: unknown benchmark "${b}"`);

  const config = (driver: Driver): Config => {
    const pg = driver === 'postgres';
    const scale = int('scale', pg ? values.scale : (values['pglite-scale'] ?? values.scale), pg ? 1_000_000 : 100_000);
    return {
      driver,
      scale,
      customers: int('customers', values.customers, Math.max(1, Math.round(scale / 10))),
      seed: int('seed', values.seed),
      pool: int('pool', values.pool),
      ingestRequests: int('ingest-requests', values['ingest-requests'], pg ? 20_000 : 5_000),
      ingestWarmup: int('ingest-warmup', values['ingest-warmup']),
      ingestConcurrency: int('ingest-concurrency', values['ingest-concurrency']),
      importRows: int('import-rows', values['import-rows'], Math.min(200_000, scale)),
      importBatch: int('import-batch', values['import-batch']),
      importConcurrency: int('import-concurrency', values['import-concurrency'], pg ? 2 : 1),
      loadBatch: int('load-batch', values['load-batch']),
      loadConcurrency: int('load-concurrency', values['load-concurrency'], pg ? 2 : 1),
      timelineRequests: int('timeline-requests', values['timeline-requests']),
      searchRounds: int('search-rounds', values['search-rounds']),
      queryConcurrency: int('query-concurrency', values['query-concurrency']),
      maxSeconds: int('max-seconds', values['max-seconds']),
    };
  };
  return runAll(drivers, only as Set<Benchmark>, config, {
    keep: values.keep,
    adminUrl: values['pg-url'],
    out: values.out,
  });
}

interface Config {
  driver: Driver;
  scale: number;
  customers: number;
  seed: number;
  pool: number;
  ingestRequests: number;
  ingestWarmup: number;
  ingestConcurrency: number;
  importRows: number;
  importBatch: number;
  importConcurrency: number;
  loadBatch: number;
  loadConcurrency: number;
  timelineRequests: number;
  searchRounds: number;
  queryConcurrency: number;
  maxSeconds: number;
}

async function runAll(
  drivers: Driver[],
  only: Set<Benchmark>,
  configOf: (driver: Driver) => Config,
  options: { keep: boolean; adminUrl: string; out: string },
): Promise<void> {
  const started = new Date();
  const rows: ResultRow[] = [];
  const runs: Record<string, unknown>[] = [];
  let failed = false;
  for (const driver of drivers) {
    const config = configOf(driver);
    process.stderr.write(
      `\n== ${driver}: scale ${config.scale.toLocaleString('en-US')} contacts / ${config.customers.toLocaleString('en-US')} customers` +
        `${driver === 'pglite' && config.scale < 1_000_000 ? ' (smaller than the 1,000,000 of the targets: PGlite loads slowly)' : ''}` +
        `; benchmarks: ${[...only].join(', ')}\n`,
    );
    const runStarted = performance.now();
    const info: Record<string, unknown> = { driver, config };
    runs.push(info);
    let store: BenchStore | undefined;
    try {
      store = driver === 'postgres' ? await openPostgresStore(options.adminUrl, config.pool) : await openPgliteStore();
      process.stderr.write(`  store: ${store.where}\n`);
      info.settings = await postgresSettings(store.database);
      const rowsBefore = rows.length;
      await runDriver(store, config, only, rows, info);
      info.sizeBytes = await store.size();
      for (const row of rows.slice(rowsBefore)) process.stderr.write(`  ${row.benchmark}: ${describe(row)}\n`);
    } catch (error) {
      failed = true;
      info.error = describeError(error);
      process.stderr.write(`  ${driver} run failed: ${info.error}\n`);
    } finally {
      await store
        ?.close(options.keep)
        .catch((error: unknown) => process.stderr.write(`  cleanup failed: ${String(error)}\n`));
      if (options.keep && store) process.stderr.write(`  kept ${store.where}\n`);
      info.seconds = round((performance.now() - runStarted) / 1000);
      process.stderr.write(`  ${driver} done in ${formatDuration((performance.now() - runStarted) / 1000)}\n`);
    }
  }

  const table = formatTable(rows);
  process.stdout.write(`\n${table}\n\n`);
  for (const row of rows) if (row.notes) process.stdout.write(`  ${row.driver} / ${row.benchmark}: ${row.notes}\n`);
  for (const row of rows) {
    const details = row.details as
      { byKind?: Record<string, { p50: number; p95: number; max: number }>; slowest?: unknown[] } | undefined;
    if (details?.byKind) {
      process.stdout.write(`\n  ${row.driver} search by kind (ms):\n`);
      for (const [kind, s] of Object.entries(details.byKind))
        process.stdout.write(
          `    ${kind.padEnd(10)} p50 ${String(s.p50).padStart(8)}  p95 ${String(s.p95).padStart(8)}  max ${String(s.max).padStart(8)}\n`,
        );
      process.stdout.write(`  slowest queries: ${JSON.stringify(details.slowest)}\n`);
    }
  }
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
    runs,
    results: rows,
    table,
  };
  await mkdir(dirname(resolve(options.out)), { recursive: true });
  await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
  const stamped = options.out.replace(/latest\.json$/, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  if (stamped !== options.out) await writeFile(stamped, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nResults written to ${options.out}\n`);
  if (failed) process.exitCode = 1;
}

/** An error in a few lines: drizzle puts every parameter of a failed query in its message. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (
    let e = error as (Error & { code?: string; detail?: string; cause?: unknown }) | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    const message = String(e.message ?? e);
    parts.push(
      `${depth > 0 ? 'caused by: ' : ''}${message.length > 800 ? `${message.slice(0, 800)}… (${message.length} chars)` : message}${e.code ? ` [${e.code}]` : ''}${e.detail ? ` (${e.detail})` : ''}`,
    );
    if (depth === 0 && e.stack)
      parts.push(
        e.stack
          .split('\n')
          .filter((l) => l.trimStart().startsWith('at '))
          .slice(0, 6)
          .join('\n'),
      );
  }
  return parts.join('\n');
}

function describe(row: ResultRow): string {
  const parts = [`${row.throughput === null ? '-' : Math.round(row.throughput)} ${row.unit}`];
  if (row.p50 !== null)
    parts.push(`p50 ${round(row.p50, 2)} ms, p95 ${round(row.p95!, 2)} ms, p99 ${round(row.p99!, 2)} ms`);
  if (row.pass !== null) parts.push(row.pass ? 'PASS' : 'FAIL');
  return parts.join(', ');
}

async function runDriver(
  store: BenchStore,
  config: Config,
  only: Set<Benchmark>,
  rows: ResultRow[],
  info: Record<string, unknown>,
): Promise<void> {
  const db = store.database.db;
  if (only.has('import')) {
    rows.push(
      ...(await benchImport(store, {
        rows: config.importRows,
        seed: config.seed + 1,
        batchSize: config.importBatch,
        concurrency: config.importConcurrency,
      })),
    );
  }

  let main: { token: string; customers: number; scale: number } | undefined;
  if (only.has('query')) {
    const plan = planDataset({ seed: config.seed, contacts: config.scale, customers: config.customers });
    const { tenant, token } = await createTenant(db, { slug: 'bench-main' });
    const loaded = await loadTenant(store.database, scopeTo(db, tenant.id), plan, {
      batchSize: config.loadBatch,
      concurrency: config.loadConcurrency,
    });
    info.load = { ...loaded, heavyCustomerIds: loaded.heavyCustomerIds.length, caseNumbers: loaded.caseNumbers.length };
    const loadRate = loaded.contacts / loaded.seconds;
    rows.push({
      driver: store.driver,
      benchmark: 'bulk load (ingestContacts)',
      scale: config.scale,
      throughput: loadRate,
      unit: 'rows/s',
      p50: null,
      p95: null,
      p99: null,
      errors: loaded.rejected,
      cpuMsPerOp: cpuMsPerOp(loaded.cpu, loaded.contacts),
      target: '-',
      pass: null,
      notes:
        `${loaded.created} contacts in ${formatDuration(loaded.seconds)} (batch ${config.loadBatch}, concurrency ${config.loadConcurrency}` +
        `${loaded.deadlockRetries > 0 ? `, ${loaded.deadlockRetries} batches retried after a deadlock` : ''}); ` +
        `${loaded.caseNumbers.length} cases in ${round(loaded.caseSeconds)} s; VACUUM ANALYZE ${round(loaded.vacuumSeconds)} s; CPU: ${describeCpu(loaded.cpu)}`,
    });
    rows.push(
      ...(await benchQuery(store, {
        token,
        plan,
        heavyCustomerIds: loaded.heavyCustomerIds,
        caseNumbers: loaded.caseNumbers,
        timelineRequests: config.timelineRequests,
        searchRounds: config.searchRounds,
        concurrency: config.queryConcurrency,
        maxSeconds: config.maxSeconds,
      })),
    );
    main = { token, customers: plan.customers, scale: config.scale };
  }

  if (only.has('ingest')) {
    // Into the loaded tenant when there is one (realistic index sizes), else a fresh one.
    const target = main ?? {
      token: (await createTenant(db, { slug: 'bench-ingest' })).token,
      customers: Math.max(1, Math.round(config.ingestRequests / 10)),
      scale: 0,
    };
    rows.push(
      await benchIngest(store, {
        token: target.token,
        scale: target.scale,
        customers: target.customers,
        seed: config.seed,
        requests: config.ingestRequests,
        warmup: config.ingestWarmup,
        concurrency: config.ingestConcurrency,
        maxSeconds: config.maxSeconds,
      }),
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.message ?? String(error)}\n\n${USAGE}`);
  process.exitCode = 2;
});
