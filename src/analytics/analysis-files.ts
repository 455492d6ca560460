/**
 * File access for `hearken analyze-file`: reading the texts of a CSV (header row) or JSONL
 * file with their row numbers, and writing results as JSON lines. Beside classifier-files.ts,
 * the only other part of src/analytics allowed to touch the file system.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../errors.ts';
import { cell, readRecordsFile } from './classifier-files.ts';

export interface TextRow {
  /** 1-based position among the file's data rows (the CSV header is not a row). */
  row: number;
  text: string;
}

export interface TextsFile {
  /** Rows with a non-empty text, in file order. */
  rows: TextRow[];
  /** Rows whose text was empty. */
  skipped: number;
}

export async function readTextsFile(path: string, textColumn: string): Promise<TextsFile> {
  const records = await readRecordsFile(path);
  if (records.length === 0) throw new AppError('validation_failed', `${path} has no rows`);
  const present = [...new Set(records.flatMap((r) => Object.keys(r)))];
  if (!present.includes(textColumn)) {
    throw new AppError(
      'validation_failed',
      `${path} has no column "${textColumn}"; its columns are: ${present.join(', ')}`,
    );
  }
  const rows: TextRow[] = [];
  let skipped = 0;
  records.forEach((record, i) => {
    const text = cell(record[textColumn]);
    if (text === '') skipped++;
    else rows.push({ row: i + 1, text });
  });
  if (rows.length === 0) throw new AppError('validation_failed', `${path} has no row with a non-empty "${textColumn}"`);
  return { rows, skipped };
}

/** A JSONL file being written; opened before any work so an unwritable path fails at once. */
export class JsonLinesWriter {
  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  static async create(path: string): Promise<JsonLinesWriter> {
    try {
      return new JsonLinesWriter(await open(path, 'w'), path);
    } catch (error) {
      throw new AppError(
        'bad_request',
        `Could not write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }

  async write(objects: readonly unknown[]): Promise<void> {
    if (objects.length === 0) return;
    try {
      await this.handle.write(objects.map((o) => `${JSON.stringify(o)}\n`).join(''));
    } catch (error) {
      throw new AppError(
        'bad_request',
        `Could not write ${this.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
