import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisWorker } from '../../src/jobs/analysis-worker.ts';
import { receiveMail } from '../../src/services/channels/email/receive-mail.ts';
import { postVisitorMessage, startVisitorSession } from '../../src/services/channels/chat/visitor-chat.ts';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../../src/services/channels/webhook-signature.ts';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import { contactCentre } from '../helpers/contact-centre.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { webhookSecret } from '../helpers/webhooks.ts';
import { readOperations, type Operation, type Schema } from './openapi-operations.ts';
import { HELEN_SAYS, verificationOrganisation } from '../verification/verification-kit.ts';

/**
 * Organisation B is filled with real data of every kind an API path names; then every
 * operation of the OpenAPI document whose path takes an id is called as organisation A's
 * administrator with B's real id of that kind, and a body that passes validation so the call
 * reaches the lookup. Every answer is 404, and B's data is as it was.
 *
 * The kind of a path parameter is read from the path segment before it (/cases/{id}: a case).
 * A new route whose segment is not in KIND_OF_SEGMENT, or whose kind B has no id of, fails
 * the test until it is added here.
 */

/** The path segment before a parameter, and the kind of id it takes. */
const KIND_OF_SEGMENT: Record<string, string> = {
  contacts: 'contact',
  customers: 'customer',
  duplicates: 'customer',
  'customer-merges': 'customerMerge',
  cases: 'case',
  'partner-cases': 'share',
  shares: 'share',
  problems: 'problem',
  callbacks: 'callback',
  teams: 'team',
  models: 'model',
  users: 'user',
  calendars: 'calendar',
  mailboxes: 'mailbox',
  attachments: 'attachment',
  quarantine: 'quarantine',
  feeds: 'feed',
  sessions: 'chatSession',
  tokens: 'token',
  verifications: 'verification',
  'record-corrections': 'recordCorrection',
};

/**
 * Path parameters that are not an organisation's record ids, with why they are not probed
 * with B's id for a 404. An entry that matches no operation fails the test.
 */
const NOT_AN_ID: Record<string, string> = {
  'GET /api/v1/partner-links/{token}':
    "the link token is itself an outside partner's credential on a public route: whoever holds it may read",
  'POST /api/v1/partner-links/{token}/messages':
    "the link token is itself an outside partner's credential on a public route: whoever holds it may answer",
  'GET /api/v1/channels/{slug}/chat': "B's public chat widget: anyone on the web may open a conversation with B",
  'GET /api/v1/workspace/queues/{key}': 'a queue name every organisation has (mine, team, …), not a record',
  'GET /api/v1/sla/policies/{priority}': 'a priority every organisation has a policy for, not a record',
  'PUT /api/v1/sla/policies/{priority}': 'a priority every organisation has a policy for, not a record',
  'DELETE /api/v1/sla/policies/{priority}': 'a priority every organisation has a policy for, not a record',
};

/**
 * Signed webhooks name the organisation in the path ({tenant}) and are authenticated by the
 * signature, not the bearer token: signed with A's secret and sent to B's address they are
 * refused 401 (the signature is not B's), which is the cross-organisation answer there.
 */
const SIGNED_WEBHOOK = /^POST \/api\/v1\/channels\/\{tenant\}\//;

/** Bodies for operations whose schema's required fields alone are not a valid request. */
const BODIES: Record<string, (ids: Ids) => unknown> = {
  'PATCH /api/v1/customers/{id}': () => ({ name: 'Probe' }),
  'PATCH /api/v1/cases/{id}': () => ({ subject: 'Probe' }),
  'PATCH /api/v1/problems/{id}': () => ({ title: 'Probe' }),
  'PATCH /api/v1/teams/{id}': () => ({ name: 'Probe' }),
  'PATCH /api/v1/users/{id}': () => ({ name: 'Probe' }),
  'POST /api/v1/contacts/{id}/labels': () => ({ topic: 'billing' }),
  'POST /api/v1/verifications/{id}/claims': () => HELEN_SAYS,
  'POST /api/v1/contacts/{id}/transcript': () => ({ vtt: 'WEBVTT\n\n00:00.000 --> 00:01.000\n<v Customer>Hello\n' }),
  'PUT /api/v1/sla/calendars/{id}': () => ({
    name: 'Probe hours',
    timezone: 'Europe/London',
    weeklyHours: { mon: [['09:00', '17:00']] },
  }),
  'POST /api/v1/channels/{tenant}/phone/events': () => ({
    callId: 'probe-call',
    event: 'ended',
    at: new Date().toISOString(),
    from: '+447700900123',
    to: '+441234567890',
  }),
};

