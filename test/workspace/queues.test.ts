import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/services/channels/live-feed.ts';
import { trackCaseSla } from '../../src/services/sla/track-case-sla.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import { contactCentre, type Person } from '../helpers/contact-centre.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Centre = Awaited<ReturnType<typeof contactCentre>>;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function get(token: string, url: string, status = 200): Promise<Json> {
  const res = await t.call(token, { method: 'GET', url });
  expect(res.statusCode, `GET ${url}: ${res.body}`).toBe(status);
  return res.json();
}

async function post(token: string, url: string, payload?: Record<string, unknown>, status = 201): Promise<Json> {
  const res = await t.call(token, { method: 'POST', url, ...(payload ? { payload } : {}) });
  expect(res.statusCode, `POST ${url}: ${res.body}`).toBe(status);
  return res.json();
}

/** A person's queue counts, by key. */
async function counts(person: Person | string): Promise<Record<string, number>> {
  const { queues } = await get(typeof person === 'string' ? person : person.token, '/api/v1/workspace/queues');
  return Object.fromEntries(queues.map((q: Json) => [q.key, q.count]));
}

const items = async (person: Person, key: string) =>
  (await get(person.token, `/api/v1/workspace/queues/${key}`)).items as Json[];

/** A case waiting in a team's queue: nobody owns it yet. */
async function queuedCase(centre: Centre, teamId: string) {
  const contact = await t.call(centre.admin, {
    method: 'POST',
    url: '/api/v1/contacts',
    payload: {
      channel: 'email',
      direction: 'inbound',
      customer: { email: `queued-${Date.now()}@customer.example`, name: 'Queued Customer' },
      subject: 'Bill',
      text: 'My bill is wrong',
    },
  });
  return post(centre.admin, '/api/v1/cases', {
    customerId: contact.json().customerId,
    subject: 'Bill is wrong',
    teamId,
    contactIds: [contact.json().id],
  });
}

