import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let token: string;
let agentId: string;
let teamId: string;
let customerId: string;
let adminId: string;

beforeAll(async () => {
  t = await startTestApp();
  token = (await t.newTenant()).token;
  adminId = (await t.call(token, { method: 'GET', url: '/api/v1/auth/me' })).json().id;
  const team = await t.call(token, {
    method: 'POST',
    url: '/api/v1/teams',
    payload: { name: 'Billing', skills: ['billing'], regions: ['north'], leadUserId: adminId },
  });
  teamId = team.json().id;
  const agent = await t.call(token, {
    method: 'POST',
    url: '/api/v1/users',
    payload: { email: 'priya@lumen.example', name: 'Priya', role: 'agent', teamId },
  });
  agentId = agent.json().id;
  customerId = (
    await postContact(t, token, { channel: 'email', customer: { email: 'case.owner@example.com' }, text: 'help' })
  ).customerId;
});
afterAll(() => t.close());

const newCase = async (payload: Record<string, unknown> = {}) => {
  const res = await t.call(token, {
    method: 'POST',
    url: '/api/v1/cases',
    payload: { customerId, subject: 'No signal at home', ...payload },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: number; reference: string; status: string; ownerId: string | null };
};
const patch = (id: string, payload: Record<string, unknown>) =>
  t.call(token, { method: 'PATCH', url: `/api/v1/cases/${id}`, payload });
const list = async (query: string) =>
  (await t.call(token, { method: 'GET', url: `/api/v1/cases?${query}` })).json() as {
    items: { id: string }[];
    nextCursor: string | null;
  };

describe('cases', () => {
  it('numbers cases per organisation and starts them as new, owned by whoever opened them', async () => {
    const a = await newCase();
    const b = await newCase();
    expect(b.number).toBe(a.number + 1);
    expect(a).toMatchObject({ status: 'new', reference: `C-${a.number}`, ownerId: adminId });
  });

  it('puts a case given only a team into that team’s queue, its lead accountable', async () => {
    const queued = await newCase({ teamId });
    expect(queued).toMatchObject({ ownerId: null, teamId });
  });

  it('records every change as an event with who and what', async () => {
    const c = await newCase();
    expect((await patch(c.id, { ownerId: agentId, teamId })).statusCode).toBe(200);
    expect((await patch(c.id, { status: 'open', priority: 'high' })).json()).toMatchObject({
      status: 'open',
      priority: 'high',
      ownerId: agentId,
      teamId,
    });
    const note = await t.call(token, {
      method: 'POST',
      url: `/api/v1/cases/${c.id}/notes`,
      payload: { text: 'Checked the mast: maintenance until Friday.' },
    });
    expect(note.statusCode).toBe(201);
    const full = (await t.call(token, { method: 'GET', url: `/api/v1/cases/${c.id}` })).json();
    expect(full.events.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'assigned',
      'assigned',
      'status_changed',
      'priority_changed',
      'note',
    ]);
    expect(full.events[1].data).toMatchObject({ from: null, to: adminId });
    expect(full.events[2].data).toMatchObject({ from: adminId, to: agentId, teamTo: teamId });
    expect(full.events[3].data).toEqual({ from: 'new', to: 'open' });
    expect(full.events[5].data.text).toBe('Checked the mast: maintenance until Friday.');
    expect(full.events[5].actorLabel).toMatch(/^user:/);
  });

  it('changes nothing and records nothing when nothing differs', async () => {
    const c = await newCase({ priority: 'low' });
    const before = (await t.call(token, { method: 'GET', url: `/api/v1/cases/${c.id}` })).json();
    await patch(c.id, { priority: 'low', ownerId: adminId });
    const after = (await t.call(token, { method: 'GET', url: `/api/v1/cases/${c.id}` })).json();
    expect(after.events).toEqual(before.events);
    expect(after.updatedAt).toBe(before.updatedAt);
  });

  it('filters by status, owner and team, and pages', async () => {
    const mine = await newCase({ ownerId: agentId, teamId });
    await patch(mine.id, { status: 'pending' });
    const unowned = await newCase({ teamId });
    expect((await list(`owner=${agentId}&status=pending`)).items.map((i) => i.id)).toEqual([mine.id]);
    expect((await list(`team=${teamId}`)).items.map((i) => i.id)).toContain(mine.id);
    const none = (await list('owner=none&limit=200')).items.map((i) => i.id);
    expect(none).toContain(unowned.id);
    expect(none).not.toContain(mine.id);
    expect((await list('status=pending,open')).items.map((i) => i.id)).toContain(mine.id);

    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { items: { id: string }[]; nextCursor: string | null } = await list(
        `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      all.push(...res.items.map((i) => i.id));
      cursor = res.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe((await list('limit=200')).items.length);
  });

  it('refuses impossible status changes with 409 and a reason', async () => {
    const c = await newCase();
    const back = await patch(c.id, { status: 'open' }).then(() => patch(c.id, { status: 'new' }));
    expect(back.statusCode).toBe(409);
    expect(back.json().error.message).toBe('A case that is open cannot become new');
    await patch(c.id, { status: 'closed' });
    const reopen = await patch(c.id, { status: 'open' });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().error.details.reason).toBe('case_closed');
    const assign = await patch(c.id, { ownerId: agentId });
    expect(assign.statusCode).toBe(409);
    const note = await t.call(token, { method: 'POST', url: `/api/v1/cases/${c.id}/notes`, payload: { text: 'late' } });
    expect(note.statusCode).toBe(409);
  });

  it('lets a solved case reopen when the customer comes back', async () => {
    const c = await newCase();
    await patch(c.id, { status: 'solved' });
    expect((await patch(c.id, { status: 'open' })).json().status).toBe('open');
  });

  it('links the contacts a case is about and refuses someone else’s', async () => {
    const mine = await postContact(t, token, {
      channel: 'chat',
      customer: { email: 'case.owner@example.com' },
      text: 'still no signal',
    });
    const c = await newCase({ contactIds: [mine.id] });
    const contact = (await t.call(token, { method: 'GET', url: `/api/v1/contacts/${mine.id}` })).json();
    expect(contact.caseId).toBe(c.id);
    const again = await t.call(token, {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { customerId, subject: 'dup', contactIds: [mine.id] },
    });
    expect(again.statusCode).toBe(409);
    const other = await postContact(t, token, {
      channel: 'chat',
      customer: { email: 'someone.else@example.com' },
      text: 'hi',
    });
    const wrong = await t.call(token, {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { customerId, subject: 'x', contactIds: [other.id] },
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.message).toContain('belongs to another customer');
  });

  it('answers 400 for bad input and 404 for unknown cases', async () => {
    const noSubject = await t.call(token, {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { customerId, subject: '   ' },
    });
    expect(noSubject.statusCode).toBe(400);
    const badPriority = await t.call(token, {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { customerId, subject: 'x', priority: 'asap' },
    });
    expect(badPriority.statusCode).toBe(400);
    expect(badPriority.json().error.message).toContain('low, normal, high, urgent');
    const stranger = await t.call(token, {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { customerId, subject: 'x', ownerId: '00000000-0000-4000-8000-000000000001' },
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.details.field).toBe('ownerId');
    const emptyPatch = await patch((await newCase()).id, {});
    expect(emptyPatch.statusCode).toBe(400);
    const badStatus = await t.call(token, { method: 'GET', url: '/api/v1/cases?status=done' });
    expect(badStatus.statusCode).toBe(400);
    const unknown = await t.call(token, { method: 'GET', url: '/api/v1/cases/00000000-0000-4000-8000-000000000002' });
    expect(unknown.statusCode).toBe(404);
  });
});