/** Body fields holding an id, and the kind of id; others get a fresh random UUID. */
const KIND_OF_FIELD: Record<string, string> = {
  duplicateId: 'customer',
  customerId: 'customer',
  intoCaseId: 'case',
  caseId: 'case',
  caseIds: 'case',
  contactIds: 'contact',
  userId: 'user',
  ownerId: 'user',
  teamId: 'team',
};

type Ids = Record<string, string[]>;

let t: TestApp;
let a: CreatedTenant;
let b: CreatedTenant;
let aPortal: (options: InjectOptions) => Promise<LightMyRequestResponse>;
let aWebhookSecret: string;
let ids: Ids;
let bAdmin: string;
let closeSink: () => Promise<void>;
let operations: Operation[];
/** What B reads of its own data before the probe, to compare after. */
let before: Record<string, unknown>;

const ok = async (token: string, method: InjectOptions['method'], url: string, payload?: unknown) => {
  const res = await t.call(token, {
    method,
    url: `/api/v1${url}`,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
  return res.body ? res.json() : undefined;
};

/** A customer login of A's own, signed in with a session cookie: the portal is for customers. */
async function portalOfA(): Promise<(options: InjectOptions) => Promise<LightMyRequestResponse>> {
  const email = 'pat@a-portal.example';
  const contact = await postContact(t, a.token, { channel: 'phone', customer: { email, name: 'Pat' }, text: 'hi' });
  await ok(a.token, 'POST', '/users', {
    email,
    name: 'Pat',
    role: 'customer',
    customerId: contact.customerId,
    password: 'pat-portal-pass-1',
  });
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { tenant: a.tenant.slug, email, password: 'pat-portal-pass-1' },
  });
  if (signIn.statusCode !== 200) throw new Error(`portal login: ${signIn.body}`);
  const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return (options) => t.app.inject({ ...options, headers: { ...options.headers, cookie } });
}

