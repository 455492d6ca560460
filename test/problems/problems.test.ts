import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { apiAs, unique } from './fixtures.ts';

let t: TestApp;
let tenant: CreatedTenant;
let api: ReturnType<typeof apiAs>;
beforeAll(async () => {
  t = await startTestApp();
  tenant = await t.newTenant();
  api = apiAs(t, tenant.token);
});
afterAll(() => t.close());

const eventsOf = async (caseId: string) =>
  (await api.get(`/api/v1/cases/${caseId}`)).events as {
    kind: string;
    data: Record<string, unknown>;
    actorLabel: string;
  }[];

describe('problems', () => {
  it('are numbered per organisation and start as new, or as a known error when reported with a workaround', async () => {
    const first = await api.problem('Voicemail unreachable');
    expect(first).toMatchObject({
      reference: `P-${first.number}`,
      status: 'new',
      rootCause: null,
      workaround: null,
      caseCount: 0,
      cases: [],
    });
    const second = await api.problem('Roaming fails in Spain', { workaround: 'Select the network manually' });
    expect(second).toMatchObject({
      number: first.number + 1,
      status: 'known_error',
      workaround: 'Select the network manually',
    });
    expect((await api.post('/api/v1/problems', { title: '   ' }, 400)).error.code).toBe('validation_failed');
  });

  it('link many cases, each recording the link on the customer’s timeline with what is known so far', async () => {
    const problem = await api.problem('Data drops on cell 4411', { rootCause: 'Faulty radio unit on cell 4411' });
    expect(problem.status).toBe('investigating');
    const a = await api.caseFor({ channel: 'email', customer: unique('ann') });
    const b = await api.caseFor({ channel: 'sms', customer: { phone: unique('bob').phone } });
    const linked = await api.post(`/api/v1/problems/${problem.id}/cases`, { caseIds: [a.id, b.id] }, 200);
    expect(linked.caseCount).toBe(2);
    expect(linked.cases.map((c: { id: string }) => c.id).sort()).toEqual([a.id, b.id].sort());
    const event = (await eventsOf(a.id)).at(-1)!;
    expect(event).toMatchObject({
      kind: 'linked_to_problem',
      data: { problemId: problem.id, problem: problem.reference, rootCause: 'Faulty radio unit on cell 4411' },
    });
    const timeline = await api.get(`/api/v1/customers/${a.customerId}/timeline`);
    expect(timeline.items[0]).toMatchObject({ type: 'case_event', kind: 'linked_to_problem', caseId: a.id });

    // Linking again changes nothing; linking to a second problem is refused until unlinked.
    await api.post(`/api/v1/problems/${problem.id}/cases`, { caseIds: [a.id] }, 200);
    expect((await eventsOf(a.id)).filter((e) => e.kind === 'linked_to_problem')).toHaveLength(1);
    const other = await api.problem('Something else');
    const refused = await api.post(`/api/v1/problems/${other.id}/cases`, { caseIds: [b.id] }, 409);
    expect(refused.error.details.reason).toBe('case_on_other_problem');
    expect(refused.error.message).toMatch(/^C-\d+ is already linked to another problem; unlink it there first$/);
  });

  it('publishing a workaround makes a known error and tells every open linked case', async () => {
    const problem = await api.problem('eSIM activation stuck');
    const open = await api.caseFor({ channel: 'chat', customer: unique('chat') });
    const closed = await api.caseFor({ channel: 'email', customer: unique('closed') });
    await api.post(`/api/v1/problems/${problem.id}/cases`, { caseIds: [open.id, closed.id] }, 200);
    await api.patch(`/api/v1/cases/${closed.id}`, { status: 'closed' }, 200);

    expect(
      (await api.patch(`/api/v1/problems/${problem.id}`, { status: 'known_error' }, 400)).error.details.reason,
    ).toBe('workaround_required');
    const investigating = await api.patch(
      `/api/v1/problems/${problem.id}`,
      { rootCause: 'Provisioning queue stalls on profile download' },
      200,
    );
    expect(investigating.status).toBe('investigating');
    const known = await api.patch(
      `/api/v1/problems/${problem.id}`,
      { workaround: 'Scan the QR code again over Wi-Fi' },
      200,
    );
    expect(known).toMatchObject({ status: 'known_error', workaround: 'Scan the QR code again over Wi-Fi' });

    const published = (await eventsOf(open.id)).filter((e) => e.kind === 'problem_workaround_published');
    expect(published).toHaveLength(1);
    expect(published[0]!.data).toMatchObject({
      problem: problem.reference,
      workaround: 'Scan the QR code again over Wi-Fi',
      rootCause: 'Provisioning queue stalls on profile download',
    });
    expect(published[0]!.actorLabel).toBeTruthy();
    expect((await eventsOf(closed.id)).map((e) => e.kind)).not.toContain('problem_workaround_published');

    const withdrawn = await api.patch(`/api/v1/problems/${problem.id}`, { workaround: null }, 200);
    expect(withdrawn.status).toBe('investigating');
    expect((await api.patch(`/api/v1/problems/${problem.id}`, { foo: 1 }, 400)).error.code).toBe('validation_failed');
  });

  it('unlink a case on the record, and refuse to unlink one that is not linked', async () => {
    const problem = await api.problem('Billing double charge');
    const c = await api.caseFor({ channel: 'portal', customer: unique('portal') });
    await api.post(`/api/v1/problems/${problem.id}/cases`, { caseIds: [c.id] }, 200);
    const after = await api.delete(`/api/v1/problems/${problem.id}/cases/${c.id}`, 200);
    expect(after.caseCount).toBe(0);
    expect((await eventsOf(c.id)).at(-1)).toMatchObject({
      kind: 'unlinked_from_problem',
      data: { problemId: problem.id },
    });
    expect((await api.delete(`/api/v1/problems/${problem.id}/cases/${c.id}`, 409)).error.details.reason).toBe(
      'case_not_linked',
    );
  });

  it('refuse to link closed or merged cases, all or none', async () => {
    const problem = await api.problem('Porting delays');
    const customer = unique('merge');
    const live = await api.caseFor({ channel: 'email', customer });
    const duplicate = await api.caseFor({ channel: 'email', customer });
    await api.post(`/api/v1/cases/${duplicate.id}/merge`, { intoCaseId: live.id }, 200);
    const refused = await api.post(`/api/v1/problems/${problem.id}/cases`, { caseIds: [live.id, duplicate.id] }, 409);
    expect(refused.error.details.reason).toBe('case_merged');
    expect((await api.get(`/api/v1/problems/${problem.id}`)).caseCount).toBe(0);
  });

  it('travel with a merge: the surviving case takes over the duplicate’s problem, and gives it back when the merge is undone', async () => {
    const problem = await api.problem('Wi-Fi calling drops');
    const customer = unique('carry');
    const survivor = await api.caseFor({ channel: 'email', customer });
    const duplicate = await api.caseFor({ channel: 'chat', customer });
    await api.post(`/api/v1/problems/${problem.id}/cases`, { caseIds: [duplicate.id] }, 200);
    const merged = await api.post(`/api/v1/cases/${duplicate.id}/merge`, { intoCaseId: survivor.id }, 200);
    expect(merged.into.problemId).toBe(problem.id);
    expect((await api.get(`/api/v1/problems/${problem.id}`)).cases.map((c: { id: string }) => c.id).sort()).toEqual(
      [survivor.id, duplicate.id].sort(),
    );
    const undone = await api.post(`/api/v1/cases/${duplicate.id}/unmerge`, undefined, 200);
    expect(undone.from.problemId).toBeNull();
    expect(undone.case.problemId).toBe(problem.id);
  });

  it('are listed newest first, by status, a page at a time', async () => {
    const own = await t.newTenant();
    const mine = apiAs(t, own.token);
    const p1 = await mine.problem('One');
    const p2 = await mine.problem('Two', { workaround: 'w' });
    const p3 = await mine.problem('Three');
    const page1 = await mine.get('/api/v1/problems?limit=2');
    expect(page1.items.map((p: { id: string }) => p.id)).toEqual([p3.id, p2.id]);
    const page2 = await mine.get(`/api/v1/problems?limit=2&cursor=${page1.nextCursor}`);
    expect(page2).toMatchObject({ items: [{ id: p1.id }], nextCursor: null });
    expect((await mine.get('/api/v1/problems?status=known_error')).items.map((p: { id: string }) => p.id)).toEqual([
      p2.id,
    ]);
    expect((await mine.get('/api/v1/problems?status=fixed', 400)).error.message).toMatch(
      /status "fixed" is not one of/,
    );
    expect((await mine.get('/api/v1/problems?cursor=nonsense', 400)).error.code).toBe('validation_failed');
  });
});

