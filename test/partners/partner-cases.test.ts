import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { twoOrganisations } from './two-organisations.ts';

let t: TestApp;
let orgs: Awaited<ReturnType<typeof twoOrganisations>>;
beforeAll(async () => {
  t = await startTestApp();
  orgs = await twoOrganisations(t);
});
afterAll(() => t.close());

const kinds = (events: { kind: string }[]) => events.map((e) => e.kind);
const customerIdOf = async (caseId: string) =>
  (await orgs.call(orgs.operator.admin, 'GET', `/api/v1/cases/${caseId}`)).body.customerId as string;

describe('sharing a case with a partner organisation', () => {
  it('is an invitation the partner accepts into a case of its own, on its own record of the customer', async () => {
    const { operator, laptopMaker, call, accept, post } = orgs;
    // The laptop maker already knows this customer from a chat of its own.
    const known = await postContact(t, laptopMaker.admin, {
      channel: 'chat',
      customer: { email: 'rhane@example.com', name: 'R. Thomas' },
      text: 'Broadband module shows an error',
    });
    const { caseId, shareId, share } = await orgs.shareWithLaptopMaker({
      customer: { name: 'Rhane Thomas', email: 'Rhane@Example.com' },
    });
    expect(share).toMatchObject({
      side: 'sharer',
      caseId,
      status: 'invited',
      ballWith: 'partner',
      yourMove: false,
      handoffs: 1,
      partner: { kind: 'tenant', name: 'Laptop Co', tenant: laptopMaker.tenant.tenant.slug },
      link: null,
    });
    expect(share.partnerResponseDueAt).not.toBeNull();

    const invitations = await call(laptopMaker.dev.token, 'GET', '/api/v1/partner-cases');
    const invitation = invitations.body.items.find((s: { id: string }) => s.id === shareId);
    expect(invitation).toMatchObject({
      side: 'partner',
      caseId: null,
      status: 'invited',
      yourMove: true,
      subject: 'No service after update',
      sharedBy: { name: 'Hearken Mobile', tenant: operator.tenant.tenant.slug },
      customer: { name: 'Rhane Thomas', email: 'rhane@example.com' },
      partner: { email: null },
    });
    // The partner reads the note before deciding, but writes only once it has accepted.
    expect((await orgs.thread(laptopMaker.dev, shareId)).body.items[0].text).toMatch(/MSID/);
    const early = await post(laptopMaker.dev, shareId, 'Looking at it');
    expect(early.status).toBe(409);
    expect(early.body.error.details.reason).toBe('share_not_accepted');

    const partnerCaseId = await accept(shareId);
    const partnerCase = await call(laptopMaker.dev.token, 'GET', `/api/v1/cases/${partnerCaseId}`);
    expect(partnerCase.body).toMatchObject({ ownerId: laptopMaker.dev.id, customerId: known.customerId });
    expect(partnerCase.body.subject).toContain('Hearken Mobile');
    const again = await call(laptopMaker.devicesLead.token, 'POST', `/api/v1/partner-cases/${shareId}/accept`);
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('share_not_invited');

    expect(kinds(await operator.events(caseId))).toEqual(
      expect.arrayContaining(['partner_shared', 'partner_share_accepted']),
    );
    const accepted = (await laptopMaker.events(partnerCaseId)).find((e) => e.kind === 'partner_share_accepted');
    expect(accepted?.data).toMatchObject({
      shareId,
      sharedBy: 'Hearken Mobile',
      reference: expect.stringMatching(/^C-\d+$/),
    });
  });

  it('gives both organisations one thread, in the order it was written, on both customers’ timelines', async () => {
    const { operator, laptopMaker, post, thread } = orgs;
    const { caseId, shareId } = await orgs.shareWithLaptopMaker();
    const partnerCaseId = await orgs.accept(shareId);
    expect((await post(operator.alice, shareId, 'The power light is amber, if that helps')).status).toBe(201);
    const reply = await post(laptopMaker.dev, shareId, 'Thanks: amber means the radio is disabled in the BIOS');
    expect(reply.status).toBe(201);
    expect(reply.body.message).toMatchObject({
      side: 'partner',
      organisation: 'Laptop Co',
      author: 'Dev',
      handOff: false,
    });

    const ours = await thread(operator.alice, shareId);
    const theirs = await thread(laptopMaker.dev, shareId);
    expect(ours.status).toBe(200);
    expect(theirs.body.items).toEqual(ours.body.items);
    expect(ours.body.items.map((m: { side: string; author: string }) => `${m.side}:${m.author}`)).toEqual([
      'sharer:Alice',
      'sharer:Alice',
      'partner:Dev',
    ]);
    expect(ours.body.share).toMatchObject({ side: 'sharer', caseId });
    expect(theirs.body.share).toMatchObject({ side: 'partner', caseId: partnerCaseId });

    const ourMessages = (await operator.events(caseId)).filter((e) => e.kind === 'partner_message');
    expect(ourMessages.map((e) => e.data.text)).toEqual([
      'The power light is amber, if that helps',
      'Thanks: amber means the radio is disabled in the BIOS',
    ]);
    expect(ourMessages[1]!.actorLabel).toBe('partner:Laptop Co');
    const theirMessages = (await laptopMaker.events(partnerCaseId)).filter((e) => e.kind === 'partner_message');
    expect(theirMessages.map((e) => e.data.organisation)).toEqual(['Hearken Mobile', 'Laptop Co']);
    // …and so on each organisation's timeline of its own customer.
    const partnerCustomerId = (await orgs.call(laptopMaker.dev.token, 'GET', `/api/v1/cases/${partnerCaseId}`)).body
      .customerId;
    for (const [token, customerId] of [
      [operator.admin, customerIdOf(caseId)],
      [laptopMaker.admin, partnerCustomerId],
    ] as const) {
      const timeline = await orgs.call(token, 'GET', `/api/v1/customers/${await customerId}/timeline`);
      const said = timeline.body.items
        .filter((i: { kind?: string }) => i.kind === 'partner_message')
        .map((i: { data: { text: string } }) => i.data.text);
      expect(said).toHaveLength(2);
      expect(said).toContain('Thanks: amber means the radio is disabled in the BIOS');
    }
    // The case shows up in each side's list of the case's shares.
    const listed = await orgs.call(laptopMaker.dev.token, 'GET', `/api/v1/cases/${partnerCaseId}/shares`);
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([shareId]);
  });

  it('refuses what cannot be shared, with a clear 4xx', async () => {
    const { operator, laptopMaker, call } = orgs;
    const c = await operator.openCase(operator.alice);
    const share = (payload: Record<string, unknown>, token = operator.alice.token) =>
      call(token, 'POST', `/api/v1/cases/${c.id}/shares`, { note: 'please look', ...payload });
    expect((await share({ partnerTenant: 'no-such-organisation' })).status).toBe(404);
    const self = await share({ partnerTenant: operator.tenant.tenant.slug });
    expect([self.status, self.body.error.details.reason]).toEqual([400, 'partner_invalid']);
    expect((await share({ partnerTenant: laptopMaker.tenant.tenant.slug, note: '  ' })).status).toBe(400);
    expect((await share({ partnerName: 'Laptop Co' })).status).toBe(400);
    expect((await share({ partnerName: 'Laptop Co', partnerEmail: 'not an address' })).status).toBe(400);
    expect(
      (await share({ partnerTenant: laptopMaker.tenant.tenant.slug, partnerName: 'x', partnerEmail: 'x@y.example' }))
        .status,
    ).toBe(400);
    expect(
      (await share({ partnerTenant: laptopMaker.tenant.tenant.slug, customer: { phone: 'call me' } })).status,
    ).toBe(400);
    expect(
      (await share({ partnerTenant: laptopMaker.tenant.tenant.slug }, operator.bob.token)).body.error.details.reason,
    ).toBe('not_case_owner');
    expect((await share({ partnerTenant: laptopMaker.tenant.tenant.slug })).status).toBe(201);
    const twice = await share({ partnerTenant: laptopMaker.tenant.tenant.slug });
    expect([twice.status, twice.body.error.details.reason]).toEqual([409, 'already_shared']);
    expect((await call(operator.admin, 'POST', `/api/v1/cases/${c.id}/shares`, {})).status).toBe(400);
  });
});