/** Organisation B with at least one real id of every kind a path takes. */
async function populateB(): Promise<Ids> {
  const org = await verificationOrganisation(t);
  b = org.tenant;
  bAdmin = org.admin;
  closeSink = org.sink.close;
  const centre = await contactCentre({ ...t, newTenant: async () => org.tenant });
  const scope = scopeTo(t.database.db, b.tenant.id);

  const opened = await centre.openCase(centre.alice);
  const contact = await postContact(t, bAdmin, {
    channel: 'email',
    customer: { email: 'bea@b-customers.example', name: 'Bea Brown' },
    subject: 'Invoice twice',
    text: 'I was charged twice for my invoice this month',
  });
  const caseWithContact = await ok(centre.alice.token, 'POST', '/cases', {
    customerId: contact.customerId,
    subject: 'Charged twice',
    contactIds: [contact.id],
  });
  const problem = await ok(bAdmin, 'POST', '/problems', { title: 'Billing run doubled invoices' });
  await ok(bAdmin, 'POST', `/problems/${problem.id}/cases`, { caseIds: [caseWithContact.id] });
  const hour = 3600_000;
  const callback = await ok(bAdmin, 'POST', `/cases/${opened.id}/callbacks`, {
    windowStart: new Date(Date.now() + hour).toISOString(),
    windowEnd: new Date(Date.now() + 3 * hour).toISOString(),
  });

  // Shares: with a partner organisation C, and with an outside party by link.
  const partner = await t.newTenant();
  const share = await ok(centre.alice.token, 'POST', `/cases/${opened.id}/shares`, {
    partnerTenant: partner.tenant.slug,
    note: 'Please check the handset firmware',
  });
  const outside = await ok(centre.alice.token, 'POST', `/cases/${caseWithContact.id}/shares`, {
    partnerName: 'Billing Bureau',
    partnerEmail: 'help@bureau.example',
    note: 'Please check the doubled run',
  });

  // Customers to merge (the merge is then undone by nobody: A's undo must find nothing).
  const twinA = await postContact(t, bAdmin, {
    channel: 'sms',
    customer: { phone: '+447700900555', name: 'Twin One' },
    text: 'hello',
  });
  const twinB = await postContact(t, bAdmin, {
    channel: 'email',
    customer: { email: 'twin@b-customers.example', name: 'Twin One' },
    text: 'hello again',
  });
  const merge = await ok(bAdmin, 'POST', `/customers/${twinA.customerId}/merge`, { duplicateId: twinB.customerId });

  const calendar = await ok(bAdmin, 'POST', '/sla/calendars', {
    name: 'Office hours',
    timezone: 'Europe/London',
    weeklyHours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] },
  });
  const mailbox = 'help@b-probe.example';
  await ok(bAdmin, 'POST', '/channels/mailboxes', { address: mailbox });
  const feed = await ok(bAdmin, 'POST', '/channels/feeds', { url: 'http://127.0.0.1:9/feed.atom', channel: 'social' });
  const token = await ok(bAdmin, 'POST', '/tokens', { name: 'B integration', role: 'agent' });
  const invited = await ok(bAdmin, 'POST', '/users/invitations', {
    email: 'newbie@b-staff.example',
    name: 'Newbie',
    role: 'agent',
  });

  // A topic model: three labelled contacts for each of two topics.
  const texts = {
    billing: ['My bill is wrong', 'Charged twice on my invoice', 'Refund the extra charge on my bill'],
    roaming: ['Roaming does not work in Spain', 'No data abroad in France', 'Roaming pass not applied in Italy'],
  };
  const toLabel: [string, string][] = [];
  for (const [topic, examples] of Object.entries(texts)) {
    for (const text of examples) {
      const phone = `+4477009006${String(toLabel.length).padStart(2, '0')}`;
      toLabel.push([(await postContact(t, bAdmin, { channel: 'sms', customer: { phone }, text })).id, topic]);
    }
  }
  // Labels are taken from the analysed (redacted) copies: the analysis runs first.
  await new AnalysisWorker(t.database.db, { tenantIds: [b.tenant.id] }).drain();
  for (const [contactId, topic] of toLabel) await ok(bAdmin, 'POST', `/contacts/${contactId}/labels`, { topic });
  const model = (await ok(bAdmin, 'POST', '/analysis/models', { name: 'topics' })).model;

  // Verification: Helen says 30 Orchard Row, the record says 10; a code passes; a correction opens.
  const session = await ok(org.agent, 'POST', `/customers/${org.helenId}/verifications`, { channel: 'phone' });
  await ok(org.agent, 'POST', `/verifications/${session.id}/claims`, HELEN_SAYS);
  await ok(org.agent, 'POST', `/verifications/${session.id}/step-up`, {});
  const { correctionId } = await ok(org.agent, 'POST', `/verifications/${session.id}/code`, { code: org.lastCode() });
  const openSession = await ok(org.agent, 'POST', `/customers/${org.helenId}/verifications`, { channel: 'phone' });

  // A web chat, as the widget's socket would start it.
  const { session: chat } = startVisitorSession({
    name: 'Vera Visitor',
    email: 'vera@b-customers.example',
    phone: null,
  });
  await postVisitorMessage(scope, chat, { clientId: 'c-1', text: 'Hello from the widget' });

  // Mail: one with an attachment, and one unreadable that is quarantined.
  const recipient = [{ address: `${b.tenant.slug}@mail.example`, tenantId: b.tenant.id, slug: b.tenant.slug }];
  const mail = [
    'From: Bea Brown <bea@b-customers.example>',
    `To: ${b.tenant.slug}@mail.example`,
    'Subject: The invoice',
    'Message-ID: <probe-attachment@b-customers.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The invoice is attached.',
    '--b1',
    'Content-Type: application/pdf; name="invoice.pdf"',
    'Content-Disposition: attachment; filename="invoice.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    'JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK',
    '--b1--',
    '',
  ].join('\r\n');
  const [stored] = await receiveMail(t.database.db, Buffer.from(mail), recipient, { runtime: t.app.channels });
  if (stored?.status !== 'stored') throw new Error(`mail: ${JSON.stringify(stored)}`);
  const attachments = (await ok(bAdmin, 'GET', `/contacts/${stored.contactId}/attachments`)).items as { id: string }[];
  const garbage = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37 + 11) % 256));
  const [held] = await receiveMail(t.database.db, garbage, recipient, { runtime: t.app.channels });
  if (held?.status !== 'quarantined') throw new Error(`quarantine: ${JSON.stringify(held)}`);

  return {
    contact: [contact.id, stored.contactId],
    customer: [contact.customerId, opened.customerId, org.helenId],
    customerMerge: [merge.id],
    case: [caseWithContact.id, opened.id],
    share: [share.id, outside.id],
    problem: [problem.id],
    callback: [callback.id],
    team: [centre.teams.front],
    model: [model.id],
    user: [centre.alice.id, invited.user.id],
    calendar: [calendar.id],
    mailbox: [mailbox],
    attachment: attachments.map((x) => x.id),
    quarantine: [held.quarantineId],
    feed: [feed.id],
    chatSession: [chat.sessionId],
    token: [token.id],
    verification: [openSession.id, session.id],
    recordCorrection: [correctionId],
  };
}

