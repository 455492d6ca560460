import { Writable } from 'node:stream';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLOURS: Record<number, string> = { 10: '90', 20: '90', 30: '32', 40: '33', 50: '31', 60: '31' };

/**
 * pino's JSON lines as one short line each, for a person at a terminal: the time, the level, the
 * message, and for a request its method, address, status and time taken. Anything that is not a
 * log line passes through unchanged.
 */
export function prettyLogLine(line: string, colour: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = typeof entry.level === 'number' ? entry.level : 30;
  const time = new Date(typeof entry.time === 'number' ? entry.time : Date.now()).toISOString().slice(11, 19);
  const name = (LEVELS[level] ?? String(level)).padEnd(5);
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  const parts = [String(entry.msg ?? '')];
  if (req?.method) parts.push(`${req.method} ${req.url ?? ''}`);
  if (res?.statusCode) parts.push(String(res.statusCode));
  if (typeof entry.responseTime === 'number') parts.push(`${entry.responseTime.toFixed(0)} ms`);
  const err = entry.err as { message?: string; stack?: string } | undefined;
  if (err?.message) parts.push(level >= 50 && err.stack ? `\n${err.stack}` : err.message);
  const label = colour ? `\x1b[${COLOURS[level] ?? '0'}m${name}\x1b[0m` : name;
  return `${time} ${label} ${parts.filter((p) => p !== '').join('  ')}`;
}

/** A stream for pino that writes pretty lines to `out`. */
export function prettyLogStream(out: NodeJS.WriteStream = process.stderr): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') out.write(`${prettyLogLine(line, out.isTTY === true)}\n`);
      done();
    },
  });
}