describe('problems and tenants', () => {
  it('are invisible to another organisation, which cannot link its cases or see ours', async () => {
    const problem = await api.problem('Tenant-private outage');
    const ours = await api.caseFor({ channel: 'email', customer: unique('ours') });
    const other = await t.newTenant();
    const them = apiAs(t, other.token);
    const theirs = await them.caseFor({ channel: 'email', customer: unique('theirs') });

    expect((await them.get(`/api/v1/problems/${problem.id}`, 404)).error.code).toBe('not_found');
    await them.patch(`/api/v1/problems/${problem.id}`, { rootCause: 'x' }, 404);
    await them.post(`/api/v1/problems/${problem.id}/cases`, { caseIds: [theirs.id] }, 404);
    await them.post(`/api/v1/problems/${problem.id}/resolve`, { resolution: 'x' }, 404);
    expect((await them.get('/api/v1/problems')).items.map((p: { id: string }) => p.id)).not.toContain(problem.id);
    // Nor can we pull their case into our problem, or theirs pull ours into one of theirs.
    await api.post(`/api/v1/problems/${problem.id}/cases`, { caseIds: [ours.id, theirs.id] }, 404);
    const theirProblem = await them.problem('Theirs');
    await them.post(`/api/v1/problems/${theirProblem.id}/cases`, { caseIds: [ours.id] }, 404);
    expect((await api.get(`/api/v1/problems/${problem.id}`)).caseCount).toBe(0);
    expect((await them.get(`/api/v1/problems/${theirProblem.id}`)).caseCount).toBe(0);
  });
});