/** B's view of its own data; after the probe it must read the same. */
async function snapshotOfB(): Promise<Record<string, unknown>> {
  const urls = [
    ...ids.case!.flatMap((id) => [`/cases/${id}`, `/cases/${id}/shares`, `/cases/${id}/transfers`]),
    ...ids.customer!.flatMap((id) => [`/customers/${id}`, `/customers/${id}/timeline`]),
    `/customers/${ids.customer![2]}/verification`,
    `/problems/${ids.problem![0]}`,
    `/sla/calendars/${ids.calendar![0]}`,
    `/verifications/${ids.verification![0]}`,
    `/record-corrections/${ids.recordCorrection![0]}`,
    `/chat/sessions/${ids.chatSession![0]}`,
    `/shares/${ids.share![0]}/messages`,
    `/contacts/${ids.contact![0]}/labels`,
    `/contacts/${ids.contact![1]}/attachments`,
    '/users',
    '/teams',
    '/tokens',
    '/analysis/models',
    '/channels/mailboxes',
    '/channels/feeds',
    '/channels/quarantine',
    '/callbacks',
    '/problems',
  ];
  const seen: Record<string, unknown> = {};
  for (const url of urls) seen[url] = withoutClockFields(await ok(bAdmin, 'GET', url));
  return seen;
}

/** Drops what moves with the clock or with B's own reads, not with changes to B's data. */
function withoutClockFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutClockFields);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !['lastUsedAt', 'minutesLeft', 'remainingMinutes', 'overdue', 'ageMinutes'].includes(k))
      .map(([k, v]) => [k, withoutClockFields(v)]),
  );
}

/** A small valid value for a schema: required fields only, ids of B's kinds where a field names one. */
function minimal(schema: Schema | undefined, field = ''): unknown {
  if (!schema) return {};
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return minimal(options.find((o) => o.type !== 'null') ?? options[0], field);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') return ids[KIND_OF_FIELD[field] ?? '']?.[0] ?? randomUUID();
      if (schema.format === 'date-time') {
        const hours = /end/i.test(field) ? 3 : 1;
        return new Date(Date.now() + hours * 3600_000).toISOString();
      }
      if (schema.format === 'date') return '1986-07-14';
      if (schema.format === 'email') return 'probe@example.com';
      if (schema.pattern === '^[0-9]{6}$') return '123456';
      if (schema.pattern === '^[0-9]{4,8}$') return '2468';
      if (schema.pattern?.startsWith('^([01][0-9]')) return '09:00';
      return 'Probe text'.padEnd(schema.minLength ?? 0, 'x');
    }
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array': {
      const kind = KIND_OF_FIELD[field];
      if (kind && ids[kind]) return [ids[kind]![0]];
      return Array.from({ length: schema.minItems ?? 0 }, () => minimal(schema.items, field));
    }
    default: {
      const required = schema.required ?? [];
      return Object.fromEntries(
        required
          .filter((name) => schema.properties?.[name])
          .map((name) => [name, minimal(schema.properties![name], name)]),
      );
    }
  }
}

