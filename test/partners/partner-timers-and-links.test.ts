import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobWorker } from '../../src/jobs/registry.ts';
import type { Actor } from '../../src/services/actor.ts';
import { acceptPartnerCase } from '../../src/services/partners/accept-partner-case.ts';
import { shareCase } from '../../src/services/partners/share-case.ts';
import { openCaseForChange } from '../../src/services/cases/case-change.ts';
import { endSharesOfCase, postToShareThread } from '../../src/services/partners/share-thread.ts';
import { inTransaction, scopeTo } from '../../src/store/tenant-scope.ts';
import type { Person } from '../helpers/contact-centre.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { twoOrganisations, type Centre } from './two-organisations.ts';

let t: TestApp;
let orgs: Awaited<ReturnType<typeof twoOrganisations>>;
beforeAll(async () => {
  t = await startTestApp();
  orgs = await twoOrganisations(t);
});
afterAll(() => t.close());

const hours = (at: Date, n: number) => new Date(at.getTime() + n * 3_600_000);
/** A worker with its own clock that runs only this file's tenants' jobs (others share the database). */
const workerAt = (now: () => Date) =>
  createJobWorker(t.database.db, {
    now,
    tenantIds: [orgs.operator.tenant.tenant.id, orgs.laptopMaker.tenant.tenant.id],
  });
const actorOf = (centre: Centre, person: Person): Actor => ({
  scope: scopeTo(t.database.db, centre.tenant.tenant.id),
  role: 'agent',
  userId: person.id,
  label: `user:${person.id}`,
});

describe('waiting on partner', () => {
  /** Alice shares a case at `start`; the laptop maker's dev accepts right away. */
  async function sharedAt(start: Date) {
    const { operator, laptopMaker } = orgs;
    const c = await operator.openCase(operator.alice);
    const share = await shareCase(
      actorOf(operator, operator.alice),
      c.id,
      { partnerTenant: laptopMaker.tenant.tenant.slug, note: 'Please check the activation on the laptop side' },
      start,
    );
    const accepted = await acceptPartnerCase(actorOf(laptopMaker, laptopMaker.dev), share.id, hours(start, 0.1));
    return { caseId: c.id, shareId: share.id, partnerCaseId: accepted.caseId! };
  }
  const overdue = async (centre: Centre, caseId: string) =>
    (await centre.events(caseId)).filter((e) => e.kind === 'partner_response_overdue');

  it('flags a partner that has not answered within a day, exactly once, with two workers polling', async () => {
    const { operator, laptopMaker } = orgs;
    const start = new Date();
    const { caseId, shareId, partnerCaseId } = await sharedAt(start);
    let clock = hours(start, 23.9);
    const workers = [workerAt(() => clock), workerAt(() => clock)];
    const runBoth = () => Promise.all(workers.map((w) => w.runDue()));
    await runBoth();
    expect(await overdue(operator, caseId)).toHaveLength(0);

    clock = hours(start, 24.1);
    await runBoth();
    await runBoth();
    const flagged = await overdue(operator, caseId);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.data).toMatchObject({
      shareId,
      partner: 'Laptop Co',
      flagged: true,
      dueAt: hours(start, 24).toISOString(),
    });
    expect(flagged[0]!.actorLabel).toBe('system');
    // The partner's own case shows that it owes an answer.
    expect(await overdue(laptopMaker, partnerCaseId)).toHaveLength(1);
    const shares = await orgs.call(operator.alice.token, 'GET', `/api/v1/cases/${caseId}/shares`);
    expect(shares.body.items[0]).toMatchObject({ id: shareId, partnerResponseOverdue: true, ballWith: 'partner' });

    clock = hours(start, 60);
    await runBoth();
    expect(await overdue(operator, caseId)).toHaveLength(1);
  });

  it('restarts the clock when the partner answers, and stops it when the ball comes back', async () => {
    const { operator, laptopMaker } = orgs;
    const start = new Date();
    const { caseId, shareId } = await sharedAt(start);
    const dev = actorOf(laptopMaker, laptopMaker.dev);
    const answered = await postToShareThread(
      dev,
      shareId,
      { text: 'Reproduced here; waiting on a firmware engineer' },
      hours(start, 20),
    );
    expect(answered.share.partnerResponseDueAt).toBe(hours(start, 44).toISOString());

    let clock = hours(start, 30);
    const worker = workerAt(() => clock);
    await worker.runDue();
    expect(await overdue(operator, caseId)).toHaveLength(0);

    await postToShareThread(
      dev,
      shareId,
      { text: 'Firmware update fixes it; please tell the customer', handOff: true },
      hours(start, 40),
    );
    clock = hours(start, 50);
    await worker.runDue();
    expect(await overdue(operator, caseId)).toHaveLength(0);
    const shares = await orgs.call(operator.alice.token, 'GET', `/api/v1/cases/${caseId}/shares`);
    expect(shares.body.items[0]).toMatchObject({
      ballWith: 'sharer',
      yourMove: true,
      waitingOnPartnerSince: null,
      partnerResponseOverdue: false,
    });
  });

  it('ends every share of a case that is closed, stopping the clock on both sides (the hook for closing and merging)', async () => {
    const { operator, laptopMaker } = orgs;
    const start = new Date();
    const { caseId, shareId, partnerCaseId } = await sharedAt(start);
    const alice = actorOf(operator, operator.alice);
    const ended = await inTransaction(alice.scope, async (scope) =>
      endSharesOfCase(
        await openCaseForChange(scope, { ...alice, scope }, caseId, hours(start, 1)),
        'Case closed: solved with the carrier',
      ),
    );
    expect(ended).toBe(1);
    for (const [centre, id] of [
      [operator, caseId],
      [laptopMaker, partnerCaseId],
    ] as const) {
      expect((await centre.events(id)).find((e) => e.kind === 'partner_share_ended')?.data).toMatchObject({
        shareId,
        side: 'sharer',
        reason: 'Case closed: solved with the carrier',
      });
    }
    await workerAt(() => hours(start, 30)).runDue();
    expect(await overdue(operator, caseId)).toHaveLength(0);
    const late = await orgs.post(laptopMaker.dev, shareId, 'Any update?');
    expect(late.body.error.details.reason).toBe('share_ended');
  });
});

