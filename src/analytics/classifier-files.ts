/**
 * The only part of src/analytics that touches the file system: reading labelled examples
 * (CSV with a header row, or JSONL) and reading/writing model files. Everything it returns is
 * plain data for the pure code beside it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { AppError } from '../errors.ts';
import { parseClassifier, stringifyClassifier } from './model-codec.ts';
import type { TextClassifier } from './text-classifier.ts';

export interface ColumnChoice {
  textColumn: string;
  /** Absent when only the texts are needed. */
  labelColumn?: string;
}

export interface ExamplesFile {
  /** Rows in file order; rows with an empty text (or empty label, when asked for) are skipped. */
  rows: { text: string; label: string }[];
  skipped: number;
}

export async function readExamplesFile(path: string, columns: ColumnChoice): Promise<ExamplesFile> {
  const records = await readRecordsFile(path);
  if (records.length === 0) throw new AppError('validation_failed', `${path} has no rows`);
  const present = [...new Set(records.flatMap((r) => Object.keys(r)))];
  for (const column of [columns.textColumn, columns.labelColumn]) {
    if (column !== undefined && !present.includes(column)) {
      throw new AppError(
        'validation_failed',
        `${path} has no column "${column}"; its columns are: ${present.join(', ')}`,
      );
    }
  }
  const rows: ExamplesFile['rows'] = [];
  let skipped = 0;
  for (const record of records) {
    const text = cell(record[columns.textColumn]);
    const label = columns.labelColumn === undefined ? '' : cell(record[columns.labelColumn]);
    if (text === '' || (columns.labelColumn !== undefined && label === '')) skipped++;
    else rows.push({ text, label });
  }
  if (rows.length === 0)
    throw new AppError(
      'validation_failed',
      `${path} has no row with a non-empty "${columns.textColumn}"${columns.labelColumn ? ` and "${columns.labelColumn}"` : ''}`,
    );
  return { rows, skipped };
}

export async function readClassifierFile(path: string): Promise<TextClassifier> {
  return parseClassifier(await readText(path, 'model file'), path);
}

/** Returns the number of bytes written. */
export async function writeClassifierFile(path: string, classifier: TextClassifier): Promise<number> {
  const json = stringifyClassifier(classifier);
  try {
    await writeFile(path, json);
  } catch (error) {
    throw new AppError(
      'bad_request',
      `Could not write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return Buffer.byteLength(json);
}

/** Writes labelled rows as JSONL under the given column names (what readExamplesFile reads back). */
export async function writeExamplesFile(
  path: string,
  rows: readonly { text: string; label: string }[],
  columns: Required<ColumnChoice>,
): Promise<void> {
  const lines = rows.map((row) => JSON.stringify({ [columns.textColumn]: row.text, [columns.labelColumn]: row.label }));
  try {
    await writeFile(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  } catch (error) {
    throw new AppError(
      'bad_request',
      `Could not write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** The records of a CSV file with a header row, or of a JSONL file (by its extension). */
export async function readRecordsFile(path: string): Promise<Record<string, unknown>[]> {
  const content = await readText(path, 'input file');
  return path.toLowerCase().endsWith('.jsonl') ? parseJsonLines(content, path) : parseCsv(content, path);
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('not_found', `No such ${what}: ${path}`);
    if (code === 'EISDIR') throw new AppError('bad_request', `${path} is a directory, not a ${what}`);
    throw new AppError('bad_request', `Could not read ${what} ${path}: ${code ?? (error as Error).message}`);
  }
}

function parseCsv(content: string, path: string): Record<string, unknown>[] {
  try {
    return parse(content, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new AppError('validation_failed', `${path} is not valid CSV: ${(error as Error).message}`);
  }
}

function parseJsonLines(content: string, path: string): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new AppError('validation_failed', `${path} line ${i + 1} is not JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new AppError('validation_failed', `${path} line ${i + 1} is not a JSON object`);
    }
    records.push(value as Record<string, unknown>);
  });
  return records;
}

/** A cell as text: strings trimmed, numbers and booleans written out, anything else empty. */
export function cell(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
