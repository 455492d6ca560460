import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobWorker } from '../../src/jobs/worker.ts';
import { rowsOf, type Database } from '../../src/store/database.ts';
import { cancelJob, countJobs, scheduleJob } from '../../src/store/repositories/jobs.ts';
import { openTestDatabase } from '../helpers/test-app.ts';

let database: Database;
let cleanup: () => Promise<void>;
const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  await database.db.execute(
    sql`CREATE TABLE IF NOT EXISTS job_effects (run text, job text, at timestamptz DEFAULT now())`,
  );
});
afterAll(() => cleanup());

const effects = async (kind: string) =>
  rowsOf<{ job: string }>(
    await database.db.execute(sql`SELECT job FROM job_effects WHERE run = ${run + kind} ORDER BY job`),
  ).map((r) => r.job);

/** A handler whose effect is a row in job_effects, written in the job's own transaction. */
const recordEffect = (kind: string) => async (job: { key: string | null }, tx: Database['db']) => {
  await tx.execute(sql`INSERT INTO job_effects (run, job) VALUES (${run + kind}, ${job.key})`);
};

describe('durable jobs', () => {
  it('runs each due job exactly once with several workers polling together', async () => {
    const kind = `once-${run}`;
    for (let i = 0; i < 40; i++)
      await scheduleJob(database.db, {
        kind,
        key: `${kind}:${String(i).padStart(2, '0')}`,
        runAt: new Date(Date.now() - 1000),
      });
    const workers = Array.from({ length: 4 }, () => new JobWorker(database.db).register(kind, recordEffect(kind)));
    const ran = await Promise.all(workers.map((w) => w.runDue()));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(40);
    const done = await effects(kind);
    expect(done).toHaveLength(40);
    expect(new Set(done).size).toBe(40);
    expect(await countJobs(database.db, { kind, status: 'done' })).toBe(40);
  });

  it('waits for a job until it is due, and moves a timer when the same key is scheduled again', async () => {
    const kind = `timer-${run}`;
    let clock = new Date('2030-01-01T10:00:00Z');
    const worker = new JobWorker(database.db, { now: () => clock }).register(kind, recordEffect(kind));
    await scheduleJob(database.db, { kind, key: `${kind}:offer`, runAt: new Date('2030-01-01T10:05:00Z') });
    await scheduleJob(database.db, { kind, key: `${kind}:offer`, runAt: new Date('2030-01-01T10:10:00Z') });
    expect(await countJobs(database.db, { key: `${kind}:offer` })).toBe(1);
    clock = new Date('2030-01-01T10:06:00Z');
    expect(await worker.runDue()).toBe(0);
    clock = new Date('2030-01-01T10:10:00Z');
    expect(await worker.runDue()).toBe(1);
    expect(await effects(kind)).toEqual([`${kind}:offer`]);
  });

  it('undoes a failing job’s writes and retries it later, giving up after its last attempt', async () => {
    const kind = `flaky-${run}`;
    let clock = new Date('2031-01-01T00:00:00Z');
    let calls = 0;
    const worker = new JobWorker(database.db, { now: () => clock }).register(kind, async (job, tx) => {
      calls++;
      await recordEffect(kind)(job, tx);
      if (calls < 3) throw new Error('partner system down');
    });
    await scheduleJob(database.db, { kind, key: `${kind}:1`, runAt: clock, maxAttempts: 5 });
    expect(await worker.runDue()).toBe(1);
    expect(await effects(kind)).toEqual([]);
    expect(await worker.runDue()).toBe(0); // backing off
    clock = new Date(clock.getTime() + 3_600_000);
    await worker.runDue();
    clock = new Date(clock.getTime() + 3_600_000);
    await worker.runDue();
    expect(calls).toBe(3);
    expect(await effects(kind)).toEqual([`${kind}:1`]);
    expect(await countJobs(database.db, { kind, status: 'done' })).toBe(1);

    const doomed = `doomed-${run}`;
    const failing = new JobWorker(database.db, { now: () => clock }).register(doomed, async () => {
      throw new Error('always');
    });
    await scheduleJob(database.db, { kind: doomed, key: `${doomed}:1`, runAt: clock, maxAttempts: 2 });
    await failing.runDue();
    clock = new Date(clock.getTime() + 3_600_000);
    await failing.runDue();
    expect(await countJobs(database.db, { kind: doomed, status: 'failed' })).toBe(1);
  });

  it('never runs a cancelled timer', async () => {
    const kind = `cancel-${run}`;
    await scheduleJob(database.db, { kind, key: `${kind}:1`, runAt: new Date(Date.now() - 1) });
    await cancelJob(database.db, `${kind}:1`);
    expect(await new JobWorker(database.db).register(kind, recordEffect(kind)).runDue()).toBe(0);
  });
});
