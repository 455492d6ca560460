/**
 * API ingest: the real HTTP server on a loopback port, driven by `concurrency` keep-alive
 * clients (in a separate process) each POSTing one contact at a time to /api/v1/contacts.
 * 90 % of the contacts are from customers the tenant already knows (when it has any), the
 * rest from new customers.
 */
import { loadavg } from 'node:os';
import type { BenchStore } from './env.ts';
import { startBenchServer } from './env.ts';
import { cpuMsPerOp, cpuShare, cpuSnapshot, describeCpu } from './cpu.ts';
import { runHttpLoad } from './http-load.ts';
import { round, summarize, type ResultRow } from './stats.ts';

export const INGEST_TARGET = { perSecond: 2_000, p99Ms: 50 };

export interface IngestBenchOptions {
  token: string;
  /** Contacts and customers already in the tenant (customers are addressed by dataset index). */
  scale: number;
  customers: number;
  seed: number;
  requests: number;
  warmup: number;
  concurrency: number;
  maxSeconds: number;
}

export async function benchIngest(store: BenchStore, options: IngestBenchOptions): Promise<ResultRow> {
  const server = await startBenchServer(store.database);
  try {
    const load = () => loadavg()[0]!.toFixed(2);
    const loadBefore = load();
    const cpuBefore = cpuSnapshot();
    const result = await runHttpLoad({
      baseUrl: server.baseUrl,
      token: options.token,
      concurrency: options.concurrency,
      warmup: options.warmup,
      maxSeconds: options.maxSeconds,
      requests: {
        kind: 'ingest',
        seed: options.seed,
        customers: options.customers,
        count: options.requests,
        tag: Date.now().toString(36),
        existingShare: options.customers > 0 ? 0.9 : 0,
      },
    });
    const cpu = cpuShare(cpuBefore, cpuSnapshot(), result.cpuMs);
    const latency = summarize(result.latenciesMs);
    const throughput = result.completed / result.seconds;
    const pass = throughput >= INGEST_TARGET.perSecond && latency.p99 < INGEST_TARGET.p99Ms && result.errors === 0;
    const truncated = result.completed < result.planned ? ` (stopped after ${options.maxSeconds} s)` : '';
    return {
      driver: store.driver,
      benchmark: `API ingest, ${options.concurrency} clients`,
      scale: options.scale,
      throughput,
      unit: 'req/s',
      p50: latency.p50,
      p95: latency.p95,
      p99: latency.p99,
      errors: result.errors,
      cpuMsPerOp: cpuMsPerOp(cpu, result.completed + options.warmup),
      target: `≥ ${INGEST_TARGET.perSecond.toLocaleString('en-US')}/s, p99 < ${INGEST_TARGET.p99Ms} ms`,
      pass,
      notes: `${result.completed} requests in ${round(result.seconds)} s${truncated}; statuses ${JSON.stringify(result.statuses)}; load avg ${loadBefore} before; CPU (% of one core, incl. warm-up): ${describeCpu(cpu)}`,
      details: {
        cpu,
        latency,
        statuses: result.statuses,
        errorSamples: result.errorSamples,
        warmupSeconds: result.warmupSeconds,
        seconds: result.seconds,
      },
    };
  } finally {
    await server.close();
  }
}
