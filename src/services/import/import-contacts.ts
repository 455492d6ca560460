import { createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { AppError } from '../../errors.ts';
import { checkContactSubmission, type AcceptedContact } from '../../domain/contact-input.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { ingestContacts } from '../contacts/ingest-contacts.ts';
import { importExternalId, rowToSubmission } from './contact-row.ts';
import { formatOf, readRows } from './read-rows.ts';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  imported: number;
  duplicates: number;
  rejected: number;
}

export interface ImportSummary {
  imported: number;
  duplicates: number;
  rejected: number;
  /** Where rejected rows were written, or null when none were. */
  rejectsPath: string | null;
  seconds: number;
}

export interface ImportOptions {
  rejectsPath: string;
  batchSize?: number;
  /** Batches written at the same time; the embedded store takes one at a time anyway. */
  concurrency?: number;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Imports a JSONL or CSV file of contacts. Rows are checked like API submissions; good rows
 * are stored in batches that each commit whole, so a crash leaves whole batches and a re-run
 * skips what is already in (every row carries an external id, derived when absent).
 */
export async function importContactsFile(
  scope: TenantScope,
  path: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const format = formatOf(path);
  if (!format) throw new AppError('bad_request', `${path}: import reads .jsonl, .ndjson or .csv files`);
  const totalBytes = (
    await stat(path).catch(() => {
      throw new AppError('not_found', `${path}: no such file`);
    })
  ).size;
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  const concurrency = options.concurrency ?? 1;
  const progress: ImportProgress = { bytesRead: 0, totalBytes, imported: 0, duplicates: 0, rejected: 0 };
  const report = () => options.onProgress?.({ ...progress });
  let rejects: WriteStream | undefined;
  const reject = async (line: number, reasons: string[], row: unknown) => {
    rejects ??= createWriteStream(options.rejectsPath, { flags: 'w' });
    progress.rejected++;
    if (!rejects.write(`${JSON.stringify({ line, reasons, row })}\n`)) await once(rejects, 'drain');
  };

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const store = (batch: AcceptedContact[]) => {
    const task: Promise<void> = ingestContacts(scope, batch).then(
      (outcomes) => {
        for (const outcome of outcomes) {
          if (outcome.status === 'created') progress.imported++;
          else progress.duplicates++;
        }
        report();
      },
      (error: unknown) => {
        failure ??= error;
      },
    );
    inFlight.add(task);
    void task.then(() => inFlight.delete(task));
  };

  try {
    let batch: AcceptedContact[] = [];
    const now = new Date();
    for await (const item of readRows(path, format, (bytes) => (progress.bytesRead = bytes))) {
      if ('unreadable' in item) {
        await reject(item.line, [item.unreadable], item.raw);
        continue;
      }
      const submission = rowToSubmission(item.row);
      submission.externalId ??= importExternalId(submission);
      const check = checkContactSubmission(submission, now);
      if (!check.ok) {
        await reject(item.line, check.problems, item.row);
        continue;
      }
      batch.push(check.contact);
      if (batch.length >= batchSize) {
        store(batch);
        batch = [];
        if (inFlight.size >= concurrency) await Promise.race(inFlight);
        if (failure !== undefined) break;
      }
    }
    if (batch.length > 0 && failure === undefined) store(batch);
  } finally {
    // Let batches already sent finish (each commits whole or not at all) before reporting.
    await Promise.all(inFlight);
    if (rejects) {
      rejects.end();
      await once(rejects, 'finish');
    }
  }
  if (failure !== undefined) throw failure;
  report();
  return {
    imported: progress.imported,
    duplicates: progress.duplicates,
    rejected: progress.rejected,
    rejectsPath: rejects ? options.rejectsPath : null,
    seconds: (Date.now() - started) / 1000,
  };
}
