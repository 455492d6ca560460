/** Runs the load generator (http-client.ts) in a child process and collects its measurements. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadJob {
  /** e.g. http://127.0.0.1:41234 — loopback only. */
  baseUrl: string;
  token: string;
  concurrency: number;
  /** Requests sent before measuring (from the same stream), not counted. */
  warmup: number;
  /** Stop starting new requests after this long (each phase). */
  maxSeconds: number;
  requests:
    | { kind: 'ingest'; seed: number; customers: number; count: number; tag: string; existingShare: number }
    | { kind: 'get'; paths: { path: string; label: string }[] };
}

export interface LoadResult {
  /** Requests answered in the measured phase. */
  completed: number;
  planned: number;
  /** Wall time of the measured phase. */
  seconds: number;
  latenciesMs: number[];
  /** The label of each latency (same order). */
  labels: string[];
  /** Answers by HTTP status ("network" for failures without one). */
  statuses: Record<string, number>;
  /** Non-2xx answers and network failures. */
  errors: number;
  errorSamples: string[];
  bytes: number;
  warmupSeconds: number;
  /** CPU used by the load generator during warm-up and measurement. */
  cpuMs: number;
}

const CLIENT = fileURLToPath(new URL('./http-client.ts', import.meta.url));

export function runHttpLoad(job: LoadJob): Promise<LoadResult> {
  const host = new URL(job.baseUrl).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1')
    throw new Error(`refusing to load ${job.baseUrl}: loopback only`);
  return new Promise((resolve, reject) => {
    // The child needs the same TypeScript loader as this process (tsx).
    const child = fork(CLIENT, [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (message: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      settled = true;
      if (message.ok) resolve(message.result);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    child.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with code ${code} before answering`));
      settled = true;
    });
    child.send(job);
  });
}
