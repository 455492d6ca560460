import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { JOB_HANDLERS } from '../../src/jobs/registry.ts';
import { JobWorker } from '../../src/jobs/worker.ts';
import { PROBLEM_NOTIFY_JOB } from '../../src/services/problems/notify-customer.ts';
import { resolveProblem } from '../../src/services/problems/resolve-problem.ts';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { rowsOf } from '../../src/store/database.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { apiAs, unique } from './fixtures.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let tenant: CreatedTenant;
let api: ReturnType<typeof apiAs>;
beforeAll(async () => {
  t = await startTestApp();
  tenant = await t.newTenant();
  api = apiAs(t, tenant.token);
});
afterAll(() => t.close());

/** A worker that only sends problem notices, as any server process would (other timers stay untouched). */
const noticeWorker = (options: ConstructorParameters<typeof JobWorker>[1] = {}) =>
  new JobWorker(t.database.db, options).register(PROBLEM_NOTIFY_JOB, JOB_HANDLERS[PROBLEM_NOTIFY_JOB]!);

/**
 * Waits until no notice of the problem is still pending. On a shared PostgreSQL, server
 * processes of other test files may be the ones running a notice: this waits for them too.
 */
async function settled(problemId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const result = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM jobs WHERE key LIKE ${`problem-notify:${problemId}:%`} AND status = 'pending'`,
    );
    if (rowsOf<{ n: number }>(result)[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('problem notices still pending');
}

/** Resolves as of a time no real-time worker has reached, so only a worker on the test's clock sends the notices. */
const resolveAhead = (problemId: string, input: { resolution: string; solveCases?: boolean }, at: Date) =>
  resolveProblem(
    { scope: scopeTo(t.database.db, tenant.tenant.id), role: 'admin', userId: null, label: 'problem manager' },
    problemId,
    input,
    at,
  );
const hoursAhead = (n: number) => new Date(Date.now() + n * 3_600_000);

const noticesTo = async (customerId: string, problemId: string) =>
  ((await api.get(`/api/v1/customers/${customerId}/timeline?limit=200`)).items as Json[]).filter(
    (i) =>
      i.type === 'contact' && i.direction === 'outbound' && String(i.externalId).startsWith(`problem:${problemId}:`),
  );

/** Four customers on four channels: Ann with two cases by email, Bob who phoned, Cat on chat, Dan whose case is closed. */
async function affectedCustomers() {
  const ann = unique('ann');
  const annFirst = await api.caseFor({ channel: 'email', customer: { email: ann.email } });
  const annSecond = await api.caseFor({ channel: 'email', customer: { email: ann.email } }, 'Still no data');
  const bob = await api.caseFor({
    channel: 'phone',
    customer: { phone: unique('bob').phone, email: unique('bob').email },
  });
  const cat = await api.caseFor({ channel: 'chat', customer: { email: unique('cat').email } });
  const dan = await api.caseFor({ channel: 'social', customer: { handle: `@dan${Date.now()}` } });
  return { annFirst, annSecond, bob, cat, dan };
}

describe('resolving a problem', () => {
  it('solves the linked cases and tells each affected customer once, on their own channel, however many workers run', async () => {
    const { annFirst, annSecond, bob, cat, dan } = await affectedCustomers();
    const problem = await api.problem('Data outage after core network upgrade', { workaround: 'Restart the phone' });
    await api.post(
      `/api/v1/problems/${problem.id}/cases`,
      { caseIds: [annFirst.id, annSecond.id, bob.id, cat.id, dan.id] },
      200,
    );
    // Dan's case was closed after it was linked: it is history and he is not contacted again.
    await api.patch(`/api/v1/cases/${dan.id}`, { status: 'closed' }, 200);

    const resolved = await api.post(
      `/api/v1/problems/${problem.id}/resolve`,
      { resolution: 'The core network fix is live: mobile data works again.' },
      200,
    );
    expect(resolved).toMatchObject({
      solvedCases: 4,
      updatedCases: 0,
      customersToNotify: 3,
      problem: { status: 'resolved', resolution: 'The core network fix is live: mobile data works again.' },
    });
    for (const c of [annFirst, annSecond, bob, cat]) {
      const kase = await api.get(`/api/v1/cases/${c.id}`);
      expect(kase.status).toBe('solved');
      expect(kase.events.slice(-2).map((e: Json) => e.kind)).toEqual(['problem_resolved', 'status_changed']);
      expect(kase.events.at(-1).data).toMatchObject({
        from: 'new',
        to: 'solved',
        reason: `${problem.reference} resolved`,
      });
    }

    // Two workers at once, then one more pass: still one notice each.
    const workers = [noticeWorker(), noticeWorker()];
    await Promise.all(workers.map((w) => w.runDue()));
    await workers[0]!.runDue();
    await settled(problem.id);
    // Every notice job of this problem ran to completion: none waits, none failed.
    const unfinished = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM jobs WHERE kind = ${PROBLEM_NOTIFY_JOB} AND payload->>'problemId' = ${problem.id} AND status <> 'done'`,
    );
    expect(rowsOf<{ n: number }>(unfinished)[0]!.n).toBe(0);

    const annNotices = await noticesTo(annFirst.customerId, problem.id);
    expect(annNotices).toHaveLength(1);
    expect(annNotices[0]).toMatchObject({
      channel: 'email',
      text: 'The core network fix is live: mobile data works again.',
    });
    expect([annFirst.id, annSecond.id]).toContain(annNotices[0]!.caseId);
    expect(annNotices[0]!.externalId).toBe(`problem:${problem.id}:case:${annNotices[0]!.caseId}`);
    const bobNotices = await noticesTo(bob.customerId, problem.id);
    expect(bobNotices).toMatchObject([{ channel: 'sms', caseId: bob.id }]);
    expect(await noticesTo(cat.customerId, problem.id)).toMatchObject([{ channel: 'chat', caseId: cat.id }]);
    expect(await noticesTo(dan.customerId, problem.id)).toEqual([]);
    expect((await api.get(`/api/v1/cases/${dan.id}`)).events.map((e: Json) => e.kind)).not.toContain(
      'problem_resolved',
    );
    // The case records that the customer was told.
    const told = (await api.get(`/api/v1/cases/${bob.id}`)).events.at(-1);
    expect(told).toMatchObject({
      kind: 'customer_notified',
      data: { problemId: problem.id, channel: 'sms', contactId: bobNotices[0]!.id },
    });
  });

  it('loses no notice and doubles none when the worker crashes half way', async () => {
    const c = await api.caseFor({ channel: 'portal', customer: { email: unique('crash').email } });
    const problem = await api.problem('Portal login loop');
    await api.post(`/api/v1/problems/${problem.id}/cases`, { caseIds: [c.id] }, 200);
    let clock = hoursAhead(24);
    await resolveAhead(problem.id, { resolution: 'Cookies fixed' }, clock);

    let crashes = 1;
    const flaky = new JobWorker(t.database.db, { now: () => clock }).register(
      PROBLEM_NOTIFY_JOB,
      async (job, tx, context) => {
        await JOB_HANDLERS[PROBLEM_NOTIFY_JOB]!(job, tx, context);
        if (job.payload.problemId === problem.id && crashes-- > 0)
          throw new Error('process died after recording the notice');
      },
    );
    await flaky.runDue();
    expect(crashes).toBe(0);
    expect(await noticesTo(c.customerId, problem.id)).toEqual([]);
    clock = new Date(clock.getTime() + 3_600_000);
    await flaky.runDue();
    await flaky.runDue();
    expect(await noticesTo(c.customerId, problem.id)).toMatchObject([
      { channel: 'portal', caseId: c.id, text: 'Cookies fixed' },
    ]);
  });

  it('only updates the cases when asked not to solve them, and still tells the customers', async () => {
    const c = await api.caseFor({ channel: 'forum', customer: { handle: `@forum${Date.now()}` } });
    const problem = await api.problem('Forum notifications late');
    await api.post(`/api/v1/problems/${problem.id}/cases`, { caseIds: [c.id] }, 200);
    const resolved = await api.post(
      `/api/v1/problems/${problem.id}/resolve`,
      { resolution: 'Mail queue drained', solveCases: false },
      200,
    );
    expect(resolved).toMatchObject({ solvedCases: 0, updatedCases: 1, customersToNotify: 1 });
    const kase = await api.get(`/api/v1/cases/${c.id}`);
    expect(kase.status).toBe('new');
    expect(kase.events.at(-1)).toMatchObject({
      kind: 'problem_resolved',
      data: { resolution: 'Mail queue drained', caseSolved: false },
    });
    await noticeWorker().runDue();
    await settled(problem.id);
    expect(await noticesTo(c.customerId, problem.id)).toMatchObject([{ channel: 'forum' }]);
  });

  it('tells the customer on the case a merged case was merged into', async () => {
    const customer = { email: unique('merged').email };
    const survivor = await api.caseFor({ channel: 'email', customer });
    const duplicate = await api.caseFor({ channel: 'email', customer });
    const problem = await api.problem('Voicemail PIN reset fails');
    await api.post(`/api/v1/problems/${problem.id}/cases`, { caseIds: [duplicate.id, survivor.id] }, 200);
    await api.patch(`/api/v1/cases/${survivor.id}`, { status: 'solved' }, 200);
    // The notice is about the open duplicate, which is merged after the resolution, before the notice goes out.
    const at = hoursAhead(48);
    await resolveAhead(problem.id, { resolution: 'PIN service restored', solveCases: false }, at);
    const merged = await api.post(`/api/v1/cases/${duplicate.id}/merge`, { intoCaseId: survivor.id }, 200);
    expect(merged.into.status).toBe('open');
    await noticeWorker({ now: () => at }).runDue();
    const notices = await noticesTo(survivor.customerId, problem.id);
    expect(notices).toMatchObject([{ caseId: survivor.id, externalId: `problem:${problem.id}:case:${duplicate.id}` }]);
  });

  it('happens once: a resolved problem cannot be resolved, edited or given more cases', async () => {
    const problem = await api.problem('Once only');
    const c = await api.caseFor({ channel: 'email', customer: { email: unique('once').email } });
    expect((await api.post(`/api/v1/problems/${problem.id}/resolve`, { resolution: ' ' }, 400)).error.code).toBe(
      'validation_failed',
    );
    await api.post(`/api/v1/problems/${problem.id}/resolve`, { resolution: 'Done' }, 200);
    const again = await api.post(`/api/v1/problems/${problem.id}/resolve`, { resolution: 'Done again' }, 409);
    expect(again.error).toMatchObject({ code: 'conflict', message: `${problem.reference} is already resolved` });
    expect((await api.patch(`/api/v1/problems/${problem.id}`, { workaround: 'late' }, 409)).error.details.reason).toBe(
      'problem_resolved',
    );
    expect(
      (await api.post(`/api/v1/problems/${problem.id}/cases`, { caseIds: [c.id] }, 409)).error.details.reason,
    ).toBe('problem_resolved');
  });
});
