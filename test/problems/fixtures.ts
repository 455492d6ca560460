import { expect } from 'vitest';
import { postContact, type ContactBody, type TestApp } from '../helpers/test-app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Calls made in one tenant with its admin token, answering parsed JSON and checking the status. */
export function apiAs(t: TestApp, token: string) {
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    status?: number,
  ): Promise<Json> => {
    const res = await t.call(token, {
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    if (status !== undefined) expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res.json();
  };
  return {
    get: (url: string, status = 200) => call('GET', url, undefined, status),
    post: (url: string, payload?: unknown, status?: number) => call('POST', url, payload, status),
    patch: (url: string, payload: unknown, status?: number) => call('PATCH', url, payload, status),
    delete: (url: string, status?: number) => call('DELETE', url, undefined, status),
    /** A customer's inbound contact and a case opened about it. */
    async caseFor(
      contact: Omit<ContactBody, 'text'> & { text?: string },
      subject = 'No data since the network upgrade',
    ) {
      const stored = await postContact(t, token, { text: 'My mobile data stopped working this morning', ...contact });
      const opened = await call(
        'POST',
        '/api/v1/cases',
        { customerId: stored.customerId, subject, contactIds: [stored.id] },
        201,
      );
      return { id: opened.id as string, customerId: stored.customerId, contactId: stored.id };
    },
    async problem(title = 'APN settings lost after network upgrade', extra: Record<string, unknown> = {}) {
      return call('POST', '/api/v1/problems', { title, ...extra }, 201);
    },
  };
}

let counter = 0;
/** Identities nobody else in the test database has. */
export function unique(prefix: string) {
  counter++;
  const n = `${Date.now() % 1_000_000}${counter}`.padStart(7, '0').slice(-7);
  return { email: `${prefix}${n}@customer.example`, phone: `+44 7700 9${n.slice(-5)}` };
}
