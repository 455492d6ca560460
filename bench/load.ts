/**
 * Fills a tenant with a generated dataset fast: rows are checked exactly like API
 * submissions and stored through the same `ingestContacts` the API and importer use, in
 * large batches. Then opens some cases (so timelines hold case events and "C-123" searches
 * have something to find) and runs VACUUM ANALYZE, as autovacuum would have by then.
 */
import { sql } from 'drizzle-orm';
import { checkContactSubmission, type AcceptedContact } from '../src/domain/contact-input.ts';
import { createCase } from '../src/services/cases/create-case.ts';
import { ingestContacts, type IngestOutcome } from '../src/services/contacts/ingest-contacts.ts';
import type { Database } from '../src/store/database.ts';
import { listUsers } from '../src/store/repositories/people.ts';
import type { TenantScope } from '../src/store/tenant-scope.ts';
import { generateContacts, type DatasetPlan } from './generate.ts';
import { progressLine } from './stats.ts';
import { cpuShare, cpuSnapshot, type CpuShare } from './cpu.ts';

export interface LoadOptions {
  batchSize: number;
  concurrency: number;
  /** Cases to open after loading; default one per 500 contacts. */
  cases?: number;
}

export interface LoadOutcome {
  contacts: number;
  created: number;
  duplicates: number;
  rejected: number;
  seconds: number;
  cpu: CpuShare;
  /** Batches run again after PostgreSQL broke a deadlock between two of them. */
  deadlockRetries: number;
  caseSeconds: number;
  vacuumSeconds: number;
  /** Ids of customers with ≥ 200 contacts. */
  heavyCustomerIds: string[];
  caseNumbers: number[];
}

export async function loadTenant(
  database: Database,
  scope: TenantScope,
  plan: DatasetPlan,
  options: LoadOptions,
): Promise<LoadOutcome> {
  const heavy = new Set(plan.heavy);
  const heavyCustomerIds = new Map<number, string>();
  const caseCount = options.cases ?? Math.max(10, Math.round(plan.contacts / 500));
  const caseStride = Math.max(1, Math.floor(plan.contacts / caseCount));
  const caseSeeds: { contactId: string; customerId: string; subject: string }[] = [];
  const cpuBefore = cpuSnapshot();
  const progress = progressLine(`  loading ${plan.contacts.toLocaleString('en-US')} contacts`, plan.contacts);
  const started = performance.now();
  const now = new Date();
  let created = 0;
  let duplicates = 0;
  let rejected = 0;
  let done = 0;
  let deadlockRetries = 0;
  let failure: unknown;
  const inFlight = new Set<Promise<void>>();

  const store = (batch: AcceptedContact[], firstRow: number) => {
    const task = ingestWithRetry(scope, batch, () => deadlockRetries++).then(
      (outcomes: IngestOutcome[]) => {
        outcomes.forEach((outcome, i) => {
          const row = firstRow + i;
          if (outcome.status === 'created') created++;
          else duplicates++;
          // Rows 0..customers-1 are each customer's first contact: row number = customer index.
          if (row < plan.customers && heavy.has(row)) heavyCustomerIds.set(row, outcome.customerId);
          if (row % caseStride === 3 || (row < plan.customers && heavy.has(row))) {
            const contact = batch[i]!;
            caseSeeds.push({
              contactId: outcome.id,
              customerId: outcome.customerId,
              subject: contact.subject ?? contact.text.split(/[.?!\n]/)[0]!.slice(0, 120),
            });
          }
        });
        done += batch.length;
        progress.update(done);
      },
      (error: unknown) => {
        failure ??= error;
      },
    );
    inFlight.add(task);
    void task.then(() => inFlight.delete(task));
  };

  let batch: AcceptedContact[] = [];
  let batchStart = 0;
  let row = 0;
  for (const json of generateContacts(plan)) {
    const check = checkContactSubmission(json, now);
    if (check.ok) batch.push(check.contact);
    else rejected++;
    row++;
    // Rows before plan.customers are each customer's first contact, with every identity. They
    // are all stored before any later contact: a later one (one identity) stored alongside would
    // find no customer yet and start another, splitting a heavy customer's timeline.
    const firstContactsEnd = row === plan.customers;
    if (batch.length >= options.batchSize || firstContactsEnd) {
      store(batch, batchStart);
      batch = [];
      batchStart = row;
      while (inFlight.size >= (firstContactsEnd ? 1 : options.concurrency)) await Promise.race(inFlight);
      if (failure !== undefined) break;
    }
  }
  if (batch.length > 0 && failure === undefined) store(batch, batchStart);
  await Promise.all(inFlight);
  progress.done();
  if (failure !== undefined) throw failure;
  if (rejected > 0) throw new Error(`${rejected} generated rows were rejected: the generator and the rules disagree`);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuShare(cpuBefore, cpuSnapshot());

  // Cases, one at a time through the real use case.
  const caseStarted = performance.now();
  // Cases must have an owner: they are opened by the tenant's administrator, who owns them.
  const admin = (await listUsers(scope)).find((u) => u.role === 'admin');
  if (!admin) throw new Error('the tenant has no administrator to own its cases');
  const actor = { scope, role: 'admin' as const, userId: admin.id, label: `user:${admin.id}` };
  const caseNumbers: number[] = [];
  const caseProgress = progressLine('  opening cases', caseSeeds.length);
  for (const seed of caseSeeds) {
    const view = await createCase(actor, {
      customerId: seed.customerId,
      subject: seed.subject,
      contactIds: [seed.contactId],
    });
    caseNumbers.push(view.number);
    caseProgress.update(caseNumbers.length);
  }
  caseProgress.done();
  const caseSeconds = (performance.now() - caseStarted) / 1000;

  const vacuumStarted = performance.now();
  for (const table of ['contacts', 'customers', 'customer_identities', 'cases', 'case_events']) {
    await database.db.execute(sql.raw(`VACUUM ANALYZE ${table}`));
  }
  const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;

  return {
    contacts: plan.contacts,
    created,
    duplicates,
    rejected,
    seconds,
    cpu,
    deadlockRetries,
    caseSeconds,
    vacuumSeconds,
    heavyCustomerIds: [...heavyCustomerIds.values()],
    caseNumbers,
  };
}

/** The SQLSTATE of an error or of its cause (drizzle wraps driver errors). */
export function sqlState(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

/**
 * Concurrent batches can deadlock in insertIdentities (see bench/README.md, "Findings"):
 * the whole batch is one transaction, so running it again is safe.
 */
async function ingestWithRetry(
  scope: TenantScope,
  batch: AcceptedContact[],
  onRetry: () => void,
): Promise<IngestOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ingestContacts(scope, batch);
    } catch (error) {
      if (sqlState(error) !== '40P01' || attempt >= 5) throw error;
      onRetry();
    }
  }
}
