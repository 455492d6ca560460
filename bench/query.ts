/**
 * Reads at scale, over real HTTP (loopback, keep-alive) against the server under test:
 *  - GET /api/v1/customers/:id/timeline?limit=200 for customers with ≥ 200 contacts;
 *  - GET /api/v1/search?q=… for a fixed mix of queries (common and rare words, phrases,
 *    exclusions, names with and without typos, emails, phones, case and order references).
 */
import type { BenchStore } from './env.ts';
import { startBenchServer } from './env.ts';
import { searchQueries, type DatasetPlan } from './generate.ts';
import { cpuMsPerOp, cpuShare, cpuSnapshot, describeCpu } from './cpu.ts';
import { runHttpLoad } from './http-load.ts';
import { round, summarize, type LatencySummary, type ResultRow } from './stats.ts';

export const TIMELINE_TARGET_P99_MS = 20;
export const SEARCH_TARGET_P95_MS = 100;

export interface QueryBenchOptions {
  token: string;
  plan: DatasetPlan;
  heavyCustomerIds: string[];
  caseNumbers: number[];
  timelineRequests: number;
  searchRounds: number;
  concurrency: number;
  maxSeconds: number;
}

export async function benchQuery(store: BenchStore, options: QueryBenchOptions): Promise<ResultRow[]> {
  const server = await startBenchServer(store.database);
  try {
    if (options.heavyCustomerIds.length === 0) throw new Error('no customer with ≥ 200 contacts: use a larger --scale');
    // Check once that a timeline really is 200 items long.
    const probe = await fetch(`${server.baseUrl}/api/v1/customers/${options.heavyCustomerIds[0]}/timeline?limit=200`, {
      headers: { authorization: `Bearer ${options.token}` },
    });
    const probeBody = (await probe.json()) as { items?: unknown[] };
    if (probe.status !== 200 || probeBody.items?.length !== 200) {
      throw new Error(`timeline probe answered ${probe.status} with ${probeBody.items?.length} items, expected 200`);
    }

    const timelinePaths = Array.from({ length: options.timelineRequests }, (_, i) => ({
      path: `/api/v1/customers/${options.heavyCustomerIds[i % options.heavyCustomerIds.length]}/timeline?limit=200`,
      label: 'timeline',
    }));
    /** One measured phase: GET each path over real HTTP, with the CPU it cost. */
    const measure = async (paths: { path: string; label: string }[], warmup: number) => {
      const before = cpuSnapshot();
      const run = await runHttpLoad({
        baseUrl: server.baseUrl,
        token: options.token,
        concurrency: options.concurrency,
        warmup,
        maxSeconds: options.maxSeconds,
        requests: { kind: 'get', paths },
      });
      return { run, cpu: cpuShare(before, cpuSnapshot(), run.cpuMs) };
    };
    const timelineWarmup = Math.min(50, options.heavyCustomerIds.length);
    const { run: timeline, cpu: timelineCpu } = await measure(timelinePaths, timelineWarmup);
    const t = summarize(timeline.latenciesMs);

    const queries = searchQueries(options.plan, options.caseNumbers);
    const searchPaths: { path: string; label: string }[] = [];
    for (let round = 0; round < options.searchRounds; round++) {
      for (const q of queries)
        searchPaths.push({ path: `/api/v1/search?q=${encodeURIComponent(q.q)}`, label: `${q.kind}\t${q.q}` });
    }
    const searchWarmup = 10;
    const { run: search, cpu: searchCpu } = await measure(searchPaths, searchWarmup);
    const s = summarize(search.latenciesMs);
    const byKind = groupSummaries(
      search.labels.map((l) => l.split('\t')[0]!),
      search.latenciesMs,
    );
    const byQuery = groupSummaries(search.labels, search.latenciesMs);
    const slowest = Object.entries(byQuery)
      .sort((a, b) => b[1].p50 - a[1].p50)
      .slice(0, 8)
      .map(([label, summary]) => ({
        query: label.split('\t')[1],
        kind: label.split('\t')[0],
        p50: round(summary.p50, 2),
        max: round(summary.max, 2),
      }));

    const scale = options.plan.contacts;
    return [
      {
        driver: store.driver,
        benchmark: `timeline, limit 200 (c=${options.concurrency})`,
        scale,
        throughput: timeline.completed / timeline.seconds,
        unit: 'req/s',
        p50: t.p50,
        p95: t.p95,
        p99: t.p99,
        errors: timeline.errors,
        cpuMsPerOp: cpuMsPerOp(timelineCpu, timeline.completed + timelineWarmup),
        target: `p99 < ${TIMELINE_TARGET_P99_MS} ms`,
        pass: t.p99 < TIMELINE_TARGET_P99_MS && timeline.errors === 0,
        notes: `${timeline.completed} requests over ${options.heavyCustomerIds.length} customers with ≥ 200 contacts; CPU: ${describeCpu(timelineCpu)}`,
        details: {
          cpu: timelineCpu,
          latency: t,
          statuses: timeline.statuses,
          errorSamples: timeline.errorSamples,
          bytesPerResponse: Math.round(timeline.bytes / Math.max(1, timeline.completed)),
        },
      },
      {
        driver: store.driver,
        benchmark: `search (c=${options.concurrency})`,
        scale,
        throughput: search.completed / search.seconds,
        unit: 'req/s',
        p50: s.p50,
        p95: s.p95,
        p99: s.p99,
        errors: search.errors,
        cpuMsPerOp: cpuMsPerOp(searchCpu, search.completed + searchWarmup),
        target: `p95 < ${SEARCH_TARGET_P95_MS} ms`,
        pass: s.p95 < SEARCH_TARGET_P95_MS && search.errors === 0,
        notes: `${search.completed} requests, ${queries.length} distinct queries × ${options.searchRounds}; CPU: ${describeCpu(searchCpu)}`,
        details: {
          cpu: searchCpu,
          latency: s,
          byKind: roundSummaries(byKind),
          slowest,
          statuses: search.statuses,
          errorSamples: search.errorSamples,
        },
      },
    ];
  } finally {
    await server.close();
  }
}

function groupSummaries(labels: string[], latencies: number[]): Record<string, LatencySummary> {
  const groups = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = groups.get(label) ?? [];
    list.push(latencies[i]!);
    groups.set(label, list);
  });
  return Object.fromEntries([...groups].map(([label, list]) => [label, summarize(list)]));
}

function roundSummaries(groups: Record<string, LatencySummary>) {
  return Object.fromEntries(
    Object.entries(groups).map(([k, v]) => [
      k,
      { count: v.count, p50: round(v.p50, 2), p95: round(v.p95, 2), p99: round(v.p99, 2), max: round(v.max, 2) },
    ]),
  );
}
