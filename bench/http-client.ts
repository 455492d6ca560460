/**
 * The load generator, run as a child process (see http-load.ts) so that building requests
 * and reading responses does not run on the server's event loop. Talks plain HTTP/1.1 with
 * keep-alive over loopback: `concurrency` clients, each sending its next request as soon as
 * the previous answer has been read in full.
 */
import http from 'node:http';
import { generateIngestBodies } from './generate.ts';
import type { LoadJob, LoadResult } from './http-load.ts';

interface Request {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  label: string;
}

function buildRequests(job: LoadJob): { warmup: Request[]; measured: Request[] } {
  if (job.requests.kind === 'ingest') {
    const { seed, customers, count, tag, existingShare } = job.requests;
    const all: Request[] = [];
    for (const body of generateIngestBodies({ seed, customers, count: job.warmup + count, tag, existingShare })) {
      all.push({ method: 'POST', path: '/api/v1/contacts', body: JSON.stringify(body), label: 'ingest' });
    }
    return { warmup: all.slice(0, job.warmup), measured: all.slice(job.warmup) };
  }
  const gets = job.requests.paths.map((p): Request => ({ method: 'GET', path: p.path, label: p.label }));
  const warmup: Request[] = [];
  for (let i = 0; i < job.warmup && gets.length > 0; i++) warmup.push(gets[i % gets.length]!);
  return { warmup, measured: gets };
}

async function run(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency, maxFreeSockets: job.concurrency });
  const headers = { authorization: `Bearer ${job.token}`, accept: 'application/json' };
  const send = (req: Request) =>
    new Promise<{ status: number; bytes: number; text?: string }>((resolve, reject) => {
      const outgoing = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: req.method,
          path: req.path,
          headers:
            req.body === undefined
              ? headers
              : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(req.body) },
          timeout: 60_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const bytes = chunks.reduce((n, c) => n + c.length, 0);
            resolve(
              status >= 200 && status < 300
                ? { status, bytes }
                : { status, bytes, text: Buffer.concat(chunks).toString('utf8').slice(0, 300) },
            );
          });
          res.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('timed out after 60 s')));
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });

  const { warmup, measured } = buildRequests(job);
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let errors = 0;
  let bytes = 0;

  const drive = async (requests: Request[], record: boolean, deadline: number) => {
    const latencies = new Float64Array(requests.length);
    const ok = new Uint8Array(requests.length);
    let next = 0;
    let completed = 0;
    const client = async () => {
      while (next < requests.length && performance.now() < deadline) {
        const i = next++;
        const req = requests[i]!;
        const started = performance.now();
        try {
          const res = await send(req);
          latencies[i] = performance.now() - started;
          ok[i] = 1;
          if (record) {
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            bytes += res.bytes;
            if (res.status < 200 || res.status >= 300) {
              errors++;
              if (errorSamples.length < 5)
                errorSamples.push(`${req.method} ${req.path} -> ${res.status} ${res.text ?? ''}`);
            }
          }
        } catch (error) {
          latencies[i] = performance.now() - started;
          ok[i] = 1;
          if (record) {
            errors++;
            statuses.network = (statuses.network ?? 0) + 1;
            if (errorSamples.length < 5) errorSamples.push(`${req.method} ${req.path} -> ${(error as Error).message}`);
          }
        }
        completed++;
      }
    };
    await Promise.all(Array.from({ length: job.concurrency }, client));
    return { latencies, ok, completed };
  };

  const cpuStart = process.cpuUsage();
  const warmStart = performance.now();
  await drive(warmup, false, warmStart + job.maxSeconds * 1000);
  const started = performance.now();
  const { latencies, ok, completed } = await drive(measured, true, started + job.maxSeconds * 1000);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  agent.destroy();
  const kept: number[] = [];
  const labels: string[] = [];
  for (let i = 0; i < measured.length; i++) {
    if (!ok[i]) continue;
    kept.push(latencies[i]!);
    labels.push(measured[i]!.label);
  }
  return {
    completed,
    planned: measured.length,
    seconds,
    latenciesMs: kept,
    labels,
    statuses,
    errors,
    errorSamples,
    bytes,
    warmupSeconds: (started - warmStart) / 1000,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (error: unknown) =>
      process.send!({ ok: false, error: String((error as Error)?.stack ?? error) }, () => process.exit(1)),
  );
});
