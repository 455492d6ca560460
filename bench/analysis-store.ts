/**
 * Contact analysis through the database: contacts stored with `ingestContacts` (the database
 * trigger queues each one), then the queue drained by `AnalysisWorker`s, timed, and checked:
 * every contact analysed exactly once, nothing left queued. Optionally again with an active
 * topic model, after re-queueing the tenant's history for the model's version.
 */
import { sql } from 'drizzle-orm';
import { checkContactSubmission, type AcceptedContact } from '../src/domain/contact-input.ts';
import { AnalysisWorker } from '../src/jobs/analysis-worker.ts';
import { analysisVersionOf } from '../src/services/analysis/topic-models.ts';
import { ingestContacts } from '../src/services/contacts/ingest-contacts.ts';
import { createTenant } from '../src/services/tenants/create-tenant.ts';
import { BUILTIN_ANALYSIS_VERSION } from '../src/analytics/analyze-text.ts';
import { rowsOf, type Db } from '../src/store/database.ts';
import { insertAnalysisModel } from '../src/store/repositories/analysis-models.ts';
import { queueUnanalysedContacts } from '../src/store/repositories/contact-analyses.ts';
import { scopeTo, type TenantScope } from '../src/store/tenant-scope.ts';
import { cpuMsPerOp, cpuShare, cpuSnapshot, describeCpu } from './cpu.ts';
import type { BenchStore } from './env.ts';
import { serviceContacts } from './service-texts.ts';
import { formatDuration, progressLine, round, summarize, type ResultRow } from './stats.ts';

export const INGEST_BATCH = 1000;

export interface StoreBenchOptions {
  contacts: number;
  seed: number;
  /** One drain per entry, each in a fresh tenant: how many workers drain the queue together. */
  workerCounts: number[];
  /** Contacts a worker takes per transaction (AnalysisWorker's default is 200). */
  batchSize: number;
  /** A trained topic classifier to activate for a last drain (skipped when absent). */
  topicModel?: {
    name: string;
    labels: string[];
    exampleCount: number;
    metrics: Record<string, unknown>;
    document: string;
  };
}

/** What the database holds for a tenant after a drain. */
export interface DrainCheck {
  label: string;
  modelVersion: string;
  contacts: number;
  /** Analyses under `modelVersion`. */
  analyses: number;
  /** Contacts without an analysis under `modelVersion`. */
  missing: number;
  /** Analyses of the tenant under any version (one per contact per version drained). */
  allAnalyses: number;
  expectedAllAnalyses: number;
  queued: number;
  /** What the workers said they analysed, summed: more than `contacts` means some were analysed twice. */
  reportedAnalysed: number;
  ok: boolean;
}

export interface StoreBenchResult {
  rows: ResultRow[];
  checks: DrainCheck[];
  ingests: { tenant: string; contacts: number; seconds: number }[];
}

