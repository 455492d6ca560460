import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** One row of an import file: its content, or why it could not be read at all. */
export type ImportRow =
  { line: number; row: Record<string, unknown> } | { line: number; unreadable: string; raw: string };

export type ImportFormat = 'jsonl' | 'csv';

export function formatOf(path: string): ImportFormat | undefined {
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  if (/\.csv$/i.test(path)) return 'csv';
  return undefined;
}

/** Streams the rows of a file; `onBytes` reports how far through the file reading is. */
export async function* readRows(
  path: string,
  format: ImportFormat,
  onBytes: (bytes: number) => void,
): AsyncGenerator<ImportRow> {
  const stream = createReadStream(path);
  let bytes = 0;
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  if (format === 'jsonl') yield* readJsonLines(stream);
  else yield* readCsv(stream);
}

async function* readJsonLines(stream: Readable): AsyncGenerator<ImportRow> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      yield { line, unreadable: 'not valid JSON', raw: text };
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      yield { line, unreadable: 'not a JSON object', raw: text };
      continue;
    }
    yield { line, row: parsed as Record<string, unknown> };
  }
}

async function* readCsv(stream: Readable): AsyncGenerator<ImportRow> {
  const skipped: ImportRow[] = [];
  const parser = stream.pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, info: true, skip_records_with_error: true }),
  );
  parser.on('skip', (error: Error & { lines?: number; record?: unknown; raw?: string }) => {
    skipped.push({ line: error.lines ?? 0, unreadable: error.message, raw: error.raw ?? '' });
  });
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, unknown>;
    info: { lines: number };
  }>) {
    while (skipped.length > 0) yield skipped.shift()!;
    yield { line: info.lines, row: record };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}
