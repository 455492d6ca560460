import type { RunningHearken } from './server.ts';

/** A person who signs in through the browser. */
export interface Person {
  id: string;
  name: string;
  email: string;
  password: string;
}

/** The organisation the story plays in: a team of two agents (the first leads it), their supervisor, and a customer with a portal login. */
export interface ServiceDesk {
  slug: string;
  team: { id: string; name: string };
  supervisor: Person;
  agent: Person;
  colleague: Person;
  customer: Person & { customerId: string };
}

/**
 * Sets the organisation up over the public API with the administrator's token, as an
 * administrator's script would: nothing is written to the store behind the server's back.
 */
export async function setUpServiceDesk(hearken: RunningHearken): Promise<ServiceDesk> {
  const call = adminClient(hearken);
  const slug = hearken.organisation.tenant.slug;
  const person = (name: string, login: string) => ({
    name,
    email: `${login}@${slug}.example`,
    password: `${login}-pass-2024`,
  });

  const { id: teamId, name: teamName } = await call<{ id: string; name: string }>('POST', '/teams', {
    name: 'Mobile support',
  });
  const team = { id: teamId, name: teamName };
  const supervisorDetails = { ...person('Sam Okafor', 'sam.okafor'), role: 'supervisor', teamId: team.id };
  const supervisor = { ...supervisorDetails, id: (await call<{ id: string }>('POST', '/users', supervisorDetails)).id };
  const addAgent = async (name: string, login: string): Promise<Person> => {
    const details = person(name, login);
    const created = await call<{ id: string }>('POST', '/users', {
      ...details,
      role: 'agent',
      teamId: team.id,
      supervisorId: supervisor.id,
    });
    return { ...details, id: created.id };
  };
  const agent = await addAgent('Ana Lima', 'ana.lima');
  const colleague = await addAgent('Ben Carter', 'ben.carter');
  // The lead answers for the team's unassigned cases, and only whoever answers for a case (or a
  // supervisor) may assign it: Ana leads the team so she can take what comes in.
  await call('PATCH', `/teams/${team.id}`, { leadUserId: agent.id });

  const customerDetails = person('Priya Natarajan', 'priya');
  const customer = await call<{ id: string }>('POST', '/customers', {
    name: customerDetails.name,
    emails: [customerDetails.email],
  });
  const login = await call<{ id: string }>('POST', '/users', {
    ...customerDetails,
    role: 'customer',
    customerId: customer.id,
  });
  // New conversations from the portal land unassigned in this team's queue.
  await call('PATCH', '/channels/settings', { intakeTeamId: team.id });

  return {
    slug,
    team,
    supervisor: { id: supervisor.id, name: supervisor.name, email: supervisor.email, password: supervisor.password },
    agent,
    colleague,
    customer: { ...customerDetails, id: login.id, customerId: customer.id },
  };
}

/** Calls the API as the organisation's administrator; any answer but 2xx fails the test with the server's words. */
export function adminClient(hearken: RunningHearken) {
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${hearken.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${hearken.organisation.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