describe('hand-offs between the organisations', () => {
  it('are counted, only the side holding the ball can hand it over, and the third escalates on both sides', async () => {
    const { operator, laptopMaker, post } = orgs;
    const { caseId, shareId } = await orgs.shareWithLaptopMaker();
    const partnerCaseId = await orgs.accept(shareId);

    const notOurs = await post(operator.alice, shareId, 'Any news?', true);
    expect([notOurs.status, notOurs.body.error.details.reason]).toEqual([409, 'not_your_move']);
    const notOwner = await post(laptopMaker.bob, shareId, 'Carrier gave bad numbers', true);
    expect(notOwner.body.error.details.reason).toBe('not_case_owner');

    const back = await post(
      laptopMaker.dev,
      shareId,
      'Reinstalled the software; still failing. The carrier must have given bad numbers.',
      true,
    );
    expect(back.status).toBe(201);
    expect(back.body.share).toMatchObject({
      ballWith: 'sharer',
      yourMove: false,
      handoffs: 2,
      pingPong: false,
      partnerResponseDueAt: null,
    });
    expect(kinds(await operator.events(caseId))).not.toContain('escalated');

    const out = await post(operator.alice, shareId, 'The numbers are right: MSID verified twice. Back to you.', true);
    expect(out.body.share).toMatchObject({ ballWith: 'partner', handoffs: 3, pingPong: true });

    const ourEvents = await operator.events(caseId);
    const theirEvents = await laptopMaker.events(partnerCaseId);
    for (const [events, supervisor] of [
      [ourEvents, operator.frontLead.id],
      [theirEvents, laptopMaker.devicesLead.id],
    ] as const) {
      expect(events.find((e) => e.kind === 'partner_ping_pong')?.data).toMatchObject({ handoffs: 3, flagged: true });
      const escalated = events.filter((e) => e.kind === 'escalated');
      expect(escalated).toHaveLength(1);
      expect(escalated[0]!.data).toMatchObject({
        targetUserId: supervisor,
        reason: expect.stringContaining('Ping-pong between Hearken Mobile and Laptop Co'),
      });
      expect(escalated[0]!.actorLabel).toBe('system');
    }
    const waiting = await orgs.call(laptopMaker.devicesLead.token, 'GET', '/api/v1/escalations/waiting-for-me');
    expect(waiting.body.items.map((e: { caseId: string }) => e.caseId)).toContain(partnerCaseId);

    // A fourth hand-off does not pile up another escalation.
    expect((await post(laptopMaker.dev, shareId, 'Escalated to engineering here', true)).body.share.handoffs).toBe(4);
    expect((await operator.events(caseId)).filter((e) => e.kind === 'escalated')).toHaveLength(1);
    const handoffs = (await operator.events(caseId)).filter((e) => e.kind === 'partner_handoff').map((e) => e.data.to);
    expect(handoffs).toEqual(['sharer', 'partner', 'sharer']);
  });

  it('ends from either side; the thread stays readable and nothing more can be posted', async () => {
    const { operator, laptopMaker, post, call } = orgs;
    const { caseId, shareId } = await orgs.shareWithLaptopMaker();
    // The partner declines an invitation by ending it.
    const declined = await call(laptopMaker.dev.token, 'POST', `/api/v1/shares/${shareId}/end`, {
      reason: 'Not our model: sold by another maker',
    });
    expect(declined.body).toMatchObject({
      status: 'ended',
      endedBy: 'partner',
      yourMove: false,
      partnerResponseDueAt: null,
    });
    expect((await operator.events(caseId)).find((e) => e.kind === 'partner_share_ended')?.data).toMatchObject({
      side: 'partner',
      reason: 'Not our model: sold by another maker',
    });
    expect((await post(operator.alice, shareId, 'hello?')).body.error.details.reason).toBe('share_ended');
    // Ending needs no body; ending twice is refused.
    expect((await call(operator.alice.token, 'POST', `/api/v1/shares/${shareId}/end`)).body.error.details.reason).toBe(
      'share_ended',
    );
    expect((await orgs.thread(operator.alice, shareId)).body.items).toHaveLength(1);
    expect(
      (await call(laptopMaker.dev.token, 'GET', '/api/v1/partner-cases')).body.items.map((s: { id: string }) => s.id),
    ).not.toContain(shareId);
    expect(
      (await call(laptopMaker.dev.token, 'GET', '/api/v1/partner-cases?status=ended')).body.items.map(
        (s: { id: string }) => s.id,
      ),
    ).toContain(shareId);
    expect((await call(laptopMaker.dev.token, 'GET', '/api/v1/partner-cases?status=later')).status).toBe(400);
  });
});