beforeAll(async () => {
  t = await startTestApp();
  a = await t.newTenant();
  aWebhookSecret = await webhookSecret(t, a.token);
  aPortal = await portalOfA();
  ids = await populateB();
  operations = await readOperations(t);
  before = await snapshotOfB();
}, 180_000);
afterAll(async () => {
  await closeSink?.();
  await t?.close();
});

describe("organisation A calling with organisation B's real ids", () => {
  it(
    'answers 404 on every operation whose path takes an id, and changes nothing of B',
    { timeout: 120_000 },
    async () => {
      const withParams = operations.filter((op) => op.path.includes('{'));
      expect(withParams.length).toBeGreaterThan(60);
      const keys = new Set(operations.map((op) => op.key));
      expect(
        Object.keys(NOT_AN_ID).filter((k) => !keys.has(k)),
        'NOT_AN_ID entries that match no operation',
      ).toEqual([]);
      expect(
        Object.keys(BODIES).filter((k) => !keys.has(k)),
        'BODIES entries that match no operation',
      ).toEqual([]);

      const failures: string[] = [];
      let probed = 0;
      for (const op of withParams) {
        if (NOT_AN_ID[op.key]) continue;
        const params = [...op.path.matchAll(/([^/]+)\/\{([^}]+)\}/g)].map((m) => ({ segment: m[1]!, name: m[2]! }));
        let url = op.path;
        let missing = false;
        // Two parameters of one kind (a customer and its duplicate) get two different ids.
        const used: Record<string, number> = {};
        for (const { segment, name } of params) {
          const kind = KIND_OF_SEGMENT[segment] ?? '';
          const nth = (used[kind] = (used[kind] ?? -1) + 1);
          const value = name === 'tenant' ? b.tenant.slug : ids[kind]?.[nth];
          if (value === undefined) {
            failures.push(
              `${op.key}: {${name}} after "${segment}" has no kind of id in KIND_OF_SEGMENT, or B has none of its kind: add it`,
            );
            missing = true;
            break;
          }
          url = url.replace(`{${name}}`, encodeURIComponent(value));
        }
        if (missing) continue;
        const takesBody = ['POST', 'PUT', 'PATCH'].includes(op.method) || op.body !== undefined;
        const body = BODIES[op.key]?.(ids) ?? (takesBody ? minimal(op.body) : undefined);
        const request: InjectOptions = {
          method: op.method as InjectOptions['method'],
          url,
          ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
        };
        probed++;

        if (SIGNED_WEBHOOK.test(op.key)) {
          // Signed with A's secret, sent to B's address: not B's signature.
          const raw = JSON.stringify(body ?? {});
          const res = await t.app.inject({
            ...request,
            payload: raw,
            headers: {
              'content-type': 'application/json',
              [WEBHOOK_SIGNATURE_HEADER]: signWebhook(aWebhookSecret, raw, Math.floor(Date.now() / 1000)),
            },
          });
          if (res.statusCode !== 401) failures.push(`${op.key} → ${url}: ${res.statusCode} (want 401) ${res.body}`);
          continue;
        }

        const res = url.startsWith('/api/v1/portal/') ? await aPortal(request) : await t.call(a.token, request);
        if (res.statusCode !== 404) {
          failures.push(
            `${op.key} → ${url} ${JSON.stringify(body) ?? ''}: ${res.statusCode} ${res.body.slice(0, 400)}`,
          );
          continue;
        }
        const error = res.json().error as { code: string; message: string };
        if (error?.code !== 'not_found' || typeof error.message !== 'string')
          failures.push(`${op.key}: 404 without the error shape: ${res.body}`);
        // A 404 for want of a route would prove nothing: the call must have reached the lookup.
        else if (error.message.startsWith('No route')) failures.push(`${op.key} → ${url}: ${error.message}`);
        // And the same read as B finds it: the id is real, and of the kind the path takes.
        if (op.method === 'GET' && !url.startsWith('/api/v1/portal/')) {
          const own = await t.call(bAdmin, { method: 'GET', url });
          if (own.statusCode !== 200) failures.push(`${op.key} → ${url} as B itself: ${own.statusCode} ${own.body}`);
        }
      }
      console.log(`cross-tenant probe: ${probed} operations called with B's ids`);
      expect(failures, failures.join('\n')).toEqual([]);

      // B's data is as it was.
      expect(await snapshotOfB()).toEqual(before);
    },
  );
});
