import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobWorker } from '../../src/jobs/registry.ts';
import type { Actor } from '../../src/services/actor.ts';
import { bookCallback } from '../../src/services/cases/book-callback.ts';
import { escalateCase } from '../../src/services/cases/escalate-case.ts';
import { acceptCaseTransfer, offerCaseTransfer } from '../../src/services/cases/transfer-case.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import { contactCentre, type Person } from '../helpers/contact-centre.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let centre: Awaited<ReturnType<typeof contactCentre>>;
beforeAll(async () => {
  t = await startTestApp();
  centre = await contactCentre(t);
});
afterAll(() => t.close());

const post = (token: string, url: string, payload?: Record<string, unknown>) =>
  t.call(token, { method: 'POST', url, ...(payload ? { payload } : {}) });
const actorFor = (person: Person): Actor => ({
  scope: scopeTo(t.database.db, centre.tenant.tenant.id),
  role: 'agent',
  userId: person.id,
  label: `user:${person.id}`,
});
/** A worker with its own clock that runs only this file's tenants' jobs (others share the database). */
const workerAt = (now: () => Date) => createJobWorker(t.database.db, { now, tenantIds: [centre.tenant.tenant.id] });
const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

describe('escalation', () => {
  it('goes up the supervisor chain, and whoever accepts it owns the case', async () => {
    const { alice, frontLead } = centre;
    const c = await centre.openCase(alice);
    const raised = await post(alice.token, `/api/v1/cases/${c.id}/escalate`, {
      reason: 'Customer asks for a manager after two failed fixes',
    });
    expect(raised.statusCode).toBe(201);
    expect(raised.json()).toMatchObject({
      kind: 'hierarchical',
      level: 1,
      targetUserId: frontLead.id,
      status: 'pending',
    });
    const waiting = (await t.call(frontLead.token, { method: 'GET', url: '/api/v1/escalations/waiting-for-me' })).json()
      .items;
    expect(waiting.map((e: { caseId: string }) => e.caseId)).toContain(c.id);
    expect((await post(centre.bob.token, `/api/v1/cases/${c.id}/escalation/accept`)).statusCode).toBe(409);
    const accepted = await post(frontLead.token, `/api/v1/cases/${c.id}/escalation/accept`);
    expect(accepted.json()).toMatchObject({ ownerId: frontLead.id, escalationLevel: 1 });
  });

  it('can only be declined by handing back with a reason the customer will see', async () => {
    const { alice, frontLead } = centre;
    const c = await centre.openCase(alice);
    await post(alice.token, `/api/v1/cases/${c.id}/escalate`, { reason: 'wants a manager' });
    expect((await post(frontLead.token, `/api/v1/cases/${c.id}/escalation/hand-back`, { reason: '' })).statusCode).toBe(
      400,
    );
    const back = await post(frontLead.token, `/api/v1/cases/${c.id}/escalation/hand-back`, {
      reason: 'Alice has the fix: a network reset, she will call you within the hour',
    });
    expect(back.json()).toMatchObject({ ownerId: alice.id, escalationLevel: 0 });
    const event = (await centre.events(c.id)).find((e) => e.kind === 'escalation_handed_back');
    expect(event?.data).toMatchObject({
      visibleToCustomer: true,
      reason: 'Alice has the fix: a network reset, she will call you within the hour',
    });
  });

  it('refuses to escalate a closed case or to escalate twice at once', async () => {
    const c = await centre.openCase(centre.alice);
    await post(centre.alice.token, `/api/v1/cases/${c.id}/escalate`, { reason: 'one' });
    const twice = await post(centre.alice.token, `/api/v1/cases/${c.id}/escalate`, { reason: 'two' });
    expect(twice.statusCode).toBe(409);
    await t.call(centre.admin, { method: 'PATCH', url: `/api/v1/cases/${c.id}`, payload: { status: 'closed' } });
    const closed = await post(centre.alice.token, `/api/v1/cases/${c.id}/escalate`, { reason: 'three' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.details.reason).toBe('case_closed');
    // Closing withdrew the escalation that was waiting.
    expect((await centre.events(c.id)).map((e) => e.kind)).toContain('escalation_withdrawn');
  });
});

describe('timers', () => {
  it('climbs an escalation nobody accepted, once per deadline, and flags it at the top', async () => {
    const { alice, frontLead, manager } = centre;
    const c = await centre.openCase(alice);
    const start = new Date();
    const escalation = await escalateCase(actorFor(alice), c.id, { reason: 'manager please' }, start);
    expect(escalation.targetUserId).toBe(frontLead.id);
    let clock = minutes(start, 29);
    const workers = [workerAt(() => clock), workerAt(() => clock)];
    const runAll = () => Promise.all(workers.map((w) => w.runDue()));
    await runAll();
    expect((await centre.events(c.id)).filter((e) => e.kind === 'escalation_climbed')).toHaveLength(0);
    clock = minutes(start, 31);
    await runAll();
    await runAll();
    const climbed = (await centre.events(c.id)).filter((e) => e.kind === 'escalation_climbed');
    expect(climbed).toHaveLength(1);
    expect(climbed[0]!.data).toMatchObject({ targetUserId: manager.id, level: 2, flagged: true });
    expect(climbed[0]!.actorLabel).toBe('system');
    clock = minutes(start, 62);
    await runAll();
    const overdue = (await centre.events(c.id)).filter((e) => e.kind === 'escalation_overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.data).toMatchObject({ atTop: true, targetUserId: manager.id });
    const accepted = await post(manager.token, `/api/v1/cases/${c.id}/escalation/accept`);
    expect(accepted.json().ownerId).toBe(manager.id);
  });

  it('returns an unaccepted transfer to its sender, flagged, and then refuses the late acceptance', async () => {
    const { alice, dev } = centre;
    const c = await centre.openCase(alice);
    const start = new Date();
    await offerCaseTransfer(actorFor(alice), c.id, { toUserId: dev.id, note: 'please take' }, start);
    await expect(acceptCaseTransfer(actorFor(dev), c.id, minutes(start, 16))).rejects.toMatchObject({
      status: 409,
      details: { reason: 'transfer_offer_expired' },
    });
    const worker = workerAt(() => minutes(start, 16));
    await worker.runDue();
    await worker.runDue();
    const expired = (await centre.events(c.id)).filter((e) => e.kind === 'transfer_expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]!.data).toMatchObject({ owner: alice.id, flagged: true });
    const late = await post(dev.token, `/api/v1/cases/${c.id}/transfer/accept`);
    expect(late.statusCode).toBe(409);
    expect((await t.call(dev.token, { method: 'GET', url: `/api/v1/cases/${c.id}` })).json().ownerId).toBe(alice.id);
  });

  it('marks a callback missed when its window passes, counts it and escalates', async () => {
    const { alice, frontLead } = centre;
    const c = await centre.openCase(alice);
    const start = new Date();
    const callback = await bookCallback(
      actorFor(alice),
      c.id,
      { windowStart: minutes(start, 60).toISOString(), windowEnd: minutes(start, 90).toISOString() },
      start,
    );
    expect(callback.phone).toMatch(/^\+4477009/);
    const due = (await t.call(alice.token, { method: 'GET', url: '/api/v1/callbacks?owner=me' })).json().items;
    expect(due.map((d: { id: string }) => d.id)).toContain(callback.id);
    await workerAt(() => minutes(start, 91)).runDue();
    const events = await centre.events(c.id);
    expect(events.filter((e) => e.kind === 'callback_missed')).toHaveLength(1);
    expect(events.find((e) => e.kind === 'escalated')?.data).toMatchObject({ targetUserId: frontLead.id });
    const effort = (await t.call(alice.token, { method: 'GET', url: `/api/v1/cases/${c.id}/effort` })).json();
    expect(effort.missedCallbacks).toBe(1);
  });
});

describe('callbacks', () => {
  it('books a window on the customer’s phone and refuses windows that cannot be kept', async () => {
    const c = await centre.openCase(centre.alice);
    const now = Date.now();
    const book = (windowStart: number, windowEnd: number) =>
      post(centre.alice.token, `/api/v1/cases/${c.id}/callbacks`, {
        windowStart: new Date(windowStart).toISOString(),
        windowEnd: new Date(windowEnd).toISOString(),
      });
    const ok = await book(now + 30 * 60_000, now + 60 * 60_000);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'booked' });
    expect((await book(now - 3600_000, now - 60_000)).statusCode).toBe(400);
    expect((await book(now + 60_000, now + 30_000)).statusCode).toBe(400);
    const done = await post(centre.alice.token, `/api/v1/callbacks/${ok.json().id}/complete`, {
      outcome: 'Reset network settings; service back.',
    });
    expect(done.json().status).toBe('completed');
    expect(
      (await post(centre.alice.token, `/api/v1/callbacks/${ok.json().id}/complete`, { outcome: 'again' })).statusCode,
    ).toBe(409);
  });

  it('offers a callback instead of a wait when the team queue is long', async () => {
    await t.call(centre.admin, {
      method: 'PUT',
      url: '/api/v1/settings/case-policy',
      payload: { averageHandlingMinutes: 30, callbackOfferWaitMinutes: 20 },
    });
    const before = (
      await t.call(centre.admin, { method: 'GET', url: `/api/v1/teams/${centre.teams.devices}/queue` })
    ).json();
    for (let i = 0; i < 3; i++) await centre.openCase(centre.dev, { teamId: centre.teams.devices, ownerId: null });
    const after = (
      await t.call(centre.admin, { method: 'GET', url: `/api/v1/teams/${centre.teams.devices}/queue` })
    ).json();
    expect(after.waiting).toBe(before.waiting + 3);
    expect(after.offerCallback).toBe(true);
    expect(after.estimatedWaitMinutes).toBeGreaterThan(20);
  });
});
