import { sql } from 'drizzle-orm';
import { slaJobHandlers } from '../../src/jobs/sla-jobs.ts';
import { JobWorker } from '../../src/jobs/worker.ts';
import type { Actor } from '../../src/services/actor.ts';
import { checkContactSubmission, type ContactSubmission } from '../../src/domain/contact-input.ts';
import { changeCase } from '../../src/services/cases/update-case.ts';
import { recordContact } from '../../src/services/contacts/record-contact.ts';
import { trackCaseSla } from '../../src/services/sla/track-case-sla.ts';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import type { Db } from '../../src/store/database.ts';
import { findUserByEmail } from '../../src/store/repositories/people.ts';
import { scopeTo, type TenantScope } from '../../src/store/tenant-scope.ts';
import type { TestApp } from '../helpers/test-app.ts';

export const LONDON_OFFICE = {
  name: 'London office',
  timezone: 'Europe/London',
  weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:30']]])),
  holidays: ['2026-12-25', '2026-12-28'],
};

/** A worker that runs only SLA timers, on a clock the test moves. */
/** Runs only this tenant's SLA jobs: other test files share the database and their timers are theirs. */
export function slaWorker(db: Db, clock: { now: Date }, tenantId: string): JobWorker {
  const worker = new JobWorker(db, { now: () => clock.now, tenantIds: [tenantId] });
  for (const [kind, handler] of Object.entries(slaJobHandlers)) worker.register(kind, handler);
  return worker;
}

export interface SlaEvent {
  kind: string;
  occurredAt: string;
  data: { metric: string; dueAt: string };
}

/** A tenant's desk as the SLA tests need it: its API, its administrator as an actor, and cases opened at a chosen time. */
export async function slaDesk(t: TestApp, tenant?: CreatedTenant) {
  const created = tenant ?? (await t.newTenant());
  const token = created.token;
  const scope: TenantScope = scopeTo(t.database.db, created.tenant.id);
  const admin = (await findUserByEmail(scope, created.admin.email))!;
  const actor: Actor = { scope, role: 'admin', userId: admin.id, label: `user:${admin.id}` };
  let customers = 0;

  const api = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const res = await t.call(token, {
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json();
  };

  /** Records a contact as happening at `at` (the API refuses contacts from the future; these tests live in 2035). */
  const contactAt = async (submission: Omit<ContactSubmission, 'occurredAt'>, at: Date, caseId?: string) => {
    const check = checkContactSubmission(submission, at);
    if (!check.ok) throw new Error(check.problems.join('; '));
    return recordContact(actor, check.contact, caseId, at);
  };

  /**
   * Opens a case through the API and moves its opening to `openedAt` (the API stamps cases with
   * the server's clock), then tracks its SLA as the case use cases do.
   */
  const openCase = async (openedAt: Date, priority = 'normal') => {
    customers++;
    const phone = `+4477008${String(10000 + customers).slice(-5)}`;
    const contact = await contactAt(
      { channel: 'phone', direction: 'inbound', customer: { phone }, text: 'No signal since Monday' },
      openedAt,
    );
    const c = (await api('POST', '/api/v1/cases', {
      customerId: contact.customerId,
      subject: 'No signal',
      priority,
      contactIds: [contact.id],
    })) as { id: string };
    await t.database.db.execute(
      sql`UPDATE cases SET created_at = ${openedAt}, updated_at = ${openedAt} WHERE id = ${c.id}`,
    );
    await t.database.db.execute(sql`UPDATE case_events SET occurred_at = ${openedAt} WHERE case_id = ${c.id}`);
    await trackCaseSla(scope, c.id, openedAt);
    return { id: c.id, phone };
  };

  /** An agent writes to the customer on the case at `at` (an outbound contact linked to it), and the SLA is tracked. */
  const reply = async (c: { id: string; phone: string }, at: Date) => {
    await contactAt(
      { channel: 'email', direction: 'outbound', customer: { phone: c.phone }, text: 'We are looking into it' },
      at,
      c.id,
    );
    await trackCaseSla(scope, c.id, at);
  };

  const setStatus = async (caseId: string, status: 'open' | 'pending' | 'solved' | 'closed', at: Date) => {
    await changeCase(actor, caseId, { status }, at);
    await trackCaseSla(scope, caseId, at);
  };

  const slaEvents = async (caseId: string): Promise<SlaEvent[]> =>
    ((await api('GET', `/api/v1/cases/${caseId}`)).events as SlaEvent[]).filter((e) => e.kind.startsWith('sla_'));

  return { tenant: created, token, scope, actor, api, openCase, reply, setStatus, slaEvents };
}
