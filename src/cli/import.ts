import { storeSettings } from '../config.ts';
import { AppError } from '../errors.ts';
import { importContactsFile } from '../services/import/import-contacts.ts';
import { openDatabase } from '../store/database.ts';
import { findTenantBySlug } from '../store/repositories/tenants.ts';
import { scopeTo } from '../store/tenant-scope.ts';
import { progressPrinter } from './progress.ts';
import { analyseAllTables } from '../store/upkeep.ts';

export async function importCommand(
  file: string,
  flags: { tenant: string; rejects?: string; batchSize: string; dataDir?: string },
): Promise<void> {
  const batchSize = Number(flags.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new AppError('bad_request', '--batch-size must be a whole number from 1 to 10000');
  }
  const database = await openDatabase(storeSettings(flags));
  try {
    const tenant = await findTenantBySlug(database.db, flags.tenant);
    if (!tenant)
      throw new AppError(
        'not_found',
        `No tenant "${flags.tenant}" (create it with: hearken tenant create ${flags.tenant})`,
      );
    const progress = progressPrinter();
    const summary = await importContactsFile(scopeTo(database.db, tenant.id), file, {
      rejectsPath: flags.rejects ?? `${file}.rejects.jsonl`,
      batchSize,
      concurrency: database.kind === 'postgres' ? 2 : 1,
      onProgress: (p) =>
        progress.update(
          p.totalBytes === 0 ? 1 : p.bytesRead / p.totalBytes,
          `${p.imported} imported, ${p.duplicates} duplicates, ${p.rejected} rejected`,
        ),
    });
    progress.done();
    // PGlite has no autovacuum to measure what was just loaded; PostgreSQL servers do it themselves.
    if (database.kind === 'pglite') await analyseAllTables(database.db);
    const rate = summary.seconds > 0 ? Math.round((summary.imported + summary.duplicates) / summary.seconds) : 0;
    process.stdout.write(
      [
        `Imported ${summary.imported} contacts into ${tenant.slug} in ${summary.seconds.toFixed(1)} s (${rate} rows/s)`,
        `  duplicates skipped: ${summary.duplicates}`,
        `  rejected:           ${summary.rejected}${summary.rejectsPath ? ` (see ${summary.rejectsPath})` : ''}`,
        '',
      ].join('\n'),
    );
  } finally {
    await database.close();
  }
}
