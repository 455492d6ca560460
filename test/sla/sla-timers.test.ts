import { sql } from 'drizzle-orm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContactSubmission } from '../../src/domain/contact-input.ts';
import type { Actor } from '../../src/services/actor.ts';
import { createCase } from '../../src/services/cases/create-case.ts';
import { changeCase } from '../../src/services/cases/update-case.ts';
import { ingestContacts } from '../../src/services/contacts/ingest-contacts.ts';
import { createBusinessCalendar } from '../../src/services/sla/manage-calendars.ts';
import { setSlaPolicy } from '../../src/services/sla/manage-sla-policies.ts';
import { slaBreachKey, slaWarningKey, trackCaseSla } from '../../src/services/sla/track-case-sla.ts';
import { createTenant } from '../../src/services/tenants/create-tenant.ts';
import { openDatabase, rowsOf, type Database } from '../../src/store/database.ts';
import { countJobs } from '../../src/store/repositories/jobs.ts';
import { findUserByEmail } from '../../src/store/repositories/people.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import { openTestDatabase, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { LONDON_OFFICE, slaDesk, slaWorker } from './sla-fixtures.ts';

/*
 * SLA timers on a controllable clock. The cases live in January 2035: later than any clock
 * another test file's workers use, so on a shared PostgreSQL database only this file's workers
 * fire these timers, when the test says so. January 2035: London is on GMT, so local time is UTC;
 * the 5th is a Friday and the 8th a Monday.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const at = (iso: string) => new Date(iso);
const OFFICE_TARGETS = { firstResponseMinutes: 60, nextUpdateMinutes: 120, resolutionMinutes: 480 };

async function officeDesk() {
  const desk = await slaDesk(t);
  const calendar = await desk.api('POST', '/api/v1/sla/calendars', LONDON_OFFICE);
  await desk.api('PUT', '/api/v1/sla/policies/normal', { ...OFFICE_TARGETS, calendarId: calendar.id });
  await desk.api('PUT', '/api/v1/sla/policies/urgent', {
    firstResponseMinutes: 15,
    nextUpdateMinutes: 60,
    resolutionMinutes: 240,
    calendarId: calendar.id,
  });
  return desk;
}

const summary = (events: { kind: string; occurredAt: string; data: { metric: string; dueAt: string } }[]) =>
  events.map((e) => `${e.kind} ${e.data.metric} ${e.occurredAt.slice(0, 16)}`);

describe('SLA timers on office hours', () => {
  it('follow a case through a week: no breach over the weekend, a late reply, a pause while waiting on the customer', async () => {
    const desk = await officeDesk();
    const clock = { now: at('2035-01-05T16:45:00Z') };
    const worker = slaWorker(t.database.db, clock, desk.tenant.tenant.id);
    const c = await desk.openCase(clock.now);

    clock.now = at('2035-01-05T23:00:00Z');
    await worker.runDue();
    expect(await desk.slaEvents(c.id)).toEqual([]);

    // 15 minutes were used on Friday; the warning comes at 80% of the hour, the breach at the hour.
    clock.now = at('2035-01-08T09:05:00Z');
    await worker.runDue();
    expect(summary(await desk.slaEvents(c.id))).toEqual(['sla_warning first_response 2035-01-08T09:03']);
    clock.now = at('2035-01-08T09:20:00Z');
    await worker.runDue();
    const breach = (await desk.slaEvents(c.id)).find((e) => e.kind === 'sla_breached');
    expect(breach).toMatchObject({
      data: { metric: 'first_response', dueAt: '2035-01-08T09:15:00.000Z' },
      actorLabel: 'system',
    });

    // The late reply restarts the next-update clock: two hours of office time.
    await desk.reply(c, at('2035-01-08T09:40:00Z'));
    clock.now = at('2035-01-08T12:00:00Z');
    await worker.runDue();
    await desk.setStatus(c.id, 'pending', at('2035-01-08T12:30:00Z'));
    clock.now = at('2035-01-09T17:00:00Z');
    await worker.runDue();
    // 255 minutes of resolution were used before the pause: 225 are left when the customer answers.
    await desk.setStatus(c.id, 'open', at('2035-01-10T09:00:00Z'));
    clock.now = at('2035-01-10T13:00:00Z');
    await worker.runDue();
    await worker.runDue();

    expect(summary(await desk.slaEvents(c.id))).toEqual([
      'sla_warning first_response 2035-01-08T09:03',
      'sla_breached first_response 2035-01-08T09:15',
      'sla_warning next_update 2035-01-08T11:16',
      'sla_breached next_update 2035-01-08T11:40',
      'sla_warning resolution 2035-01-10T11:09',
      'sla_breached resolution 2035-01-10T12:45',
    ]);
  });

  it('cancels the timers of promises kept in time', async () => {
    const desk = await officeDesk();
    const clock = { now: at('2035-01-08T10:00:00Z') };
    const c = await desk.openCase(clock.now);
    expect(await countJobs(t.database.db, { key: slaBreachKey(c.id, 'first_response'), status: 'pending' })).toBe(1);
    await desk.reply(c, at('2035-01-08T10:20:00Z'));
    expect(await countJobs(t.database.db, { key: slaBreachKey(c.id, 'first_response'), status: 'pending' })).toBe(0);
    await desk.setStatus(c.id, 'solved', at('2035-01-08T10:30:00Z'));
    for (const metric of ['first_response', 'next_update', 'resolution'] as const) {
      expect(await countJobs(t.database.db, { key: slaBreachKey(c.id, metric), status: 'pending' })).toBe(0);
      expect(await countJobs(t.database.db, { key: slaWarningKey(c.id, metric), status: 'pending' })).toBe(0);
    }
    clock.now = at('2035-01-12T12:00:00Z');
    await slaWorker(t.database.db, clock, desk.tenant.tenant.id).runDue();
    expect(await desk.slaEvents(c.id)).toEqual([]);
  });

  it('moves the deadline when the case becomes urgent', async () => {
    const desk = await officeDesk();
    const clock = { now: at('2035-01-09T10:00:00Z') };
    const c = await desk.openCase(clock.now);
    await changeCase(desk.actor, c.id, { priority: 'urgent' }, at('2035-01-09T10:05:00Z'));
    await trackCaseSla(desk.scope, c.id, at('2035-01-09T10:05:00Z'));
    clock.now = at('2035-01-09T10:16:00Z');
    await slaWorker(t.database.db, clock, desk.tenant.tenant.id).runDue();
    expect((await desk.slaEvents(c.id)).filter((e) => e.kind === 'sla_breached')).toMatchObject([
      { occurredAt: '2035-01-09T10:15:00.000Z', data: { metric: 'first_response', dueAt: '2035-01-09T10:15:00.000Z' } },
    ]);
  });

  it('re-checks when it goes off: a timer that finds the deadline moved sets itself again instead of firing early', async () => {
    const desk = await slaDesk(t);
    const calendar = await desk.api('POST', '/api/v1/sla/calendars', LONDON_OFFICE);
    // No warnings: each promise has one timer, its breach.
    await desk.api('PUT', '/api/v1/sla/policies/urgent', {
      firstResponseMinutes: 15,
      nextUpdateMinutes: 90,
      resolutionMinutes: 240,
      calendarId: calendar.id,
      warnBeforeMinutes: 0,
    });
    await desk.api('PUT', '/api/v1/sla/policies/normal', {
      ...OFFICE_TARGETS,
      calendarId: calendar.id,
      warnBeforeMinutes: 0,
    });
    const clock = { now: at('2035-01-11T10:00:00Z') };
    const c = await desk.openCase(clock.now, 'urgent');
    const worker = slaWorker(t.database.db, clock, desk.tenant.tenant.id);
    await worker.runDue(); // the sweep after the policy changes
    // Changed behind the timers' back (not tracked): the urgent case is normal after all, 60 minutes instead of 15.
    await t.database.db.execute(sql`UPDATE cases SET priority = 'normal' WHERE id = ${c.id}`);
    clock.now = at('2035-01-11T10:16:00Z');
    await worker.runDue();
    expect(await desk.slaEvents(c.id)).toEqual([]);
    clock.now = at('2035-01-11T11:01:00Z');
    await worker.runDue();
    expect(summary(await desk.slaEvents(c.id))).toEqual(['sla_breached first_response 2035-01-11T11:00']);
  });

  it('gives unsolved cases the new deadlines when an administrator changes the policy', async () => {
    const desk = await slaDesk(t);
    const clock = { now: at('2035-01-15T09:00:00Z') };
    const c = await desk.openCase(clock.now);
    // The default for normal cases: first response within 8 hours, round the clock.
    expect(
      rowsOf<{ run_at: Date | string }>(
        await t.database.db.execute(
          sql`SELECT run_at FROM jobs WHERE key = ${slaBreachKey(c.id, 'first_response')} AND status = 'pending'`,
        ),
      ).map((r) => new Date(r.run_at)),
    ).toEqual([at('2035-01-15T17:00:00Z')]);
    const calendar = await createBusinessCalendar(
      desk.scope,
      { ...LONDON_OFFICE, name: 'Office' },
      at('2035-01-15T09:10:00Z'),
    );
    await setSlaPolicy(
      desk.scope,
      'normal',
      { ...OFFICE_TARGETS, firstResponseMinutes: 30, calendarId: calendar.id },
      at('2035-01-15T09:10:00Z'),
    );
    clock.now = at('2035-01-15T09:11:00Z');
    const worker = slaWorker(t.database.db, clock, desk.tenant.tenant.id);
    await worker.runDue();
    clock.now = at('2035-01-15T09:31:00Z');
    await worker.runDue();
    expect(summary(await desk.slaEvents(c.id))).toEqual([
      'sla_warning first_response 2035-01-15T09:24',
      'sla_breached first_response 2035-01-15T09:30',
    ]);
  });
});

describe('SLA timers with two workers and across a restart', () => {
  it('records each warning and breach once with two workers polling the same database', async () => {
    const desk = await officeDesk();
    const opened = at('2035-01-22T09:00:00Z');
    const cases = await Promise.all(Array.from({ length: 8 }, () => desk.openCase(opened)));
    // A second server process: on PostgreSQL a pool of its own; the embedded store belongs to one process.
    const second = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
    try {
      const clock = { now: at('2035-01-22T09:50:00Z') };
      const workers = [
        slaWorker(t.database.db, clock, desk.tenant.tenant.id),
        slaWorker(second?.database.db ?? t.database.db, clock, desk.tenant.tenant.id),
      ];
      const runBoth = () => Promise.all(workers.map((w) => w.runDue()));
      await runBoth();
      clock.now = at('2035-01-22T18:00:00Z');
      await runBoth();
      await runBoth();
      for (const c of cases) {
        const events = await desk.slaEvents(c.id);
        const breaches = events.filter((e) => e.kind === 'sla_breached').map((e) => `${e.data.metric} ${e.data.dueAt}`);
        expect(breaches.sort()).toEqual([
          'first_response 2035-01-22T10:00:00.000Z',
          'next_update 2035-01-22T11:00:00.000Z',
          'resolution 2035-01-22T17:00:00.000Z',
        ]);
        const warnings = events.filter((e) => e.kind === 'sla_warning').map((e) => e.data.metric);
        expect(new Set(warnings).size).toBe(warnings.length);
        // The first-response warning was due at 09:48, when the first run happened.
        expect(warnings).toContain('first_response');
      }
    } finally {
      await second?.cleanup();
    }
  });

  it('keeps timers through a restart of the store and fires each once after it', async () => {
    const databaseUrl = process.env.DATABASE_URL;
    const dataDir = await mkdtemp(join(tmpdir(), 'hearken-sla-restart-'));
    const open = () => openDatabase({ databaseUrl, dataDir });
    let database: Database | undefined = await open();
    try {
      const tenant = await createTenant(database.db, { slug: `sla-restart-${Date.now().toString(36)}` });
      const scope = scopeTo(database.db, tenant.tenant.id);
      const admin = (await findUserByEmail(scope, tenant.admin.email))!;
      const actor: Actor = { scope, role: 'admin', userId: admin.id, label: `user:${admin.id}` };
      await setSlaPolicy(
        scope,
        'high',
        { firstResponseMinutes: 30, nextUpdateMinutes: 60, resolutionMinutes: 120 },
        at('2035-02-01T07:00:00Z'),
      );
      const opened = at('2035-02-01T08:00:00Z');
      const caseIds: string[] = [];
      for (let i = 0; i < 4; i++) {
        const check = checkContactSubmission(
          {
            channel: 'sms',
            direction: 'inbound',
            customer: { phone: `+44770090${String(1000 + i)}` },
            text: 'No data',
          },
          opened,
        );
        if (!check.ok) throw new Error(check.problems.join('; '));
        const [contact] = await ingestContacts(scope, [check.contact]);
        const c = await createCase(
          actor,
          { customerId: contact!.customerId, subject: `Restart ${i}`, priority: 'high' },
          opened,
        );
        await database.db.execute(sql`UPDATE cases SET created_at = ${opened} WHERE id = ${c.id}`);
        await trackCaseSla(scope, c.id, opened);
        caseIds.push(c.id);
      }
      // The restart: everything in memory is gone; only the store remembers the timers.
      await database.close();
      database = undefined;

      const breachesPerCase = async (db: Database) =>
        Promise.all(
          caseIds.map(async (id) =>
            rowsOf<{ metric: string }>(
              await db.db.execute(
                sql`SELECT data->>'metric' AS metric FROM case_events WHERE case_id = ${id} AND kind = 'sla_breached' ORDER BY 1`,
              ),
            ).map((r) => r.metric),
          ),
        );
      database = await open();
      const clock = { now: at('2035-02-01T12:00:00Z') };
      await slaWorker(database.db, clock, tenant.tenant.id).runDue();
      expect(await breachesPerCase(database)).toEqual(
        caseIds.map(() => ['first_response', 'next_update', 'resolution']),
      );
      await database.close();
      database = await open();
      await slaWorker(database.db, clock, tenant.tenant.id).runDue();
      expect(await breachesPerCase(database)).toEqual(
        caseIds.map(() => ['first_response', 'next_update', 'resolution']),
      );
    } finally {
      await database?.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