describe('isolation', () => {
  it('shows a third organisation nothing, and the partner nothing of the sharer’s own records', async () => {
    const { operator, laptopMaker, call } = orgs;
    const stranger = await t.newTenant();
    const { caseId, customerId, shareId } = await orgs.shareWithLaptopMaker({ customer: { name: 'Rhane Thomas' } });
    await orgs.accept(shareId);

    expect((await call(stranger.token, 'GET', '/api/v1/partner-cases')).body.items).toEqual([]);
    expect((await call(stranger.token, 'GET', `/api/v1/shares/${shareId}/messages`)).status).toBe(404);
    expect((await call(stranger.token, 'POST', `/api/v1/shares/${shareId}/messages`, { text: 'hi' })).status).toBe(404);
    expect((await call(stranger.token, 'POST', `/api/v1/shares/${shareId}/end`, {})).status).toBe(404);
    expect((await call(stranger.token, 'POST', `/api/v1/partner-cases/${shareId}/accept`)).status).toBe(404);
    expect((await call(stranger.token, 'GET', `/api/v1/cases/${caseId}/shares`)).status).toBe(404);

    // The partner works from the share, never from the operator's case or customer.
    expect((await call(laptopMaker.admin, 'GET', `/api/v1/cases/${caseId}`)).status).toBe(404);
    expect((await call(laptopMaker.admin, 'GET', `/api/v1/cases/${caseId}/shares`)).status).toBe(404);
    expect((await call(laptopMaker.admin, 'GET', `/api/v1/customers/${customerId}`)).status).toBe(404);
    expect((await call(laptopMaker.admin, 'GET', `/api/v1/customers/${customerId}/timeline`)).status).toBe(404);
    const partnerCase = (await call(laptopMaker.admin, 'GET', '/api/v1/partner-cases')).body.items.find(
      (s: { id: string }) => s.id === shareId,
    );
    expect(partnerCase.caseId).not.toBe(caseId);
    expect(JSON.stringify(partnerCase)).not.toContain(customerId);

    // Nor can the sharer accept its own share, or anybody write without credentials.
    expect(
      (await call(operator.alice.token, 'POST', `/api/v1/partner-cases/${shareId}/accept`)).body.error.details.reason,
    ).toBe('not_the_partner');
    expect((await call(undefined, 'GET', `/api/v1/shares/${shareId}/messages`)).status).toBe(401);
  });
});