export async function benchAnalysisStore(store: BenchStore, options: StoreBenchOptions): Promise<StoreBenchResult> {
  const db = store.database.db;
  const batches = acceptedBatches(options.seed, options.contacts);
  const result: StoreBenchResult = { rows: [], checks: [], ingests: [] };
  let first: TenantScope | undefined;

  for (const workers of options.workerCounts) {
    const label = `w${workers}-${Date.now().toString(36)}`;
    const { tenant } = await createTenant(db, { slug: `bench-analysis-${label}` });
    const scope = scopeTo(db, tenant.id);
    first ??= scope;
    const ingest = await ingestAll(
      scope,
      batches,
      `${store.driver}: storing ${options.contacts.toLocaleString('en-US')} contacts`,
    );
    result.ingests.push({ tenant: tenant.slug, contacts: options.contacts, seconds: ingest.seconds });
    if (result.ingests.length === 1) {
      result.rows.push({
        driver: store.driver,
        benchmark: 'ingest (trigger queues)',
        scale: options.contacts,
        throughput: options.contacts / ingest.seconds,
        unit: 'contacts/s',
        p50: null,
        p95: null,
        p99: null,
        errors: 0,
        cpuMsPerOp: ingest.cpuMsPerContact,
        target: '-',
        pass: null,
        notes: `ingestContacts in batches of ${INGEST_BATCH}, one at a time, in ${formatDuration(ingest.seconds)}; CPU: ${ingest.cpu}`,
      });
    }
    const drained = await drain(
      db,
      workers,
      options,
      `${store.driver}: analysing with ${workers} worker${workers > 1 ? 's' : ''}`,
    );
    const check = await checkDrain(
      scope,
      `${workers} worker${workers > 1 ? 's' : ''}`,
      BUILTIN_ANALYSIS_VERSION,
      1,
      drained.analysed,
    );
    result.checks.push(check);
    result.rows.push(
      drainRow(store, `drain, ${workers} worker${workers > 1 ? 's' : ''}`, options, workers, drained, check),
    );
  }

  if (options.topicModel && first) {
    const model = await insertAnalysisModel(first, { ...options.topicModel, activate: true });
    const version = analysisVersionOf(model);
    const queued = await queueUnanalysedContacts(first, new Date(0), version);
    process.stderr.write(
      `  ${store.driver}: topic model ${version} active, ${queued.toLocaleString('en-US')} contacts re-queued\n`,
    );
    const drained = await drain(db, 1, options, `${store.driver}: analysing with the topic model, 1 worker`);
    const check = await checkDrain(first, 'topic model, 1 worker', version, 2, drained.analysed);
    result.checks.push(check);
    result.rows.push(
      drainRow(store, 'drain + topic model, 1 worker', options, 1, drained, check, 'the first batch decodes the model'),
    );
  }
  return result;
}

/** The generated contacts, checked like API submissions, in ingest batches (the same for every tenant). */
function acceptedBatches(seed: number, count: number): AcceptedContact[][] {
  const now = new Date();
  const batches: AcceptedContact[][] = [[]];
  for (const json of serviceContacts(seed, count)) {
    const check = checkContactSubmission(json, now);
    if (!check.ok) throw new Error(`a generated contact was rejected: ${check.problems.join('; ')}`);
    if (batches.at(-1)!.length >= INGEST_BATCH) batches.push([]);
    batches.at(-1)!.push(check.contact);
  }
  return batches;
}

async function ingestAll(scope: TenantScope, batches: AcceptedContact[][], label: string) {
  const total = batches.reduce((n, b) => n + b.length, 0);
  const progress = progressLine(`  ${label}`, total);
  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  let done = 0;
  for (const batch of batches) {
    await ingestContacts(scope, batch);
    done += batch.length;
    progress.update(done);
  }
  progress.done();
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuShare(cpuBefore, cpuSnapshot());
  return { seconds, cpu: describeCpu(cpu), cpuMsPerContact: cpuMsPerOp(cpu, total) };
}

interface Drained {
  analysed: number;
  seconds: number;
  /** Wall time of each batch, from the previous batch of the same worker (or the start). */
  batchMs: number[];
  cpu: ReturnType<typeof cpuShare>;
}

