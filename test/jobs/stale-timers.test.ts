import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobWorker } from '../../src/jobs/registry.ts';
import type { Actor } from '../../src/services/actor.ts';
import { EFFORT_CHECK_JOB } from '../../src/services/cases/case-effort.ts';
import {
  acceptCaseEscalation,
  escalateCase,
  escalationClimbKey,
  ESCALATION_CLIMB_JOB,
} from '../../src/services/cases/escalate-case.ts';
import { rowsOf } from '../../src/store/database.ts';
import { countJobs, scheduleJob } from '../../src/store/repositories/jobs.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import { contactCentre, type Person } from '../helpers/contact-centre.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Timers that come due long after the fact (a server that was down, a backlog, an imported
 * history) or whose effect no longer applies must finish, not set themselves again and again.
 */
let t: TestApp;
let centre: Awaited<ReturnType<typeof contactCentre>>;

beforeAll(async () => {
  t = await startTestApp();
  centre = await contactCentre(t);
}, 120_000);
afterAll(() => t?.close());

const actorFor = (person: Person): Actor => ({
  scope: scopeTo(t.database.db, centre.tenant.tenant.id),
  role: 'agent',
  userId: person.id,
  label: `user:${person.id}`,
});
const worker = () => createJobWorker(t.database.db, { tenantIds: [centre.tenant.tenant.id] });
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const pendingFor = async (caseId: string, kind: string) =>
  rowsOf<{ kind: string; runAt: string }>(
    await t.database.db.execute(sql`
      SELECT kind, run_at AS "runAt" FROM jobs
      WHERE tenant_id = ${centre.tenant.tenant.id} AND status = 'pending' AND kind = ${kind}
        AND payload->>'caseId' = ${caseId}`),
  );
const eventsOf = async (caseId: string, kind: string) => (await centre.events(caseId)).filter((e) => e.kind === kind);

describe('stale timers', () => {
  it('an escalation nobody accepted for months climbs once, with a deadline from now', async () => {
    const c = await centre.openCase(centre.alice);
    await escalateCase(actorFor(centre.alice), c.id, { reason: 'manager please' }, daysAgo(110));
    // From Alice's lead to the manager, who has half an hour from now: not a climb and an overdue
    // flag for every half hour missed since.
    expect(await worker().runDue(500)).toBe(1);
    expect(await worker().runDue(500)).toBe(0);
    expect(await eventsOf(c.id, 'escalation_climbed')).toHaveLength(1);
    expect(await eventsOf(c.id, 'escalation_overdue')).toEqual([]);
    const [next] = await pendingFor(c.id, ESCALATION_CLIMB_JOB);
    expect(new Date(next!.runAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('a climb for an escalation already accepted finishes without setting another', async () => {
    const c = await centre.openCase(centre.alice);
    const escalation = await escalateCase(actorFor(centre.alice), c.id, { reason: 'manager please' }, daysAgo(1));
    await acceptCaseEscalation(actorFor(centre.frontLead), c.id);
    // As if accepting had not reached the timer (it was running at that moment): it runs anyway.
    await scheduleJob(t.database.db, {
      tenantId: centre.tenant.tenant.id,
      kind: ESCALATION_CLIMB_JOB,
      key: escalationClimbKey(escalation.id),
      runAt: daysAgo(1),
      payload: { escalationId: escalation.id, caseId: c.id },
    });
    expect(await worker().runDue(500)).toBe(1);
    expect(await pendingFor(c.id, ESCALATION_CLIMB_JOB)).toEqual([]);
    expect(await eventsOf(c.id, 'escalation_climbed')).toEqual([]);
  });

  it('an effort check on a closed case finishes and changes nothing', async () => {
    const c = await centre.openCase(centre.alice);
    await centre.call('PATCH', `/api/v1/cases/${c.id}`, { status: 'closed' });
    const before = (await centre.events(c.id)).length;
    await scheduleJob(t.database.db, {
      tenantId: centre.tenant.tenant.id,
      kind: EFFORT_CHECK_JOB,
      key: `effort-days:${c.id}`,
      runAt: daysAgo(30),
      payload: { caseId: c.id },
    });
    expect(await worker().runDue(500)).toBe(1);
    expect(await pendingFor(c.id, EFFORT_CHECK_JOB)).toEqual([]);
    expect(await pendingFor(c.id, ESCALATION_CLIMB_JOB)).toEqual([]);
    expect(await centre.events(c.id)).toHaveLength(before);
  });

  it('an overdue effort check escalates once, with a deadline from now', async () => {
    const c = await centre.openCase(centre.alice);
    await t.database.db.execute(sql`UPDATE cases SET created_at = ${daysAgo(40)} WHERE id = ${c.id}`);
    await scheduleJob(t.database.db, {
      tenantId: centre.tenant.tenant.id,
      kind: EFFORT_CHECK_JOB,
      key: `effort-days:${c.id}`,
      runAt: daysAgo(37),
      payload: { caseId: c.id },
    });
    expect(await worker().runDue(500)).toBe(1);
    const [escalated] = await eventsOf(c.id, 'escalated');
    expect(new Date(escalated!.data.deadline as string).getTime()).toBeGreaterThan(Date.now());
    expect(await eventsOf(c.id, 'escalation_climbed')).toEqual([]);
  });

  it('a job that sets its own timer again, unchanged and already due, runs once and the copy is dropped', async () => {
    const kind = `repeat-${Date.now().toString(36)}`;
    let runs = 0;
    const repeating = createJobWorker(t.database.db, { tenantIds: [centre.tenant.tenant.id] }).register(
      kind,
      async (job, tx) => {
        runs++;
        await scheduleJob(tx, { tenantId: job.tenantId, kind, key: job.key, runAt: job.runAt, payload: job.payload });
      },
    );
    await scheduleJob(t.database.db, {
      tenantId: centre.tenant.tenant.id,
      kind,
      key: `${kind}:1`,
      runAt: daysAgo(1),
      payload: { n: 1 },
    });
    expect(await repeating.runDue(500)).toBe(1);
    expect(runs).toBe(1);
    expect(await countJobs(t.database.db, { kind, status: 'pending' })).toBe(0);
    expect(await countJobs(t.database.db, { kind, status: 'done' })).toBe(1);
  });
});
