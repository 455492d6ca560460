/**
 * Bulk import: times `importContactsFile` (what `hearken import` runs) on a generated JSONL
 * file into a fresh tenant, then runs the same file again, when every row is a duplicate.
 */
import { rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { importContactsFile, type ImportSummary } from '../src/services/import/import-contacts.ts';
import { createTenant } from '../src/services/tenants/create-tenant.ts';
import { scopeTo } from '../src/store/tenant-scope.ts';
import type { BenchStore } from './env.ts';
import { generateContacts, planDataset, writeJsonl } from './generate.ts';
import { sqlState } from './load.ts';
import { cpuMsPerOp, cpuShare, cpuSnapshot, describeCpu, type CpuShare } from './cpu.ts';
import { progressLine, round, type ResultRow } from './stats.ts';

export const IMPORT_TARGET_ROWS_PER_SECOND = 20_000;

export interface ImportBenchOptions {
  rows: number;
  seed: number;
  batchSize: number;
  concurrency: number;
  /** Where generated files are kept (and reused when already there). */
  workDir?: string;
}

/** The JSONL file for (seed, rows), generated once and reused. */
export async function importFile(rows: number, seed: number, workDir = tmpdir()): Promise<string> {
  const path = join(workDir, `hearken-bench-import-${seed}-${rows}.jsonl`);
  const existing = await stat(path).catch(() => undefined);
  if (existing && existing.size > 0) return path;
  const started = performance.now();
  const plan = planDataset({ seed, contacts: rows, customers: Math.max(1, Math.round(rows / 10)) });
  const bytes = await writeJsonl(path + '.partial', generateContacts(plan));
  await rename(path + '.partial', path);
  process.stderr.write(
    `  generated ${path} (${rows.toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return path;
}

export async function benchImport(store: BenchStore, initialOptions: ImportBenchOptions): Promise<ResultRow[]> {
  let options = initialOptions;
  const file = await importFile(options.rows, options.seed, options.workDir);
  const { tenant } = await createTenant(store.database.db, { slug: `bench-import-${Date.now().toString(36)}` });
  let scope = scopeTo(store.database.db, tenant.id);

  const cpu: CpuShare[] = [];
  const once = async (label: string): Promise<ImportSummary> => {
    const cpuBefore = cpuSnapshot();
    const progress = progressLine(`  ${label}`, options.rows);
    const summary = await importContactsFile(scope, file, {
      rejectsPath: `${file}.rejects.jsonl`,
      batchSize: options.batchSize,
      concurrency: options.concurrency,
      onProgress: (p) => progress.update(p.imported + p.duplicates + p.rejected),
    });
    progress.done();
    cpu.push(cpuShare(cpuBefore, cpuSnapshot()));
    if (summary.rejected > 0) throw new Error(`${summary.rejected} rows rejected (see ${summary.rejectsPath})`);
    return summary;
  };

  let first: ImportSummary;
  let fallback: { concurrency: number; error: string } | undefined;
  try {
    first = await once(`import into ${store.driver}`);
  } catch (error) {
    if (sqlState(error) !== '40P01' || options.concurrency === 1) throw error;
    // The importer gave up on a deadlock between its own concurrent batches: record that,
    // then measure what it does with one batch at a time, in a fresh tenant.
    const message = `deadlock at concurrency ${options.concurrency}: ${String((error as Error).cause ?? error).slice(0, 300)}`;
    process.stderr.write(`  import FAILED: ${message}\n  retrying with concurrency 1 in a fresh tenant\n`);
    fallback = { concurrency: options.concurrency, error: message };
    options = { ...options, concurrency: 1 };
    const again = await createTenant(store.database.db, { slug: `bench-import-${Date.now().toString(36)}-c1` });
    scope = scopeTo(store.database.db, again.tenant.id);
    first = await once(`import into ${store.driver} (concurrency 1)`);
  }
  const second = await once(`re-import (all duplicates) into ${store.driver}`);
  const rate = (s: ImportSummary) => (s.imported + s.duplicates) / s.seconds;
  const settings = `batch ${options.batchSize}, concurrency ${options.concurrency}`;
  const rows: ResultRow[] = [];
  if (fallback) {
    rows.push({
      driver: store.driver,
      benchmark: `import, concurrency ${fallback.concurrency}`,
      scale: options.rows,
      throughput: null,
      unit: 'rows/s',
      p50: null,
      p95: null,
      p99: null,
      errors: 1,
      target: `≥ ${IMPORT_TARGET_ROWS_PER_SECOND.toLocaleString('en-US')} rows/s`,
      pass: false,
      notes: `import aborted: ${fallback.error}`,
    });
  }
  return [
    ...rows,
    {
      driver: store.driver,
      benchmark: `import (new rows), c=${options.concurrency}`,
      scale: options.rows,
      throughput: rate(first),
      unit: 'rows/s',
      p50: null,
      p95: null,
      p99: null,
      errors: first.rejected,
      cpuMsPerOp: cpuMsPerOp(cpu.at(-2)!, options.rows),
      target: `≥ ${IMPORT_TARGET_ROWS_PER_SECOND.toLocaleString('en-US')} rows/s`,
      pass: rate(first) >= IMPORT_TARGET_ROWS_PER_SECOND,
      notes: `${first.imported} imported in ${round(first.seconds)} s; ${settings}; CPU: ${describeCpu(cpu.at(-2)!)}`,
      details: { file, first, settings, cpu: cpu.at(-2) },
    },
    {
      driver: store.driver,
      benchmark: 'import re-run (duplicates)',
      scale: options.rows,
      throughput: rate(second),
      unit: 'rows/s',
      p50: null,
      p95: null,
      p99: null,
      errors: second.rejected,
      cpuMsPerOp: cpuMsPerOp(cpu.at(-1)!, options.rows),
      target: '-',
      pass: null,
      notes: `${second.duplicates} duplicates skipped, ${second.imported} imported, in ${round(second.seconds)} s; CPU: ${describeCpu(cpu.at(-1)!)}`,
      details: { second, cpu: cpu.at(-1) },
    },
  ];
}
