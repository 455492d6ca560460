import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/services/actor.ts';
import { createCase } from '../../src/services/cases/create-case.ts';
import { mergeCases } from '../../src/services/cases/merge-cases.ts';
import { changeCase } from '../../src/services/cases/update-case.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import { contactCentre, type Person } from '../helpers/contact-centre.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let centre: Awaited<ReturnType<typeof contactCentre>>;
beforeAll(async () => {
  t = await startTestApp();
  centre = await contactCentre(t);
});
afterAll(() => t.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const post = (token: string, url: string, payload?: Record<string, unknown>) =>
  t.call(token, { method: 'POST', url, ...(payload ? { payload } : {}) });
const get = async (url: string): Promise<Json> => (await t.call(centre.admin, { method: 'GET', url })).json();
const kinds = (c: Json) => (c.events as { kind: string }[]).map((e) => e.kind);

let customers = 0;
/** A fresh customer who wrote in `channels.length` times, one case per contact, all owned by `owner`. */
async function customerWithCases(owner: Person, channels: string[]) {
  customers++;
  const email = `dup${customers}-${Date.now()}@customer.example`;
  const cases: { id: string; contactId: string }[] = [];
  let customerId = '';
  for (const [i, channel] of channels.entries()) {
    const contact = await postContact(t, centre.admin, {
      channel,
      customer:
        channel === 'sms' ? { phone: `+44770092${String(customers).padStart(2, '0')}${i}${i}`, email } : { email },
      occurredAt: new Date(Date.now() - (channels.length - i) * 60_000).toISOString(),
      text: `Message ${i}: my roaming is not working in Spain`,
    });
    customerId = contact.customerId;
    const res = await post(owner.token, '/api/v1/cases', {
      customerId,
      subject: `Roaming broken (${channel})`,
      contactIds: [contact.id],
    });
    expect(res.statusCode).toBe(201);
    cases.push({ id: res.json().id, contactId: contact.id });
  }
  return { customerId, email, cases };
}

const timelineIds = async (customerId: string) =>
  ((await get(`/api/v1/customers/${customerId}/timeline?limit=200`)).items as { id: string }[]).map((i) => i.id);

describe('merging duplicate cases', () => {
  it('moves contacts and events to the surviving case, closes the duplicate pointing to it, and keeps the timeline whole', async () => {
    const { customerId, cases } = await customerWithCases(centre.alice, ['email', 'chat']);
    const [survivor, duplicate] = cases as [{ id: string; contactId: string }, { id: string; contactId: string }];
    await post(centre.alice.token, `/api/v1/cases/${duplicate.id}/notes`, {
      text: 'Customer tried toggling data roaming',
    });
    const before = await timelineIds(customerId);

    const res = await post(centre.alice.token, `/api/v1/cases/${duplicate.id}/merge`, {
      intoCaseId: survivor.id,
      reason: 'same roaming fault',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.merged).toMatchObject({ id: duplicate.id, status: 'closed', mergedIntoId: survivor.id });
    expect(body.into).toMatchObject({ id: survivor.id, status: 'new', mergedIntoId: null });
    expect(body.moved).toMatchObject({ contacts: 1, case_events: 4 });

    expect((await get(`/api/v1/contacts/${duplicate.contactId}`)).caseId).toBe(survivor.id);
    const surviving = await get(`/api/v1/cases/${survivor.id}`);
    expect(surviving.events.find((e: Json) => e.kind === 'note').data.text).toBe(
      'Customer tried toggling data roaming',
    );
    expect(surviving.events.at(-1)).toMatchObject({
      kind: 'merged_from',
      data: { caseId: duplicate.id, reason: 'same roaming fault' },
    });
    const merged = await get(`/api/v1/cases/${duplicate.id}`);
    expect(merged.status).toBe('closed');
    expect(kinds(merged)).toEqual(['status_changed', 'merged_into']);
    expect(merged.events[1].data).toMatchObject({ caseId: survivor.id, reference: surviving.reference });

    // The customer's effort on the surviving case now counts both contacts.
    expect((await get(`/api/v1/cases/${survivor.id}/effort`)).contacts).toBe(2);
    // Everything that was on the timeline is still there, once, and the merge itself is added.
    const after = await timelineIds(customerId);
    expect(new Set(after).size).toBe(after.length);
    expect(after.filter((id) => !before.includes(id))).toHaveLength(3);
    expect(before.every((id) => after.includes(id))).toBe(true);
    const timeline = await get(`/api/v1/customers/${customerId}/timeline?limit=200`);
    expect(timeline.items.filter((i: Json) => i.type === 'contact').map((i: Json) => i.caseId)).toEqual([
      survivor.id,
      survivor.id,
    ]);
  });

  it('is recorded and can be undone: what moved goes back, later contacts stay, and the case reopens', async () => {
    const { cases, email } = await customerWithCases(centre.alice, ['email', 'portal']);
    const [survivor, duplicate] = cases as [{ id: string; contactId: string }, { id: string; contactId: string }];
    await t.call(centre.alice.token, {
      method: 'PATCH',
      url: `/api/v1/cases/${duplicate.id}`,
      payload: { status: 'pending' },
    });
    await post(centre.alice.token, `/api/v1/cases/${duplicate.id}/merge`, { intoCaseId: survivor.id });
    const later = await t.call(centre.admin, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { channel: 'email', direction: 'inbound', customer: { email }, text: 'Any news?', caseId: survivor.id },
    });
    expect(later.statusCode).toBe(201);

    const res = await post(centre.alice.token, `/api/v1/cases/${duplicate.id}/unmerge`);
    expect(res.statusCode).toBe(200);
    expect(res.json().case).toMatchObject({ id: duplicate.id, status: 'pending', mergedIntoId: null });
    expect(res.json().restored).toMatchObject({ contacts: 1 });
    expect((await get(`/api/v1/contacts/${duplicate.contactId}`)).caseId).toBe(duplicate.id);
    expect((await get(`/api/v1/contacts/${later.json().id}`)).caseId).toBe(survivor.id);

    const reopened = await get(`/api/v1/cases/${duplicate.id}`);
    expect(kinds(reopened).slice(0, 3)).toEqual(['created', 'assigned', 'contacts_linked']);
    expect(kinds(reopened)).toContain('merged_into');
    expect(reopened.events.at(-1)).toMatchObject({ kind: 'unmerged', data: { survivingCaseId: survivor.id } });
    const surviving = await get(`/api/v1/cases/${survivor.id}`);
    expect(surviving.events.filter((e: Json) => e.kind === 'created')).toHaveLength(1);
    expect(kinds(surviving)).toEqual(expect.arrayContaining(['merged_from', 'unmerged']));

    // Undone, it can be merged again; a second undo of the same merge is refused.
    expect((await post(centre.alice.token, `/api/v1/cases/${survivor.id}/unmerge`)).statusCode).toBe(409);
    expect(
      (await post(centre.alice.token, `/api/v1/cases/${duplicate.id}/merge`, { intoCaseId: survivor.id })).statusCode,
    ).toBe(200);
  });

  it('refuses merges that make no sense with 409 and a clear message', async () => {
    const { cases } = await customerWithCases(centre.alice, ['email', 'chat', 'social']);
    const [a, b, c] = cases.map((x) => x.id) as [string, string, string];
    const other = await customerWithCases(centre.alice, ['email']);
    const merge = (from: string, into: string) =>
      post(centre.alice.token, `/api/v1/cases/${from}/merge`, { intoCaseId: into });
    const refused = async (from: string, into: string, reason: string) => {
      const res = await merge(from, into);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details.reason).toBe(reason);
      return res.json().error.message as string;
    };

    expect(await refused(a, a, 'merge_into_itself')).toMatch(/^C-\d+ cannot be merged into itself$/);
    expect(await refused(a, other.cases[0]!.id, 'merge_other_customer')).toMatch(/belong to different customers/);
    await t.call(centre.alice.token, { method: 'PATCH', url: `/api/v1/cases/${c}`, payload: { status: 'closed' } });
    expect(await refused(a, c, 'merge_into_closed')).toMatch(/is closed; merge into a case that is still open/);
    expect(await refused(c, a, 'case_closed')).toMatch(/closed case cannot be merged/);
    expect((await merge(b, a)).statusCode).toBe(200);
    expect(await refused(b, a, 'case_already_merged')).toMatch(/already merged into another case; unmerge it first/);
    expect(await refused(a, b, 'merge_into_merged')).toMatch(/merge into the case it points to/);

    // Someone else's case, unknown ids and malformed bodies are not conflicts.
    expect(
      (await post(centre.bob.token, `/api/v1/cases/${a}/merge`, { intoCaseId: other.cases[0]!.id })).statusCode,
    ).toBe(409);
    const stranger = await t.newTenant();
    expect((await post(stranger.token, `/api/v1/cases/${a}/merge`, { intoCaseId: b })).statusCode).toBe(404);
    expect((await merge(a, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await post(centre.alice.token, `/api/v1/cases/${a}/merge`, {})).statusCode).toBe(400);
    expect((await post(centre.alice.token, `/api/v1/cases/${a}/unmerge`)).json().error.details.reason).toBe(
      'case_not_merged',
    );
  });

  it('lets a bystander agent not merge someone else’s case', async () => {
    const { cases } = await customerWithCases(centre.alice, ['email', 'chat']);
    const res = await post(centre.bob.token, `/api/v1/cases/${cases[1]!.id}/merge`, { intoCaseId: cases[0]!.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.reason).toBe('not_case_owner');
    expect((await get(`/api/v1/cases/${cases[1]!.id}`)).status).toBe('new');
  });

  it('hands a waiting escalation on to the surviving case instead of dropping it', async () => {
    const { cases } = await customerWithCases(centre.alice, ['email', 'chat']);
    const [survivor, duplicate] = cases.map((x) => x.id) as [string, string];
    expect(
      (await post(centre.alice.token, `/api/v1/cases/${duplicate}/escalate`, { reason: 'Customer asks for a manager' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await post(centre.alice.token, `/api/v1/cases/${duplicate}/merge`, { intoCaseId: survivor })).statusCode,
    ).toBe(200);
    const merged = await get(`/api/v1/cases/${duplicate}`);
    expect(kinds(merged)).toEqual(['escalation_withdrawn', 'status_changed', 'merged_into']);
    const surviving = await get(`/api/v1/cases/${survivor}`);
    const escalated = surviving.events.filter((e: Json) => e.kind === 'escalated').at(-1);
    expect(escalated.data.reason).toMatch(
      /^Customer asks for a manager \(carried over from C-\d+ when it was merged\)$/,
    );
    expect(surviving.escalationLevel).toBe(1);
  });
});

describe('splitting a case', () => {
  it('moves the given contacts into a new case of the same customer, same owner and team, recorded on both', async () => {
    const { customerId, email, cases } = await customerWithCases(centre.alice, ['email']);
    const original = cases[0]!.id;
    // Two billing messages land on the roaming case, as when an agent misses that they are another problem.
    const billing: string[] = [];
    for (const text of ['Also, my bill is wrong', 'The bill shows roaming charges twice']) {
      const res = await t.call(centre.admin, {
        method: 'POST',
        url: '/api/v1/contacts',
        payload: { channel: 'chat', direction: 'inbound', customer: { email }, text, caseId: original },
      });
      expect(res.statusCode).toBe(201);
      billing.push(res.json().id);
    }

    const res = await post(centre.alice.token, `/api/v1/cases/${original}/split`, {
      contactIds: billing,
      subject: 'Bill shows roaming charges twice',
    });
    expect(res.statusCode).toBe(201);
    const { split } = res.json();
    const originalNow = await get(`/api/v1/cases/${original}`);
    expect(split).toMatchObject({
      customerId,
      subject: 'Bill shows roaming charges twice',
      ownerId: centre.alice.id,
      teamId: originalNow.teamId,
      status: 'open',
    });
    expect(split.id).not.toBe(original);
    for (const id of billing) expect((await get(`/api/v1/contacts/${id}`)).caseId).toBe(split.id);
    expect((await get(`/api/v1/contacts/${cases[0]!.contactId}`)).caseId).toBe(original);
    const created = await get(`/api/v1/cases/${split.id}`);
    expect(kinds(created)).toEqual(['created', 'assigned', 'split_from']);
    expect(created.events[2].data).toMatchObject({ caseId: original, contactIds: billing });
    expect(originalNow.events.at(-1)).toMatchObject({
      kind: 'split_into',
      data: { caseId: split.id, reference: split.reference },
    });
    // The customer's effort is now counted where it belongs.
    expect((await get(`/api/v1/cases/${split.id}/effort`)).contacts).toBe(2);
    expect((await get(`/api/v1/cases/${original}/effort`)).contacts).toBe(1);
  });

  it('refuses to empty a case, to take contacts that are not on it, and to split a closed case', async () => {
    const { cases } = await customerWithCases(centre.alice, ['email', 'chat']);
    const [a, b] = cases as [{ id: string; contactId: string }, { id: string; contactId: string }];
    const split = (caseId: string, contactIds: string[]) =>
      post(centre.alice.token, `/api/v1/cases/${caseId}/split`, { contactIds });
    let res = await split(a.id, [a.contactId]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'conflict', details: { reason: 'split_leaves_case_empty' } });
    res = await split(a.id, [b.contactId]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      `Contact ${b.contactId} is not on ${(await get(`/api/v1/cases/${a.id}`)).reference}`,
    );
    expect((await split(a.id, ['00000000-0000-4000-8000-000000000000'])).statusCode).toBe(404);
    expect((await split(a.id, [])).statusCode).toBe(400);
    await post(centre.alice.token, `/api/v1/cases/${b.id}/merge`, { intoCaseId: a.id });
    expect((await split(b.id, [b.contactId])).json().error.details.reason).toBe('case_merged');
  });
});

describe('SLA after a merge', () => {
  it('does not let the duplicate’s status history pause the surviving case’s clocks', async () => {
    const scope = scopeTo(t.database.db, centre.tenant.tenant.id);
    const alice: Actor = { scope, role: 'agent', userId: centre.alice.id, label: `user:${centre.alice.id}` };
    const { customerId } = await postContact(t, centre.admin, {
      channel: 'email',
      customer: { email: `sla-merge-${Date.now()}@customer.example` },
      text: 'roaming',
    });
    const opened = new Date(Date.now() - 4 * 3600_000);
    const surviving = await createCase(alice, { customerId, subject: 'Roaming broken' }, opened);
    const duplicate = await createCase(alice, { customerId, subject: 'Roaming broken again' }, opened);
    // The duplicate waited on the customer for three hours; the surviving case never did.
    await changeCase(alice, duplicate.id, { status: 'pending' }, new Date(opened.getTime() + 3600_000));
    await mergeCases(alice, duplicate.id, { intoCaseId: surviving.id });
    const sla = await get(`/api/v1/cases/${surviving.id}/sla`);
    const resolution = (sla.metrics as { metric: string; status: string; targetMinutes: number; dueAt: string }[]).find(
      (m) => m.metric === 'resolution',
    )!;
    expect(resolution.status).not.toBe('paused');
    expect(Date.parse(resolution.dueAt)).toBe(opened.getTime() + resolution.targetMinutes * 60_000);
  });
});
