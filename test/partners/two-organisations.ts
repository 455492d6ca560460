import { randomUUID } from 'node:crypto';
import { createTenant } from '../../src/services/tenants/create-tenant.ts';
import { contactCentre, type Person } from '../helpers/contact-centre.ts';
import type { TestApp } from '../helpers/test-app.ts';

export type Centre = Awaited<ReturnType<typeof contactCentre>>;

/** A contact centre in a fresh tenant with a name of its own (the shared helper names every tenant alike). */
export function namedCentre(t: TestApp, name: string): Promise<Centre> {
  return contactCentre({
    ...t,
    newTenant: () =>
      createTenant(t.database.db, {
        slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 6)}`,
        name,
      }),
  });
}

/** The two organisations of seed 003: a mobile operator and the laptop maker it shares cases with. */
export async function twoOrganisations(t: TestApp) {
  const operator = await namedCentre(t, 'Hearken Mobile');
  const laptopMaker = await namedCentre(t, 'Laptop Co');

  const call = async (
    token: string | undefined,
    method: 'GET' | 'POST',
    url: string,
    payload?: Record<string, unknown>,
  ) => {
    const res = await t.call(token, { method, url, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() };
  };

  /** Operator's alice shares a fresh case of hers with the laptop maker. */
  const shareWithLaptopMaker = async (extra: Record<string, unknown> = {}) => {
    const c = await operator.openCase(operator.alice);
    const shared = await call(operator.alice.token, 'POST', `/api/v1/cases/${c.id}/shares`, {
      partnerTenant: laptopMaker.tenant.tenant.slug,
      note: 'Customer activated broadband on the carrier side; the laptop still reports no connectivity after entering the MSID.',
      ...extra,
    });
    if (shared.status !== 201) throw new Error(`share: ${shared.status} ${JSON.stringify(shared.body)}`);
    return { caseId: c.id, customerId: c.customerId, shareId: shared.body.id as string, share: shared.body };
  };

  /** The laptop maker's `who` accepts; returns the id of the laptop maker's own case. */
  const accept = async (shareId: string, who: Person = laptopMaker.dev) => {
    const res = await call(who.token, 'POST', `/api/v1/partner-cases/${shareId}/accept`);
    if (res.status !== 200) throw new Error(`accept: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.caseId as string;
  };

  const post = (who: Person, shareId: string, text: string, handOff = false) =>
    call(who.token, 'POST', `/api/v1/shares/${shareId}/messages`, { text, handOff });
  const thread = (who: Person, shareId: string) => call(who.token, 'GET', `/api/v1/shares/${shareId}/messages`);

  return { operator, laptopMaker, call, shareWithLaptopMaker, accept, post, thread };
}