describe('workspace queues', () => {
  it('lists the queues in order with their labels, and puts a case I own in mine', async () => {
    const centre = await contactCentre(t);
    const { queues } = await get(centre.alice.token, '/api/v1/workspace/queues');
    expect(queues.map((q: Json) => [q.key, q.label])).toEqual([
      ['mine', 'Mine'],
      ['team', 'My team'],
      ['unassigned', 'Unassigned'],
      ['transfers', 'Transfers to me'],
      ['escalated', 'Escalated to me'],
      ['callbacks', 'Callbacks due'],
      ['sla-at-risk', 'SLA at risk'],
    ]);
    expect(queues.every((q: Json) => q.count === 0)).toBe(true);

    const c = await centre.openCase(centre.alice, { ownerId: centre.alice.id, teamId: centre.teams.front });
    expect(await counts(centre.alice)).toMatchObject({ mine: 1, team: 1, unassigned: 0, 'sla-at-risk': 0 });
    expect(await counts(centre.bob)).toMatchObject({ mine: 0, team: 1 });
    expect(await counts(centre.dev)).toMatchObject({ mine: 0, team: 0 });

    const [item] = await items(centre.alice, 'mine');
    expect(item).toMatchObject({
      caseId: c.id,
      subject: 'No service after update',
      status: 'new',
      priority: 'normal',
      customerId: c.customerId,
      customerName: 'Customer 1',
      ownerId: centre.alice.id,
      ownerName: 'Alice',
      teamId: centre.teams.front,
      teamName: 'Front',
      escalationLevel: 0,
      lastChannel: 'phone',
      note: null,
      due: { kind: 'sla', state: 'ok', label: 'First response due' },
    });
    expect(item!.reference).toMatch(/^C-\d+$/);
    expect(Date.parse(item!.due.at)).toBeGreaterThan(Date.now());

    // Solved, it leaves my queue.
    await t.call(centre.alice.token, { method: 'PATCH', url: `/api/v1/cases/${c.id}`, payload: { status: 'solved' } });
    expect((await counts(centre.alice)).mine).toBe(0);
  });

  it('shows a case nobody owns in the unassigned queue of its team, and not of other teams', async () => {
    const centre = await contactCentre(t);
    const c = await queuedCase(centre, centre.teams.front);
    expect(await counts(centre.bob)).toMatchObject({ unassigned: 1, team: 1, mine: 0 });
    expect((await counts(centre.dev)).unassigned).toBe(0);
    const [item] = await items(centre.bob, 'unassigned');
    expect(item).toMatchObject({
      caseId: c.id,
      ownerId: null,
      ownerName: null,
      teamName: 'Front',
      customerName: 'Queued Customer',
      lastChannel: 'email',
    });

    // Taken, it is no longer unassigned.
    await t.call(centre.admin, { method: 'PATCH', url: `/api/v1/cases/${c.id}`, payload: { ownerId: centre.bob.id } });
    expect(await counts(centre.bob)).toMatchObject({ unassigned: 0, mine: 1 });
  });

  it('offers a transfer to the receiver with its note and expiry, until they accept it', async () => {
    const centre = await contactCentre(t);
    const c = await centre.openCase(centre.alice);
    const note = 'Customer verified. Handset shows SOS only since the update; SIM swap did not help.';
    const offer = await post(centre.alice.token, `/api/v1/cases/${c.id}/transfer`, { toUserId: centre.dev.id, note });

    expect((await counts(centre.dev)).transfers).toBe(1);
    expect((await counts(centre.bob)).transfers).toBe(0);
    const [item] = await items(centre.dev, 'transfers');
    expect(item).toMatchObject({
      caseId: c.id,
      note,
      ownerName: 'Alice',
      due: { kind: 'transfer', at: offer.expiresAt, state: 'ok', label: 'Transfer offer expires' },
    });

    await post(centre.dev.token, `/api/v1/cases/${c.id}/transfer/accept`, undefined, 200);
    expect(await counts(centre.dev)).toMatchObject({ transfers: 0, mine: 1 });
    expect((await counts(centre.alice)).mine).toBe(0);
  });

  it('shows an escalation to the person it climbed to, with its reason and deadline', async () => {
    const centre = await contactCentre(t);
    const c = await centre.openCase(centre.alice);
    const reason = 'Customer asks for a manager after two failed fixes';
    const raised = await post(centre.alice.token, `/api/v1/cases/${c.id}/escalate`, { reason });

    expect((await counts(centre.frontLead)).escalated).toBe(1);
    expect((await counts(centre.alice)).escalated).toBe(0);
    const [item] = await items(centre.frontLead, 'escalated');
    expect(item).toMatchObject({
      caseId: c.id,
      note: reason,
      escalationLevel: 1,
      due: { kind: 'escalation', at: raised.deadline, label: 'Accept escalation by' },
    });
  });

  it('lists callbacks on my cases once their window has opened', async () => {
    const centre = await contactCentre(t);
    const c = await centre.openCase(centre.alice);
    const soon = Date.now() + 2 * 3600_000;
    await post(centre.alice.token, `/api/v1/cases/${c.id}/callbacks`, {
      windowStart: new Date(soon).toISOString(),
      windowEnd: new Date(soon + 3600_000).toISOString(),
    });
    expect((await counts(centre.alice)).callbacks).toBe(0);

    // The window opened a minute ago (moved in the store: the API refuses windows that have begun).
    await t.database.db.execute(
      sql`UPDATE callbacks SET window_start = now() - interval '1 minute', window_end = now() + interval '59 minutes' WHERE case_id = ${c.id}`,
    );
    expect((await counts(centre.alice)).callbacks).toBe(1);
    const [item] = await items(centre.alice, 'callbacks');
    expect(item).toMatchObject({ caseId: c.id, due: { kind: 'callback', state: 'warning' } });
    expect(item!.due.label).toMatch(/^Call back between \d\d:\d\d–\d\d:\d\d$/);
  });

  it('puts a case whose promise is in warning in SLA at risk, for its owner and team, and a breached one only in its other queues', async () => {
    const centre = await contactCentre(t);
    // A policy so tight that the first-response warning is due the moment a case opens.
    const policy = await t.call(centre.admin, {
      method: 'PUT',
      url: '/api/v1/sla/policies/urgent',
      payload: { firstResponseMinutes: 30, nextUpdateMinutes: 60, resolutionMinutes: 240, warnBeforeMinutes: 30 },
    });
    expect(policy.statusCode, policy.body).toBe(200);
    const warned = await centre.openCase(centre.alice, {
      priority: 'urgent',
      ownerId: centre.alice.id,
      teamId: centre.teams.front,
    });
    const calm = await centre.openCase(centre.alice);
    expect(await counts(centre.alice)).toMatchObject({ mine: 2, 'sla-at-risk': 1 });
    expect((await counts(centre.bob))['sla-at-risk']).toBe(1);
    expect((await counts(centre.dev))['sla-at-risk']).toBe(0);

    // Two hours later for the calm one: its case opened then, and the clocks are tracked now.
    const scope = scopeTo(t.database.db, centre.tenant.tenant.id);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await t.database.db.execute(
      sql`UPDATE cases SET created_at = ${twoHoursAgo}, updated_at = ${twoHoursAgo} WHERE id = ${calm.id}`,
    );
    await t.database.db.execute(sql`UPDATE case_events SET occurred_at = ${twoHoursAgo} WHERE case_id = ${calm.id}`);
    await t.call(centre.admin, {
      method: 'PUT',
      url: '/api/v1/sla/policies/normal',
      payload: { firstResponseMinutes: 60, nextUpdateMinutes: 120, resolutionMinutes: 480 },
    });
    await trackCaseSla(scope, calm.id, new Date());

    // The breached one is past being at risk: it is overdue, first in mine.
    const atRisk = await items(centre.alice, 'sla-at-risk');
    expect(atRisk.map((i) => [i.caseId, i.due.kind, i.due.state, i.due.label])).toEqual([
      [warned.id, 'sla', 'warning', 'First response due'],
    ]);
    const mine = await items(centre.alice, 'mine');
    expect(mine.map((i) => [i.caseId, i.due.state])).toEqual([
      [calm.id, 'breached'],
      [warned.id, 'warning'],
    ]);
  });

  it('pages through a queue with a cursor, most urgent first, and refuses a bad cursor or an unknown queue', async () => {
    const centre = await contactCentre(t);
    const opened = [];
    for (let i = 0; i < 5; i++) opened.push(await queuedCase(centre, centre.teams.devices));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await get(
        centre.dev.token,
        `/api/v1/workspace/queues/unassigned?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i: Json) => i.caseId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(opened.map((c) => c.id)));
    const whole = (await get(centre.dev.token, '/api/v1/workspace/queues/unassigned')).items.map((i: Json) => i.caseId);
    expect(seen).toEqual(whole);
    const dues = (await get(centre.dev.token, '/api/v1/workspace/queues/unassigned')).items.map((i: Json) =>
      Date.parse(i.due.at),
    );
    expect(dues).toEqual([...dues].sort((a, b) => a - b));

    const bad = await get(centre.dev.token, '/api/v1/workspace/queues/unassigned?cursor=not-a-cursor', 400);
    expect(bad.error.code).toBe('validation_failed');
    const unknown = await get(centre.dev.token, '/api/v1/workspace/queues/everything', 404);
    expect(unknown.error.message).toContain('There is no queue "everything"');
  });

  it('gives an API token without a user the organisation-wide queues', async () => {
    const centre = await contactCentre(t);
    await centre.openCase(centre.alice, { ownerId: centre.alice.id, teamId: centre.teams.front });
    await queuedCase(centre, centre.teams.devices);
    const { token } = await centre.call('POST', '/api/v1/tokens', { name: 'wallboard', role: 'analyst' });
    expect(await counts(token)).toMatchObject({ mine: 0, team: 2, unassigned: 1 });
    expect((await get(token, '/api/v1/workspace/queues/mine')).items).toEqual([]);
    expect((await get(token, '/api/v1/workspace/queues/unassigned')).items).toHaveLength(1);
  });
});

describe('live updates', () => {
  it('tells the receiver of a transfer and the owner it leaves that the case moved', async () => {
    const centre = await contactCentre(t);
    const c = await centre.openCase(centre.alice);
    const events: LiveEvent[] = [];
    const stop = t.app.channels.feed.subscribe(centre.tenant.tenant.id, (event) => {
      if (event.kind === 'case_changed') events.push(event);
    });
    try {
      await post(centre.alice.token, `/api/v1/cases/${c.id}/transfer`, {
        toUserId: centre.dev.id,
        note: 'For Devices',
      });
      await post(centre.dev.token, `/api/v1/cases/${c.id}/transfer/accept`, undefined, 200);
    } finally {
      stop();
    }
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      caseId: c.id,
      ownerId: centre.alice.id,
      customerId: c.customerId,
      audience: { userIds: expect.arrayContaining([centre.dev.id]) },
    });
    expect(events[1]).toMatchObject({
      caseId: c.id,
      ownerId: centre.dev.id,
      teamId: centre.teams.devices,
      audience: { userIds: expect.arrayContaining([centre.alice.id]) },
    });
  });
});