describe('an outside partner with a link', () => {
  async function shareWithOutsideParty() {
    const { operator, call } = orgs;
    const c = await operator.openCase(operator.alice);
    const shared = await call(operator.alice.token, 'POST', `/api/v1/cases/${c.id}/shares`, {
      partnerName: 'Laptop Co Support',
      partnerEmail: 'Support@Laptop.example',
      note: 'Our customer’s broadband module rejects a valid activation code; can you check it?',
    });
    expect(shared.status).toBe(201);
    return { caseId: c.id, share: shared.body };
  }

  it('reads the thread and answers without an account; the operator sees the answer on the case', async () => {
    const { operator, call } = orgs;
    const { caseId, share } = await shareWithOutsideParty();
    expect(share).toMatchObject({
      status: 'active',
      ballWith: 'partner',
      partner: { kind: 'outside', name: 'Laptop Co Support', email: 'support@laptop.example', tenant: null },
    });
    expect(share.link.token).toMatch(/^hkl_[\w-]{40,}$/);
    expect(share.link).toMatchObject({
      path: `/api/v1/partner-links/${share.link.token}`,
      sendTo: 'support@laptop.example',
    });

    const read = await call(undefined, 'GET', share.link.path);
    expect(read.status).toBe(200);
    expect(read.body.share).toMatchObject({ side: 'partner', caseId: null, yourMove: true, partner: { email: null } });
    expect(read.body.items.map((m: { text: string }) => m.text)).toEqual([expect.stringContaining('activation code')]);

    const reply = await call(undefined, 'POST', `${share.link.path}/messages`, {
      text: 'That code was issued for another model; ask the carrier for a new one.',
      handOff: true,
      author: 'Sam',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.message).toMatchObject({
      side: 'partner',
      organisation: 'Laptop Co Support',
      author: 'Sam',
      handOff: true,
    });
    expect(reply.body.share).toMatchObject({ ballWith: 'sharer', handoffs: 2, yourMove: false });
    const again = await call(undefined, 'POST', `${share.link.path}/messages`, { text: 'and again', handOff: true });
    expect([again.status, again.body.error.details.reason]).toEqual([409, 'not_your_move']);
    expect((await call(undefined, 'POST', `${share.link.path}/messages`, { text: '   ' })).status).toBe(400);

    const ours = await orgs.thread(operator.alice, share.id);
    expect(ours.body.items.map((m: { author: string }) => m.author)).toEqual(['Alice', 'Sam']);
    const handoff = (await operator.events(caseId)).find((e) => e.kind === 'partner_handoff');
    expect(handoff).toMatchObject({
      actorLabel: 'partner:Laptop Co Support',
      data: { author: 'Sam', to: 'sharer', handoffs: 2 },
    });
    // The token is shown once: no later answer carries it.
    const listed = await call(operator.alice.token, 'GET', `/api/v1/cases/${caseId}/shares`);
    expect(JSON.stringify(listed.body)).not.toContain(share.link.token);
  });

  it('answers 404 to a wrong link, and to the link of a share that has ended', async () => {
    const { operator, call } = orgs;
    const { share } = await shareWithOutsideParty();
    expect((await call(undefined, 'GET', '/api/v1/partner-links/hkl_not-a-real-token')).status).toBe(404);
    expect(
      (await call(undefined, 'POST', '/api/v1/partner-links/hkl_not-a-real-token/messages', { text: 'hello' })).status,
    ).toBe(404);
    expect((await call(undefined, 'GET', `${share.link.path}x`)).status).toBe(404);

    const ended = await call(operator.alice.token, 'POST', `/api/v1/shares/${share.id}/end`, {
      reason: 'Solved with the carrier',
    });
    expect(ended.body).toMatchObject({ status: 'ended', endedBy: 'sharer' });
    expect((await call(undefined, 'GET', share.link.path)).status).toBe(404);
    const late = await call(undefined, 'POST', `${share.link.path}/messages`, { text: 'One more thing' });
    expect(late.status).toBe(404);
    expect((await orgs.thread(operator.alice, share.id)).body.items).toHaveLength(1);
  });
});
