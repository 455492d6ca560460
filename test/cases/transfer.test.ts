import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactCentre } from '../helpers/contact-centre.ts';
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

describe('warm transfer', () => {
  it('keeps the case with the sender until the receiver accepts, and hands over the note and the history', async () => {
    const { alice, dev } = centre;
    const c = await centre.openCase(alice);
    const note = 'Customer verified by SMS code. Phone shows SOS only since the update; SIM swap did not help.';
    const offer = await post(alice.token, `/api/v1/cases/${c.id}/transfer`, { toUserId: dev.id, note });
    expect(offer.statusCode).toBe(201);
    expect(offer.json()).toMatchObject({ status: 'offered', toUserId: dev.id, note });

    const meanwhile = await t.call(alice.token, { method: 'GET', url: `/api/v1/cases/${c.id}` });
    expect(meanwhile.json().ownerId).toBe(alice.id);
    const inbox = (await t.call(dev.token, { method: 'GET', url: '/api/v1/transfers/offered-to-me' })).json().items;
    expect(inbox.map((o: { caseId: string; note: string }) => [o.caseId, o.note])).toEqual([[c.id, note]]);

    const accepted = await post(dev.token, `/api/v1/cases/${c.id}/transfer/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ ownerId: dev.id, teamId: centre.teams.devices });
    // The receiver sees the hand-off note and the customer's own words on the timeline.
    const timeline = (
      await t.call(dev.token, { method: 'GET', url: `/api/v1/customers/${c.customerId}/timeline` })
    ).json().items;
    const kinds = timeline.map((i: { kind?: string; channel?: string }) => i.kind ?? i.channel);
    expect(kinds.slice(0, 2)).toEqual(['transfer_accepted', 'transfer_offered']);
    expect(kinds).toContain('phone');
    expect(timeline[1].data.note).toBe(note);
  });

  it('needs a hand-off note and one receiver', async () => {
    const c = await centre.openCase(centre.alice);
    const noNote = await post(centre.alice.token, `/api/v1/cases/${c.id}/transfer`, { toUserId: centre.bob.id });
    expect(noNote.statusCode).toBe(400);
    const blank = await post(centre.alice.token, `/api/v1/cases/${c.id}/transfer`, {
      toUserId: centre.bob.id,
      note: '   ',
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details.reason).toBe('transfer_note_required');
    const both = await post(centre.alice.token, `/api/v1/cases/${c.id}/transfer`, {
      toUserId: centre.bob.id,
      toTeamId: centre.teams.devices,
      note: 'x',
    });
    expect(both.statusCode).toBe(400);
  });

  it('lets only the receiver answer, and a decline needs a reason and leaves the sender owning the case', async () => {
    const { alice, bob, dev } = centre;
    const c = await centre.openCase(alice);
    await post(alice.token, `/api/v1/cases/${c.id}/transfer`, {
      toUserId: dev.id,
      note: 'Handset fault, needs Devices',
    });
    const stranger = await post(bob.token, `/api/v1/cases/${c.id}/transfer/accept`);
    expect(stranger.statusCode).toBe(409);
    expect(stranger.json().error.details.reason).toBe('not_the_receiver');
    const again = await post(alice.token, `/api/v1/cases/${c.id}/transfer`, { toUserId: bob.id, note: 'x' });
    expect(again.statusCode).toBe(409);
    expect((await post(dev.token, `/api/v1/cases/${c.id}/transfer/decline`, { reason: ' ' })).statusCode).toBe(400);
    const declined = await post(dev.token, `/api/v1/cases/${c.id}/transfer/decline`, {
      reason: 'Billing issue, not a device fault',
    });
    expect(declined.json().ownerId).toBe(alice.id);
    expect((await centre.events(c.id)).map((e) => e.kind)).toContain('transfer_declined');
  });

  it('sends a case to a team queue where whoever accepts it owns it', async () => {
    const { alice, dev } = centre;
    const c = await centre.openCase(alice);
    await post(alice.token, `/api/v1/cases/${c.id}/transfer`, { toTeamId: centre.teams.devices, note: 'For Devices' });
    const accepted = await post(dev.token, `/api/v1/cases/${c.id}/transfer/accept`);
    expect(accepted.json()).toMatchObject({ ownerId: dev.id, teamId: centre.teams.devices });
  });

  it('counts accepted transfers in the effort ledger and escalates past the threshold', async () => {
    const { alice, bob, dev, admin } = centre;
    const c = await centre.openCase(alice);
    await post(alice.token, `/api/v1/cases/${c.id}/transfer`, { toUserId: bob.id, note: 'over to you' });
    await post(bob.token, `/api/v1/cases/${c.id}/transfer/accept`);
    await post(bob.token, `/api/v1/cases/${c.id}/transfer`, { toUserId: dev.id, note: 'device after all' });
    await post(dev.token, `/api/v1/cases/${c.id}/transfer/accept`);
    const effort = (await t.call(admin, { method: 'GET', url: `/api/v1/cases/${c.id}/effort` })).json();
    expect(effort).toMatchObject({
      contacts: 1,
      transfers: 2,
      agents: 3,
      teams: 2,
      thresholdsExceeded: ['transfers: 2 (threshold 2)'],
    });
    const events = await centre.events(c.id);
    const exceeded = events.find((e) => e.kind === 'effort_threshold_exceeded');
    expect(exceeded?.data.thresholds).toEqual(['transfers: 2 (threshold 2)']);
    const escalated = events.find((e) => e.kind === 'escalated');
    expect(escalated?.data).toMatchObject({
      reason: 'Customer effort too high: transfers: 2 (threshold 2)',
      targetUserId: centre.devicesLead.id,
    });
  });
});

describe('ownership', () => {
  it('lets an agent take a case waiting in their own team’s queue, and no other', async () => {
    const { alice, dev, admin, teams } = centre;
    const waiting = await centre.openCase({ ...alice, token: admin }, { ownerId: null, teamId: teams.front });
    expect(waiting.ownerId).toBeNull();
    const otherTeam = await t.call(dev.token, {
      method: 'PATCH',
      url: `/api/v1/cases/${waiting.id}`,
      payload: { ownerId: dev.id },
    });
    expect(otherTeam.statusCode).toBe(409);
    const taken = await t.call(alice.token, {
      method: 'PATCH',
      url: `/api/v1/cases/${waiting.id}`,
      payload: { ownerId: alice.id },
    });
    expect(taken.statusCode).toBe(200);
    expect(taken.json().ownerId).toBe(alice.id);
    // Once owned, it is the owner's: a teammate cannot take it over.
    const again = await t.call(centre.bob.token, {
      method: 'PATCH',
      url: `/api/v1/cases/${waiting.id}`,
      payload: { ownerId: centre.bob.id },
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses to leave an open case without an owner', async () => {
    const c = await centre.openCase(centre.alice);
    const res = await t.call(centre.alice.token, {
      method: 'PATCH',
      url: `/api/v1/cases/${c.id}`,
      payload: { ownerId: null },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.reason).toBe('case_ownerless');
  });

  it('refuses to let an agent solve a case they do not own', async () => {
    const c = await centre.openCase(centre.alice);
    const res = await t.call(centre.bob.token, {
      method: 'PATCH',
      url: `/api/v1/cases/${c.id}`,
      payload: { status: 'solved' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('Only the owner');
    const own = await t.call(centre.alice.token, {
      method: 'PATCH',
      url: `/api/v1/cases/${c.id}`,
      payload: { status: 'solved' },
    });
    expect(own.statusCode).toBe(200);
  });

  it('moves a departing agent’s open cases to their team lead', async () => {
    const leaving = await centre.call('POST', '/api/v1/users', {
      email: 'leaver@centre.example',
      name: 'Leaver',
      role: 'agent',
      teamId: centre.teams.front,
    });
    const { token } = await centre.call('POST', '/api/v1/tokens', {
      name: 'leaver',
      role: 'agent',
      userId: leaving.id,
    });
    const c = await centre.openCase({ id: leaving.id, token });
    const res = await t.call(centre.admin, {
      method: 'PATCH',
      url: `/api/v1/users/${leaving.id}`,
      payload: { active: false },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    const after = (await t.call(centre.admin, { method: 'GET', url: `/api/v1/cases/${c.id}` })).json();
    expect(after.ownerId).toBe(centre.frontLead.id);
    expect(after.events.at(-1)).toMatchObject({
      kind: 'owner_reassigned',
      data: { from: leaving.id, to: centre.frontLead.id, reason: 'owner deactivated' },
    });
    // Their token no longer works.
    expect((await t.call(token, { method: 'GET', url: '/api/v1/cases' })).statusCode).toBe(401);
  });
});
