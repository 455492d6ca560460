/** Latency summaries and the shared result-row shape. */

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(latenciesMs: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(latenciesMs).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** One line of the summary table. */
export interface ResultRow {
  driver: 'pglite' | 'postgres';
  benchmark: string;
  /** Contacts in the database (or in the file) the benchmark ran against. */
  scale: number;
  /** Per second; what is counted is in `unit`. */
  throughput: number | null;
  unit: string;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  errors: number;
  /** Server-side CPU ms (Node process + PostgreSQL processes) per unit of throughput. */
  cpuMsPerOp?: number | null;
  target: string;
  /** null when the benchmark has no target. */
  pass: boolean | null;
  notes?: string;
  details?: unknown;
}

export const round = (n: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export function formatTable(rows: ResultRow[]): string {
  const header = [
    'driver',
    'benchmark',
    'scale',
    'throughput',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'cpu ms/op',
    'target',
    'result',
  ];
  const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(1));
  const lines = rows.map((r) => [
    r.driver,
    r.benchmark,
    r.scale.toLocaleString('en-US'),
    r.throughput === null ? '-' : `${Math.round(r.throughput).toLocaleString('en-US')} ${r.unit}`,
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    String(r.errors),
    r.cpuMsPerOp === null || r.cpuMsPerOp === undefined ? '-' : r.cpuMsPerOp.toFixed(3),
    r.target,
    r.pass === null ? '-' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 && i <= 8 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n');
}

export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

/** A progress line every few seconds (and a carriage-return line on a terminal). */
export function progressLine(label: string, total: number) {
  const started = performance.now();
  let last = 0;
  const tty = process.stderr.isTTY;
  return {
    update(done: number, extra = '') {
      const now = performance.now();
      if (now - last < (tty ? 250 : 5000) && done < total) return;
      last = now;
      const secs = (now - started) / 1000;
      const rate = secs > 0 ? done / secs : 0;
      const eta = rate > 0 ? (total - done) / rate : 0;
      const line = `${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${((done / total) * 100).toFixed(1)}%), ${Math.round(rate).toLocaleString('en-US')}/s, ${formatDuration(secs)} elapsed, eta ${formatDuration(eta)}${extra ? `, ${extra}` : ''}`;
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
