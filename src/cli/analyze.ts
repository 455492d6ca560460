/**
 * `hearken analyze --tenant <slug> --since <date>`: analyse an organisation's history again with
 * its current analysis (new rules, a new topic model). Resumable: what is already analysed by
 * the current version is never queued again, and what a stopped run left queued is finished
 * by the next run (or by any server's background worker).
 *
 * `hearken classify install`: stores a classifier file as the organisation's topic model.
 */
import { Command } from 'commander';
import { readClassifierFile } from '../analytics/classifier-files.ts';
import { storeSettings } from '../config.ts';
import { AppError } from '../errors.ts';
import { AnalysisWorker } from '../jobs/analysis-worker.ts';
import { installTopicModel } from '../services/analysis/install-topic-model.ts';
import { activeAnalysis } from '../services/analysis/topic-models.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { analysisProgress, queueUnanalysedContacts } from '../store/repositories/contact-analyses.ts';
import { findTenantBySlug } from '../store/repositories/tenants.ts';
import { scopeTo, type TenantScope } from '../store/tenant-scope.ts';
import { dataDirOption } from './options.ts';
import { progressPrinter } from './progress.ts';

export function analyzeCommand(): Command {
  return new Command('analyze')
    .description("analyse an organisation's contacts since a date with its current analysis (resumable)")
    .requiredOption('--tenant <slug>', 'organisation')
    .requiredOption('--since <when>', 'a date (2026-01-31), a date and time, or a span back from now (90d, 12h)')
    .option('--batch-size <n>', 'contacts analysed per transaction', '500')
    .addOption(dataDirOption())
    .action(reanalyseAction);
}

export function installModelCommand(): Command {
  return new Command('install')
    .description("store a classifier (from `hearken classify train`) as the organisation's topic model")
    .requiredOption('--tenant <slug>', 'organisation')
    .requiredOption('--model <file>', 'model file written by classify train')
    .option('--name <name>', 'model name; each install is its next version', 'topics')
    .option('--no-activate', 'store it without making it the active model')
    .addOption(dataDirOption())
    .action(installAction);
}

async function withTenant<T>(
  flags: { tenant: string; dataDir?: string },
  work: (scope: TenantScope, database: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(storeSettings(flags));
  try {
    const tenant = await findTenantBySlug(database.db, flags.tenant);
    if (!tenant) throw new AppError('not_found', `No organisation "${flags.tenant}"`);
    return await work(scopeTo(database.db, tenant.id), database);
  } finally {
    await database.close();
  }
}

async function reanalyseAction(flags: {
  tenant: string;
  since: string;
  batchSize: string;
  dataDir?: string;
}): Promise<void> {
  const since = parseSince(flags.since, new Date());
  const batchSize = Number(flags.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000)
    throw new AppError('bad_request', '--batch-size must be a whole number from 1 to 5000');
  await withTenant(flags, async (scope, database) => {
    const { version } = await activeAnalysis(scope);
    const queued = await queueUnanalysedContacts(scope, since, version);
    const before = await analysisProgress(scope, since, version);
    process.stderr.write(
      `Analysing ${flags.tenant} since ${since.toISOString()} with ${version}: ${before.analysed} of ${before.total} already done, ${queued} queued now\n`,
    );
    const progress = progressPrinter();
    const started = performance.now();
    let analysed = 0;
    const worker = new AnalysisWorker(database.db, {
      batchSize,
      tenantIds: [scope.tenantId],
      onBatch: (batch) => {
        analysed += batch.analysed.length;
        const done = Math.min(before.total, before.analysed + analysed);
        progress.update(before.total === 0 ? 1 : done / before.total, `${done} / ${before.total} contacts`);
      },
    });
    await worker.drain();
    progress.done();
    const seconds = (performance.now() - started) / 1000;
    const after = await analysisProgress(scope, since, version);
    process.stdout.write(
      `Analysed ${analysed} contacts in ${seconds.toFixed(1)} s (${seconds > 0 ? Math.round(analysed / seconds) : analysed} contacts/s); ` +
        `${after.analysed} of ${after.total} since ${since.toISOString().slice(0, 10)} now carry ${version}\n`,
    );
  });
}

async function installAction(flags: {
  tenant: string;
  model: string;
  name: string;
  activate: boolean;
  dataDir?: string;
}): Promise<void> {
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(flags.name))
    throw new AppError('bad_request', '--name may use letters, digits, dot, dash and underscore');
  const classifier = await readClassifierFile(flags.model);
  await withTenant(flags, async (scope) => {
    const { model, queued } = await installTopicModel(scope, classifier, {
      name: flags.name,
      activate: flags.activate,
    });
    process.stdout.write(
      `Stored ${model.name} version ${model.version} (${model.labels.length} topics, ${model.exampleCount} examples)` +
        (model.active ? `, active; ${queued} contacts from the last 30 days queued for it\n` : ', not active\n'),
    );
  });
}

/** "2026-01-31", an ISO date-time, or a span back from now: "90d", "12h", "30m". */
export function parseSince(value: string, now: Date): Date {
  const span = /^(\d+)\s*([dhm])$/i.exec(value.trim());
  if (span) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[span[2]!.toLowerCase() as 'd' | 'h' | 'm'];
    return new Date(now.getTime() - Number(span[1]) * unit);
  }
  const date = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value.trim()) ? new Date(value.trim()) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    throw new AppError(
      'bad_request',
      `--since "${value}" is not a date (2026-01-31), a date and time, or a span like 90d`,
    );
  return date;
}