/** Runs `workers` AnalysisWorkers on the same database until the queue is empty. */
async function drain(db: Db, workers: number, options: StoreBenchOptions, label: string): Promise<Drained> {
  const progress = progressLine(`  ${label}`, options.contacts);
  const batchMs: number[] = [];
  let analysed = 0;
  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  const counts = await Promise.all(
    Array.from({ length: workers }, () => {
      let last = started;
      const worker = new AnalysisWorker(db, {
        batchSize: options.batchSize,
        onBatch: (batch) => {
          const now = performance.now();
          batchMs.push(now - last);
          last = now;
          analysed += batch.analysed.length;
          progress.update(analysed);
        },
      });
      return worker.drain();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  progress.done();
  return { analysed: counts.reduce((a, b) => a + b, 0), seconds, batchMs, cpu: cpuShare(cpuBefore, cpuSnapshot()) };
}

/** Counts what the tenant's contacts have after a drain; `versionsDrained` analyses per contact are expected in all. */
async function checkDrain(
  scope: TenantScope,
  label: string,
  modelVersion: string,
  versionsDrained: number,
  reportedAnalysed: number,
): Promise<DrainCheck> {
  const result = await scope.db.execute(sql`
    SELECT (SELECT count(*)::int FROM contacts WHERE tenant_id = ${scope.tenantId}) AS contacts,
           (SELECT count(*)::int FROM contact_analyses WHERE tenant_id = ${scope.tenantId} AND model_version = ${modelVersion}) AS analyses,
           (SELECT count(*)::int FROM contacts k WHERE k.tenant_id = ${scope.tenantId}
              AND NOT EXISTS (SELECT 1 FROM contact_analyses a WHERE a.contact_id = k.id AND a.model_version = ${modelVersion})) AS missing,
           (SELECT count(*)::int FROM contact_analyses WHERE tenant_id = ${scope.tenantId}) AS "allAnalyses",
           (SELECT count(*)::int FROM contact_analysis_queue WHERE tenant_id = ${scope.tenantId}) AS queued`);
  const counts = rowsOf<Pick<DrainCheck, 'contacts' | 'analyses' | 'missing' | 'allAnalyses' | 'queued'>>(result)[0]!;
  const expectedAllAnalyses = counts.contacts * versionsDrained;
  const ok =
    counts.contacts > 0 &&
    counts.analyses === counts.contacts &&
    counts.missing === 0 &&
    counts.allAnalyses === expectedAllAnalyses &&
    counts.queued === 0 &&
    reportedAnalysed === counts.contacts;
  return { label, modelVersion, ...counts, expectedAllAnalyses, reportedAnalysed, ok };
}

export function describeCheck(check: DrainCheck): string {
  return (
    `${check.ok ? 'OK' : 'FAIL'}: ${check.contacts.toLocaleString('en-US')} contacts, ${check.analyses.toLocaleString('en-US')} analyses under ${check.modelVersion} ` +
    `(${check.missing} missing), ${check.allAnalyses.toLocaleString('en-US')} in all (expected ${check.expectedAllAnalyses.toLocaleString('en-US')}), ` +
    `${check.queued} still queued, workers analysed ${check.reportedAnalysed.toLocaleString('en-US')}`
  );
}

function drainRow(
  store: BenchStore,
  benchmark: string,
  options: StoreBenchOptions,
  workers: number,
  drained: Drained,
  check: DrainCheck,
  remark?: string,
): ResultRow {
  const batches = summarize(drained.batchMs);
  // Whether batches slow down as the tenant's analyses pile up (per-batch queries that grow with them).
  const tenth = Math.max(1, Math.floor(drained.batchMs.length / 10));
  const trend = `median batch ${round(summarize(drained.batchMs.slice(0, tenth)).p50)} ms in the first tenth, ${round(summarize(drained.batchMs.slice(-tenth)).p50)} ms in the last`;
  return {
    driver: store.driver,
    benchmark,
    scale: check.contacts,
    throughput: drained.analysed / drained.seconds,
    unit: 'contacts/s',
    p50: batches.p50,
    p95: batches.p95,
    p99: batches.p99,
    errors:
      check.missing +
      Math.abs(check.allAnalyses - check.expectedAllAnalyses) +
      check.queued +
      Math.abs(check.reportedAnalysed - check.contacts),
    cpuMsPerOp: cpuMsPerOp(drained.cpu, drained.analysed),
    target: 'each contact once',
    pass: check.ok,
    notes:
      `${drained.analysed.toLocaleString('en-US')} analysed in ${formatDuration(drained.seconds)} by ${workers} worker${workers > 1 ? 's' : ''} ` +
      `(${batches.count} batches of ≤ ${options.batchSize}; p50/p95/p99 are ms per batch, max ${round(batches.max)} ms${remark ? `: ${remark}` : ''}; ${trend}); ` +
      `CPU: ${describeCpu(drained.cpu)}; check ${describeCheck(check)}`,
  };
}
